using System.Net;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Auth;
using OneToOne.Supervision;
using OneToOne.Tests.Infrastructure;
using OneToOne.Worklists;

namespace OneToOne.Tests.Supervision;

/// <summary>Who supervises whom (set by team leads and administrators, one supervisor at a time) and the sessions
/// supervisors record, with the people discussed and the actions agreed.</summary>
public abstract class SupervisionTests(SupervisionApp app)
{
    private Guid Org => app.World.Org("A");

    private Guid Practitioner => app.World.Account("A", Roles.RegisteredPractitioner).StaffId!.Value;

    private DateOnly Today => SupervisionKit.Today(app);

    private static Dictionary<string, string> LinkForm(Guid? supervisor, DateOnly? from, DateOnly? to = null)
    {
        var values = new Dictionary<string, string> { ["Input.SupervisorStaffId"] = supervisor?.ToString() ?? "" };
        SupervisionKit.Date(values, "Input.EffectiveFrom", from);
        SupervisionKit.Date(values, "Input.EffectiveTo", to);
        return values;
    }

    private Task<List<SupervisionLink>> LinksAsync(Guid supervisee) =>
        app.WithDbAsync(Org, db => db.Set<SupervisionLink>().AsNoTracking().Where(l => l.SuperviseeStaffId == supervisee).OrderBy(l => l.EffectiveFrom).ToListAsync());

    private Task<List<SupervisionSession>> SessionsAsync(Guid supervisee) =>
        app.WithDbAsync(Org, db => db.Set<SupervisionSession>().AsNoTracking().Where(s => s.SuperviseeStaffId == supervisee).ToListAsync());

    private static Dictionary<string, string> SessionForm(DateOnly? heldOn, IEnumerable<Guid> people, string notes = "Caseload review; wellbeing check.")
    {
        var values = new Dictionary<string, string> { ["Input.Notes"] = notes };
        if (people.Any())
        {
            values["Input.PeopleDiscussed[]"] = string.Join('|', people);
        }

        SupervisionKit.Date(values, "Input.HeldOn", heldOn);
        return values;
    }

    [Fact]
    public async Task A_team_lead_sets_a_supervisor_and_the_list_shows_it()
    {
        var worker = await SupervisionKit.StaffAsync(app);
        var lead = await app.SignInAsync("A", Roles.TeamLead);

        var response = await lead.SubmitFormAsync($"/supervision/links/{worker.Id}", LinkForm(Practitioner, Today), "#set-supervisor");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var link = Assert.Single(await LinksAsync(worker.Id));
        Assert.Equal(Practitioner, link.SupervisorStaffId);
        Assert.Equal(Today, link.EffectiveFrom);
        Assert.Null(link.EffectiveTo);
        var list = await lead.GetPageAsync("/supervision/links");
        Assert.Contains("RegisteredPractitioner A", list.QuerySelector($"tr[data-staff-id='{worker.Id}'] .supervisor")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(Org, db => db.AuditEvents.CountAsync(e => e.Action == "supervision.link.set" && e.EntityId == worker.Id.ToString())));
    }

    [Fact]
    public async Task Setting_a_new_supervisor_ends_the_current_one_the_day_before_so_there_is_one_at_a_time()
    {
        var worker = await SupervisionKit.StaffAsync(app);
        var newSupervisor = await SupervisionKit.StaffAsync(app, role: "Community specialist practitioner");
        await SupervisionKit.LinkAsync(app, Practitioner, worker.Id, Today.AddDays(-90));
        var lead = await app.SignInAsync("A", Roles.TeamLead);

        var response = await lead.SubmitFormAsync($"/supervision/links/{worker.Id}", LinkForm(newSupervisor.Id, Today.AddDays(5)), "#set-supervisor");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var links = await LinksAsync(worker.Id);
        Assert.Equal(2, links.Count);
        Assert.Equal(Today.AddDays(4), links[0].EffectiveTo);
        Assert.Equal(newSupervisor.Id, links[1].SupervisorStaffId);
        for (var day = Today.AddDays(-90); day <= Today.AddDays(30); day = day.AddDays(1))
        {
            Assert.Single(links, l => l.IsCurrentOn(day));
        }
    }

