using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OneToOne.Notifications;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Background;
using OneToOne.Referrals;
using OneToOne.Tests.Infrastructure;
using OneToOne.Worklists;
using OneToOne.Worklists.Jobs;

namespace OneToOne.Tests.Worklists;

/// <summary>The breach pass and the scheduler's leases: a missed deadline goes up to the team lead once, however
/// many passes or nodes; two runners never hold one lease; the reconciliation backfills and never duplicates.</summary>
public abstract partial class BreachAndLeaseTests(WorklistsApp app)
{
    private Guid OrgA => app.World.Org("A");

    private Guid Lead => Work.StaffOf(app, Roles.TeamLead);

    private JobRunner Runner => app.Services.GetRequiredService<JobRunner>();

    /// <summary>A second runner, as on another node: its own in-process gate, the same database.</summary>
    private JobRunner OtherNode() => new(app.Services.GetRequiredService<IServiceScopeFactory>(), app.Services.GetRequiredService<JobLeases>(), app.Clock,
        NullLogger<JobRunner>.Instance);

    private Task<List<OutboxMessage>> BreachMessagesAsync(string org) =>
        app.WithDbAsync(app.World.Org(org), db => db.Set<OutboxMessage>().Where(m => m.Subject == "Work past its deadline in your team").AsNoTracking().ToListAsync());

    [GeneratedRegex("^(\\d+) piece", RegexOptions.CultureInvariant)]
    private static partial Regex CountInBody();

    private static int Announced(IEnumerable<OutboxMessage> messages) =>
        messages.Sum(m => int.Parse(CountInBody().Match(m.Body).Groups[1].Value, CultureInfo.InvariantCulture));

