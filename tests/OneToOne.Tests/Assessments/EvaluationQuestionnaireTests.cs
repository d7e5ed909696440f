using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.Assessments;
using OneToOne.Evaluation;
using OneToOne.Notifications;
using OneToOne.PatientAccess;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Background;
using OneToOne.Platform.Time;
using OneToOne.Referrals;
using OneToOne.Tests.Evaluation.Costs;
using OneToOne.Tests.Infrastructure;
using OneToOne.Tests.PatientAccess;
using OneToOne.Worklists;

namespace OneToOne.Tests.Assessments;

/// <summary>The outcome (PROM) and experience (PREM) questionnaires on the questionnaire engine: offered at baseline,
/// follow-up and before discharge, completed with the worker or on the person's own device, with the key worker's
/// follow-up task and the person's link reminder.</summary>
public abstract partial class EvaluationQuestionnaireTests(EvaluationCostsApp app)
{
    [GeneratedRegex("/a/[A-Za-z0-9_-]{64}")]
    private static partial Regex LinkPattern();

    private Guid OrgA => app.World.Org("A");

    private Guid Worker => app.World.Account("A", Roles.SupportWorker).StaffId!.Value;

    private async Task<HttpClient> WorkerAsync(string org = "A")
    {
        await app.WithDbAsync(null, async db =>
        {
            await AssessmentDefaults.EnsureDefaultsAsync(db, default);
            await EvaluationQuestionnaires.EnsureDefaultsAsync(db, default);
        });
        return await app.SignInAsync(org, Roles.SupportWorker);
    }

    /// <summary>A person in an active episode with the support worker of A as key worker (referral created at the clock's now).</summary>
    private async Task<(Person Person, Referral Referral)> ActiveAsync(Action<Person>? person = null, Guid? keyWorker = null, ReferralStatus status = ReferralStatus.Active)
    {
        var p = await PersonKit.PersonAsync(app, "A", person);
        var r = await PersonKit.ReferralAsync(app, "A", p.Id, status, status == ReferralStatus.Accepted ? null : keyWorker ?? Worker,
            x => x.CreatedAt = app.Clock.Now.AddDays(-30));
        return (p, r);
    }