    [Fact]
    public async Task A_period_that_overlaps_a_later_one_is_refused_and_nothing_changes()
    {
        var worker = await SupervisionKit.StaffAsync(app);
        var later = await SupervisionKit.LinkAsync(app, Practitioner, worker.Id, Today.AddDays(20));
        var other = await SupervisionKit.StaffAsync(app, role: "Clinical nurse specialist");
        var lead = await app.SignInAsync("A", Roles.TeamLead);

        var response = await lead.SubmitFormAsync($"/supervision/links/{worker.Id}", LinkForm(other.Id, Today, Today.AddDays(25)), "#set-supervisor");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(SupervisionRules.AlreadySupervisedFrom(Today.AddDays(20)), await response.ErrorSummaryAsync());
        var link = Assert.Single(await LinksAsync(worker.Id));
        Assert.Equal(later.Version, link.Version);
    }

    [Fact]
    public async Task No_one_supervises_themselves_and_the_supervisor_must_have_a_role_that_may_supervise()
    {
        var worker = await SupervisionKit.StaffAsync(app);
        var anotherWorker = await SupervisionKit.StaffAsync(app);
        var registered = await SupervisionKit.StaffAsync(app, role: "Clinical nurse specialist");
        var lead = await app.SignInAsync("A", Roles.TeamLead);

        var self = await lead.SubmitFormAsync($"/supervision/links/{registered.Id}", LinkForm(registered.Id, Today), "#set-supervisor");
        Assert.Contains(SupervisionRules.NotYourself, await self.ErrorSummaryAsync());
        var notAllowed = await lead.SubmitFormAsync($"/supervision/links/{worker.Id}", LinkForm(anotherWorker.Id, Today), "#set-supervisor");
        Assert.Contains(SupervisionRules.MayNotSupervise("Support worker"), await notAllowed.ErrorSummaryAsync());
        var choices = await lead.GetPageAsync($"/supervision/links/{worker.Id}");
        Assert.Null(choices.QuerySelector($"#Input_SupervisorStaffId option[value='{anotherWorker.Id}']"));
        Assert.Null(choices.QuerySelector($"#Input_SupervisorStaffId option[value='{worker.Id}']"));
        Assert.NotNull(choices.QuerySelector($"#Input_SupervisorStaffId option[value='{registered.Id}']"));
        var otherOrganisation = app.World.Account("B", Roles.RegisteredPractitioner).StaffId!.Value;
        var foreign = await lead.SubmitFormAsync($"/supervision/links/{worker.Id}", LinkForm(otherOrganisation, Today), "#set-supervisor");
        Assert.Contains(SupervisionRules.SelectSupervisor, await foreign.ErrorSummaryAsync());

        Assert.Empty(await LinksAsync(worker.Id));
        Assert.Empty(await LinksAsync(registered.Id));
    }

    [Fact]
    public async Task A_supervisor_and_start_date_are_needed_and_the_end_cannot_come_before_the_start()
    {
        var worker = await SupervisionKit.StaffAsync(app);
        var lead = await app.SignInAsync("A", Roles.TeamLead);

        var missing = await lead.SubmitFormAsync($"/supervision/links/{worker.Id}", LinkForm(null, null), "#set-supervisor");
        var errors = await missing.ErrorSummaryAsync();
        Assert.Contains(SupervisionRules.SelectSupervisor, errors);
        Assert.Contains(SupervisionRules.EnterStart, errors);
        var backwards = await lead.SubmitFormAsync($"/supervision/links/{worker.Id}", LinkForm(Practitioner, Today, Today.AddDays(-1)), "#set-supervisor");
        Assert.Contains(SupervisionRules.EndBeforeStart, await backwards.ErrorSummaryAsync());
        var impossible = LinkForm(Practitioner, Today);
        impossible["Input.EffectiveFrom.Day"] = "31";
        impossible["Input.EffectiveFrom.Month"] = "2";
        var badDate = await lead.SubmitFormAsync($"/supervision/links/{worker.Id}", impossible, "#set-supervisor");
        Assert.Single(await badDate.ErrorSummaryAsync());

        Assert.Empty(await LinksAsync(worker.Id));
    }

