using System.Net;
using Microsoft.EntityFrameworkCore;
using OneToOne.Notifications;
using OneToOne.PatientAccess;
using OneToOne.Platform.Auth;
using OneToOne.Referrals;
using OneToOne.Tests.Infrastructure;
using OneToOne.Worklists;

namespace OneToOne.Tests.PatientAccess;

/// <summary>Easy access back (issue 4 item 6): who may ask for help, where a request goes and by when, and how staff answer it.</summary>
public abstract class HelpRequestTests(PersonAccessApp app)
{
    /// <summary>Thursday 25 March 2027, 10:00: Good Friday (26th) and Easter Monday (29th) follow, and BST starts on the 28th.</summary>
    private static readonly DateTimeOffset BeforeEaster = new(2027, 3, 25, 10, 0, 0, TimeSpan.Zero);

    private Guid OrgA => app.World.Org("A");

    private Task<HelpRequest> RequestAsync(Guid personId) =>
        app.WithDbAsync(OrgA, db => db.Set<HelpRequest>().SingleAsync(r => r.PersonId == personId));

    private Task<WorkTask> TaskAsync(Guid requestId) =>
        app.WithDbAsync(OrgA, db => db.Set<WorkTask>().SingleAsync(t => t.Kind == WorkTaskKind.HelpRequest && t.SourceId == requestId));

    [Fact]
    public async Task A_person_in_open_access_asks_for_help_online_and_it_goes_to_the_former_key_workers_team_due_in_2_working_days()
    {
        app.Clock.Now = BeforeEaster;
        var (person, referral, period) = await PersonKit.DischargedAsync(app, "A", new DateOnly(2026, 12, 1), new DateOnly(2027, 12, 1));
        var client = await PersonKit.SignInPersonAsync(app, "A", person);
        var home = await client.GetPageAsync("/my");
        Assert.Contains("until 1 Dec 2027", home.QuerySelector("#my-status")!.TextContent, StringComparison.Ordinal);

        var sent = await client.SubmitFormAsync("/my/help", PersonKit.HelpForm());
        PersonKit.AssertRedirect(sent, "/my/help/sent");
        Assert.Contains("by 31 Mar 2027", (await client.GetPageAsync("/my/help/sent")).QuerySelector("#help-sent")!.TextContent, StringComparison.Ordinal);

        var request = await RequestAsync(person.Id);
        // Thursday + 2 working days skips Good Friday, the weekend and Easter Monday; due by the end of that day in BST.
        var due = new DateTimeOffset(2027, 3, 31, 22, 59, 59, TimeSpan.Zero);
        Assert.Equal((period.Id, referral.Id, HelpRequestChannel.Online, false, due), (request.PeriodId!.Value, request.ReferralId!.Value, request.Channel, request.RedFlag, request.DueAt));
        var task = await TaskAsync(request.Id);
        Assert.Equal((app.World.Teams["A"].Id, (Guid?)null, due, WorkTaskStatus.Open, person.Id), (task.AssignedToTeamId!.Value, task.AssignedToStaffId, task.DueAt, task.Status, task.PersonId!.Value));
        Assert.Equal($"/help-requests/{request.Id}", task.Link);
        Assert.DoesNotContain(person.FamilyName, task.Title, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(OrgA, db => db.AuditEvents.AnyAsync(e => e.Action == "help-request.create" && e.PersonId == person.Id && e.Role == PersonAudit.Role)));

        // Staff see it in the list.
        var staff = await app.SignInAsync("A", Roles.SupportWorker);
        var list = await staff.GetPageAsync("/help-requests");
        Assert.NotNull(list.QuerySelector($"tr[data-request='{request.Id}']"));
    }

