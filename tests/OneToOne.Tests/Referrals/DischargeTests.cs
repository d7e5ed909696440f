using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.Notifications;
using OneToOne.Allocation;
using OneToOne.Assessments;
using OneToOne.PatientAccess;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.Referrals;
using OneToOne.Supervision;
using OneToOne.Tests.Infrastructure;
using OneToOne.Tests.PatientAccess;
using OneToOne.Worklists;

namespace OneToOne.Tests.Referrals;

/// <summary>Discharge (issue 4 item 9): a reason, the final assessment, outcome and experience questionnaires, the GP
/// letter, the episode's open tasks cancelled, open access afterwards, and sign-off for a support worker.</summary>
public abstract class DischargeTests(PersonAccessApp app)
{
    private Guid OrgA => app.World.Org("A");

    private Guid Worker => app.World.Account("A", Roles.SupportWorker).StaffId!.Value;

    private async Task<(Person Person, Referral Referral)> ActiveAsync(Action<Person>? configure = null, Guid? keyWorker = null)
    {
        var person = await PersonKit.PersonAsync(app, "A", configure);
        var referral = await PersonKit.ReferralAsync(app, "A", person.Id, ReferralStatus.Active, keyWorker ?? Worker);
        await app.WithDbAsync(OrgA, async db =>
        {
            db.KeyWorkerAssignments.Add(new KeyWorkerAssignment
            {
                ReferralId = referral.Id, PersonId = person.Id, StaffMemberId = keyWorker ?? Worker, Level = PathwayLevel.SupportedSelfManagement, Reason = "Test",
                AssignedByName = "Test", AssignedAt = new DateTimeOffset(2026, 6, 10, 9, 0, 0, TimeSpan.Zero),
            });
            await db.SaveChangesAsync();

            // Arranging an active episode opens its routine tasks (first contact, reviews); these tests count only the
            // tasks they arrange themselves, so start from none.
            await db.Set<WorkTask>().Where(t => t.PersonId == person.Id).ExecuteDeleteAsync();
        });
        return (person, referral);
    }

    private Task<WorkTask> ArrangeTaskAsync(Guid personId, WorkTaskKind kind, string title) =>
        app.WithDbAsync(OrgA, async db =>
        {
            var task = new WorkTask
            {
                Kind = kind, SourceId = Guid.NewGuid(), Title = title, Link = "/", DueAt = app.Clock.Now.AddDays(3), PersonId = personId,
                AssignedToStaffId = Worker, Status = WorkTaskStatus.Open, CreatedAt = app.Clock.Now,
            };
            db.Add(task);
            await db.SaveChangesAsync();
            return task;
        });

    private static Dictionary<string, string> Form(string reason = "GoalsMet", string final = "Declined", string detail = "") => new()
    {
        ["Input.Reason"] = reason,
        ["Input.FinalAssessment"] = final,
        ["Input.ReasonDetail"] = detail,
    };

    private Task<Referral> ReferralAsync(Guid id) => app.WithDbAsync(OrgA, db => db.Referrals.AsNoTracking().SingleAsync(r => r.Id == id));

    private Task<List<Discharge>> DischargesAsync(Guid referralId) =>
        app.WithDbAsync(OrgA, db => db.Set<Discharge>().Where(d => d.ReferralId == referralId).OrderBy(d => d.RequestedAt).ThenBy(d => d.Id).ToListAsync());