    [Fact]
    public async Task Administrators_and_team_leads_set_supervisors_and_no_one_else_may()
    {
        var worker = await SupervisionKit.StaffAsync(app);
        foreach (var role in new[] { Roles.SupportWorker, Roles.RegisteredPractitioner, Roles.Evaluator })
        {
            var client = await app.SignInAsync("A", role);
            Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync("/supervision/links")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/supervision/links/{worker.Id}")).StatusCode);
        }

        var admin = await app.SignInAsync("A", Roles.Administrator);
        var response = await admin.SubmitFormAsync($"/supervision/links/{worker.Id}", LinkForm(Practitioner, Today), "#set-supervisor");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Single(await LinksAsync(worker.Id));
    }

    [Fact]
    public async Task Ending_supervision_sets_its_last_day_and_a_stale_form_is_a_conflict()
    {
        var worker = await SupervisionKit.StaffAsync(app);
        var link = await SupervisionKit.LinkAsync(app, Practitioner, worker.Id, Today.AddDays(-10));
        var lead = await app.SignInAsync("A", Roles.TeamLead);
        var before = new Dictionary<string, string>();
        SupervisionKit.Date(before, "End.EndOn", Today.AddDays(-11));
        var tooEarly = await lead.SubmitFormAsync($"/supervision/links/{worker.Id}", before, "#end-supervision");
        Assert.Contains(SupervisionRules.EndBeforeStart, await tooEarly.ErrorSummaryAsync());

        var page = await lead.GetPageAsync($"/supervision/links/{worker.Id}");
        var end = new Dictionary<string, string>();
        SupervisionKit.Date(end, "End.EndOn", Today.AddDays(3));
        var response = await lead.SubmitFormAsync($"/supervision/links/{worker.Id}", end, "#end-supervision");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Today.AddDays(3), Assert.Single(await LinksAsync(worker.Id)).EffectiveTo);

