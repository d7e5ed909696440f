using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Data;
using OneToOne.Platform.Seeding;

namespace OneToOne.Platform;

/// <summary>The command-line verbs: `migrate`, `seed [--people N]`, `audit verify`, `jobs list|run NAME`.</summary>
internal static class Commands
{
    private static readonly string[] Verbs = ["migrate", "seed", "audit", "jobs"];

    public static bool IsCommand(string? arg) => arg is not null && Verbs.Contains(arg, StringComparer.Ordinal);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneToOneDb>();
        var console = Console.Out;
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
                var report = await DemoData.SeedAsync(scope.ServiceProvider, people, console, CancellationToken.None);
                await console.WriteLineAsync(report);
                return 0;
            case ["audit", "verify", ..]:
                var breaks = await AuditChain.VerifyAsync(db, CancellationToken.None);
                foreach (var b in breaks)
                {
                    await Console.Error.WriteLineAsync("BROKEN: " + b);
                }

                var count = await db.AuditEvents.IgnoreQueryFilters().LongCountAsync();
                await console.WriteLineAsync(breaks.Count == 0
                    ? string.Create(CultureInfo.InvariantCulture, $"Audit trail intact: {count} events checked.")
                    : string.Create(CultureInfo.InvariantCulture, $"Audit trail BROKEN: {breaks.Count} problem(s) in {count} events."));
                return breaks.Count == 0 ? 0 : 1;
            case ["jobs", ..]:
                return await Background.JobCommands.RunAsync(scope.ServiceProvider, args, console);
            default:
                await Console.Error.WriteLineAsync("Usage: migrate | seed [--people N] | audit verify | jobs list | jobs run NAME");
                return 2;
        }
    }

    private static int? ReadInt(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}
