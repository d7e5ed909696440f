using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.Assessments;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.ServiceDirectory;
using OneToOne.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OneToOne.Tests.ServiceDirectory;

/// <summary>Not a test: the import and search measurements for bench/README.md, run only when
/// O2O_DIRECTORY_BENCH=1 (they take a minute and print figures; nothing is asserted about time).</summary>
public abstract class DirectoryMeasurements(OneToOneApp app, ITestOutputHelper output)
{
    [Fact]
    public async Task Measure_import_of_20000_services_and_search_for_a_concern_and_locality()
    {
        if (Environment.GetEnvironmentVariable("O2O_DIRECTORY_BENCH") != "1")
        {
            return;
        }

        var org = app.World.Org("A");
        foreach (var (half, seed) in new[] { ("a", 1), ("b", 2) })
        {
            var json = HsdsGenerator.Generate(10_000, seed, "gen" + half);
            var parseWatch = Stopwatch.StartNew();
            _ = HsdsParser.Parse(json);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{app.Provider}: parsing 10,000 services alone took {parseWatch.ElapsedMilliseconds} ms"));
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActFor(org);
            var import = scope.ServiceProvider.GetRequiredService<HsdsImport>();
            var watch = Stopwatch.StartNew();
            var report = await import.ImportAsync(json, CancellationToken.None);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{app.Provider}: import of 10,000 services ({json.Length / 1024 / 1024} MB) took {watch.ElapsedMilliseconds} ms: {report.Created} created, {report.Updated} updated, {report.Skipped} skipped"));
        }

        // Re-import the first half: every service is an update.
        {
            var json = HsdsGenerator.Generate(10_000, 1, "gena");
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActFor(org);
            var watch = Stopwatch.StartNew();
            var report = await scope.ServiceProvider.GetRequiredService<HsdsImport>().ImportAsync(json, CancellationToken.None);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{app.Provider}: re-import (upsert) of 10,000 services took {watch.ElapsedMilliseconds} ms: {report.Updated} updated"));
        }

        var random = new Random(7);
        var items = ConcernCatalogue.Items.Where(i => !i.RedFlag).ToList();
        string[] areas = ["LS", "BD", "M", "B", "SW", "EH", "CF", "BT", "NE", "S"];
        var times = new List<double>();
        var totals = new List<int>();
        for (var i = 0; i < 520; i++)
        {
            var concern = items[random.Next(items.Count)].Code;
            var district = areas[random.Next(areas.Length)] + random.Next(1, 31).ToString(CultureInfo.InvariantCulture);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OneToOneDb>();
            var watch = Stopwatch.StartNew();
            var page = await DirectorySearch.SearchAsync(db, concern, district, 1, CancellationToken.None);
            watch.Stop();
            if (i >= 20)
            {
                // The first 20 warm up EF's query cache and the database's.
                times.Add(watch.Elapsed.TotalMilliseconds);
                totals.Add(page!.Total);
            }
        }

        times.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{app.Provider}: search over 20,000 services, 500 queries: p50 {times[times.Count / 2]:0.0} ms, p95 {times[(int)(times.Count * 0.95)]:0.0} ms, max {times[^1]:0.0} ms; matches per query: mean {totals.Average():0}, max {totals.Max()}"));
    }
}

public sealed class DirectoryMeasurementsOnSqlite(SqliteApp app, ITestOutputHelper output) : DirectoryMeasurements(app, output), IClassFixture<SqliteApp>;

public sealed class DirectoryMeasurementsOnPostgres(PostgresApp app, ITestOutputHelper output) : DirectoryMeasurements(app, output), IClassFixture<PostgresApp>;