    [Fact]
    public async Task The_breach_pass_escalates_an_overdue_task_to_the_team_lead_once_and_tells_them_once()
    {
        app.Clock.Now = WorkClock.Start;
        var person = await Work.PersonAsync(app);
        var referral = await Work.ReferralAsync(app, person.Id, ReferralStatus.Received, triageDue: new DateOnly(2027, 1, 4));
        var before = await BreachMessagesAsync("A");

        var first = await Runner.RunOnceAsync(BreachPass.JobName);
        var second = await Runner.RunOnceAsync(BreachPass.JobName);

        var task = await Work.TaskAsync(app, WorkTaskKind.Triage, referral.Id);
        Assert.Equal(WorkClock.Start, task.BreachedAt);
        Assert.Equal(Lead, task.EscalatedToStaffId);
        Assert.True(first.Succeeded);
        Assert.Contains("breached", first.Summary, StringComparison.Ordinal);
        Assert.Equal("nothing to do", second.Summary);
        var messages = (await BreachMessagesAsync("A")).ExceptBy(before.Select(m => m.Id), m => m.Id).ToList();
        var message = Assert.Single(messages);
        Assert.Equal(app.World.Account("A", Roles.TeamLead).Email, message.To);
        Assert.DoesNotContain(person.FamilyName, message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_clock_passes_a_deadline_the_breach_shows_for_the_team_lead_with_owner_and_how_late()
    {
        app.Clock.Now = WorkClock.Start;
        var person = await Work.PersonAsync(app);
        var worker = Work.StaffOf(app, Roles.SupportWorker);
        var referral = await Work.ReferralAsync(app, person.Id, ReferralStatus.Allocated, keyWorker: worker);
        await Runner.RunOnceAsync(BreachPass.JobName);
        Assert.Null((await Work.TaskAsync(app, WorkTaskKind.FirstContact, referral.Id)).BreachedAt);

        // First contact was due by the end of Wednesday 20 January; on Friday 22nd it is two days late.
        app.Clock.Now = new DateTimeOffset(2027, 1, 22, 9, 0, 0, TimeSpan.Zero);
        await Runner.RunOnceAsync(BreachPass.JobName);

        var task = await Work.TaskAsync(app, WorkTaskKind.FirstContact, referral.Id);
        Assert.Equal(app.Clock.Now, task.BreachedAt);
        Assert.Equal(Lead, task.EscalatedToStaffId);
        var lead = await app.SignInAsync("A", Roles.TeamLead);
        var page = await lead.GetPageAsync("/team/breaches");
        var row = page.QuerySelector($"#breaches tr[data-task-id='{task.Id}']");
        Assert.NotNull(row);
        Assert.Contains("SupportWorker A", row.QuerySelector(".owner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2 days late", row.QuerySelector(".late strong")!.TextContent.Trim());
        Assert.Contains(person.FamilyName, row.TextContent, StringComparison.Ordinal);
        var api = await lead.GetFromJsonAsync<JsonElement>("/api/v1/team/breaches");
        Assert.Contains(api.GetProperty("breaches").EnumerateArray(), b => b.GetProperty("id").GetGuid() == task.Id && b.GetProperty("owner").GetString() == "SupportWorker A");
        await app.WithDbAsync(OrgA, async db =>
            Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "team.breaches.view" && a.EntityId == Lead.ToString())));
    }

    [Fact]
    public async Task A_new_deadline_is_judged_afresh_and_finished_work_leaves_the_breaches()
    {
        app.Clock.Now = WorkClock.Start;
        var person = await Work.PersonAsync(app);
        var referral = await Work.ReferralAsync(app, person.Id, ReferralStatus.Received, triageDue: new DateOnly(2027, 1, 5));
        await Runner.RunOnceAsync(BreachPass.JobName);
        Assert.NotNull((await Work.TaskAsync(app, WorkTaskKind.Triage, referral.Id)).BreachedAt);

        await app.WithDbAsync(OrgA, async db =>
        {
            (await db.Referrals.SingleAsync(r => r.Id == referral.Id)).TriageDueOn = new DateOnly(2027, 1, 8);
            await db.SaveChangesAsync();
        });
        var retimed = await Work.TaskAsync(app, WorkTaskKind.Triage, referral.Id);
        Assert.Null(retimed.BreachedAt);
        Assert.Null(retimed.EscalatedToStaffId);
        Assert.Equal(WorkTaskRules.EndOfUkDay(new DateOnly(2027, 1, 8)), retimed.DueAt);

        app.Clock.Now = new DateTimeOffset(2027, 1, 11, 9, 0, 0, TimeSpan.Zero);
        await Runner.RunOnceAsync(BreachPass.JobName);
        var lead = await app.SignInAsync("A", Roles.TeamLead);
        Assert.NotNull((await lead.GetPageAsync("/team/breaches")).QuerySelector($"tr[data-task-id='{retimed.Id}']"));

        await app.WithDbAsync(OrgA, async db =>
        {
            var r = await db.Referrals.SingleAsync(x => x.Id == referral.Id);
            r.Status = ReferralStatus.Declined;
            await db.SaveChangesAsync();
        });
        Assert.Null((await lead.GetPageAsync("/team/breaches")).QuerySelector($"tr[data-task-id='{retimed.Id}']"));
    }

    [Fact]
    public async Task Two_breach_passes_at_once_escalate_each_task_once_and_announce_each_breach_once()
    {
        app.Clock.Now = WorkClock.Start;
        var referrals = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            var person = await Work.PersonAsync(app, i % 2 == 0 ? "A" : "B");
            referrals.Add((await Work.ReferralAsync(app, person.Id, ReferralStatus.Received, i % 2 == 0 ? "A" : "B", triageDue: new DateOnly(2027, 1, 1))).Id);
        }

        var before = (await BreachMessagesAsync("A")).Concat(await BreachMessagesAsync("B")).Select(m => m.Id).ToHashSet();
        var breachedBefore = await CountBreachedAsync();

        var results = await Task.WhenAll(Runner.RunOnceAsync(BreachPass.JobName), OtherNode().RunOnceAsync(BreachPass.JobName));

        Assert.All(results, r => Assert.True(r.Succeeded));
        var breachedAfter = await CountBreachedAsync();
        var announced = Announced((await BreachMessagesAsync("A")).Concat(await BreachMessagesAsync("B")).Where(m => !before.Contains(m.Id)));
        Assert.Equal(breachedAfter - breachedBefore, announced);
        foreach (var org in new[] { "A", "B" })
        {
            var tasks = await app.WithDbAsync(app.World.Org(org), db =>
                db.Set<WorkTask>().Where(t => referrals.Contains(t.SourceId)).AsNoTracking().ToListAsync());
            Assert.Equal(6, tasks.Count);
            Assert.All(tasks, t => Assert.Equal(WorkClock.Start, t.BreachedAt));
            Assert.All(tasks, t => Assert.Equal(app.World.Account(org, Roles.TeamLead).StaffId, t.EscalatedToStaffId));
        }
    }