    private static string Score(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Offers a questionnaire on the person's questionnaires page; returns the response the worker completes.</summary>
    private static async Task<string> StartWithWorkerAsync(HttpClient worker, Guid personId, string code, string timepoint)
    {
        var started = await worker.SubmitFormAsync($"/people/{personId}/questionnaires", new()
        {
            ["Questionnaire"] = code, ["Timepoint"] = timepoint, ["How"] = "worker",
        });
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var url = started.Headers.Location!.OriginalString;
        Assert.Matches("^/assessments/[0-9a-f-]{36}$", url);
        return url;
    }

    private static async Task<string> CompleteOutcomesAsync(HttpClient worker, Guid personId, string timepoint, int distress, int confidence, int wellbeing)
    {
        var url = await StartWithWorkerAsync(worker, personId, EvaluationInstruments.OutcomesCode, timepoint);
        var answered = await worker.SubmitFormAsync(url, new()
        {
            ["answer-distress"] = Score(distress), ["answer-confidence"] = Score(confidence), ["answer-wellbeing"] = Score(wellbeing),
        });
        Assert.Equal(url + "/review", answered.Headers.Location!.OriginalString);
        var review = await worker.GetPageAsync(url + "/review");
        Assert.Empty(review.QuerySelectorAll("input[name=TopConcerns]"));
        var submitted = await worker.SubmitFormAsync(url + "/review", []);
        Assert.Equal(url + "/summary", submitted.Headers.Location!.OriginalString);
        return url;
    }

    private Task<AssessmentResponse> ResponseAsync(string url)
    {
        var id = Guid.Parse(url["/assessments/".Length..]);
        return app.WithDbAsync(OrgA, db => db.Set<AssessmentResponse>().AsNoTracking().SingleAsync(r => r.Id == id));
    }

    private Task<List<WorkTask>> FollowUpTasksAsync(Guid personId) =>
        app.WithDbAsync(OrgA, db => db.Set<WorkTask>().AsNoTracking().Where(t => t.PersonId == personId && t.Key == OutcomeFollowUpInterceptor.TaskKey).ToListAsync());

    [Fact]
    public async Task The_shipped_questionnaires_are_seeded_once_and_are_the_ones_offered_at_discharge()
    {
        await WorkerAsync();
        await app.WithDbAsync(null, db => EvaluationQuestionnaires.EnsureDefaultsAsync(db, default));
        var seeded = await app.WithDbAsync(null, db => db.Set<Instrument>().AsNoTracking()
            .Where(i => (i.Code == EvaluationInstruments.OutcomesCode || i.Code == EvaluationInstruments.ExperienceCode) && i.Version == 1).ToListAsync());
        Assert.Equal([(EvaluationInstruments.ExperienceCode, InstrumentKind.Experience), (EvaluationInstruments.OutcomesCode, InstrumentKind.Outcome)],
            seeded.OrderBy(i => i.Code, StringComparer.Ordinal).Select(i => (i.Code, i.Kind)));

        var (_, referral) = await ActiveAsync();
        var nurse = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var discharge = await nurse.GetPageAsync($"/referrals/{referral.Id}/discharge");
        Assert.NotNull(discharge.QuerySelector($"input[name='Input.Questionnaires'][value='{EvaluationInstruments.OutcomesCode}']"));
        Assert.NotNull(discharge.QuerySelector($"input[name='Input.Questionnaires'][value='{EvaluationInstruments.ExperienceCode}']"));
    }

    [Fact]
    public async Task The_worker_completes_the_baseline_outcome_questionnaire_with_the_person_and_the_follow_up_falls_due_3_months_on()
    {
        app.Clock.Now = EvaluationClock.Start;
        var worker = await WorkerAsync();
        var (person, referral) = await ActiveAsync();
        var page = await worker.GetPageAsync($"/people/{person.Id}/questionnaires");
        Assert.Contains("Due now", page.QuerySelector("#plan-outcomes")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("input[name=Questionnaire][value=outcomes][checked]"));
        Assert.NotNull(page.QuerySelector("input[name=Timepoint][value=Baseline][checked]"));
        Assert.DoesNotContain("Baseline", page.QuerySelector("#plan-experience")!.TextContent, StringComparison.Ordinal);

        var url = await CompleteOutcomesAsync(worker, person.Id, "Baseline", distress: 6, confidence: 3, wellbeing: 4);
        var response = await ResponseAsync(url);
        Assert.Equal((EvaluationInstruments.OutcomesCode, Timepoint.Baseline, CompletionMode.WithWorker, ResponseStatus.Submitted, (Guid?)referral.Id),
            (response.InstrumentCode, response.Timepoint, response.Mode, response.Status, response.ReferralId));
        Assert.Equal((6, 0, (decimal?)null), (response.DistressScore, response.ConcernCount, response.MeanSeverity));
        Assert.Equal([AssessmentScorer.DistressFlag], response.Flags);

        var summary = await worker.GetPageAsync(url + "/summary");
        var text = summary.Body!.TextContent;
        Assert.Matches(@"Outcome questionnaire, version \d+", text);
        Assert.Contains("How confident do you feel about managing your health and wellbeing?", text, StringComparison.Ordinal);
        Assert.DoesNotContain("What matters most", text, StringComparison.Ordinal);
        Assert.Contains("6 (significant)", text, StringComparison.Ordinal);

        var task = Assert.Single(await FollowUpTasksAsync(person.Id));
        Assert.Equal((OutcomeFollowUpInterceptor.TaskKind, referral.Id, (Guid?)Worker, WorkTaskStatus.Open, OutcomeFollowUpInterceptor.TaskTitle, $"/people/{person.Id}/questionnaires"),
            (task.Kind, task.SourceId, task.AssignedToStaffId, task.Status, task.Title, task.Link));
        Assert.Equal(WorkTaskRules.EndOfUkDay(new DateOnly(2027, 4, 6)), task.DueAt);

        var after = await worker.GetPageAsync($"/people/{person.Id}/questionnaires");
        Assert.Contains("Completed " + UkTime.Format(new DateOnly(2027, 1, 6)), after.QuerySelector("#plan-outcomes")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Due from " + UkTime.Format(new DateOnly(2027, 4, 6)), after.QuerySelector("#plan-outcomes")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(after.QuerySelector("input[name=Timepoint][value=Review][checked]"));
        var list = await worker.GetPageAsync($"/people/{person.Id}/assessments");
        Assert.Contains(list.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains("Outcome questionnaire", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_follow_up_answered_on_the_person_s_own_device_completes_the_key_worker_s_task_and_an_unused_link_is_reminded()
    {
        app.Clock.Now = EvaluationClock.Start;
        var worker = await WorkerAsync();
        var (person, _) = await ActiveAsync(p => p.PreferredContactMethod = ContactMethod.Email);
        await CompleteOutcomesAsync(worker, person.Id, "Baseline", 7, 2, 3);
        Assert.Equal(WorkTaskStatus.Open, Assert.Single(await FollowUpTasksAsync(person.Id)).Status);

        app.Clock.Now = EvaluationClock.Start.AddMonths(3);
        try
        {
            worker = await app.SignInAsync("A", Roles.SupportWorker); // the earlier sign-in has expired by now
            var sent = await worker.SubmitFormAsync($"/people/{person.Id}/questionnaires", new()
            {
                ["Questionnaire"] = EvaluationInstruments.OutcomesCode, ["Timepoint"] = "Review", ["How"] = "link",
            });
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
            var banner = await worker.GetPageAsync(sent.Headers.Location!.OriginalString);
            Assert.Contains("Outcome questionnaire sent to " + PatientLinks.Mask(person.Email!, NotificationChannels.Email), banner.Body!.TextContent, StringComparison.Ordinal);
            var message = await app.WithDbAsync(OrgA, db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.PersonId == person.Id && m.Template == QuestionnaireLinks.Template));
            Assert.Equal("Outcome questionnaire", message.Subject);
            var link = LinkPattern().Match(message.Body).Value;

            // Two days on, the link is not used: the existing reminders job reminds the person once.
            app.Clock.Now = app.Clock.Now.AddDays(2);
            await app.Services.GetRequiredService<JobRunner>().RunOnceAsync(ReminderJob.JobName);
            await app.Services.GetRequiredService<JobRunner>().RunOnceAsync(ReminderJob.JobName);
            Assert.Equal(1, await app.WithDbAsync(OrgA, db => db.Set<OutboxMessage>().CountAsync(m => m.PersonId == person.Id && m.Template == ReminderTemplates.QuestionnaireDue)));

            var phone = app.NewClient();
            var verified = await phone.SubmitFormAsync(link, new()
            {
                ["DateOfBirth.Day"] = Score(PersonKit.BirthDate.Day), ["DateOfBirth.Month"] = Score(PersonKit.BirthDate.Month), ["DateOfBirth.Year"] = Score(PersonKit.BirthDate.Year),
            });
            Assert.Equal(link + "/0", verified.Headers.Location!.OriginalString);
            var answered = await phone.SubmitFormAsync(link + "/0", new() { ["answer-distress"] = "3", ["answer-confidence"] = "7", ["answer-wellbeing"] = "6" });
            Assert.Equal(link + "/check", answered.Headers.Location!.OriginalString);
            Assert.Equal("/a/done", (await phone.SubmitFormAsync(link + "/check", [])).Headers.Location!.OriginalString);

            var followUp = await app.WithDbAsync(OrgA, db => db.Set<AssessmentResponse>().AsNoTracking()
                .SingleAsync(r => r.PersonId == person.Id && r.Timepoint == Timepoint.Review));
            Assert.Equal((CompletionMode.PersonOnline, ResponseStatus.Submitted, (int?)3), (followUp.Mode, followUp.Status, followUp.DistressScore));
            var task = Assert.Single(await FollowUpTasksAsync(person.Id));
            Assert.Equal(WorkTaskStatus.Done, task.Status);
        }
        finally
        {
            app.Clock.Now = EvaluationClock.Start;
        }
    }

    [Fact]
    public async Task Without_a_key_worker_the_follow_up_goes_to_the_team_queue_and_without_an_episode_there_is_none()
    {
        app.Clock.Now = EvaluationClock.Start;
        var worker = await WorkerAsync();
        var (waiting, _) = await ActiveAsync(status: ReferralStatus.Accepted);
        await CompleteOutcomesAsync(worker, waiting.Id, "Baseline", 5, 5, 5);
        var task = Assert.Single(await FollowUpTasksAsync(waiting.Id));
        Assert.Equal(((Guid?)null, (Guid?)app.World.Teams["A"].Id), (task.AssignedToStaffId, task.AssignedToTeamId));

        var alone = await PersonKit.PersonAsync(app, "A");
        var page = await worker.GetPageAsync($"/people/{alone.Id}/questionnaires");
        Assert.NotNull(page.QuerySelector("#no-episode"));
        await CompleteOutcomesAsync(worker, alone.Id, "Baseline", 5, 5, 5);
        Assert.Empty(await FollowUpTasksAsync(alone.Id));
    }

    [Fact]
    public async Task The_experience_questionnaire_shows_words_for_its_five_points_and_stores_them_as_1_to_5()
    {
        var worker = await WorkerAsync();
        var (person, _) = await ActiveAsync();
        var url = await StartWithWorkerAsync(worker, person.Id, EvaluationInstruments.ExperienceCode, "Review");
        var form = await worker.GetPageAsync(url);
        var ease = form.QuerySelectorAll("input[name=answer-ease]").Select(i => (i.GetAttribute("value"), form.QuerySelector($"label[for='{i.Id}']")!.TextContent.Trim())).ToList();
        Assert.Equal([("1", "Very difficult"), ("2", "Difficult"), ("3", "Neither easy nor difficult"), ("4", "Easy"), ("5", "Very easy")], ease);
        Assert.Equal(11, form.QuerySelectorAll("input[name=answer-rating]").Length);

        var outOfRange = await worker.SubmitFormAsync(url, new() { ["answer-ease"] = "6" });
        Assert.Contains("How easy was it to contact the team when you needed to?: the score must be between 1 and 5", await outOfRange.ErrorSummaryAsync());

        var answered = await worker.SubmitFormAsync(url, new()
        {
            ["answer-rating"] = "9", ["answer-ease"] = "4", ["answer-involvement"] = "5", ["answer-recommend"] = "1", ["answer-comments"] = "Kind and quick to ring back",
        });
        Assert.Equal(url + "/review", answered.Headers.Location!.OriginalString);
        var review = (await worker.GetPageAsync(url + "/review")).Body!.TextContent;
        Assert.Contains("Easy", review, StringComparison.Ordinal);
        Assert.Contains("Definitely not", review, StringComparison.Ordinal);
        await worker.SubmitFormAsync(url + "/review", []);

        var response = await ResponseAsync(url);
        Assert.Equal((ResponseStatus.Submitted, Timepoint.Review, 0, (int?)null), (response.Status, response.Timepoint, response.ConcernCount, response.DistressScore));
        Assert.Empty(response.Flags);
        var answers = await app.WithDbAsync(OrgA, db => db.Set<AssessmentAnswer>().AsNoTracking().Where(a => a.ResponseId == response.Id)
            .ToDictionaryAsync(a => a.ItemCode, a => (a.Score, a.Text)));
        Assert.Equal((9, (string?)null), answers["rating"]);
        Assert.Equal((4, (string?)null), answers["ease"]);
        Assert.Equal((5, (string?)null), answers["involvement"]);
        Assert.Equal((1, (string?)null), answers["recommend"]);
        Assert.Equal(((int?)null, "Kind and quick to ring back"), answers["comments"]);
        var summary = (await worker.GetPageAsync(url + "/summary")).Body!.TextContent;
        Assert.Contains("Yes, definitely", summary, StringComparison.Ordinal);
        Assert.Contains("Kind and quick to ring back", summary, StringComparison.Ordinal);
        Assert.Empty(await FollowUpTasksAsync(person.Id));
    }

    [Fact]
    public async Task Offering_refuses_a_missing_choice_experience_at_baseline_a_link_with_no_contact_and_a_repeat_of_a_completed_timepoint()
    {
        var worker = await WorkerAsync();
        var (person, _) = await ActiveAsync(p => p.Email = null);
        var url = $"/people/{person.Id}/questionnaires";
        Task<int> CountAsync() => app.WithDbAsync(OrgA, db => db.Set<AssessmentResponse>().CountAsync(r => r.PersonId == person.Id));

        var empty = await worker.SubmitFormAsync(url, new() { ["Questionnaire"] = "", ["Timepoint"] = "", ["How"] = "" });
        Assert.Equal(["Select which questionnaire to offer", "Select when in the person's support this is", "Select how the person will answer"], await empty.ErrorSummaryAsync());
        var unknown = await worker.SubmitFormAsync(url, new() { ["Questionnaire"] = AssessmentDefaults.HnaCode, ["Timepoint"] = "Baseline", ["How"] = "worker" });
        Assert.Equal(["Select which questionnaire to offer"], await unknown.ErrorSummaryAsync());
        var early = await worker.SubmitFormAsync(url, new() { ["Questionnaire"] = EvaluationInstruments.ExperienceCode, ["Timepoint"] = "Baseline", ["How"] = "worker" });
        Assert.Equal([QuestionnaireSchedule.ExperienceNotAtBaseline], await early.ErrorSummaryAsync());
        var adhoc = await worker.SubmitFormAsync(url, new() { ["Questionnaire"] = EvaluationInstruments.OutcomesCode, ["Timepoint"] = "Adhoc", ["How"] = "worker" });
        Assert.Equal(["Select when in the person's support this is"], await adhoc.ErrorSummaryAsync());
        var noContact = await worker.SubmitFormAsync(url, new() { ["Questionnaire"] = EvaluationInstruments.OutcomesCode, ["Timepoint"] = "Baseline", ["How"] = "link" });
        Assert.Equal([PatientLinks.NoContactMessage], await noContact.ErrorSummaryAsync());
        Assert.Equal(0, await CountAsync());

        await CompleteOutcomesAsync(worker, person.Id, "Baseline", 4, 4, 4);
        var repeat = await worker.SubmitFormAsync(url, new() { ["Questionnaire"] = EvaluationInstruments.OutcomesCode, ["Timepoint"] = "Baseline", ["How"] = "worker" });
        Assert.Equal(["The outcome questionnaire has already been completed at baseline (start of support) in this episode"], await repeat.ErrorSummaryAsync());
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task An_administrator_publishes_a_new_outcome_version_and_new_questionnaires_use_it()
    {
        var worker = await WorkerAsync();
        var admin = await app.SignInAsync("A", Roles.Administrator);
        var v2 = EvaluationQuestionnaires.OutcomesV1();
        v2.Sections[0].Items.Add(new InstrumentItem { Code = "sleep", Text = "How well have you slept in the past week?", Hint = "0 means very badly, 10 means very well" });
        var published = await admin.SubmitFormAsync($"/admin/instruments/{EvaluationInstruments.OutcomesCode}/new-version",
            new() { ["Name"] = "Outcome questionnaire", ["Definition"] = v2.ToJson() });
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var active = await app.WithDbAsync(null, db => db.Set<Instrument>().AsNoTracking().SingleAsync(i => i.Code == EvaluationInstruments.OutcomesCode && i.Active));
        Assert.Equal(InstrumentKind.Outcome, active.Kind);

        var (person, _) = await ActiveAsync();
        var url = await StartWithWorkerAsync(worker, person.Id, EvaluationInstruments.OutcomesCode, "Baseline");
        Assert.Equal(active.Version, (await ResponseAsync(url)).InstrumentVersion);
        Assert.NotNull((await worker.GetPageAsync(url)).QuerySelector("input[name=answer-sleep]"));
    }

    [Fact]
    public async Task Another_organisation_s_person_has_no_questionnaires_page()
    {
        await WorkerAsync();
        var (person, _) = await ActiveAsync();
        var b = await app.SignInAsync("B", Roles.SupportWorker);
        var url = $"/people/{person.Id}/questionnaires";
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync(url)).StatusCode);
        var token = (await b.GetPageAsync("/my-work")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var posted = await b.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Questionnaire"] = EvaluationInstruments.OutcomesCode, ["Timepoint"] = "Baseline", ["How"] = "worker",
        }));
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(OrgA, db => db.Set<AssessmentResponse>().CountAsync(r => r.PersonId == person.Id)));
    }
}

public sealed class EvaluationQuestionnaireOnSqlite(EvaluationCostsSqliteApp app) : EvaluationQuestionnaireTests(app), IClassFixture<EvaluationCostsSqliteApp>;

public sealed class EvaluationQuestionnaireOnPostgres(EvaluationCostsPostgresApp app) : EvaluationQuestionnaireTests(app), IClassFixture<EvaluationCostsPostgresApp>;