    /// <summary>What Supervision's approve step does: mark the request approved and run the module's action in the same unit of work.</summary>
    private async Task ApproveAsync(Guid referralId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActFor(OrgA);
        var db = scope.ServiceProvider.GetRequiredService<OneToOne.Platform.Data.OneToOneDb>();
        var request = await db.Set<SignOffRequest>().SingleAsync(s => s.SubjectId == referralId && s.Status == SignOffStatus.Pending);
        request.Status = SignOffStatus.Approved;
        var action = scope.ServiceProvider.GetServices<ISignOffAction>().Single(a => a.Kind == SignOffKinds.Discharge);
        await action.ApplyAsync(request, default);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_practitioner_discharges_with_a_reason_open_tasks_are_cancelled_escalations_kept_and_open_access_starts()
    {
        app.Clock.Now = PersonAccessClock.Start;
        var (person, referral) = await ActiveAsync();
        var plan = await ArrangeTaskAsync(person.Id, WorkTaskKind.PlanAction, "Plan action due");
        var review = await ArrangeTaskAsync(person.Id, WorkTaskKind.AssessmentReview, "3-month review");
        var escalation = await ArrangeTaskAsync(person.Id, WorkTaskKind.Escalation, "Escalation: high distress");
        var nurse = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var page = await nurse.GetPageAsync($"/referrals/{referral.Id}/discharge");
        var consequences = page.QuerySelector("#discharge-consequences")!.TextContent;
        Assert.Contains("2 open tasks will be cancelled", consequences, StringComparison.Ordinal);
        Assert.Contains("Escalation: high distress", consequences, StringComparison.Ordinal);
        Assert.Contains("until 6 Jan 2028", consequences, StringComparison.Ordinal);

        var done = await nurse.SubmitFormAsync($"/referrals/{referral.Id}/discharge", Form(detail: "Back at work and managing well"));
        PersonKit.AssertRedirect(done, $"/referrals/{referral.Id}/discharge");

        var saved = await ReferralAsync(referral.Id);
        Assert.Equal((ReferralStatus.Discharged, PersonAccessClock.Start), (saved.Status, saved.DischargedAt!.Value));
        Assert.Equal("Needs met and goals achieved: Back at work and managing well", saved.OutcomeReason);
        var discharge = Assert.Single(await DischargesAsync(referral.Id));
        Assert.Equal((DischargeStatus.Done, DischargeReason.GoalsMet, FinalAssessmentChoice.Declined, 2, true, "RegisteredPractitioner A"),
            (discharge.Status, discharge.Reason, discharge.FinalAssessment, discharge.CancelledTasks, discharge.GpConsent, discharge.RequestedByName));
        var tasks = (await PersonKit.TasksForAsync(app, "A", person.Id)).ToDictionary(t => t.Id);
        Assert.Equal(WorkTaskStatus.Cancelled, tasks[plan.Id].Status);
        Assert.Equal(WorkTaskStatus.Cancelled, tasks[review.Id].Status);
        Assert.Equal(WorkTaskStatus.Open, tasks[escalation.Id].Status);

        var period = await app.WithDbAsync(OrgA, db => db.Set<OpenAccessPeriod>().SingleAsync(p => p.ReferralId == referral.Id));
        Assert.Equal((OpenAccessStatus.Open, new DateOnly(2027, 1, 6), new DateOnly(2028, 1, 6), Worker, app.World.Teams["A"].Id),
            (period.Status, period.StartsOn, period.EndsOn, period.FormerKeyWorkerId!.Value, period.TeamId!.Value));
        Assert.Equal(new DateOnly(2028, 1, 6), discharge.OpenAccessUntil);
        Assert.NotNull(await app.WithDbAsync(OrgA, db => db.KeyWorkerAssignments.Where(a => a.ReferralId == referral.Id).Select(a => a.EndedAt).SingleAsync()));
        var told = await app.WithDbAsync(OrgA, db => db.Set<OutboxMessage>().SingleAsync(m => m.PersonId == person.Id));
        Assert.Equal((person.Email, "You can still ask us for help"), (told.To, told.Subject));
        Assert.Contains("6 Jan 2028", told.Body, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(OrgA, db => db.AuditEvents.AnyAsync(e => e.Action == "referral.discharge" && e.EntityId == referral.Id.ToString())));

        var after = await nurse.GetPageAsync($"/referrals/{referral.Id}/discharge");
        Assert.NotNull(after.QuerySelector("#discharge-summary"));
        Assert.NotNull(after.QuerySelector($"a[href='/referrals/{referral.Id}/discharge/gp-letter']"));
        Assert.Null(after.QuerySelector("form[method=post] input[name='Input.Reason']"));
        var details = await nurse.GetPageAsync($"/referrals/{referral.Id}");
        Assert.NotNull(details.QuerySelector($".app-discharge a[href='/referrals/{referral.Id}/discharge']"));
    }

    [Fact]
    public async Task A_new_discharge_supersedes_an_earlier_open_access_period_still_open()
    {
        app.Clock.Now = PersonAccessClock.Start;
        var (person, _, earlier) = await PersonKit.DischargedAsync(app, "A", new DateOnly(2026, 9, 1), new DateOnly(2027, 9, 1));
        var again = await PersonKit.ReferralAsync(app, "A", person.Id, ReferralStatus.Active, Worker);
        var nurse = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        PersonKit.AssertRedirect(await nurse.SubmitFormAsync($"/referrals/{again.Id}/discharge", Form()), $"/referrals/{again.Id}/discharge");
        var periods = await app.WithDbAsync(OrgA, db => db.Set<OpenAccessPeriod>().Where(p => p.PersonId == person.Id).ToDictionaryAsync(p => p.ReferralId, p => p.Status));
        Assert.Equal(OpenAccessStatus.Reopened, periods[earlier.ReferralId]);
        Assert.Equal(OpenAccessStatus.Open, periods[again.Id]);
    }

    [Fact]
    public async Task Discharge_without_a_reason_or_with_answers_that_do_not_fit_is_refused_and_nothing_changes()
    {
        app.Clock.Now = PersonAccessClock.Start;
        var (person, referral) = await ActiveAsync(p =>
        {
            p.Email = null;
            p.Phone = null;
        });
        var nurse = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var url = $"/referrals/{referral.Id}/discharge";
        Assert.Equal([DischargeRules.ReasonRequired, DischargeRules.FinalRequired], await (await nurse.SubmitFormAsync(url, Form(reason: "", final: ""))).ErrorSummaryAsync());
        Assert.Equal([DischargeRules.DetailRequired], await (await nurse.SubmitFormAsync(url, Form(reason: "Other"))).ErrorSummaryAsync());
        Assert.Equal([DischargeRules.NoCompletedFinal], await (await nurse.SubmitFormAsync(url, Form(final: "Completed"))).ErrorSummaryAsync());
        Assert.Equal([DischargeRules.NoContact], await (await nurse.SubmitFormAsync(url, Form(final: "Sent"))).ErrorSummaryAsync());
        Assert.Equal([DischargeRules.ReasonRequired], await (await nurse.SubmitFormAsync(url, Form(reason: "Bored"))).ErrorSummaryAsync());
        Assert.Single(await (await nurse.SubmitFormAsync(url, Form(detail: new string('x', Discharge.DetailMax + 1)))).ErrorSummaryAsync());
        Assert.Equal([DischargeRules.UnknownQuestionnaire], await (await nurse.SubmitFormAsync(url, new(Form()) { ["Input.Questionnaires"] = "no-such-questionnaire" })).ErrorSummaryAsync());

        var stale = await nurse.SubmitFormAsync(url, new(Form()) { ["Version"] = Guid.NewGuid().ToString() });
        Assert.Equal([OneToOne.Referrals.Pages.DetailsModel.ConflictMessage], await stale.AllErrorsAsync());

        Assert.Equal(ReferralStatus.Active, (await ReferralAsync(referral.Id)).Status);
        Assert.Empty(await DischargesAsync(referral.Id));
        Assert.False(await app.WithDbAsync(OrgA, db => db.Set<OpenAccessPeriod>().AnyAsync(p => p.PersonId == person.Id)));
    }

    [Fact]
    public async Task A_support_workers_discharge_waits_for_sign_off_and_is_applied_when_a_practitioner_approves()
    {
        app.Clock.Now = PersonAccessClock.Start;
        var (person, referral) = await ActiveAsync();
        var task = await ArrangeTaskAsync(person.Id, WorkTaskKind.PlanAction, "Plan action due");
        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        var url = $"/referrals/{referral.Id}/discharge";
        var form = await worker.GetPageAsync(url);
        Assert.Equal("Send for sign-off", form.QuerySelector("form[method=post] button.nhsuk-button")!.TextContent.Trim());
        var asked = await worker.SubmitFormAsync(url, Form(reason: "SelfManaging"));
        PersonKit.AssertRedirect(asked, url);
        var waiting = await worker.GetPageAsync(url);
        Assert.Contains("Sent to your supervisor for sign-off", waiting.QuerySelector(".nhsuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(waiting.QuerySelector("#awaiting-sign-off"));
        Assert.Null(waiting.QuerySelector("form[method=post] input[name='Input.Reason']"));

        // Nothing has happened yet.
        Assert.Equal(ReferralStatus.Active, (await ReferralAsync(referral.Id)).Status);
        Assert.Equal(WorkTaskStatus.Open, Assert.Single(await PersonKit.TasksForAsync(app, "A", person.Id), t => t.Kind == WorkTaskKind.PlanAction).Status);
        Assert.False(await app.WithDbAsync(OrgA, db => db.Set<OpenAccessPeriod>().AnyAsync(p => p.PersonId == person.Id)));
        var request = await app.WithDbAsync(OrgA, db => db.Set<SignOffRequest>().SingleAsync(s => s.SubjectId == referral.Id));
        Assert.Equal((SignOffKinds.Discharge, SignOffStatus.Pending, person.Id, Worker, "Discharge: Able to manage on their own now"),
            (request.Kind, request.Status, request.PersonId, request.RequestedByStaffId, request.Summary));
        var discharge = Assert.Single(await DischargesAsync(referral.Id));
        Assert.Equal((DischargeStatus.AwaitingSignOff, request.Id), (discharge.Status, discharge.SignOffRequestId!.Value));
        Assert.Contains(discharge.Id.ToString(), request.Payload, StringComparison.Ordinal);

        // Asking twice is refused while the first waits.
        var twice = await worker.PostAsync(url, new FormUrlEncodedContent(
            [.. Form(), new("__RequestVerificationToken", waiting.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]));
        Assert.Equal([DischargeRules.AwaitingSignOff], await twice.AllErrorsAsync());

        await ApproveAsync(referral.Id);
        var saved = await ReferralAsync(referral.Id);
        Assert.Equal(ReferralStatus.Discharged, saved.Status);
        discharge = Assert.Single(await DischargesAsync(referral.Id));
        Assert.Equal((DischargeStatus.Done, "system"), (discharge.Status, discharge.ApprovedByName));
        Assert.Equal(WorkTaskStatus.Cancelled, Assert.Single(await PersonKit.TasksForAsync(app, "A", person.Id), t => t.Kind == WorkTaskKind.PlanAction).Status);
        Assert.True(await app.WithDbAsync(OrgA, db => db.Set<OpenAccessPeriod>().AnyAsync(p => p.PersonId == person.Id && p.Status == OpenAccessStatus.Open)));
        Assert.NotNull((await worker.GetPageAsync(url)).QuerySelector("#discharge-summary"));
    }

    [Fact]
    public async Task An_approval_that_arrives_after_the_episode_has_closed_applies_nothing()
    {
        app.Clock.Now = PersonAccessClock.Start;
        var (person, referral) = await ActiveAsync();
        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        await worker.SubmitFormAsync($"/referrals/{referral.Id}/discharge", Form());
        await app.WithDbAsync(OrgA, db => db.Referrals.Where(r => r.Id == referral.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReferralStatus.Declined)));
        await ApproveAsync(referral.Id);
        Assert.Equal(DischargeStatus.NotApplied, Assert.Single(await DischargesAsync(referral.Id)).Status);
        Assert.Equal(ReferralStatus.Declined, (await ReferralAsync(referral.Id)).Status);
        Assert.False(await app.WithDbAsync(OrgA, db => db.Set<OpenAccessPeriod>().AnyAsync(p => p.PersonId == person.Id)));
        Assert.True(await app.WithDbAsync(OrgA, db => db.AuditEvents.AnyAsync(e => e.Action == "referral.discharge.not-applied" && e.EntityId == referral.Id.ToString())));
    }

    [Fact]
    public async Task A_returned_sign_off_shows_the_supervisors_comment_and_the_worker_can_ask_again()
    {
        app.Clock.Now = PersonAccessClock.Start;
        var (_, referral) = await ActiveAsync();
        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        var url = $"/referrals/{referral.Id}/discharge";
        await worker.SubmitFormAsync(url, Form());
        await app.WithDbAsync(OrgA, db => db.Set<SignOffRequest>().Where(s => s.SubjectId == referral.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, SignOffStatus.Returned).SetProperty(r => r.Comment, "Please offer the final assessment first")
            .SetProperty(r => r.DecidedByName, "RegisteredPractitioner A")));
        var page = await worker.GetPageAsync(url);
        Assert.Contains("Please offer the final assessment first", page.QuerySelector("#sign-off-returned")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("form[method=post] input[name='Input.Reason']"));

        app.Clock.Now = PersonAccessClock.Start.AddMinutes(5);
        PersonKit.AssertRedirect(await worker.SubmitFormAsync(url, Form(final: "NotPossible")), url);
        var discharges = await DischargesAsync(referral.Id);
        Assert.Equal([DischargeStatus.NotApplied, DischargeStatus.AwaitingSignOff], discharges.Select(d => d.Status));
        Assert.Equal(2, await app.WithDbAsync(OrgA, db => db.Set<SignOffRequest>().CountAsync(s => s.SubjectId == referral.Id)));
        app.Clock.Now = PersonAccessClock.Start;
    }

    [Fact]
    public async Task The_before_discharge_assessment_and_the_questionnaires_chosen_are_sent_with_a_task_to_review_it()
    {
        app.Clock.Now = PersonAccessClock.Start;
        var (person, referral) = await ActiveAsync();
        var nurse = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var url = $"/referrals/{referral.Id}/discharge";
        var published = await app.WithDbAsync(null, db => db.Set<Instrument>().AnyAsync(i => i.Active && (i.Kind == InstrumentKind.Outcome || i.Kind == InstrumentKind.Experience)));
        Assert.Equal(!published, (await nurse.GetPageAsync(url)).QuerySelector("#no-questionnaires") is not null);

        var code = "prom-" + Guid.NewGuid().ToString("N")[..8];
        await app.WithDbAsync(null, async db =>
        {
            db.Add(new Instrument
            {
                Code = code, Version = 1, Name = "Confidence to self-manage", Kind = InstrumentKind.Outcome, Active = true, PublishedAt = DateTimeOffset.UtcNow,
                DefinitionJson = new InstrumentDefinition
                {
                    Sections = [new InstrumentSection { Code = "confidence", Title = "Confidence", Items = [new InstrumentItem { Code = "confident", Text = "How confident are you to manage your health?", Required = true }] }],
                    Scoring = new ScoringSettings { TopConcernsMax = 0 },
                }.ToJson(),
            });
            await db.SaveChangesAsync();
        });
        var page = await nurse.GetPageAsync(url);
        Assert.Null(page.QuerySelector("#no-questionnaires"));
        Assert.NotNull(page.QuerySelector($"input[name='Input.Questionnaires'][value='{code}']"));

        var done = await nurse.SubmitFormAsync(url, new(Form(reason: "SelfManaging", final: "Sent")) { ["Input.Questionnaires"] = code });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var responses = await app.WithDbAsync(OrgA, db => db.Set<AssessmentResponse>().Where(r => r.PersonId == person.Id).ToListAsync());
        Assert.Equal([AssessmentDefaults.HnaCode, code], responses.Select(r => r.InstrumentCode).Order(StringComparer.Ordinal));
        Assert.All(responses, r => Assert.Equal((Timepoint.Discharge, CompletionMode.PersonOnline, ResponseStatus.InProgress, referral.Id), (r.Timepoint, r.Mode, r.Status, r.ReferralId!.Value)));
        Assert.Equal(2, await app.WithDbAsync(OrgA, db => db.Set<AssessmentLink>().CountAsync(l => l.PersonId == person.Id)));
        var subjects = await app.WithDbAsync(OrgA, db => db.Set<OutboxMessage>().Where(m => m.PersonId == person.Id).Select(m => m.Subject).ToListAsync());
        Assert.Equal(["Confidence to self-manage", "Holistic needs assessment", "You can still ask us for help"], subjects.Order(StringComparer.Ordinal));
        var discharge = Assert.Single(await DischargesAsync(referral.Id));
        Assert.Equal([code], discharge.Questionnaires);
        Assert.Equal(responses.Single(r => r.InstrumentCode == AssessmentDefaults.HnaCode).Id, discharge.FinalAssessmentResponseId);
        var review = Assert.Single(await PersonKit.TasksForAsync(app, "A", person.Id));
        Assert.Equal((WorkTaskKind.AssessmentReview, referral.Id, Discharges.ReviewKey, Worker, WorkTaskStatus.Open),
            (review.Kind, review.SourceId, review.Key, review.AssignedToStaffId!.Value, review.Status));
        Assert.Equal(new DateTimeOffset(2027, 1, 20, 23, 59, 59, TimeSpan.Zero), review.DueAt); // 10 working days from Wednesday 6 January

        // The person sees both as questionnaires to complete on their own pages.
        var client = await PersonKit.SignInPersonAsync(app, "A", person);
        Assert.Equal(2, (await client.GetPageAsync("/my/questionnaires")).QuerySelectorAll("input[name=ResponseId]").Length);
        await app.WithDbAsync(null, db => db.Set<Instrument>().Where(i => i.Code == code).ExecuteUpdateAsync(s => s.SetProperty(i => i.Active, false)));
    }

    [Fact]
    public async Task A_completed_before_discharge_assessment_is_named_and_summarised_in_the_gp_letter()
    {
        app.Clock.Now = PersonAccessClock.Start;
        var (person, referral) = await ActiveAsync();
        var hna = await app.WithDbAsync(null, db => db.Set<Instrument>().SingleAsync(i => i.Code == AssessmentDefaults.HnaCode && i.Active));
        var final = await app.WithDbAsync(OrgA, async db =>
        {
            var response = new AssessmentResponse
            {
                PersonId = person.Id, InstrumentId = hna.Id, InstrumentCode = hna.Code, InstrumentVersion = hna.Version, Timepoint = Timepoint.Discharge,
                Status = ResponseStatus.Submitted, StartedAt = PersonAccessClock.Start.AddDays(-2), SubmittedAt = PersonAccessClock.Start.AddDays(-2),
                DistressScore = 3, ConcernCount = 2, TopConcerns = ["fatigue"],
            };
            db.Add(response);
            await db.SaveChangesAsync();
            return response;
        });
        var nurse = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var url = $"/referrals/{referral.Id}/discharge";
        Assert.NotNull((await nurse.GetPageAsync(url)).QuerySelector("input[name='Input.FinalAssessment'][value='Completed'][checked]"));
        await nurse.SubmitFormAsync(url, Form(final: "Completed"));
        Assert.Equal(final.Id, Assert.Single(await DischargesAsync(referral.Id)).FinalAssessmentResponseId);

        var letter = await nurse.GetPageAsync($"{url}/gp-letter");
        Assert.Equal($"Discharge from one-to-one support: {person.FullName}", letter.QuerySelector("h1")!.TextContent.Trim());
        var text = letter.Body!.TextContent;
        Assert.Contains("Distress 3 out of 10", text, StringComparison.Ordinal);
        Assert.Contains(NhsNumber.Format(person.NhsNumber), text, StringComparison.Ordinal);
        Assert.Contains("Until 6 Jan 2028", text, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(OrgA, db => db.AuditEvents.AnyAsync(e => e.Action == "view" && e.PersonId == person.Id && e.Detail == "discharge GP letter")));
        PersonKit.AssertRedirect(await nurse.SubmitFormAsync($"{url}/gp-letter", []), url);
        Assert.Equal(PersonAccessClock.Start, Assert.Single(await DischargesAsync(referral.Id)).GpLetterSentAt);
    }

    [Fact]
    public async Task The_gp_letter_needs_consent_to_share_and_a_discharge()
    {
        app.Clock.Now = PersonAccessClock.Start;
        var (_, referral) = await ActiveAsync(p => p.ConsentToShareWithGp = false);
        var nurse = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var url = $"/referrals/{referral.Id}/discharge";
        Assert.Equal(HttpStatusCode.NotFound, (await nurse.GetAsync($"{url}/gp-letter")).StatusCode);
        Assert.Contains("No letter to their GP", (await nurse.GetPageAsync(url)).QuerySelector("#discharge-consequences")!.TextContent, StringComparison.Ordinal);
        await nurse.SubmitFormAsync(url, Form());
        Assert.NotNull((await nurse.GetPageAsync(url)).QuerySelector("#no-gp-letter"));
        var letter = await nurse.GetPageAsync($"{url}/gp-letter");
        Assert.NotNull(letter.QuerySelector("#no-gp-consent"));
        Assert.Null(letter.QuerySelector("link[href='/css/print.css']"));
    }

    [Fact]
    public async Task After_a_death_there_is_no_open_access_and_nothing_is_sent_to_the_person()
    {
        app.Clock.Now = PersonAccessClock.Start;
        var (person, referral) = await ActiveAsync();
        var nurse = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var url = $"/referrals/{referral.Id}/discharge";
        Assert.Equal([DischargeRules.NothingAfterDeath], await (await nurse.SubmitFormAsync(url, Form(reason: "Died", final: "Sent"))).ErrorSummaryAsync());
        PersonKit.AssertRedirect(await nurse.SubmitFormAsync(url, Form(reason: "Died", final: "NotPossible")), url);
        Assert.Null(Assert.Single(await DischargesAsync(referral.Id)).OpenAccessUntil);
        Assert.False(await app.WithDbAsync(OrgA, db => db.Set<OpenAccessPeriod>().AnyAsync(p => p.PersonId == person.Id)));
        Assert.False(await app.WithDbAsync(OrgA, db => db.Set<OutboxMessage>().AnyAsync(m => m.PersonId == person.Id)));
    }

    [Fact]
    public async Task A_support_worker_who_is_not_the_key_worker_cannot_discharge()
    {
        app.Clock.Now = PersonAccessClock.Start;
        var (_, referral) = await ActiveAsync(keyWorker: app.World.ExtraWorkers["A"][0].Id);
        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        var url = $"/referrals/{referral.Id}/discharge";
        var page = await worker.GetPageAsync(url);
        Assert.Null(page.QuerySelector("form[method=post] input[name='Input.Reason']"));
        var forced = await worker.PostAsync(url, new FormUrlEncodedContent(
            [.. Form(), new("__RequestVerificationToken", page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]));
        Assert.Equal([DischargeRules.NotDischargeable], await forced.AllErrorsAsync());
        Assert.Empty(await DischargesAsync(referral.Id));
    }

    [Fact]
    public async Task Another_organisations_staff_get_404_for_the_discharge_and_its_letter()
    {
        app.Clock.Now = PersonAccessClock.Start;
        var (person, referral) = await ActiveAsync();
        var nurse = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        await nurse.SubmitFormAsync($"/referrals/{referral.Id}/discharge", Form());
        foreach (var role in new[] { Roles.SupportWorker, Roles.RegisteredPractitioner, Roles.TeamLead })
        {
            var other = await app.SignInAsync("B", role);
            foreach (var url in new[] { $"/referrals/{referral.Id}/discharge", $"/referrals/{referral.Id}/discharge/gp-letter" })
            {
                var response = await other.GetAsync(url);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                Assert.DoesNotContain(person.FamilyName, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }
    }
}

public sealed class DischargeOnSqlite(PersonAccessSqliteApp app) : DischargeTests(app), IClassFixture<PersonAccessSqliteApp>;

public sealed class DischargeOnPostgres(PersonAccessPostgresApp app) : DischargeTests(app), IClassFixture<PersonAccessPostgresApp>;
