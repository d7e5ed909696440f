using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.Assessments;
using OneToOne.CarePlans;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Time;
using OneToOne.Referrals;
using OneToOne.ServiceDirectory;
using OneToOne.Worklists;

namespace OneToOne.Tests.Worklists;

/// <summary>Tasks kept in step with the work, in the same save as the change, by the interceptor: through the real
/// API where there is one, and directly through the database context (which is what the interceptor watches) where not.</summary>
public abstract class WorkTasksTests(WorklistsApp app)
{
    private static readonly string[] Physical = ["physical"];

    private Guid OrgA => app.World.Org("A");

    private Guid Worker => Work.StaffOf(app, Roles.SupportWorker);

    [Fact]
    public async Task A_referral_received_through_the_api_opens_a_triage_task_for_the_triage_team_due_at_the_end_of_its_triage_day()
    {
        app.Clock.Now = WorkClock.Start;
        var response = await app.ApiClient("A").PostAsJsonAsync("/api/v1/referrals", Referrals.Kit.Body(Work.NewNhs()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var referral = (await response.Content.ReadFromJsonAsync<ReferralDto>())!;

        var task = await Work.TaskAsync(app, WorkTaskKind.Triage, referral.Id);

        Assert.Equal(WorkTaskStatus.Open, task.Status);
        Assert.Equal(app.World.Teams["A"].Id, task.AssignedToTeamId);
        Assert.Null(task.AssignedToStaffId);
        Assert.Equal(WorkTaskRules.EndOfUkDay(referral.TriageDueOn), task.DueAt);
        Assert.Equal(referral.PersonId, task.PersonId);
        Assert.Equal($"/referrals/{referral.Id}/triage", task.Link);
        Assert.Equal(TaskSpecs.TriageTitle, task.Title);
        Assert.Equal(OrgA, task.OrganisationId);
    }

    [Theory]
    [InlineData("Accept")]
    [InlineData("Decline")]
    [InlineData("Redirect")]
    public async Task Triage_accepting_declining_or_redirecting_completes_the_triage_task(string decision)
    {
        app.Clock.Now = WorkClock.Start;
        var person = await Work.PersonAsync(app);
        var referral = await Work.ReferralAsync(app, person.Id, ReferralStatus.Received);
        Assert.Equal(WorkTaskStatus.Open, (await Work.TaskAsync(app, WorkTaskKind.Triage, referral.Id)).Status);
        app.Clock.Now = WorkClock.Start.AddHours(2);
        var nurse = await app.SignInAsync("A", Roles.RegisteredPractitioner);

        var response = await nurse.PostAsJsonAsync($"/api/v1/referrals/{referral.Id}/triage",
            new { decision, level = "SupportedSelfManagement", reason = "Triaged for the test", redirectedTo = "Community team" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var task = await Work.TaskAsync(app, WorkTaskKind.Triage, referral.Id);
        Assert.Equal(WorkTaskStatus.Done, task.Status);
        Assert.Equal(app.Clock.Now, task.CompletedAt);
    }

    [Fact]
    public async Task Allocating_a_key_worker_opens_first_contact_due_ten_working_days_later_and_the_review_schedule()
    {
        app.Clock.Now = WorkClock.Start;
        var person = await Work.PersonAsync(app, treatmentEnd: new DateOnly(2026, 12, 1));
        var referral = await Work.ReferralAsync(app, person.Id, ReferralStatus.Accepted);
        var nurse = await app.SignInAsync("A", Roles.RegisteredPractitioner);

        var response = await nurse.PostAsJsonAsync($"/api/v1/referrals/{referral.Id}/allocation", new { staffMemberId = Worker });

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var tasks = await Work.TasksAsync(app, referral.Id);
        var first = tasks.Single(t => t.Kind == WorkTaskKind.FirstContact);
        var calendar = app.Services.GetRequiredService<WorkingDayCalendar>();
        // Wednesday 6 January 2027 plus 10 working days: Wednesday 20 January, by the end of the day.
        Assert.Equal(calendar.AddWorkingDays(new DateOnly(2027, 1, 6), 10), new DateOnly(2027, 1, 20));
        Assert.Equal(WorkTaskRules.EndOfUkDay(new DateOnly(2027, 1, 20)), first.DueAt);
        Assert.Equal(Worker, first.AssignedToStaffId);
        Assert.Equal($"/people/{person.Id}/contacts/new", first.Link);
        var reviews = tasks.Where(t => t.Kind == WorkTaskKind.AssessmentReview).ToDictionary(t => t.Key, t => t);
        Assert.Equal(["end-of-treatment", "3-months", "6-months"], reviews.Keys);
        // End of treatment (1 December) is past, so the first review is due 14 days after allocation; then 3 and 6 months after treatment.
        Assert.Equal(WorkTaskRules.EndOfUkDay(new DateOnly(2027, 1, 20)), reviews["end-of-treatment"].DueAt);
        Assert.Equal(WorkTaskRules.EndOfUkDay(new DateOnly(2027, 3, 1)), reviews["3-months"].DueAt);
        Assert.Equal(WorkTaskRules.EndOfUkDay(new DateOnly(2027, 6, 1)), reviews["6-months"].DueAt);
        Assert.All(reviews.Values, r => Assert.Equal(Worker, r.AssignedToStaffId));
        Assert.All(reviews.Values, r => Assert.Equal($"/people/{person.Id}/assessments", r.Link));
    }

    [Fact]
    public async Task Logging_the_first_contact_completes_the_first_contact_task()
    {
        app.Clock.Now = WorkClock.Start;
        var person = await Work.PersonAsync(app);
        var referral = await Work.ReferralAsync(app, person.Id, ReferralStatus.Allocated, keyWorker: Worker);
        Assert.Equal(WorkTaskStatus.Open, (await Work.TaskAsync(app, WorkTaskKind.FirstContact, referral.Id)).Status);
        var worker = await app.SignInAsync("A", Roles.SupportWorker);

        var response = await worker.PostAsJsonAsync($"/api/v1/people/{person.Id}/contacts", new
        {
            occurredAt = "2027-01-06T10:00:00Z", mode = "Phone", durationMinutes = 30, addressed = Physical, outcome = "Introduced myself",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(WorkTaskStatus.Done, (await Work.TaskAsync(app, WorkTaskKind.FirstContact, referral.Id)).Status);
        // The reviews go on: the episode has started.
        Assert.All((await Work.TasksAsync(app, referral.Id)).Where(t => t.Kind == WorkTaskKind.AssessmentReview), t => Assert.Equal(WorkTaskStatus.Open, t.Status));
    }

    [Fact]
    public async Task Discharging_cancels_the_episodes_open_tasks_but_leaves_other_modules_work_open()
    {
        app.Clock.Now = WorkClock.Start;
        var person = await Work.PersonAsync(app);
        var referral = await Work.ReferralAsync(app, person.Id, ReferralStatus.Allocated, keyWorker: Worker);
        // An escalation raised by the Escalations module, through the shared service.
        await app.WithDbAsync(OrgA, async db =>
        {
            var tasks = new WorkTasks(db, app.Clock);
            await tasks.EnsureAsync(new WorkTaskSpec(WorkTaskKind.Escalation, Guid.CreateVersion7(), "Escalation: red flag", "/escalations/x",
                app.Clock.Now.AddHours(4), person.Id, AssignedToTeamId: app.World.Teams["A"].Id), default);
            await db.SaveChangesAsync();
        });

        await app.WithDbAsync(OrgA, async db =>
        {
            var r = await db.Referrals.SingleAsync(x => x.Id == referral.Id);
            r.Status = ReferralStatus.Discharged;
            r.DischargedAt = app.Clock.Now;
            await db.SaveChangesAsync();
        });

        var after = await Work.TasksAsync(app, person.Id);
        Assert.All(after.Where(t => t.Kind is WorkTaskKind.FirstContact or WorkTaskKind.AssessmentReview), t => Assert.Equal(WorkTaskStatus.Cancelled, t.Status));
        Assert.Equal(4, after.Count(t => t.Status == WorkTaskStatus.Cancelled));
        Assert.Equal(WorkTaskStatus.Open, after.Single(t => t.Kind == WorkTaskKind.Escalation).Status);
    }

    [Fact]
    public async Task A_key_worker_plan_action_opens_a_task_for_the_key_worker_and_doing_it_or_dropping_it_closes_it()
    {
        app.Clock.Now = WorkClock.Start;
        var person = await Work.PersonAsync(app);
        await Work.ReferralAsync(app, person.Id, ReferralStatus.Active, keyWorker: Worker);
        var (mine, theirs, dropped) = await app.WithDbAsync(OrgA, async db =>
        {
            var plan = new CarePlan { PersonId = person.Id, CreatedAt = app.Clock.Now, UpdatedAt = app.Clock.Now };
            var concern = new CarePlanConcern { PlanId = plan.Id, ItemCode = "fatigue", Goal = "More energy" };
            CarePlanAction Action(ActionOwnerKind owner, int days) => new()
            {
                PlanId = plan.Id, ConcernId = concern.Id, Description = "Action " + owner, OwnerKind = owner, DueOn = new DateOnly(2027, 1, 6).AddDays(days),
                OwnerName = owner == ActionOwnerKind.OtherProfessional ? "Physio" : null, CreatedAt = app.Clock.Now,
            };
            var a = Action(ActionOwnerKind.KeyWorker, 7);
            var b = Action(ActionOwnerKind.Person, 7);
            var c = Action(ActionOwnerKind.KeyWorker, 10);
            db.AddRange(plan, concern, a, b, c);
            await db.SaveChangesAsync();
            return (a.Id, b.Id, c.Id);
        });

        var task = await Work.TaskAsync(app, WorkTaskKind.PlanAction, mine);
        Assert.Equal(Worker, task.AssignedToStaffId);
        Assert.Equal(WorkTaskRules.EndOfUkDay(new DateOnly(2027, 1, 13)), task.DueAt);
        Assert.Equal($"/people/{person.Id}/plan", task.Link);
        Assert.Empty(await Work.TasksAsync(app, theirs));

        await app.WithDbAsync(OrgA, async db =>
        {
            (await db.Set<CarePlanAction>().SingleAsync(x => x.Id == mine)).Status = ActionStatus.Done;
            (await db.Set<CarePlanAction>().SingleAsync(x => x.Id == dropped)).Status = ActionStatus.Cancelled;
            await db.SaveChangesAsync();
        });

        Assert.Equal(WorkTaskStatus.Done, (await Work.TaskAsync(app, WorkTaskKind.PlanAction, mine)).Status);
        Assert.Equal(WorkTaskStatus.Cancelled, (await Work.TaskAsync(app, WorkTaskKind.PlanAction, dropped)).Status);
    }

    [Fact]
    public async Task Sending_a_service_referral_opens_an_awaiting_reply_task_for_the_sender_and_the_reply_completes_it()
    {
        app.Clock.Now = WorkClock.Start;
        var person = await Work.PersonAsync(app);
        var serviceId = await app.WithDbAsync(OrgA, async db =>
        {
            var service = new DirectoryService { Name = "Money advice " + Guid.NewGuid().ToString("N")[..6], ProviderOrganisationName = "Provider", HowToUse = HowToUse.Referral, Nationwide = true };
            db.Add(service);
            await db.SaveChangesAsync();
            return service.Id;
        });
        var worker = await app.SignInAsync("A", Roles.SupportWorker);

        var sent = await worker.PostAsJsonAsync($"/api/v1/people/{person.Id}/service-referrals", new { serviceId, concernItemCode = "money" });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var id = (await sent.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();

        var task = await Work.TaskAsync(app, WorkTaskKind.ServiceReferralReply, id);
        var dueOn = await app.WithDbAsync(OrgA, db => db.Set<ServiceReferral>().Where(s => s.Id == id).Select(s => s.ResponseDueOn).SingleAsync());
        Assert.Equal(Worker, task.AssignedToStaffId);
        Assert.Equal(WorkTaskRules.EndOfUkDay(dueOn), task.DueAt);
        Assert.Equal($"/service-referrals/{id}", task.Link);

        var reply = await worker.PostAsJsonAsync($"/api/v1/service-referrals/{id}/response", new { accepted = true });
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal(WorkTaskStatus.Done, (await Work.TaskAsync(app, WorkTaskKind.ServiceReferralReply, id)).Status);
    }

    [Fact]
    public async Task A_submitted_assessment_completes_the_reviews_due_within_the_window_and_leaves_later_ones_open()
    {
        app.Clock.Now = WorkClock.Start;
        var person = await Work.PersonAsync(app, treatmentEnd: new DateOnly(2026, 12, 1));
        var referral = await Work.ReferralAsync(app, person.Id, ReferralStatus.Active, keyWorker: Worker);
        app.Clock.Now = WorkClock.Start.AddDays(10);

        await app.WithDbAsync(OrgA, async db =>
        {
            await AssessmentDefaults.EnsureDefaultsAsync(db, default);
            var hna = await db.Set<Instrument>().FirstAsync(i => i.Code == "hna" && i.Active);
            db.Add(new AssessmentResponse
            {
                PersonId = person.Id, ReferralId = referral.Id, InstrumentId = hna.Id, InstrumentCode = hna.Code, InstrumentVersion = hna.Version,
                Timepoint = Timepoint.Review, Status = ResponseStatus.Submitted, StartedAt = app.Clock.Now, SubmittedAt = app.Clock.Now,
            });
            await db.SaveChangesAsync();
        });

        var reviews = (await Work.TasksAsync(app, referral.Id)).Where(t => t.Kind == WorkTaskKind.AssessmentReview).ToDictionary(t => t.Key, t => t.Status);
        Assert.Equal(WorkTaskStatus.Done, reviews["end-of-treatment"]);
        Assert.Equal(WorkTaskStatus.Open, reviews["3-months"]);
        Assert.Equal(WorkTaskStatus.Open, reviews["6-months"]);
    }

    [Fact]
    public async Task Handing_over_to_a_new_key_worker_moves_their_open_tasks_and_a_new_treatment_date_re_times_the_reviews()
    {
        app.Clock.Now = WorkClock.Start;
        var person = await Work.PersonAsync(app, treatmentEnd: new DateOnly(2026, 12, 1));
        var referral = await Work.ReferralAsync(app, person.Id, ReferralStatus.Active, keyWorker: Worker);
        var next = app.World.ExtraWorkers["A"][0].Id;

        await app.WithDbAsync(OrgA, async db =>
        {
            (await db.Referrals.SingleAsync(r => r.Id == referral.Id)).KeyWorkerId = next;
            (await db.People.SingleAsync(p => p.Id == person.Id)).TreatmentEndDate = new DateOnly(2026, 12, 15);
            await db.SaveChangesAsync();
        });

        var reviews = (await Work.TasksAsync(app, referral.Id)).Where(t => t.Kind == WorkTaskKind.AssessmentReview).ToDictionary(t => t.Key, t => t);
        Assert.All(reviews.Values, r => Assert.Equal(next, r.AssignedToStaffId));
        Assert.Equal(WorkTaskRules.EndOfUkDay(new DateOnly(2027, 3, 15)), reviews["3-months"].DueAt);
        Assert.Equal(WorkTaskRules.EndOfUkDay(new DateOnly(2027, 6, 15)), reviews["6-months"].DueAt);
    }

    [Fact]
    public async Task A_save_of_many_referrals_runs_no_more_queries_than_a_save_of_one()
    {
        app.Clock.Now = WorkClock.Start;
        async Task<(int Selects, List<Guid> Ids)> SaveAsync(int count) => await app.WithDbAsync(OrgA, async db =>
        {
            var ids = new List<Guid>();
            for (var i = 0; i < count; i++)
            {
                var person = new OneToOne.People.Person
                {
                    NhsNumber = Work.NewNhs(), GivenName = "Bulk", FamilyName = "Save" + i, DateOfBirth = new DateOnly(1950, 1, 1), Postcode = "LS6 2AB",
                    TumourSite = "lung", CreatedAt = app.Clock.Now, UpdatedAt = app.Clock.Now,
                };
                var referral = new Referral
                {
                    PersonId = person.Id, ReferrerName = "Dr Bulk", Reason = "Bulk", Channel = "csv", ReceivedOn = new DateOnly(2027, 1, 6),
                    TriageDueOn = new DateOnly(2027, 1, 13), Status = ReferralStatus.Received, CreatedAt = app.Clock.Now,
                };
                db.AddRange(person, referral);
                ids.Add(referral.Id);
            }

            using var counting = SelectCounter.Count(out var box);
            await db.SaveChangesAsync();
            return (box.Selects, ids);
        });

        var one = await SaveAsync(1);
        var many = await SaveAsync(60);

        Assert.Equal(one.Selects, many.Selects);
        Assert.True(many.Selects <= 3, $"{many.Selects} queries for one save");
        var tasks = await app.WithDbAsync(OrgA, db => db.Set<WorkTask>().CountAsync(t => many.Ids.Contains(t.SourceId) && t.Kind == WorkTaskKind.Triage));
        Assert.Equal(60, tasks);
    }

    [Fact]
    public async Task Work_acting_for_no_organisation_opens_no_tasks_and_leaves_them_to_the_reconciliation()
    {
        app.Clock.Now = WorkClock.Start;
        var person = await Work.PersonAsync(app);
        var referralId = await app.WithDbAsync(null, async db =>
        {
            var referral = new Referral
            {
                OrganisationId = OrgA, PersonId = person.Id, ReferrerName = "Seed", Reason = "Seeded", Channel = "csv", ReceivedOn = new DateOnly(2027, 1, 6),
                TriageDueOn = new DateOnly(2027, 1, 13), Status = ReferralStatus.Received, CreatedAt = app.Clock.Now,
            };
            db.Referrals.Add(referral);
            await db.SaveChangesAsync();
            return referral.Id;
        });

        Assert.Empty(await Work.TasksAsync(app, referralId));
    }
}

public sealed class WorkTasksOnSqlite(WorklistsSqliteApp app) : WorkTasksTests(app), IClassFixture<WorklistsSqliteApp>;

public sealed class WorkTasksOnPostgres(WorklistsPostgresApp app) : WorkTasksTests(app), IClassFixture<WorklistsPostgresApp>;
