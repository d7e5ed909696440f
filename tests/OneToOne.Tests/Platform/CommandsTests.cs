using Microsoft.EntityFrameworkCore;
using OneToOne.Platform;
using OneToOne.Platform.Audit;
using OneToOne.ServiceDirectory;
using OneToOne.Tests.Infrastructure;

namespace OneToOne.Tests.Platform;

/// <summary>The command-line verbs the benchmark uses: `hsds-sample` writes a synthetic Open Referral UK file and
/// `import-hsds` imports one through the admin upload's code.</summary>
public abstract class CommandsTests(OneToOneApp app)
{
    private async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Commands.RunAsync(app.Services, args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_generated_sample_imports_for_an_organisation_then_imports_again_as_updates()
    {
        var file = Path.Combine(Path.GetTempPath(), "o2o-hsds-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            var written = await RunAsync("hsds-sample", file, "--services", "60");
            Assert.Equal(0, written.Code);
            var org = app.World.Organisations["A"];

            var first = await RunAsync("import-hsds", file, "--organisation", org.OdsCode);
            var again = await RunAsync("import-hsds", file, "--organisation", org.OdsCode);

            Assert.Equal(0, first.Code);
            Assert.Contains("IMPORT seconds=", first.Out, StringComparison.Ordinal);
            Assert.Contains("records=60 created=60 updated=0 skipped=0", first.Out, StringComparison.Ordinal);
            Assert.Contains("records=60 created=0 updated=60 skipped=0", again.Out, StringComparison.Ordinal);
            var services = await app.WithDbAsync(null, db => db.Set<DirectoryService>().AsNoTracking().Include(s => s.Categories).Include(s => s.Areas)
                .Where(s => s.ExternalId!.StartsWith(Commands.SampleIdPrefix + "-")).ToListAsync());
            Assert.Equal(60, services.Count);
            Assert.All(services, s =>
            {
                Assert.Equal(org.Id, s.AddedByOrganisationId);
                Assert.NotEmpty(s.Categories);
                Assert.NotEmpty(s.Areas);
                Assert.Equal(s.Nationwide, s.Areas.Any(a => a.District == DirectoryServiceArea.NationwideKey));
            });
            // Referral kinds come through as referral services, the rest as signpost only.
            Assert.Contains(services, s => s.HowToUse == HowToUse.Referral);
            Assert.Contains(services, s => s.HowToUse == HowToUse.SignpostOnly);
            var audits = await app.WithDbAsync(org.Id, db => db.AuditEvents.Where(e => e.Action == "directory.import").Select(e => e.Detail).ToListAsync());
            Assert.Contains("60 records; 60 created; 0 updated; 0 skipped", audits);
            Assert.Contains("60 records; 0 created; 60 updated; 0 skipped", audits);
            Assert.Empty(await app.WithDbAsync(null, db => AuditChain.VerifyAsync(db, CancellationToken.None)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Import_refuses_a_missing_file_an_unknown_organisation_and_a_file_that_is_not_hsds()
    {
        var missing = await RunAsync("import-hsds", "/nonexistent/o2o.json");
        Assert.Equal(2, missing.Code);
        Assert.Contains("No such file", missing.Error, StringComparison.Ordinal);

        var file = Path.Combine(Path.GetTempPath(), "o2o-hsds-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            await File.WriteAllTextAsync(file, "hello");
            var unknown = await RunAsync("import-hsds", file, "--organisation", "NOPE1");
            Assert.Equal(2, unknown.Code);
            Assert.Contains("No organisation has the ODS code NOPE1", unknown.Error, StringComparison.Ordinal);

            var bad = await RunAsync("import-hsds", file);
            Assert.Equal(1, bad.Code);
            Assert.Contains("could not be imported", bad.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_unknown_verb_prints_the_usage()
    {
        var result = await RunAsync("frobnicate");
        Assert.Equal(2, result.Code);
        Assert.Contains("import-hsds FILE", result.Error, StringComparison.Ordinal);
    }
}

public sealed class CommandsOnSqlite(SqliteApp app) : CommandsTests(app), IClassFixture<SqliteApp>;

public sealed class CommandsOnPostgres(PostgresApp app) : CommandsTests(app), IClassFixture<PostgresApp>;