    private async Task<int> CountBreachedAsync()
    {
        var total = 0;
        foreach (var org in new[] { "A", "B" })
        {
            total += await app.WithDbAsync(app.World.Org(org), db => db.Set<WorkTask>().CountAsync(t => t.BreachedAt != null && t.EscalatedToStaffId != null));
        }

        return total;
    }

    [Fact]
    public async Task Two_runners_never_hold_a_lease_at_once_and_only_one_runs_the_pass()
    {
        app.Clock.Now = WorkClock.Start;
        var leases = app.Services.GetRequiredService<JobLeases>();
        for (var round = 0; round < 8; round++)
        {
            var name = "test.race." + Guid.NewGuid().ToString("N")[..8];
            var won = await Task.WhenAll(
                leases.TryAcquireAsync(name, "node-1", TimeSpan.FromMinutes(2), null, default),
                leases.TryAcquireAsync(name, "node-2", TimeSpan.FromMinutes(2), null, default),
                leases.TryAcquireAsync(name, "node-3", TimeSpan.FromMinutes(2), null, default));
            Assert.Equal(1, won.Count(w => w));
        }

        app.Probe.Reset();
        var runs = await Task.WhenAll(
            Runner.RunLeasedAsync(ProbeJob.JobName, "node-1", TimeSpan.FromMinutes(2)),
            OtherNode().RunLeasedAsync(ProbeJob.JobName, "node-2", TimeSpan.FromMinutes(2)));

        Assert.Equal(1, runs.Count(r => r.Ran));
        Assert.Equal(1, app.Probe.Runs);
        Assert.Equal(1, app.Probe.MaxConcurrent);
    }

    [Fact]
    public async Task A_held_lease_is_refused_until_it_expires_or_is_released_and_a_lost_lease_cannot_be_renewed()
    {
        app.Clock.Now = WorkClock.Start;
        var leases = app.Services.GetRequiredService<JobLeases>();
        var name = "test.lease." + Guid.NewGuid().ToString("N")[..8];
        var two = TimeSpan.FromMinutes(2);

        Assert.True(await leases.TryAcquireAsync(name, "node-1", two, null, default));
        Assert.True(await leases.TryAcquireAsync(name, "node-1", two, null, default)); // the holder may take it again
        Assert.False(await leases.TryAcquireAsync(name, "node-2", two, null, default));

        app.Clock.Now = WorkClock.Start.AddMinutes(3);
        Assert.True(await leases.TryAcquireAsync(name, "node-2", two, null, default));
        Assert.False(await leases.RenewAsync(name, "node-1", two, default));
        Assert.True(await leases.RenewAsync(name, "node-2", two, default));

        await leases.ReleaseAsync(name, "node-2", default);
        Assert.True(await leases.TryAcquireAsync(name, "node-1", two, null, default));
    }

