using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Tests.Infrastructure;

public enum Provider
{
    Sqlite,
    Postgres,
}

/// <summary>The real app on a real database of its own (a temp SQLite file, or a new PostgreSQL database),
/// migrated by the app itself and holding a small <see cref="TestWorld"/>.</summary>
public class OneToOneApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _connectionString;
    private readonly string? _sqliteFile;
    private readonly Dictionary<string, string?> _settings;

    public OneToOneApp(Provider provider, IDictionary<string, string?>? settings = null)
    {
        Provider = provider;
        if (provider == Provider.Sqlite)
        {
            _sqliteFile = Path.Combine(Path.GetTempPath(), "o2o-test-" + Guid.NewGuid().ToString("N") + ".db");
            _connectionString = "Data Source=" + _sqliteFile;
        }
        else
        {
            _connectionString = PostgresServer.NewDatabaseConnectionString();
        }

        _settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:OneToOne"] = _connectionString,
            ["Database:MigrateOnStartup"] = "true",
            ["Database:SeedDemoData"] = "false",
            ["Security:SignInAttemptsPerMinute"] = "100000",
            ["PatientAccess:AttemptsPerMinutePerIp"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            _settings[k] = v;
        }
    }

    public Provider Provider { get; }

    public TestWorld World { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public async Task InitializeAsync()
    {
        Start(); // migrations run on startup
        World = await TestWorld.CreateAsync(Services);
    }

    /// <summary>Starts the in-memory test server; browser tests start a real socket instead.</summary>
    protected virtual void Start() => _ = Server;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                File.Delete(f);
            }
        }
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests can see them.</summary>
    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the real sign-in form (and the authenticator step for administrators).</summary>
    public async Task<HttpClient> SignInAsync(TestAccount account)
    {
        var client = NewClient();
        var response = await client.SubmitFormAsync("/account/sign-in", new() { ["Input.Email"] = account.Email, ["Input.Password"] = TestWorld.Password });
        if (response.Headers.Location?.OriginalString.StartsWith("/account/two-factor", StringComparison.Ordinal) == true)
        {
            response = await client.SubmitFormAsync(response.Headers.Location.OriginalString, new() { ["Code"] = account.CurrentTotp() });
        }

        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {account.Email} failed: {(int)response.StatusCode}");
        }

        return client;
    }

    public Task<HttpClient> SignInAsync(string organisation, string role) => SignInAsync(World.Account(organisation, role));

    /// <summary>A client with an API bearer token for the organisation.</summary>
    public HttpClient ApiClient(string organisation)
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", World.ApiToken(organisation));
        return client;
    }

    /// <summary>A database context acting for an organisation, for arranging and checking data.</summary>
    public async Task<T> WithDbAsync<T>(Guid? organisationId, Func<OneToOneDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        var user = scope.ServiceProvider.GetRequiredService<CurrentUser>();
        if (organisationId is { } org)
        {
            user.ActFor(org);
        }

        return await work(scope.ServiceProvider.GetRequiredService<OneToOneDb>());
    }

    public Task WithDbAsync(Guid? organisationId, Func<OneToOneDb, Task> work) =>
        WithDbAsync<bool>(organisationId, async db =>
        {
            await work(db);
            return true;
        });
}

public sealed class SqliteApp() : OneToOneApp(Provider.Sqlite);

public sealed class PostgresApp() : OneToOneApp(Provider.Postgres);