        // The form read before that change carries the old version.
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var stale = await lead.PostAsync($"/supervision/links/{worker.Id}?handler=End", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("End.LinkId", link.Id.ToString()), new("End.Version", link.Version.ToString()),
            new("End.EndOn.Day", "1"), new("End.EndOn.Month", "2"), new("End.EndOn.Year", "2027"),
        ]));
        Assert.Contains(OneToOne.Platform.Data.Concurrency.ConflictMessage, await stale.AllErrorsAsync());
        Assert.Equal(Today.AddDays(3), Assert.Single(await LinksAsync(worker.Id)).EffectiveTo);
    }

    [Fact]
    public async Task The_database_refuses_a_second_open_period_for_the_same_worker()
    {
        var worker = await SupervisionKit.StaffAsync(app);
        await SupervisionKit.LinkAsync(app, Practitioner, worker.Id, Today.AddDays(-5));
        var other = await SupervisionKit.StaffAsync(app, role: "Clinical nurse specialist");

        await Assert.ThrowsAsync<DbUpdateException>(() => SupervisionKit.LinkAsync(app, other.Id, worker.Id, Today.AddDays(50)));
        Assert.Single(await LinksAsync(worker.Id));
    }

    [Fact]
    public async Task A_supervisor_records_a_session_with_people_from_the_supervisees_caseload()
    {
        var worker = await SupervisionKit.StaffAsync(app);
        await SupervisionKit.LinkAsync(app, Practitioner, worker.Id, Today.AddDays(-30));
        var (first, _) = await SupervisionKit.EpisodeAsync(app, worker.Id);
        var (second, _) = await SupervisionKit.EpisodeAsync(app, worker.Id, OneToOne.Referrals.ReferralStatus.Allocated);
        var (notDiscussed, _) = await SupervisionKit.EpisodeAsync(app, worker.Id);
        var client = await app.SignInAsync("A", Roles.RegisteredPractitioner);

        var hub = await client.GetPageAsync("/supervision");
        Assert.NotNull(hub.QuerySelector($"#supervisees tr[data-staff-id='{worker.Id}']"));
        var form = await client.GetPageAsync($"/supervision/sessions/new?superviseeId={worker.Id}");
        Assert.Equal(3, form.QuerySelectorAll("input[name='Input.PeopleDiscussed']").Length);
        var response = await client.SubmitFormAsync($"/supervision/sessions/new?superviseeId={worker.Id}",
            SessionForm(Today.AddDays(-1), [first.Id, second.Id]), "#record-session");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var session = Assert.Single(await SessionsAsync(worker.Id));
        Assert.Equal($"/supervision/sessions/{session.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal(Today.AddDays(-1), session.HeldOn);
        Assert.Equal(Practitioner, session.SupervisorStaffId);
        Assert.Equal("Caseload review; wellbeing check.", session.Notes);
        var discussed = await app.WithDbAsync(Org, db => db.Set<SupervisionSessionPerson>().Where(p => p.SessionId == session.Id).Select(p => p.PersonId).ToListAsync());
        Assert.Equal(new[] { first.Id, second.Id }.Order(), discussed.Order());
        var audits = await app.WithDbAsync(Org, db => db.AuditEvents.Where(e => e.Action == "supervision.discussed" && e.EntityId == session.Id.ToString()).Select(e => e.PersonId).ToListAsync());
        Assert.Equal(new Guid?[] { first.Id, second.Id }.Order(), audits.Order());
        var page = await client.GetPageAsync($"/supervision/sessions/{session.Id}");
        Assert.Contains(first.FullName, page.QuerySelector("#people-discussed")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(notDiscussed.FullName, page.QuerySelector("#people-discussed")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_without_a_date_or_a_supervisee_is_refused_and_nothing_is_stored()
    {
        var worker = await SupervisionKit.StaffAsync(app);
        await SupervisionKit.LinkAsync(app, Practitioner, worker.Id, Today.AddDays(-30));
        var client = await app.SignInAsync("A", Roles.RegisteredPractitioner);

        var noDate = await client.SubmitFormAsync($"/supervision/sessions/new?superviseeId={worker.Id}", SessionForm(null, []), "#record-session");
        Assert.Equal([SupervisionRules.EnterSessionDate], await noDate.ErrorSummaryAsync());
        var noSupervisee = SessionForm(Today, []);
        noSupervisee["Input.SuperviseeStaffId"] = "";
        var response = await client.SubmitFormAsync($"/supervision/sessions/new?superviseeId={worker.Id}", noSupervisee, "#record-session");
        Assert.Contains(SupervisionRules.SelectSupervisee, await response.ErrorSummaryAsync());
        var page = await response.ParseAsync();
        Assert.NotNull(page.QuerySelector("#Input_SuperviseeStaffId"));

        Assert.Empty(await SessionsAsync(worker.Id));
    }

    [Fact]
    public async Task A_session_in_the_future_or_about_someone_off_the_caseload_is_refused()
    {
        var worker = await SupervisionKit.StaffAsync(app);
        await SupervisionKit.LinkAsync(app, Practitioner, worker.Id, Today.AddDays(-30));
        var (onCaseload, _) = await SupervisionKit.EpisodeAsync(app, worker.Id);
        var (someoneElses, _) = await SupervisionKit.EpisodeAsync(app, (await SupervisionKit.StaffAsync(app)).Id);
        var (discharged, _) = await SupervisionKit.EpisodeAsync(app, worker.Id, OneToOne.Referrals.ReferralStatus.Discharged, SupervisionClock.Start.AddDays(-3));
        var client = await app.SignInAsync("A", Roles.RegisteredPractitioner);

        var future = await client.SubmitFormAsync($"/supervision/sessions/new?superviseeId={worker.Id}", SessionForm(Today.AddDays(1), [onCaseload.Id]), "#record-session");
        Assert.Contains(SupervisionRules.SessionInFuture, await future.ErrorSummaryAsync());
        foreach (var outsider in new[] { someoneElses.Id, discharged.Id })
        {
            var response = await client.SubmitFormAsync($"/supervision/sessions/new?superviseeId={worker.Id}", SessionForm(Today, [onCaseload.Id, outsider]), "#record-session");
            Assert.Contains(SupervisionRules.PeopleNotOnCaseload, await response.ErrorSummaryAsync());
        }

        var tooLong = await client.SubmitFormAsync($"/supervision/sessions/new?superviseeId={worker.Id}", SessionForm(Today, [], new string('n', 4001)), "#record-session");
        Assert.Contains(SupervisionRules.NotesTooLong, await tooLong.ErrorSummaryAsync());
        Assert.Empty(await SessionsAsync(worker.Id));
    }

    [Fact]
    public async Task Only_the_workers_supervisor_or_a_team_lead_records_their_supervision()
    {
        var otherSupervisor = await SupervisionKit.StaffAsync(app, role: "Clinical nurse specialist");
        var worker = await SupervisionKit.StaffAsync(app);
        await SupervisionKit.LinkAsync(app, otherSupervisor.Id, worker.Id, Today.AddDays(-30));
        var practitioner = await app.SignInAsync("A", Roles.RegisteredPractitioner);

        var page = await practitioner.GetPageAsync($"/supervision/sessions/new?superviseeId={worker.Id}");
        Assert.Null(page.QuerySelector("#record-session"));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = await practitioner.PostAsync("/supervision/sessions/new", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("Input.SuperviseeStaffId", worker.Id.ToString()),
            new("Input.HeldOn.Day", "5"), new("Input.HeldOn.Month", "1"), new("Input.HeldOn.Year", "2027"),
        ]));
        Assert.Contains(SupervisionSessions.MayNotRecord, await post.ErrorSummaryAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await practitioner.GetAsync($"/supervision/supervisees/{worker.Id}")).StatusCode);
        var supportWorker = await app.SignInAsync("A", Roles.SupportWorker);
        Assert.NotEqual(HttpStatusCode.OK, (await supportWorker.GetAsync("/supervision/sessions/new")).StatusCode);
        Assert.Empty(await SessionsAsync(worker.Id));

        var lead = await app.SignInAsync("A", Roles.TeamLead);
        var recorded = await lead.SubmitFormAsync($"/supervision/sessions/new?superviseeId={worker.Id}", SessionForm(Today, []), "#record-session");
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Single(await SessionsAsync(worker.Id));
    }

    [Fact]
    public async Task An_action_with_a_due_date_becomes_a_task_for_its_owner_and_is_done_when_marked()
    {
        var worker = await SupervisionKit.StaffAsync(app);
        await SupervisionKit.LinkAsync(app, Practitioner, worker.Id, Today.AddDays(-30));
        var client = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var recorded = await client.SubmitFormAsync($"/supervision/sessions/new?superviseeId={worker.Id}", SessionForm(Today, []), "#record-session");
        var url = recorded.Headers.Location!.OriginalString;

        var missing = await client.SubmitFormAsync(url, new() { ["Input.Description"] = " " }, "#add-action");
        var errors = await missing.ErrorSummaryAsync();
        Assert.Contains(SupervisionRules.EnterAction, errors);
        Assert.Contains(SupervisionRules.SelectOwner, errors);
        var past = new Dictionary<string, string> { ["Input.Description"] = "Read the safeguarding policy", ["Input.Owner"] = "Supervisee" };
        SupervisionKit.Date(past, "Input.DueOn", Today.AddDays(-1));
        Assert.Contains(SupervisionRules.DueInPast, await (await client.SubmitFormAsync(url, past, "#add-action")).ErrorSummaryAsync());

        var withDate = new Dictionary<string, string> { ["Input.Description"] = "Read the safeguarding policy", ["Input.Owner"] = "Supervisee" };
        SupervisionKit.Date(withDate, "Input.DueOn", new DateOnly(2027, 1, 20));
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(url, withDate, "#add-action")).StatusCode);
        var noDate = new Dictionary<string, string> { ["Input.Description"] = "Book a joint visit", ["Input.Owner"] = "Supervisor" };
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(url, noDate, "#add-action")).StatusCode);

        var sessionId = Guid.Parse(url.Split('/')[^1]);
        var actions = await app.WithDbAsync(Org, db => db.Set<SupervisionAction>().AsNoTracking().Where(a => a.SessionId == sessionId).ToListAsync());
        Assert.Equal(2, actions.Count);
        var dated = actions.Single(a => a.DueOn is not null);
        Assert.Equal(worker.Id, dated.OwnerStaffId);
        Assert.Equal(Practitioner, actions.Single(a => a.DueOn is null).OwnerStaffId);
        var task = Assert.Single(await SupervisionKit.TasksAsync(app, SupervisionSessions.ActionTaskKind, dated.Id));
        Assert.Equal(worker.Id, task.AssignedToStaffId);
        Assert.Equal(new DateTimeOffset(2027, 1, 21, 0, 0, 0, TimeSpan.Zero), task.DueAt);
        Assert.Equal(url, task.Link);
        Assert.DoesNotContain("safeguarding", task.Title, StringComparison.Ordinal);
        Assert.Empty(await SupervisionKit.TasksAsync(app, SupervisionSessions.ActionTaskKind, actions.Single(a => a.DueOn is null).Id));

        var done = await client.SubmitFormAsync(url, [], $"tr[data-action-id='{dated.Id}'] form");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(WorkTaskStatus.Done, Assert.Single(await SupervisionKit.TasksAsync(app, SupervisionSessions.ActionTaskKind, dated.Id)).Status);
        Assert.Equal(SupervisionActionStatus.Done, await app.WithDbAsync(Org, db => db.Set<SupervisionAction>().Where(a => a.Id == dated.Id).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_supervisee_sees_their_session_and_supervisor_and_other_staff_do_not_see_it()
    {
        var supervisee = app.World.Account("A", Roles.SupportWorker).StaffId!.Value;
        var supervisor = await SupervisionKit.StaffAsync(app, role: "Clinical nurse specialist");
        await SupervisionKit.LinkAsync(app, supervisor.Id, supervisee, Today.AddDays(-30));
        var session = await app.WithDbAsync(Org, async db =>
        {
            var s = new SupervisionSession { HeldOn = Today, SupervisorStaffId = supervisor.Id, SuperviseeStaffId = supervisee, Notes = "Went well", RecordedAt = DateTimeOffset.UtcNow, RecordedByName = "Test" };
            db.Add(s);
            await db.SaveChangesAsync();
            return s;
        });

        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        var hub = await worker.GetPageAsync("/supervision");
        Assert.Contains(supervisor.DisplayName, hub.QuerySelector("#my-supervisor")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(hub.QuerySelector($"#sessions tr[data-session-id='{session.Id}']"));
        var page = await worker.GetPageAsync($"/supervision/sessions/{session.Id}");
        Assert.Null(page.QuerySelector("#add-action"));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.NotFound, (await worker.PostAsync($"/supervision/sessions/{session.Id}?handler=AddAction", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("Input.Description", "Sneaky"), new("Input.Owner", "Supervisor")]))).StatusCode);

        var practitioner = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        Assert.Equal(HttpStatusCode.NotFound, (await practitioner.GetAsync($"/supervision/sessions/{session.Id}")).StatusCode);
        Assert.Empty(await app.WithDbAsync(Org, db => db.Set<SupervisionAction>().Where(a => a.SessionId == session.Id).ToListAsync()));
    }

    [Fact]
    public async Task The_supervisor_reviews_the_supervisees_caseload_and_waiting_sign_offs()
    {
        var worker = await SupervisionKit.StaffAsync(app);
        await SupervisionKit.LinkAsync(app, Practitioner, worker.Id, Today.AddDays(-30));
        var (person, _) = await SupervisionKit.EpisodeAsync(app, worker.Id);
        var request = await SupervisionKit.RequestAsync(app, worker.Id, person.Id);
        var client = await app.SignInAsync("A", Roles.RegisteredPractitioner);

        var page = await client.GetPageAsync($"/supervision/supervisees/{worker.Id}");

        Assert.NotNull(page.QuerySelector($"#caseload tr[data-person-id='{person.Id}']"));
        Assert.NotNull(page.QuerySelector($"#pending-sign-offs tr[data-sign-off-id='{request.Id}']"));
        Assert.Equal(1, await app.WithDbAsync(Org, db => db.AuditEvents.CountAsync(e => e.Action == "caseload.view" && e.EntityId == worker.Id.ToString())));
        var lead = await app.SignInAsync("A", Roles.TeamLead);
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync($"/supervision/supervisees/{worker.Id}")).StatusCode);
        var supportWorker = await app.SignInAsync("A", Roles.SupportWorker);
        Assert.Equal(HttpStatusCode.NotFound, (await supportWorker.GetAsync($"/supervision/supervisees/{worker.Id}")).StatusCode);
    }
}

public sealed class SupervisionOnSqlite(SupervisionSqliteApp app) : SupervisionTests(app), IClassFixture<SupervisionSqliteApp>;

public sealed class SupervisionOnPostgres(SupervisionPostgresApp app) : SupervisionTests(app), IClassFixture<SupervisionPostgresApp>;
