using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Tests.Infrastructure;

namespace OneToOne.Tests.Platform;

public abstract class AuditTests(OneToOneApp app)
{
    private async Task RecordAsync(string organisation, int count)
    {
        await app.WithDbAsync(app.World.Org(organisation), async db =>
        {
            for (var i = 0; i < count; i++)
            {
                db.AuditEvents.Add(new AuditEvent
                {
                    OrganisationId = app.World.Org(organisation), OccurredAt = AuditEvent.Truncate(DateTimeOffset.UtcNow),
                    UserName = "test", Role = Roles.SupportWorker, Action = "test.event", EntityType = "Test", EntityId = Guid.NewGuid().ToString(),
                });
            }

            await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task Events_get_consecutive_sequences_and_link_to_the_one_before()
    {
        await RecordAsync("A", 3);
        await RecordAsync("A", 2);
        var events = await app.WithDbAsync(app.World.Org("A"), db => db.AuditEvents.OrderBy(e => e.Sequence).ToListAsync());
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(AuditEvent.GenesisHash, events[0].PreviousHash);
        for (var i = 1; i < events.Count; i++)
        {
            Assert.Equal(events[i - 1].Hash, events[i].PreviousHash);
        }
    }

    [Fact]
    public async Task Concurrent_writers_never_share_a_sequence_number()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => RecordAsync("B", 3)));
        var sequences = await app.WithDbAsync(app.World.Org("B"), db => db.AuditEvents.Select(e => e.Sequence).ToListAsync());
        Assert.Equal(sequences.Count, sequences.Distinct().Count());
        Assert.Empty(await app.WithDbAsync(null, db => AuditChain.VerifyAsync(db, CancellationToken.None)));
    }

    [Fact]
    public async Task Verification_finds_an_edited_event()
    {
        await RecordAsync("A", 2);
        Assert.Empty(await app.WithDbAsync(null, db => AuditChain.VerifyAsync(db, CancellationToken.None)));
        var target = await app.WithDbAsync(app.World.Org("A"), db => db.AuditEvents.OrderBy(e => e.Sequence).Select(e => e.Id).FirstAsync());
        await app.WithDbAsync(null, db => db.Database.ExecuteSqlAsync($"UPDATE \"AuditEvents\" SET \"Detail\" = 'rewritten' WHERE \"Id\" = {target}"));
        var breaks = await app.WithDbAsync(null, db => AuditChain.VerifyAsync(db, CancellationToken.None));
        Assert.Contains(breaks, b => b.Contains("was altered", StringComparison.Ordinal));

        // Put it back so other tests in this class see an intact chain.
        await app.WithDbAsync(null, db => db.Database.ExecuteSqlAsync($"UPDATE \"AuditEvents\" SET \"Detail\" = NULL WHERE \"Id\" = {target}"));
        Assert.Empty(await app.WithDbAsync(null, db => AuditChain.VerifyAsync(db, CancellationToken.None)));
    }
}

public sealed class AuditOnSqlite(SqliteApp app) : AuditTests(app), IClassFixture<SqliteApp>;

public sealed class AuditOnPostgres(PostgresApp app) : AuditTests(app), IClassFixture<PostgresApp>;

/// <summary>The command-line verbs, run as a real process against a real database.</summary>
public sealed class CommandTests
{
    private static async Task<(int ExitCode, string Output)> RunAsync(string connection, string provider, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "OneToOne.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["Database__Provider"] = provider;
        start.Environment["ConnectionStrings__OneToOne"] = connection;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output + error);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Migrate_then_seed_then_audit_verify_succeed_and_a_tampered_trail_fails_verification(string provider)
    {
        var file = Path.Combine(Path.GetTempPath(), "o2o-cli-" + Guid.NewGuid().ToString("N") + ".db");
        var connection = provider == "Sqlite" ? "Data Source=" + file : PostgresServer.NewDatabaseConnectionString();
        try
        {
            var migrate = await RunAsync(connection, provider, "migrate");
            Assert.True(migrate.ExitCode == 0, migrate.Output);
            Assert.Contains("Migrations applied", migrate.Output, StringComparison.Ordinal);

            var seed = await RunAsync(connection, provider, "seed", "--people", "300");
            Assert.True(seed.ExitCode == 0, seed.Output);

            var verify = await RunAsync(connection, provider, "audit", "verify");
            Assert.True(verify.ExitCode == 0, verify.Output);
            Assert.Contains("Audit trail intact", verify.Output, StringComparison.Ordinal);

            await using (var app = new OneToOneApp(provider == "Sqlite" ? Provider.Sqlite : Provider.Postgres,
                new Dictionary<string, string?> { ["ConnectionStrings:OneToOne"] = connection, ["Database:MigrateOnStartup"] = "false" }))
            {
                var organisation = await app.WithDbAsync(null, db => db.Organisations.Select(o => o.Id).FirstAsync());
                await app.WithDbAsync(organisation, async db =>
                {
                    for (var i = 0; i < 3; i++)
                    {
                        db.AuditEvents.Add(new AuditEvent
                        {
                            OrganisationId = organisation, OccurredAt = AuditEvent.Truncate(DateTimeOffset.UtcNow), UserName = "test",
                            Role = "System", Action = "test.event", EntityType = "Test", EntityId = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        });
                    }

                    await db.SaveChangesAsync();
                });
                var intact = await RunAsync(connection, provider, "audit", "verify");
                Assert.True(intact.ExitCode == 0, intact.Output);

                // Removing an event from the middle of the chain is tampering.
                await app.WithDbAsync(null, db => db.Database.ExecuteSqlAsync(
                    $"DELETE FROM \"AuditEvents\" WHERE \"OrganisationId\" = {organisation} AND \"EntityId\" = '1'"));
            }

            var broken = await RunAsync(connection, provider, "audit", "verify");
            Assert.Equal(1, broken.ExitCode);
            Assert.Contains("BROKEN", broken.Output, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
