using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Data;
using OneToOne.Platform.Seeding;

namespace OneToOne.Platform;

internal static class Startup
{
    /// <summary>For the run command: apply migrations and, on an empty database, seed the demo data.
    /// Production runs `migrate` as its own step and leaves both switches off.</summary>
    public static async Task PrepareDatabaseAsync(WebApplication app)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        if (!options.MigrateOnStartup && !options.SeedDemoData)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneToOneDb>();
        if (options.MigrateOnStartup)
        {
            await db.Database.MigrateAsync();
            await ReferenceData.EnsureAsync(db, CancellationToken.None);
        }

        if (options.SeedDemoData && !await db.Organisations.AnyAsync())
        {
            var demoPeople = app.Configuration.GetValue("Demo:People", 1600);
            var report = await DemoData.SeedAsync(scope.ServiceProvider, demoPeople, Console.Out, CancellationToken.None);
            await Console.Out.WriteLineAsync(report);
        }

        if (options.SeedDemoData)
        {
            // Outcome and experience questionnaires, escalations and staff time, so an evaluator's dashboards are filled (idempotent).
            await Evaluation.Live.DemoEvaluationSeed.EnsureAsync(app.Services, CancellationToken.None);
        }

        if (options.SeedDemoData)
        {
            await Console.Out.WriteLineAsync(DemoData.SignInHelp(app.Configuration));
        }
    }
}