    [Fact]
    public async Task A_pass_is_not_run_again_before_its_interval_even_by_another_node_and_each_run_is_recorded()
    {
        // Later than any other test's clock: the probe's last start (from any test) is before it.
        app.Clock.Now = WorkClock.Start.AddYears(2);
        app.Probe.Reset();
        var first = await Runner.RunLeasedAsync(ProbeJob.JobName, "node-1", TimeSpan.FromMinutes(2), app.Clock.Now.AddSeconds(-1));
        var again = await OtherNode().RunLeasedAsync(ProbeJob.JobName, "node-2", TimeSpan.FromMinutes(2), app.Clock.Now.AddSeconds(-1));

        Assert.True(first.Ran);
        Assert.False(again.Ran);
        Assert.Equal(1, app.Probe.Runs);
        var state = (await app.Services.GetRequiredService<JobLeases>().AllAsync(default)).Single(l => l.Name == ProbeJob.JobName);
        Assert.Equal("Succeeded", state.LastOutcome);
        Assert.Equal(app.Clock.Now, state.LastStartedAt);
        Assert.Equal("node-1", state.LastHolder);
        Assert.Null(state.Holder); // released after the pass

        app.Clock.Now = app.Clock.Now.AddSeconds(2);
        Assert.True((await OtherNode().RunLeasedAsync(ProbeJob.JobName, "node-2", TimeSpan.FromMinutes(2), app.Clock.Now.AddSeconds(-1))).Ran);
    }

