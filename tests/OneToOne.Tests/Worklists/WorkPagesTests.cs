using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.Contacts;
using OneToOne.Platform.Auth;
using OneToOne.Referrals;
using OneToOne.Tests.Infrastructure;
using OneToOne.Worklists;

namespace OneToOne.Tests.Worklists;

/// <summary>My work, the team's breaches and the safety report, as pages and API, for the roles that use them.</summary>
public abstract class WorkPagesTests(WorklistsApp app)
{
    private Guid OrgA => app.World.Org("A");

    /// <summary>A task for someone, through the shared service other modules use.</summary>
    private Task<WorkTask> TaskAsync(WorkTaskKind kind, DateTimeOffset dueAt, Guid? personId, Guid? staffId = null, Guid? teamId = null, string org = "A") =>
        app.WithDbAsync(app.World.Org(org), async db =>
        {
            var task = await new WorkTasks(db, app.Clock).EnsureAsync(
                new WorkTaskSpec(kind, Guid.CreateVersion7(), "Answer the request for help", "/help/x", dueAt, personId, staffId, teamId), default);
            await db.SaveChangesAsync();
            return task;
        });

    [Fact]
    public async Task My_work_groups_my_tasks_into_overdue_due_today_and_upcoming_links_each_to_its_work_and_is_audited()
    {
        app.Clock.Now = WorkClock.Start;
        var me = Work.StaffOf(app, Roles.SupportWorker);
        var person = await Work.PersonAsync(app);
        var overdue = await TaskAsync(WorkTaskKind.HelpRequest, WorkClock.Start.AddHours(-3), person.Id, me);
        var today = await TaskAsync(WorkTaskKind.HelpRequest, WorkClock.Start.AddHours(5), person.Id, me);
        var soon = await TaskAsync(WorkTaskKind.HelpRequest, WorkClock.Start.AddDays(5), person.Id, me);
        var later = await TaskAsync(WorkTaskKind.HelpRequest, WorkClock.Start.AddDays(40), person.Id, me);
        var someoneElses = await TaskAsync(WorkTaskKind.HelpRequest, WorkClock.Start.AddHours(-3), person.Id, app.World.ExtraWorkers["A"][0].Id);
        var client = await app.SignInAsync("A", Roles.SupportWorker);

        var page = await client.GetPageAsync("/my-work");

        Assert.Equal("My work", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector($"#mine-overdue tr[data-task-id='{overdue.Id}']"));
        Assert.NotNull(page.QuerySelector($"#mine-duetoday tr[data-task-id='{today.Id}']"));
        Assert.NotNull(page.QuerySelector($"#mine-upcoming tr[data-task-id='{soon.Id}']"));
        Assert.Null(page.QuerySelector($"tr[data-task-id='{later.Id}']"));
        Assert.Null(page.QuerySelector($"tr[data-task-id='{someoneElses.Id}']"));
        Assert.Contains("more due after the next 14 days", page.QuerySelector("#mine-later")!.TextContent, StringComparison.Ordinal);
        var row = page.QuerySelector($"tr[data-task-id='{overdue.Id}']")!;
        Assert.Equal("/help/x", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains(person.FamilyName, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Overdue: 3 hours late", row.QuerySelector(".due")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Due today by 17:00", page.QuerySelector($"tr[data-task-id='{today.Id}'] .due")!.TextContent, StringComparison.Ordinal);
        await app.WithDbAsync(OrgA, async db =>
            Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "mywork.view" && a.EntityId == me.ToString())));

