using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Platform.Background.Pages;

/// <summary>Background jobs: each job's interval, last pass (when, how long, outcome, counts), who holds its lease,
/// and a button to run a pass now. Jobs are installation-wide (a pass covers every organisation), so the page
/// shows counts only, never records.</summary>
[Authorize(Policy = Policies.Admin)]
internal sealed class JobsModel(JobRunner runner, JobLeases leases, SchedulerNode node, SchedulerOptions options, IHostEnvironment env,
    IHostApplicationLifetime lifetime, AuditTrail audit, OneToOneDb db, TimeProvider clock) : PageModel
{
    /// <summary>How long "Run now" waits for the pass before answering; a longer pass carries on in the background.</summary>
    internal static readonly TimeSpan WaitForRun = TimeSpan.FromSeconds(10);

    public sealed record Row(string Name, TimeSpan Interval, JobLease? State, bool Held);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public bool SchedulerOn { get; private set; }

    public string NodeId => node.Id;

    public async Task OnGetAsync(CancellationToken ct)
    {
        SchedulerOn = options.IsEnabled(env);
        var state = (await leases.AllAsync(ct)).ToDictionary(l => l.Name, StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        Rows = (await runner.JobsAsync())
            .Select(j => state.GetValueOrDefault(j.Name) is { } s
                ? new Row(j.Name, j.Interval, s, s.Holder is not null && s.LeaseUntil > now)
                : new Row(j.Name, j.Interval, null, false))
            .ToList();
    }

    public async Task<IActionResult> OnPostRunAsync(string? name, CancellationToken ct)
    {
        if (name is null || !(await runner.NamesAsync()).Contains(name, StringComparer.Ordinal))
        {
            return NotFound();
        }

        audit.Record("job.run-now", "ScheduledJob", Guid.Empty, null, name);
        await db.SaveChangesAsync(ct);

        // Not tied to this request: a long pass goes on after the page has answered. Nor to its execution context:
        // the pass is system work, and would otherwise see this request's signed-in user (HttpContextAccessor flows).
        Task<JobRunResult> run;
        using (ExecutionContext.SuppressFlow())
        {
            run = Task.Run(() => runner.RunLeasedAsync(name, node.Id + "/admin", node.LeaseFor, null, lifetime.ApplicationStopping), CancellationToken.None);
        }

        try
        {
            var result = await run.WaitAsync(WaitForRun, ct);
            TempData["Success"] = !result.Ran
                ? $"{name} did not run: {result.Summary}."
                : string.Create(CultureInfo.InvariantCulture,
                    $"{name} {(result.Succeeded ? "ran" : "failed")} in {Describe(result.Elapsed)}: {result.Summary}.");
        }
        catch (TimeoutException)
        {
            TempData["Success"] = $"{name} is running. Refresh this page to see when it has finished.";
        }

        return RedirectToPage();
    }

    public static string Describe(TimeSpan t) =>
        t.TotalSeconds < 1 ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds:0} ms")
        : t.TotalMinutes < 2 ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.#} seconds")
        : t.TotalHours < 2 ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalMinutes:0} minutes")
        : string.Create(CultureInfo.InvariantCulture, $"{t.TotalHours:0.#} hours");

    public static string Every(TimeSpan t) =>
        t.TotalMinutes < 1 ? string.Create(CultureInfo.InvariantCulture, $"Every {t.TotalSeconds:0} seconds")
        : t.TotalHours < 1 ? string.Create(CultureInfo.InvariantCulture, $"Every {t.TotalMinutes:0} minute{(t.TotalMinutes == 1 ? "" : "s")}")
        : t.TotalDays < 1 ? string.Create(CultureInfo.InvariantCulture, $"Every {t.TotalHours:0.#} hour{(t.TotalHours == 1 ? "" : "s")}")
        : string.Create(CultureInfo.InvariantCulture, $"Every {t.TotalDays:0.#} day{(t.TotalDays == 1 ? "" : "s")}");
}