    [Fact]
    public async Task The_reconciliation_backfills_missing_tasks_closes_finished_ones_and_two_passes_at_once_create_each_task_once()
    {
        app.Clock.Now = WorkClock.Start;
        var person = await Work.PersonAsync(app);
        var other = await Work.PersonAsync(app);
        var stalePerson = await Work.PersonAsync(app);
        var worker = Work.StaffOf(app, Roles.SupportWorker);
        var stale = await Work.ReferralAsync(app, stalePerson.Id, ReferralStatus.Received);
        // Written as seeding and bulk loads write: acting for no organisation, so no interceptor work.
        var (received, allocated) = await app.WithDbAsync(null, async db =>
        {
            Referral New(Guid personId, ReferralStatus status, Guid? keyWorker) => new()
            {
                OrganisationId = OrgA, PersonId = personId, ReferrerName = "Seed", Reason = "Seeded", Channel = "csv", ReceivedOn = new DateOnly(2027, 1, 4),
                TriageDueOn = new DateOnly(2027, 1, 11), Status = status, KeyWorkerId = keyWorker, AllocatedAt = keyWorker is null ? null : WorkClock.Start,
                Level = keyWorker is null ? null : PathwayLevel.SupportedSelfManagement, CreatedAt = WorkClock.Start,
            };
            var r = New(person.Id, ReferralStatus.Received, null);
            var a = New(other.Id, ReferralStatus.Allocated, worker);
            db.Referrals.AddRange(r, a);
            (await db.Referrals.IgnoreQueryFilters().SingleAsync(x => x.Id == stale.Id)).Status = ReferralStatus.Accepted;
            await db.SaveChangesAsync();
            return (r.Id, a.Id);
        });
        Assert.Empty(await Work.TasksAsync(app, received));
        Assert.Equal(WorkTaskStatus.Open, (await Work.TaskAsync(app, WorkTaskKind.Triage, stale.Id)).Status);

        var results = await Task.WhenAll(Runner.RunOnceAsync(Reconciliation.JobName), OtherNode().RunOnceAsync(Reconciliation.JobName));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Summary));
        Assert.Single(await Work.TasksAsync(app, received));
        Assert.Equal(WorkTaskStatus.Open, (await Work.TaskAsync(app, WorkTaskKind.Triage, received)).Status);
        var backfilled = await Work.TasksAsync(app, allocated);
        Assert.Equal([WorkTaskKind.FirstContact, WorkTaskKind.AssessmentReview, WorkTaskKind.AssessmentReview, WorkTaskKind.AssessmentReview],
            backfilled.Select(t => t.Kind).Order());
        Assert.Equal(WorkTaskStatus.Done, (await Work.TaskAsync(app, WorkTaskKind.Triage, stale.Id)).Status);

        var third = await Runner.RunOnceAsync(Reconciliation.JobName);
        Assert.DoesNotContain("created", third.Summary, StringComparison.Ordinal);
        Assert.Equal(4, (await Work.TasksAsync(app, allocated)).Count);
    }

    [Fact]
    public async Task A_failing_pass_is_recorded_as_failed_and_a_direct_run_rethrows()
    {
        app.Clock.Now = WorkClock.Start;
        var leased = await Runner.RunLeasedAsync(FailingJob.JobName, "node-1", TimeSpan.FromMinutes(2));
        Assert.True(leased.Ran);
        Assert.False(leased.Succeeded);
        var state = (await app.Services.GetRequiredService<JobLeases>().AllAsync(default)).Single(l => l.Name == FailingJob.JobName);
        Assert.Equal("Failed", state.LastOutcome);
        Assert.Contains("InvalidOperationException", state.LastSummary, StringComparison.Ordinal);
        Assert.Null(state.Holder);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Runner.RunOnceAsync(FailingJob.JobName));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Runner.RunOnceAsync("no.such.job"));
    }

    [Fact]
    public async Task The_jobs_command_runs_a_pass_and_prints_its_elapsed_time()
    {
        app.Clock.Now = WorkClock.Start.AddDays(60);
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        await using var scope = app.Services.CreateAsyncScope();

        var code = await JobCommands.RunAsync(scope.ServiceProvider, ["jobs", "run", ProbeJob.JobName], output);
        var unknown = await JobCommands.RunAsync(scope.ServiceProvider, ["jobs", "run", "no.such.job"], output);
        var list = await JobCommands.RunAsync(scope.ServiceProvider, ["jobs", "list"], output);

        Assert.Equal(0, code);
        Assert.Equal(2, unknown);
        Assert.Equal(0, list);
        Assert.Matches(@"test\.probe: succeeded in \d+\.\d{3} s \(\d+ ms\)", output.ToString());
        Assert.Contains(BreachPass.JobName, output.ToString(), StringComparison.Ordinal);
        Assert.Contains(Reconciliation.JobName, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_sees_the_background_jobs_and_can_run_a_pass_now_and_others_cannot()
    {
        app.Clock.Now = WorkClock.Start.AddDays(90);
        var admin = await app.SignInAsync("A", Roles.Administrator);
        var page = await admin.GetPageAsync("/admin/jobs");
        Assert.NotNull(page.QuerySelector($"#jobs tr[data-job='{BreachPass.JobName}']"));
        Assert.NotNull(page.QuerySelector($"#jobs tr[data-job='{Reconciliation.JobName}']"));
        Assert.Contains("off on this server", page.QuerySelector("#scheduler-state")!.TextContent, StringComparison.Ordinal);

        // A real pass, acting in each organisation in turn: system work, though started from a signed-in request.
        var run = await admin.SubmitFormAsync("/admin/jobs", new() { ["name"] = BreachPass.JobName }, formSelector: $"tr[data-job='{BreachPass.JobName}'] form");
        Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
        var after = await admin.GetPageAsync("/admin/jobs");
        Assert.Contains($"{BreachPass.JobName} ran in", after.QuerySelector(".nhsuk-notification-banner")?.TextContent ?? after.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Succeeded", after.QuerySelector($"tr[data-job='{BreachPass.JobName}'] .outcome")!.TextContent, StringComparison.Ordinal);
        await app.WithDbAsync(OrgA, async db => Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "job.run-now" && a.Detail == BreachPass.JobName)));

        var lead = await app.SignInAsync("A", Roles.TeamLead);
        Assert.NotEqual(HttpStatusCode.OK, (await lead.GetAsync("/admin/jobs")).StatusCode);
    }
}

public sealed class BreachAndLeaseOnSqlite(WorklistsSqliteApp app) : BreachAndLeaseTests(app), IClassFixture<WorklistsSqliteApp>;

public sealed class BreachAndLeaseOnPostgres(WorklistsPostgresApp app) : BreachAndLeaseTests(app), IClassFixture<WorklistsPostgresApp>;
