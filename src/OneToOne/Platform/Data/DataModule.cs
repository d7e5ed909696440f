using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using OneToOne.Platform.Auth;

namespace OneToOne.Platform.Data;

internal sealed class DatabaseOptions
{
    public const string Section = "Database";
    /// <summary>Sqlite (default, embedded) or Postgres.</summary>
    public string Provider { get; set; } = "Sqlite";
    /// <summary>Apply migrations and seed demo data when the app starts (the run command); off in production.</summary>
    public bool MigrateOnStartup { get; set; }
    public bool SeedDemoData { get; set; }
    /// <summary>SQLite in WAL mode: Normal (default: commits do not wait for the disk; see SqliteConnectionSettings) or Full.</summary>
    public string SqliteSynchronous { get; set; } = "Normal";

    public bool IsPostgres => string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase);
}

internal static class DataModule
{
    public static IServiceCollection AddOneToOneData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment env)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
        var connectionString = configuration.GetConnectionString("OneToOne");
        if (options.IsPostgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Database:Provider is Postgres: set ConnectionStrings:OneToOne.");
            }

            connectionString = PostgresConnectionString(connectionString);
        }
        else
        {
            connectionString = SqliteConnectionString(connectionString, env.ContentRootPath);
            SqliteConnectionSettings.UseMultiThreadMode();
        }

        services.AddHttpContextAccessor();
        services.AddScoped(sp => new CurrentUser(sp.GetRequiredService<IHttpContextAccessor>()));
        services.AddDbContext<OneToOneDb>((sp, o) =>
        {
            if (options.IsPostgres)
            {
                o.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly("OneToOne.Migrations.Postgres"));
            }
            else
            {
                o.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly("OneToOne.Migrations.Sqlite"));
                o.AddInterceptors(new SqliteConnectionSettings(options.SqliteSynchronous));
            }

            o.ReplaceService<IMigrationsAssembly, MarkerMigrationsAssembly>();

            // Modules add their own save-time behaviour (e.g. keeping work tasks in step) as interceptors.
            o.AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>());
        });
        return services;
    }

    /// <summary>
    /// Turns on Npgsql's automatic preparation unless the connection string says otherwise: every page runs the same few
    /// dozen statements, and preparing them halved PostgreSQL's CPU per request in bench/ (bench/README.md).
    /// </summary>
    internal static string PostgresConnectionString(string configured)
    {
        // NpgsqlConnectionStringBuilder.ContainsKey answers for any keyword it knows, so read what was actually written.
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured }.Keys
            .Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(configured);
        if (!written.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 200;
        }

        if (!written.Contains("AutoPrepareMinUsages"))
        {
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    /// <summary>Defaults to data/onetoone.db under the working directory, and makes the folder.</summary>
    private static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? "Data Source=data/onetoone.db" : configured);
        if (builder.DataSource != ":memory:" && !builder.DataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            var path = Path.GetFullPath(builder.DataSource, Directory.GetCurrentDirectory());
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }

        _ = contentRoot;
        // Writers wait for each other rather than fail at once.
        builder.DefaultTimeout = 30;
        builder.Pooling = true;
        return builder.ToString();
    }
}
