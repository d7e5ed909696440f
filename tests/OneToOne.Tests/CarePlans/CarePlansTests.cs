using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OneToOne.Assessments;
using OneToOne.CarePlans;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Supervision;
using OneToOne.Tests.Allocation;
using OneToOne.Tests.Infrastructure;
using OneToOne.Tests.Referrals;

namespace OneToOne.Tests.CarePlans;

public abstract class CarePlansTests(OneToOneApp app)
{
    // The app runs on the real clock here: dates well clear of today keep "past" and "future" certain.
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private async Task<Person> PersonWithAssessmentAsync(Action<Person>? configure = null)
    {
        var person = await Arrange.PersonAsync(app, "A", p =>
        {
            p.Postcode = "LS6 2AB";
            configure?.Invoke(p);
        });
        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            var hna = await db.Set<Instrument>().FirstAsync(i => i.Code == "hna" && i.Active);
            var older = new AssessmentResponse
            {
                PersonId = person.Id, InstrumentId = hna.Id, InstrumentCode = hna.Code, InstrumentVersion = hna.Version, Status = ResponseStatus.Submitted,
                StartedAt = DateTimeOffset.UtcNow.AddDays(-40), SubmittedAt = DateTimeOffset.UtcNow.AddDays(-40), TopConcerns = ["sleep"],
            };
            var latest = new AssessmentResponse
            {
                PersonId = person.Id, InstrumentId = hna.Id, InstrumentCode = hna.Code, InstrumentVersion = hna.Version, Status = ResponseStatus.Submitted,
                StartedAt = DateTimeOffset.UtcNow.AddDays(-1), SubmittedAt = DateTimeOffset.UtcNow.AddDays(-1), TopConcerns = ["money", "pain"],
            };
            db.AddRange(older, latest);
            db.Add(new AssessmentAnswer { ResponseId = latest.Id, ItemCode = "money", DomainCode = "practical", Score = 8 });
            db.Add(new AssessmentAnswer { ResponseId = latest.Id, ItemCode = "pain", DomainCode = "physical", Score = 6 });
            await db.SaveChangesAsync();
        });
        return person;
    }

    private async Task<(HttpClient Client, CarePlan Plan, List<CarePlanConcern> Concerns)> PlanAsync(Action<Person>? configure = null)
    {
        var person = await PersonWithAssessmentAsync(configure);
        var client = await app.SignInAsync("A", Roles.SupportWorker);
        var created = await client.SubmitFormAsync($"/people/{person.Id}/plan", [], "#create-plan");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var (plan, concerns) = await LoadAsync(person.Id);
        return (client, plan, concerns);
    }

    private Task<(CarePlan Plan, List<CarePlanConcern> Concerns)> LoadAsync(Guid personId) =>
        app.WithDbAsync(app.World.Org("A"), async db =>
        {
            var plan = await db.Set<CarePlan>().SingleAsync(p => p.PersonId == personId);
            return (plan, await db.Set<CarePlanConcern>().Where(c => c.PlanId == plan.Id).OrderBy(c => c.Order).ToListAsync());
        });

    private static Dictionary<string, string> ActionForm(string description = "Benefits check with the welfare rights adviser",
        string? owner = "Person", DateOnly? due = null, string? ownerName = null)
    {
        var values = new Dictionary<string, string> { ["Input.Description"] = description };
        if (owner is not null)
        {
            values["Input.OwnerKind"] = owner;
        }

        if (ownerName is not null)
        {
            values["Input.OwnerName"] = ownerName;
        }

        Kit.Date(values, "Input.DueOn", due ?? Today.AddDays(14));
        return values;
    }

    /// <summary>Every message in the error summary, form-level ones (no field to link to) included.</summary>
    private static async Task<List<string>> SummaryAsync(HttpResponseMessage response) =>
        [.. (await response.ParseAsync()).QuerySelectorAll(".nhsuk-error-summary__list li").Select(li => li.TextContent.Trim())];

    private static string ActionUrl(CarePlan plan, CarePlanConcern concern) => $"/plans/{plan.Id}/concerns/{concern.Id}/actions/new";

    private async Task ReadyToAgreeAsync(HttpClient client, CarePlan plan, List<CarePlanConcern> concerns)
    {
        var saved = await client.SubmitFormAsync($"/people/{plan.PersonId}/plan",
            new() { ["Input.Concerns[0].Goal"] = "Feel on top of bills again" }, "#edit-plan");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var added = await client.SubmitFormAsync(ActionUrl(plan, concerns[0]), ActionForm());
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
    }

    [Fact]
    public async Task A_plan_is_built_from_the_concerns_the_person_chose_in_their_latest_submitted_assessment()
    {
        var (client, plan, concerns) = await PlanAsync();

        Assert.Equal(CarePlanStatus.Draft, plan.Status);
        Assert.NotNull(plan.AssessmentResponseId);
        Assert.Equal(["money", "pain"], concerns.Select(c => c.ItemCode));
        Assert.Equal([8, 6], concerns.Select(c => c.ScoreAtAssessment));
        var page = await client.GetPageAsync($"/people/{plan.PersonId}/plan");
        Assert.Contains("Money or housing", page.QuerySelector($"[data-concern-id='{concerns[0].Id}']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Draft", page.QuerySelector("#plan-status")!.TextContent, StringComparison.Ordinal);
        await app.WithDbAsync(app.World.Org("A"), async db =>
            Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "careplan.create" && a.EntityId == plan.Id.ToString())));
    }

    [Fact]
    public async Task A_person_with_no_submitted_assessment_is_told_so_and_gets_no_plan()
    {
        var person = await Arrange.PersonAsync(app, "A");
        var client = await app.SignInAsync("A", Roles.SupportWorker);
        var page = await client.GetPageAsync($"/people/{person.Id}/plan");
        Assert.Contains(CarePlanner.NoAssessment, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#create-plan"));
    }

    [Fact]
    public async Task An_action_with_no_owner_or_a_past_due_date_is_refused_and_nothing_is_stored()
    {
        var (client, plan, concerns) = await PlanAsync();

        var response = await client.SubmitFormAsync(ActionUrl(plan, concerns[0]), ActionForm(owner: null, due: Today.AddDays(-3)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = await response.ErrorSummaryAsync();
        Assert.Contains("Choose who will do this", errors);
        Assert.Contains("The due date must be today or in the future", errors);
        await app.WithDbAsync(app.World.Org("A"), async db => Assert.False(await db.Set<CarePlanAction>().AnyAsync(a => a.PlanId == plan.Id)));
    }

    [Fact]
    public async Task An_action_for_another_professional_or_a_directory_service_records_who()
    {
        var (client, plan, concerns) = await PlanAsync();
        var page = await client.GetPageAsync(ActionUrl(plan, concerns[0]));
        var leeds = page.QuerySelectorAll("input[name='Input.ServiceId']").Select(i => i.GetAttribute("value")!).ToList();
        Assert.NotEmpty(leeds);
        Assert.Contains("Cancer Benefits Advice Leeds", page.Body!.TextContent, StringComparison.Ordinal);

        var noName = await client.SubmitFormAsync(ActionUrl(plan, concerns[0]), ActionForm(owner: "OtherProfessional"));
        Assert.Contains(CarePlanRules.NoOwnerName, await noName.ErrorSummaryAsync());

        var viaService = ActionForm(owner: "Service");
        viaService["Input.ServiceId"] = leeds[0];
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(ActionUrl(plan, concerns[0]), viaService)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(ActionUrl(plan, concerns[1]),
            ActionForm("Review pain relief", "OtherProfessional", ownerName: "Dr Shah, palliative care"))).StatusCode);

        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            var actions = await db.Set<CarePlanAction>().Where(a => a.PlanId == plan.Id).OrderBy(a => a.CreatedAt).ToListAsync();
            Assert.Equal(2, actions.Count);
            Assert.Equal((ActionOwnerKind.Service, Guid.Parse(leeds[0])), (actions[0].OwnerKind, actions[0].ServiceId!.Value));
            Assert.False(string.IsNullOrEmpty(actions[0].OwnerName));
            Assert.Equal((ActionOwnerKind.OtherProfessional, "Dr Shah, palliative care", concerns[1].Id),
                (actions[1].OwnerKind, actions[1].OwnerName!, actions[1].ConcernId));
        });
    }

    [Fact]
    public async Task Agreeing_keeps_a_version_and_any_later_change_makes_the_plan_a_draft_until_agreed_again()
    {
        var (client, plan, concerns) = await PlanAsync();

        var tooSoon = await client.SubmitFormAsync($"/plans/{plan.Id}/agree", []);
        Assert.Contains(CarePlanRules.NotReadyToAgree, await SummaryAsync(tooSoon));

        await ReadyToAgreeAsync(client, plan, concerns);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync($"/plans/{plan.Id}/agree", [])).StatusCode);
        Assert.Equal(CarePlanStatus.Agreed, (await LoadAsync(plan.PersonId)).Plan.Status);

        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync($"/plans/{plan.Id}/review", [])).StatusCode);
        Assert.Equal(CarePlanStatus.Reviewed, (await LoadAsync(plan.PersonId)).Plan.Status);

        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(ActionUrl(plan, concerns[1]), ActionForm("Pain clinic appointment"))).StatusCode);
        Assert.Equal(CarePlanStatus.Draft, (await LoadAsync(plan.PersonId)).Plan.Status);

        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync($"/plans/{plan.Id}/agree", [])).StatusCode);
        var (again, _) = await LoadAsync(plan.PersonId);
        Assert.Equal((CarePlanStatus.Agreed, 2), (again.Status, again.AgreedVersionNumber));
        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            var versions = await db.Set<CarePlanVersion>().Where(v => v.PlanId == plan.Id).OrderBy(v => v.Number).ToListAsync();
            Assert.Equal([1, 2], versions.Select(v => v.Number));
            Assert.Contains("Feel on top of bills again", versions[0].SnapshotJson, StringComparison.Ordinal);
            Assert.DoesNotContain("Pain clinic appointment", versions[0].SnapshotJson, StringComparison.Ordinal);
            Assert.Contains("Pain clinic appointment", versions[1].SnapshotJson, StringComparison.Ordinal);
            Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "careplan.agree" && a.EntityId == plan.Id.ToString()));
        });

        // Each agreed version is on the person's record timeline.
        var record = await client.GetStringAsync($"/people/{plan.PersonId}");
        Assert.Contains("Care and support plan version 1 agreed", record, StringComparison.Ordinal);
        Assert.Contains("Care and support plan version 2 agreed", record, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_locked_plan_refuses_changes_until_it_is_unlocked()
    {
        var (client, plan, concerns) = await PlanAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync($"/plans/{plan.Id}/lock", [])).StatusCode);
        Assert.True((await LoadAsync(plan.PersonId)).Plan.Locked);

        var refused = await client.SubmitFormAsync(ActionUrl(plan, concerns[0]), ActionForm());
        Assert.Contains("This plan is locked. Unlock it to make changes.", await SummaryAsync(refused));
        var edit = await client.SubmitFormAsync($"/people/{plan.PersonId}/plan",
            new() { ["Input.Concerns[0].Goal"] = "Changed while locked" }, "#edit-plan");
        Assert.Contains(CarePlanRules.LockedMessage, await SummaryAsync(edit));
        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            Assert.False(await db.Set<CarePlanAction>().AnyAsync(a => a.PlanId == plan.Id));
            Assert.Null((await db.Set<CarePlanConcern>().SingleAsync(c => c.Id == concerns[0].Id)).Goal);
        });

        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync($"/plans/{plan.Id}/unlock", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(ActionUrl(plan, concerns[0]), ActionForm())).StatusCode);
    }

    [Fact]
    public async Task When_two_people_edit_the_same_plan_the_second_gets_the_conflict_message_and_nothing_is_lost()
    {
        var (first, plan, concerns) = await PlanAsync();
        var second = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var url = $"/people/{plan.PersonId}/plan";
        var secondsPage = await second.GetPageAsync(url);
        var staleVersion = secondsPage.QuerySelector("#edit-plan input[name='Version']")!.GetAttribute("value")!;

        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitFormAsync(url,
            new() { ["Input.Concerns[0].Goal"] = "First person's goal" }, "#edit-plan")).StatusCode);
        var conflict = await second.SubmitFormAsync(url,
            new() { ["Input.Concerns[0].Goal"] = "Second person's goal", ["Version"] = staleVersion }, "#edit-plan");
        var conflictAction = await second.SubmitFormAsync(ActionUrl(plan, concerns[0]), new(ActionForm()) { ["Version"] = staleVersion });

        Assert.Contains(Concurrency.ConflictMessage, await SummaryAsync(conflict));
        Assert.Contains(Concurrency.ConflictMessage, await SummaryAsync(conflictAction));
        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            Assert.Equal("First person's goal", (await db.Set<CarePlanConcern>().SingleAsync(c => c.Id == concerns[0].Id)).Goal);
            Assert.False(await db.Set<CarePlanAction>().AnyAsync(a => a.PlanId == plan.Id));
        });
    }

    [Fact]
    public async Task The_print_copy_is_plain_with_the_plan_and_how_to_get_back_to_the_team_and_agreed_versions_are_listed()
    {
        var (client, plan, concerns) = await PlanAsync();
        await ReadyToAgreeAsync(client, plan, concerns);
        await client.SubmitFormAsync($"/people/{plan.PersonId}/plan",
            new() { ["Input.Concerns[0].Goal"] = "Feel on top of bills again", ["Input.ContactOutOfHours"] = "Acute oncology line 0113 999 9999" }, "#edit-plan");
        await client.SubmitFormAsync($"/plans/{plan.Id}/agree", []);

        var print = await client.GetPageAsync($"/plans/{plan.Id}/print");
        Assert.Null(print.QuerySelector("header"));
        Assert.NotNull(print.QuerySelector("link[href='/css/print.css']"));
        Assert.Contains("Feel on top of bills again", print.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Benefits check with the welfare rights adviser", print.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Acute oncology line 0113 999 9999", print.Body!.TextContent, StringComparison.Ordinal);
        var versions = await client.GetPageAsync($"/plans/{plan.Id}/versions");
        Assert.NotNull(versions.QuerySelector("[data-version='1']"));
    }

    [Fact]
    public async Task The_gp_letter_needs_the_persons_consent_to_share_with_their_gp()
    {
        var (client, plan, _) = await PlanAsync(p => p.GpPracticeName = "Hyde Park Surgery");
        var refused = await client.GetPageAsync($"/plans/{plan.Id}/gp-letter");
        Assert.Contains("The person has not agreed to share with their GP", refused.QuerySelector("#no-gp-consent")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Hyde Park Surgery", refused.Body!.TextContent, StringComparison.Ordinal);

        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            var person = await db.People.SingleAsync(p => p.Id == plan.PersonId);
            person.ConsentToShareWithGp = true;
            await db.SaveChangesAsync();
        });
        var letter = await client.GetPageAsync($"/plans/{plan.Id}/gp-letter");
        Assert.Null(letter.QuerySelector("#no-gp-consent"));
        Assert.Contains("Hyde Park Surgery", letter.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Money or housing", letter.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_creates_the_plan_adds_actions_with_validation_agrees_it_and_reads_it_back()
    {
        var person = await PersonWithAssessmentAsync();
        var client = await app.SignInAsync("A", Roles.SupportWorker);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/people/{person.Id}/plan")).StatusCode);

        var created = await client.PostAsync($"/api/v1/people/{person.Id}/plan", null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var plan = (await created.Content.ReadFromJsonAsync<PlanDto>())!;
        Assert.Equal(["money", "pain"], plan.Concerns.Select(c => c.ItemCode));
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/v1/people/{person.Id}/plan", null)).StatusCode);

        var bad = await client.PostAsJsonAsync($"/api/v1/plans/{plan.Id}/actions", new
        {
            concernId = plan.Concerns[0].Id, description = "Benefits check", dueOn = Today.AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.Contains("Choose who will do this", problem, StringComparison.Ordinal);
        Assert.Contains("The due date must be today or in the future", problem, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/v1/plans/{plan.Id}/agree", new { })).StatusCode);
        var good = await client.PostAsJsonAsync($"/api/v1/plans/{plan.Id}/actions", new
        {
            concernId = plan.Concerns[0].Id, description = "Benefits check", ownerKind = "KeyWorker",
            dueOn = Today.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
        var stale = await client.PostAsJsonAsync($"/api/v1/plans/{plan.Id}/agree", new { version = plan.Version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            (await db.Set<CarePlanConcern>().SingleAsync(c => c.Id == plan.Concerns[0].Id)).Goal = "Sort out money";
            await db.SaveChangesAsync();
        });
        var agreed = await client.PostAsJsonAsync($"/api/v1/plans/{plan.Id}/agree", new { });
        Assert.Equal(HttpStatusCode.OK, agreed.StatusCode);

        var read = (await client.GetFromJsonAsync<PlanDto>($"/api/v1/people/{person.Id}/plan"))!;
        Assert.Equal(("Agreed", 1), (read.Status, read.AgreedVersionNumber));
        Assert.Equal("KeyWorker", Assert.Single(read.Concerns[0].Actions).OwnerKind);
    }

    private async Task<CarePlanAction> AddClinicalActionAsync(HttpClient client, CarePlan plan, CarePlanConcern concern)
    {
        var form = ActionForm("Medication review with the practice pharmacist", owner: "OtherProfessional", ownerName: "Practice pharmacist");
        form["Input.Clinical"] = "true";
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(ActionUrl(plan, concern), form)).StatusCode);
        return await app.WithDbAsync(app.World.Org("A"), db => db.Set<CarePlanAction>().SingleAsync(a => a.PlanId == plan.Id && a.Clinical));
    }

    private Task<SignOffRequest> SignOffForAsync(Guid planId) =>
        app.WithDbAsync(app.World.Org("A"), db => db.Set<SignOffRequest>().AsNoTracking().SingleAsync(r => r.SubjectId == planId));

    [Fact]
    public async Task A_support_workers_plan_with_a_clinical_action_waits_for_sign_off_and_is_agreed_as_sent_when_approved()
    {
        var (client, plan, concerns) = await PlanAsync();
        await ReadyToAgreeAsync(client, plan, concerns);
        var clinical = await AddClinicalActionAsync(client, plan, concerns[1]);

        var sent = await client.SubmitFormAsync($"/plans/{plan.Id}/agree", []);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var page = await client.GetPageAsync($"/people/{plan.PersonId}/plan");
        Assert.Contains(CarePlanRules.SentForSignOff, page.QuerySelector(".nhsuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#plan-sign-off"));
        Assert.Null(page.QuerySelector($"a[href='/plans/{plan.Id}/agree']"));
        Assert.Contains("Clinical", page.QuerySelector($"tr[data-action-id='{clinical.Id}']")!.TextContent, StringComparison.Ordinal);

        // Nothing is agreed yet; the request names the plan as it was, and its clinical action.
        var (waiting, _) = await LoadAsync(plan.PersonId);
        Assert.Equal((CarePlanStatus.Draft, 0), (waiting.Status, waiting.AgreedVersionNumber));
        var request = await SignOffForAsync(plan.Id);
        Assert.Equal((SignOffKinds.ClinicalPlanAction, SignOffStatus.Pending, plan.PersonId), (request.Kind, request.Status, request.PersonId));
        var payload = ClinicalPlanSignOff.Read(request);
        Assert.Equal((plan.Id, clinical.Id, waiting.Version), (payload.PlanId, Assert.Single(payload.ClinicalActionIds), payload.PlanVersion));

        // Asking again while it waits is refused, on the page and through the API.
        Assert.Equal([CarePlanRules.AwaitingSignOff], await SummaryAsync(await client.SubmitFormAsync($"/plans/{plan.Id}/agree", [])));
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/v1/plans/{plan.Id}/agree", new { })).StatusCode);
        Assert.Single(await app.WithDbAsync(app.World.Org("A"), db => db.Set<SignOffRequest>().Where(r => r.SubjectId == plan.Id).ToListAsync()));

        var nurse = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var approved = await nurse.PostAsJsonAsync($"/api/v1/sign-offs/{request.Id}/approve", new { version = request.Version });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        var (agreed, _) = await LoadAsync(plan.PersonId);
        Assert.Equal((CarePlanStatus.Agreed, 1), (agreed.Status, agreed.AgreedVersionNumber));
        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            var version = await db.Set<CarePlanVersion>().SingleAsync(v => v.PlanId == plan.Id);
            Assert.Equal(request.RequestedByName, version.AgreedByName);
            Assert.Contains("Medication review with the practice pharmacist", version.SnapshotJson, StringComparison.Ordinal);
            Assert.Contains("\"Clinical\":true", version.SnapshotJson, StringComparison.Ordinal);
            var audit = await db.AuditEvents.SingleAsync(a => a.Action == "careplan.agree" && a.EntityId == plan.Id.ToString());
            Assert.Contains("signed off by", audit.Detail, StringComparison.Ordinal);
        });
        Assert.Null((await client.GetPageAsync($"/people/{plan.PersonId}/plan")).QuerySelector("#plan-sign-off"));
    }

    [Fact]
    public async Task An_approval_of_a_plan_changed_since_it_was_sent_is_refused_and_nothing_is_agreed()
    {
        var (client, plan, concerns) = await PlanAsync();
        await ReadyToAgreeAsync(client, plan, concerns);
        await AddClinicalActionAsync(client, plan, concerns[1]);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync($"/plans/{plan.Id}/agree", [])).StatusCode);
        var request = await SignOffForAsync(plan.Id);

        // The worker changes the plan after sending it: the supervisor would be approving something they have not seen.
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(ActionUrl(plan, concerns[0]), ActionForm("Blue Badge application"))).StatusCode);

        var nurse = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var refused = await nurse.PostAsJsonAsync($"/api/v1/sign-offs/{request.Id}/approve", new { version = request.Version });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains(CarePlanRules.ChangedSinceSignOffRequested, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(SignOffStatus.Pending, (await SignOffForAsync(plan.Id)).Status);
        var (after, _) = await LoadAsync(plan.PersonId);
        Assert.Equal((CarePlanStatus.Draft, 0), (after.Status, after.AgreedVersionNumber));
        Assert.False(await app.WithDbAsync(app.World.Org("A"), db => db.Set<CarePlanVersion>().AnyAsync(v => v.PlanId == plan.Id)));
    }

    [Fact]
    public async Task A_registered_practitioner_agrees_a_plan_with_a_clinical_action_at_once_and_the_api_sends_a_workers_for_sign_off()
    {
        var (worker, plan, concerns) = await PlanAsync();
        await ReadyToAgreeAsync(worker, plan, concerns);
        await AddClinicalActionAsync(worker, plan, concerns[1]);

        // Through the API a support worker's agreement is accepted for sign-off (202), not agreed.
        var accepted = await worker.PostAsJsonAsync($"/api/v1/plans/{plan.Id}/agree", new { });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var dto = (await accepted.Content.ReadFromJsonAsync<PlanDto>())!;
        Assert.Equal(("Draft", 0), (dto.Status, dto.AgreedVersionNumber));
        Assert.Contains(dto.Concerns.SelectMany(c => c.Actions), a => a.Clinical);

        // A second plan, agreed by a registered practitioner: no sign-off needed.
        var (other, otherConcerns) = await LoadAsync((await PlanAsync()).Plan.PersonId);
        var nurse = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        await ReadyToAgreeAsync(nurse, other, otherConcerns);
        await AddClinicalActionAsync(nurse, other, otherConcerns[1]);
        Assert.Equal(HttpStatusCode.Redirect, (await nurse.SubmitFormAsync($"/plans/{other.Id}/agree", [])).StatusCode);
        Assert.Equal(CarePlanStatus.Agreed, (await LoadAsync(other.PersonId)).Plan.Status);
        Assert.False(await app.WithDbAsync(app.World.Org("A"), db => db.Set<SignOffRequest>().AnyAsync(r => r.SubjectId == other.Id)));
    }

    [Fact]
    public async Task An_outcome_questionnaire_submitted_after_the_assessment_is_not_what_the_plan_is_built_from()
    {
        var person = await PersonWithAssessmentAsync();
        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            var outcomes = await db.Set<Instrument>().FirstAsync(i => i.Code == OneToOne.Evaluation.EvaluationInstruments.OutcomesCode && i.Active);
            db.Add(new AssessmentResponse
            {
                PersonId = person.Id, InstrumentId = outcomes.Id, InstrumentCode = outcomes.Code, InstrumentVersion = outcomes.Version,
                Status = ResponseStatus.Submitted, StartedAt = DateTimeOffset.UtcNow.AddMinutes(-5), SubmittedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        });

        var client = await app.SignInAsync("A", Roles.SupportWorker);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync($"/people/{person.Id}/plan", [], "#create-plan")).StatusCode);
        var (_, concerns) = await LoadAsync(person.Id);
        Assert.Equal(["money", "pain"], concerns.Select(c => c.ItemCode));
    }
}

public sealed class CarePlansOnSqlite(SqliteApp app) : CarePlansTests(app), IClassFixture<SqliteApp>;

public sealed class CarePlansOnPostgres(PostgresApp app) : CarePlansTests(app), IClassFixture<PostgresApp>;
