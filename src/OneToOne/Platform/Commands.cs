using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Seeding;
using OneToOne.ServiceDirectory;

namespace OneToOne.Platform;

/// <summary>The command-line verbs: `migrate`, `seed [--people N] [--history N] [--services N] [--evaluation]`, `audit verify`,
/// `import-hsds FILE [--organisation ODS]`, `hsds-sample FILE [--services N]`, `jobs list|run NAME` and `evaluate`
/// (Evaluation/Engine/EvaluateCommand.cs).</summary>
internal static class Commands
{
    private const string Usage = "Usage: migrate | seed [--people N] [--history N] [--services N] [--evaluation] | audit verify | import-hsds FILE [--organisation ODS] | hsds-sample FILE [--services N] | jobs list | jobs run NAME | evaluate --from DATE --to DATE --format json|csv | evaluate --dataset DIR --format json|csv [--effect INSTRUMENT]";

    /// <summary>The synthetic directory `seed` adds unless told otherwise: the size the issue's search target is set at.</summary>
    public const int DefaultSeedServices = 20_000;

    /// <summary>The ids of `hsds-sample`'s services ("synthetic-hsds-000001"...), so a benchmark can remove them afterwards.</summary>
    public const string SampleIdPrefix = "synthetic-hsds";

    private static readonly string[] Verbs = ["migrate", "seed", "audit", "import-hsds", "hsds-sample", "jobs", "evaluate"];

    public static bool IsCommand(string? arg) => arg is not null && Verbs.Contains(arg, StringComparer.Ordinal);

    public static Task<int> RunAsync(WebApplication app, string[] args) => RunAsync(app.Services, args, Console.Out, Console.Error);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter console, TextWriter error)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneToOneDb>();
        switch (args)
        {
            case ["migrate", ..]:
                await db.Database.MigrateAsync();
                await ReferenceData.EnsureAsync(db, CancellationToken.None);
                await console.WriteLineAsync("Migrations applied.");
                return 0;
            case ["seed", .. var rest]:
                await db.Database.MigrateAsync();
                var people = ReadInt(rest, "--people") ?? 2000;
                var report = await DemoData.SeedAsync(scope.ServiceProvider, people, console, CancellationToken.None,
                    historyPeople: ReadInt(rest, "--history"), directoryServices: ReadInt(rest, "--services") ?? DefaultSeedServices,
                    evaluationActivity: rest.Contains("--evaluation", StringComparer.Ordinal) ? true : null);
                await console.WriteLineAsync(report);
                return 0;
            case ["import-hsds", var file, .. var rest]:
                return await ImportHsdsAsync(scope.ServiceProvider, db, file, ReadString(rest, "--organisation"), console, error);
            case ["hsds-sample", var file, .. var rest]:
                var sample = ReadInt(rest, "--services") ?? 10_000;
                await using (var stream = File.Create(file))
                {
                    SyntheticDirectory.WriteHsds(stream, sample, seed: 7, idPrefix: SampleIdPrefix);
                }

                await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Wrote {sample:N0} synthetic services as Open Referral UK JSON to {file} ({new FileInfo(file).Length / 1024:N0} KB)."));
                return 0;
            case ["audit", "verify", ..]:
                var breaks = await AuditChain.VerifyAsync(db, CancellationToken.None);
                foreach (var b in breaks)
                {
                    await error.WriteLineAsync("BROKEN: " + b);
                }

                var count = await db.AuditEvents.IgnoreQueryFilters().LongCountAsync();
                await console.WriteLineAsync(breaks.Count == 0
                    ? string.Create(CultureInfo.InvariantCulture, $"Audit trail intact: {count} events checked.")
                    : string.Create(CultureInfo.InvariantCulture, $"Audit trail BROKEN: {breaks.Count} problem(s) in {count} events."));
                return breaks.Count == 0 ? 0 : 1;
            case ["evaluate", .. var rest]:
                return await Evaluation.Engine.EvaluateCommand.RunAsync(scope.ServiceProvider, rest, console, error);
            case ["jobs", ..]:
                return await Background.JobCommands.RunAsync(scope.ServiceProvider, args, console);
            default:
                await error.WriteLineAsync(Usage);
                return 2;
        }
    }

    /// <summary>The admin upload page's import (<see cref="HsdsImport"/>), from a file. With an organisation's ODS code it acts
    /// for that organisation, as an administrator there would (the services record who added them, and the import is audited);
    /// without one it acts for the programme. Prints the validation report and the time the import took.</summary>
    private static async Task<int> ImportHsdsAsync(IServiceProvider services, OneToOneDb db, string file, string? ods, TextWriter console, TextWriter error)
    {
        if (!File.Exists(file))
        {
            await error.WriteLineAsync("No such file: " + file);
            return 2;
        }

        if (ods is not null)
        {
            var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.OdsCode == ods);
            if (organisation is null)
            {
                await error.WriteLineAsync("No organisation has the ODS code " + ods);
                return 2;
            }

            services.GetRequiredService<CurrentUser>().ActFor(organisation.Id);
        }

        var import = services.GetRequiredService<HsdsImport>();
        var clock = Stopwatch.StartNew();
        HsdsImportReport report;
        await using (var stream = File.OpenRead(file))
        {
            report = await import.ImportAsync(stream, stream.Length, CancellationToken.None);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        if (report.FileError is not null)
        {
            await error.WriteLineAsync("The file could not be imported: " + report.FileError);
            return 1;
        }

        foreach (var problem in report.Problems.Take(20))
        {
            await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  skipped record {problem.Index} ({problem.Id ?? "no id"}): {problem.Reason}"));
        }

        await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Imported {report.Records:N0} records: {report.Created:N0} created, {report.Updated:N0} updated, {report.Skipped:N0} skipped, {report.Warnings.Count:N0} warnings."));
        // One machine-readable line for bench/run.sh.
        await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"IMPORT seconds={seconds:F2} records={report.Records} created={report.Created} updated={report.Updated} skipped={report.Skipped} per_second={(seconds > 0 ? (report.Created + report.Updated) / seconds : 0):F0}"));
        return 0;
    }

    private static string? ReadString(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int? ReadInt(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}