    [Fact]
    public async Task A_red_flag_goes_to_a_named_registered_practitioner_in_the_team_due_the_same_working_day_with_an_email()
    {
        app.Clock.Now = BeforeEaster;
        var (person, _, _) = await PersonKit.DischargedAsync(app, "A", new DateOnly(2026, 12, 1), new DateOnly(2027, 12, 1));
        var client = await PersonKit.SignInPersonAsync(app, "A", person);
        PersonKit.AssertRedirect(await client.SubmitFormAsync("/my/help", PersonKit.HelpForm("I have found a new lump", "yes")), "/my/help/sent");
        Assert.Contains("registered practitioner", (await client.GetPageAsync("/my/help/sent")).Body!.TextContent, StringComparison.Ordinal);

        var request = await RequestAsync(person.Id);
        var task = await TaskAsync(request.Id);
        Assert.Equal(new DateTimeOffset(2027, 3, 25, 23, 59, 59, TimeSpan.Zero), task.DueAt);
        Assert.Null(task.AssignedToTeamId);
        var practitioner = await app.WithDbAsync(OrgA, db => db.Staff.Include(s => s.Role).SingleAsync(s => s.Id == task.AssignedToStaffId));
        Assert.True(practitioner.Role!.Registered);
        Assert.Equal(app.World.Teams["A"].Id, practitioner.TeamId);
        Assert.StartsWith("Urgent", task.Title, StringComparison.Ordinal);
        var email = await app.WithDbAsync(OrgA, db => db.Set<OutboxMessage>().SingleAsync(m => m.To == practitioner.Email && m.Body.Contains(request.Id.ToString())));
        Assert.DoesNotContain(person.FamilyName, email.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_red_flag_goes_to_the_former_key_workers_supervisor_when_one_is_known()
    {
        app.Clock.Now = BeforeEaster;
        var worker = app.World.ExtraWorkers["A"][0];
        var supervisor = app.World.Account("A", Roles.TeamLead).StaffId!.Value; // a complex case manager: registered
        TestSupervisors.Links[worker.Id] = supervisor;
        try
        {
            var (person, _, period) = await PersonKit.DischargedAsync(app, "A", new DateOnly(2026, 12, 1), new DateOnly(2027, 12, 1));
            await app.WithDbAsync(OrgA, async db =>
            {
                await db.Set<OpenAccessPeriod>().Where(p => p.Id == period.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.FormerKeyWorkerId, worker.Id));
            });
            var staff = await app.SignInAsync("A", Roles.SupportWorker);
            var logged = await staff.SubmitFormAsync($"/people/{person.Id}/help-requests/new", PersonKit.HelpForm("Bleeding again", "yes"));
            Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
            var task = await TaskAsync((await RequestAsync(person.Id)).Id);
            Assert.Equal(supervisor, task.AssignedToStaffId);
        }
        finally
        {
            TestSupervisors.Links.TryRemove(worker.Id, out _);
        }
    }

    [Fact]
    public async Task A_person_on_the_caseload_asks_for_help_and_it_goes_to_their_key_worker()
    {
        app.Clock.Now = BeforeEaster;
        var worker = app.World.Account("A", Roles.SupportWorker).StaffId!.Value;
        var person = await PersonKit.PersonAsync(app, "A");
        var referral = await PersonKit.ReferralAsync(app, "A", person.Id, ReferralStatus.Active, worker);
        var client = await PersonKit.SignInPersonAsync(app, "A", person);
        PersonKit.AssertRedirect(await client.SubmitFormAsync("/my/help", PersonKit.HelpForm()), "/my/help/sent");
        var request = await RequestAsync(person.Id);
        Assert.Equal((referral.Id, (Guid?)null), (request.ReferralId!.Value, request.PeriodId));
        Assert.Equal(worker, (await TaskAsync(request.Id)).AssignedToStaffId);
    }

    [Fact]
    public async Task A_request_from_an_expired_period_is_refused_with_what_to_do_instead_and_nothing_is_stored()
    {
        app.Clock.Now = BeforeEaster;
        // Past its last day but not yet closed by the nightly job: expired all the same.
        var (person, _, _) = await PersonKit.DischargedAsync(app, "A", new DateOnly(2026, 3, 1), new DateOnly(2027, 3, 24));
        var client = await PersonKit.SignInPersonAsync(app, "A", person);
        var page = await client.GetPageAsync("/my/help");
        Assert.Equal(PersonAccessRules.ExpiredMessage, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("contact your GP", page.QuerySelector("#help-refused")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("textarea"));

        var posted = await client.PostAsync("/my/help", new FormUrlEncodedContent(
            [.. PersonKit.HelpForm(), new("__RequestVerificationToken", (await client.GetPageAsync("/my")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains(PersonAccessRules.ExpiredMessage, await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var staff = await app.SignInAsync("A", Roles.SupportWorker);
        var staffPage = await staff.GetPageAsync($"/people/{person.Id}/help-requests/new");
        Assert.Contains("need a new referral", staffPage.QuerySelector("#help-refused")!.TextContent, StringComparison.Ordinal);
        var staffPost = await staff.PostAsync($"/people/{person.Id}/help-requests/new", new FormUrlEncodedContent(
            [.. PersonKit.HelpForm(), new("__RequestVerificationToken", staffPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]));
        Assert.Equal(HttpStatusCode.OK, staffPost.StatusCode);

        Assert.False(await app.WithDbAsync(OrgA, db => db.Set<HelpRequest>().AnyAsync(r => r.PersonId == person.Id)));
        Assert.Empty(await PersonKit.TasksForAsync(app, "A", person.Id));
        Assert.True(await app.WithDbAsync(OrgA, db => db.AuditEvents.AnyAsync(e => e.PersonId == person.Id && e.Action == "help-request.refused")));
    }

    [Fact]
    public async Task A_person_never_discharged_into_open_access_cannot_ask_online()
    {
        var person = await PersonKit.PersonAsync(app, "A");
        var client = await PersonKit.SignInPersonAsync(app, "A", person);
        var page = await client.GetPageAsync("/my/help");
        Assert.Equal(PersonAccessRules.NoneMessage, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Null((await client.GetPageAsync("/my")).QuerySelector("a[href='/my/help']"));
    }

    [Fact]
    public async Task A_request_with_missing_or_wrong_answers_is_refused_with_messages_and_nothing_is_stored()
    {
        app.Clock.Now = BeforeEaster;
        var (person, _, _) = await PersonKit.DischargedAsync(app, "A", new DateOnly(2026, 12, 1), new DateOnly(2027, 12, 1), p => p.Phone = null);
        var client = await PersonKit.SignInPersonAsync(app, "A", person);
        var empty = await client.SubmitFormAsync("/my/help", new() { ["Input.About"] = "", ["Input.ContactDetail"] = "" });
        Assert.Equal(["Enter what you would like help with", "Select yes if you have noticed any of these", "Enter your email address"], await empty.ErrorSummaryAsync());
        var badMobile = await client.SubmitFormAsync("/my/help", PersonKit.HelpForm(method: "Text", detail: "0113 496 0000"));
        Assert.Equal(["Enter a UK mobile number, like 07700 900 982"], await badMobile.ErrorSummaryAsync());
        var badMethod = await client.SubmitFormAsync("/my/help", PersonKit.HelpForm(method: "Pigeon"));
        Assert.Equal(["Select how you would like us to contact you"], await badMethod.ErrorSummaryAsync());
        Assert.False(await app.WithDbAsync(OrgA, db => db.Set<HelpRequest>().AnyAsync(r => r.PersonId == person.Id)));
    }

    [Fact]
    public async Task Staff_log_a_phone_request_and_answer_it_with_advice_which_completes_the_task()
    {
        app.Clock.Now = BeforeEaster;
        var (person, _, _) = await PersonKit.DischargedAsync(app, "A", new DateOnly(2026, 12, 1), new DateOnly(2027, 12, 1));
        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        var logged = await worker.SubmitFormAsync($"/people/{person.Id}/help-requests/new", PersonKit.HelpForm("Worried about going back to work"));
        var request = await RequestAsync(person.Id);
        PersonKit.AssertRedirect(logged, $"/help-requests/{request.Id}");
        Assert.Equal((HelpRequestChannel.Phone, "SupportWorker A"), (request.Channel, request.RecordedByName));

        var answered = await worker.SubmitFormAsync($"/help-requests/{request.Id}", new() { ["Answer.Outcome"] = "Advice", ["Answer.Note"] = "Talked through a phased return; sent the work leaflet" });
        PersonKit.AssertRedirect(answered, $"/help-requests/{request.Id}");
        var saved = await RequestAsync(person.Id);
        Assert.Equal((HelpRequestStatus.Answered, HelpOutcome.Advice, "SupportWorker A"), (saved.Status, saved.Outcome!.Value, saved.AnsweredByName));
        var task = await TaskAsync(request.Id);
        Assert.Equal((WorkTaskStatus.Done, app.Clock.Now), (task.Status, task.CompletedAt!.Value));
        Assert.True(await app.WithDbAsync(OrgA, db => db.AuditEvents.AnyAsync(e => e.Action == "help-request.answer" && e.EntityId == request.Id.ToString())));

        // Answering again is refused.
        var page = await worker.GetPageAsync($"/help-requests/{request.Id}");
        Assert.Null(page.QuerySelector("form[method=post] input[name='Answer.Outcome']"));
        var again = await worker.PostAsync($"/help-requests/{request.Id}", new FormUrlEncodedContent(
        [
            new("Answer.Outcome", "Advice"), new("Answer.Note", "Again"), new("Version", saved.Version.ToString()),
            new("__RequestVerificationToken", page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
        ]));
        Assert.Equal([HelpRequestRules.AlreadyAnswered], await again.AllErrorsAsync());
    }

    [Fact]
    public async Task An_answer_without_an_outcome_or_note_or_a_referral_on_without_whom_is_refused_and_a_stale_form_conflicts()
    {
        app.Clock.Now = BeforeEaster;
        var (person, _, _) = await PersonKit.DischargedAsync(app, "A", new DateOnly(2026, 12, 1), new DateOnly(2027, 12, 1));
        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        await worker.SubmitFormAsync($"/people/{person.Id}/help-requests/new", PersonKit.HelpForm());
        var request = await RequestAsync(person.Id);
        var url = $"/help-requests/{request.Id}";
        Assert.Equal([HelpRequestRules.OutcomeRequired, HelpRequestRules.NoteRequired], await (await worker.SubmitFormAsync(url, new() { ["Answer.Note"] = "" })).ErrorSummaryAsync());
        Assert.Equal([HelpRequestRules.ReferredToRequired], await (await worker.SubmitFormAsync(url, new() { ["Answer.Outcome"] = "ReferredOn", ["Answer.Note"] = "Needs the GP" })).ErrorSummaryAsync());

        var stale = await worker.SubmitFormAsync(url, new() { ["Answer.Outcome"] = "Advice", ["Answer.Note"] = "x", ["Version"] = Guid.NewGuid().ToString() });
        Assert.Equal([OneToOne.PatientAccess.Pages.Help.DetailsModel.ConflictMessage], await stale.AllErrorsAsync());
        Assert.Equal(HelpRequestStatus.Open, (await RequestAsync(person.Id)).Status);

        var referred = await worker.SubmitFormAsync(url, new() { ["Answer.Outcome"] = "ReferredOn", ["Answer.ReferredTo"] = "Their GP", ["Answer.Note"] = "Needs a GP review" });
        Assert.Equal(HttpStatusCode.Redirect, referred.StatusCode);
        Assert.Equal("Their GP", (await RequestAsync(person.Id)).ReferredTo);
    }

    [Fact]
    public async Task A_support_worker_cannot_answer_a_red_flag_request_but_a_registered_practitioner_can()
    {
        app.Clock.Now = BeforeEaster;
        var (person, _, _) = await PersonKit.DischargedAsync(app, "A", new DateOnly(2026, 12, 1), new DateOnly(2027, 12, 1));
        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        await worker.SubmitFormAsync($"/people/{person.Id}/help-requests/new", PersonKit.HelpForm("Unexplained bleeding", "yes"));
        var request = await RequestAsync(person.Id);
        var url = $"/help-requests/{request.Id}";
        var page = await worker.GetPageAsync(url);
        Assert.NotNull(page.QuerySelector("#practitioner-only"));
        var forced = await worker.PostAsync(url, new FormUrlEncodedContent(
        [
            new("Answer.Outcome", "Advice"), new("Answer.Note", "Told them not to worry"), new("Version", request.Version.ToString()),
            new("__RequestVerificationToken", page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
        ]));
        Assert.Equal([HelpRequestRules.RedFlagNeedsPractitioner], await forced.AllErrorsAsync());
        Assert.Equal(WorkTaskStatus.Open, (await TaskAsync(request.Id)).Status);

        var nurse = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var answered = await nurse.SubmitFormAsync(url, new() { ["Answer.Outcome"] = "ReferredOn", ["Answer.ReferredTo"] = "Breast clinic (2-week wait)", ["Answer.Note"] = "Urgent GP referral arranged" });
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Equal(WorkTaskStatus.Done, (await TaskAsync(request.Id)).Status);
    }

    [Fact]
    public async Task Reopening_starts_a_new_episode_with_the_former_key_worker_linked_to_the_old_one_and_closes_the_period()
    {
        app.Clock.Now = BeforeEaster;
        var (person, oldReferral, period) = await PersonKit.DischargedAsync(app, "A", new DateOnly(2026, 12, 1), new DateOnly(2027, 12, 1));
        var client = await PersonKit.SignInPersonAsync(app, "A", person);
        await client.SubmitFormAsync("/my/help", PersonKit.HelpForm("Struggling since my scan results"));
        var request = await RequestAsync(person.Id);
        var nurse = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var page = await nurse.GetPageAsync($"/help-requests/{request.Id}");
        Assert.NotNull(page.QuerySelector("input[name='Answer.Outcome'][value='Reopened']"));
        var reopened = await nurse.SubmitFormAsync($"/help-requests/{request.Id}", new() { ["Answer.Outcome"] = "Reopened", ["Answer.Note"] = "Back on the caseload for support" });
        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);

        var saved = await RequestAsync(person.Id);
        var worker = app.World.Account("A", Roles.SupportWorker).StaffId!.Value;
        var (newReferral, periodNow, assignment, decision) = await app.WithDbAsync(OrgA, async db => (
            await db.Referrals.SingleAsync(r => r.Id == saved.NewReferralId),
            await db.Set<OpenAccessPeriod>().SingleAsync(p => p.Id == period.Id),
            await db.KeyWorkerAssignments.SingleAsync(a => a.ReferralId == saved.NewReferralId),
            await db.TriageDecisions.SingleAsync(d => d.ReferralId == saved.NewReferralId)));
        Assert.Equal((ReferralStatus.Allocated, worker, PathwayLevel.SupportedSelfManagement), (newReferral.Status, newReferral.KeyWorkerId!.Value, newReferral.Level!.Value));
        Assert.Contains(oldReferral.ReceivedOn.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), newReferral.Reason, StringComparison.Ordinal);
        Assert.Equal((OpenAccessStatus.Reopened, app.Clock.Now), (periodNow.Status, periodNow.EndedAt!.Value));
        Assert.Equal(worker, assignment.StaffMemberId);
        Assert.Equal("RegisteredPractitioner A", decision.DecidedByName);
        Assert.True(await app.WithDbAsync(OrgA, db => db.AuditEvents.AnyAsync(e => e.Action == "referral.reopen" && e.EntityId == newReferral.Id.ToString())));

        // Back on the caseload: the person's next request goes to their key worker, and there is nothing to re-open.
        var home = await client.GetPageAsync("/my");
        Assert.Contains("being supported", home.QuerySelector("#my-status")!.TextContent, StringComparison.Ordinal);
        await client.SubmitFormAsync("/my/help", PersonKit.HelpForm("Another question"));
        var second = await app.WithDbAsync(OrgA, db => db.Set<HelpRequest>().SingleAsync(r => r.PersonId == person.Id && r.Status == HelpRequestStatus.Open));
        Assert.Equal((worker, newReferral.Id, (Guid?)null), ((await TaskAsync(second.Id)).AssignedToStaffId!.Value, second.ReferralId!.Value, second.PeriodId));
        Assert.Null((await nurse.GetPageAsync($"/help-requests/{second.Id}")).QuerySelector("input[name='Answer.Outcome'][value='Reopened']"));
    }

    [Fact]
    public async Task Staff_of_another_organisation_get_404_for_requests_periods_and_logging_and_never_see_them_listed()
    {
        app.Clock.Now = BeforeEaster;
        var (person, _, period) = await PersonKit.DischargedAsync(app, "A", new DateOnly(2026, 3, 1), new DateOnly(2027, 12, 1));
        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        await worker.SubmitFormAsync($"/people/{person.Id}/help-requests/new", PersonKit.HelpForm());
        var request = await RequestAsync(person.Id);
        await app.WithDbAsync(OrgA, db => db.Set<OpenAccessPeriod>().Where(p => p.Id == period.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, OpenAccessStatus.Ended).SetProperty(p => p.GpLetterDue, true)));
        foreach (var role in new[] { Roles.SupportWorker, Roles.RegisteredPractitioner, Roles.TeamLead })
        {
            var other = await app.SignInAsync("B", role);
            foreach (var url in new[] { $"/help-requests/{request.Id}", $"/open-access/{period.Id}/gp-letter", $"/people/{person.Id}/help-requests/new" })
            {
                var response = await other.GetAsync(url);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                Assert.DoesNotContain(person.FamilyName, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            Assert.DoesNotContain(person.FamilyName, (await other.GetPageAsync("/help-requests")).Body!.TextContent, StringComparison.Ordinal);
        }
    }
}

public sealed class HelpRequestsOnSqlite(PersonAccessSqliteApp app) : HelpRequestTests(app), IClassFixture<PersonAccessSqliteApp>;

public sealed class HelpRequestsOnPostgres(PersonAccessPostgresApp app) : HelpRequestTests(app), IClassFixture<PersonAccessPostgresApp>;