        var api = await client.GetFromJsonAsync<JsonElement>("/api/v1/my-work");
        var groups = api.GetProperty("mine").GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!, g => g);
        Assert.Contains(groups["Overdue"].GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == overdue.Id);
        Assert.Contains(groups["DueToday"].GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == today.Id);
        Assert.Contains(groups["Upcoming"].GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == soon.Id);
        Assert.True(api.GetProperty("mine").GetProperty("dueLater").GetInt32() >= 1);
    }

    [Fact]
    public async Task A_support_worker_sees_the_team_queue_without_triage_while_a_registered_practitioner_sees_triage_there()
    {
        app.Clock.Now = WorkClock.Start;
        var person = await Work.PersonAsync(app);
        var referral = await Work.ReferralAsync(app, person.Id, ReferralStatus.Received, triageDue: new DateOnly(2027, 1, 8));
        var triage = await Work.TaskAsync(app, WorkTaskKind.Triage, referral.Id);
        var help = await TaskAsync(WorkTaskKind.HelpRequest, WorkClock.Start.AddDays(1), person.Id, teamId: app.World.Teams["A"].Id);

        var worker = await (await app.SignInAsync("A", Roles.SupportWorker)).GetPageAsync("/my-work");
        var nurse = await (await app.SignInAsync("A", Roles.RegisteredPractitioner)).GetPageAsync("/my-work");

        Assert.Null(worker.QuerySelector($"tr[data-task-id='{triage.Id}']"));
        Assert.NotNull(worker.QuerySelector($"#team-upcoming tr[data-task-id='{help.Id}']"));
        Assert.NotNull(nurse.QuerySelector($"#team-upcoming tr[data-task-id='{triage.Id}']"));
        Assert.Equal($"/referrals/{referral.Id}/triage", nurse.QuerySelector($"tr[data-task-id='{triage.Id}'] a")!.GetAttribute("href"));
        Assert.Contains("One-to-one support team", nurse.QuerySelector("h2#team")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Team_breaches_are_for_team_leads_and_the_safety_report_for_team_leads_and_registered_practitioners()
    {
        app.Clock.Now = WorkClock.Start;
        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        var nurse = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var lead = await app.SignInAsync("A", Roles.TeamLead);
        var evaluator = await app.SignInAsync("A", Roles.Evaluator);

        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync("/team/breaches")).StatusCode);
        foreach (var other in new[] { worker, nurse, evaluator })
        {
            Assert.NotEqual(HttpStatusCode.OK, (await other.GetAsync("/team/breaches")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/v1/team/breaches")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync("/reports/safety")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await nurse.GetAsync("/reports/safety")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await nurse.GetAsync("/api/v1/reports/safety")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await worker.GetAsync("/reports/safety")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/v1/reports/safety")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await evaluator.GetAsync("/my-work")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ApiClient("A").GetAsync("/api/v1/my-work")).StatusCode);
    }

    [Fact]
    public async Task The_safety_report_lists_active_people_with_no_contact_and_nothing_planned_and_referrals_past_their_triage_deadline()
    {
        app.Clock.Now = WorkClock.Start;
        var worker = Work.StaffOf(app, Roles.SupportWorker);
        var allocated = WorkClock.Start.AddDays(-40);
        var lost = await Work.PersonAsync(app);
        var lostReferral = await Work.ReferralAsync(app, lost.Id, ReferralStatus.Active, keyWorker: worker, allocatedAt: allocated);
        var planned = await Work.PersonAsync(app);
        await Work.ReferralAsync(app, planned.Id, ReferralStatus.Active, keyWorker: worker, allocatedAt: allocated);
        var tasked = await Work.PersonAsync(app);
        await Work.ReferralAsync(app, tasked.Id, ReferralStatus.Active, keyWorker: worker, allocatedAt: allocated);
        var seen = await Work.PersonAsync(app);
        await Work.ReferralAsync(app, seen.Id, ReferralStatus.Active, keyWorker: worker, allocatedAt: allocated);
        await app.WithDbAsync(OrgA, async db =>
        {
            Contact Contact(Guid personId, int daysAgo, DateOnly? next) => new()
            {
                PersonId = personId, StaffMemberId = worker, OccurredAt = WorkClock.Start.AddDays(-daysAgo), Mode = ContactMode.Phone, DurationMinutes = 20,
                Outcome = "Spoke", NextContactOn = next, CreatedAt = WorkClock.Start,
            };
            db.AddRange(Contact(lost.Id, 35, null), Contact(planned.Id, 35, new DateOnly(2027, 1, 20)), Contact(tasked.Id, 35, null), Contact(seen.Id, 3, null));
            await db.SaveChangesAsync();
        });
        await TaskAsync(WorkTaskKind.HelpRequest, WorkClock.Start.AddDays(5), tasked.Id, worker);
        var waiting = await Work.PersonAsync(app);
        var late = await Work.ReferralAsync(app, waiting.Id, ReferralStatus.Received, triageDue: new DateOnly(2027, 1, 1));
        var nurse = await app.SignInAsync("A", Roles.RegisteredPractitioner);

        var page = await nurse.GetPageAsync("/reports/safety");

        var listed = page.QuerySelectorAll("#no-contact-table tr[data-person-id]").Select(r => r.GetAttribute("data-person-id")).ToList();
        Assert.Contains(lost.Id.ToString(), listed);
        Assert.DoesNotContain(planned.Id.ToString(), listed);
        Assert.DoesNotContain(tasked.Id.ToString(), listed);
        Assert.DoesNotContain(seen.Id.ToString(), listed);
        Assert.Contains("Last contact 5 weeks ago", page.QuerySelector($"tr[data-person-id='{lost.Id}']")!.TextContent, StringComparison.Ordinal);
        var row = page.QuerySelector($"#past-triage-table tr[data-referral-id='{late.Id}']");
        Assert.NotNull(row);
        Assert.Contains("5 days late", row.TextContent, StringComparison.Ordinal);
        await app.WithDbAsync(OrgA, async db => Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "report.safety.view")));

        var api = await nurse.GetFromJsonAsync<JsonElement>("/api/v1/reports/safety");
        Assert.Equal(28, api.GetProperty("periodDays").GetInt32());
        Assert.Contains(api.GetProperty("noContact").EnumerateArray(), p => p.GetProperty("referralId").GetGuid() == lostReferral.Id);
        Assert.Contains(api.GetProperty("pastTriage").EnumerateArray(), p => p.GetProperty("referralId").GetGuid() == late.Id);
    }

    [Fact]
    public async Task Another_organisations_work_never_shows_in_my_work_the_breaches_or_the_safety_report()
    {
        app.Clock.Now = WorkClock.Start;
        var personB = await Work.PersonAsync(app, "B");
        var referralB = await Work.ReferralAsync(app, personB.Id, ReferralStatus.Received, "B", triageDue: new DateOnly(2027, 1, 1));
        var taskB = await Work.TaskAsync(app, WorkTaskKind.Triage, referralB.Id, org: "B");
        await app.Services.GetRequiredService<OneToOne.Platform.Background.JobRunner>().RunOnceAsync(OneToOne.Worklists.Jobs.BreachPass.JobName);

        foreach (var role in new[] { Roles.RegisteredPractitioner, Roles.TeamLead })
        {
            var client = await app.SignInAsync("A", role);
            foreach (var url in new[] { "/my-work", "/reports/safety", "/api/v1/my-work", "/api/v1/reports/safety" })
            {
                var body = await client.GetStringAsync(url);
                Assert.DoesNotContain(personB.FamilyName, body, StringComparison.Ordinal);
                Assert.DoesNotContain(taskB.Id.ToString(), body, StringComparison.Ordinal);
            }
        }

        var lead = await app.SignInAsync("A", Roles.TeamLead);
        Assert.DoesNotContain(taskB.Id.ToString(), await lead.GetStringAsync("/team/breaches"), StringComparison.Ordinal);
        Assert.DoesNotContain(taskB.Id.ToString(), await lead.GetStringAsync("/api/v1/team/breaches"), StringComparison.Ordinal);
        var leadB = await app.SignInAsync("B", Roles.TeamLead);
        Assert.Contains(taskB.Id.ToString(), await leadB.GetStringAsync("/team/breaches"), StringComparison.Ordinal);
    }
}

public sealed class WorkPagesOnSqlite(WorklistsSqliteApp app) : WorkPagesTests(app), IClassFixture<WorklistsSqliteApp>;

public sealed class WorkPagesOnPostgres(WorklistsPostgresApp app) : WorkPagesTests(app), IClassFixture<WorklistsPostgresApp>;
