using OneToOne.Supervision;

namespace OneToOne.Tests.Supervision;

public sealed class SupervisionRulesTests
{
    private static readonly Guid Worker = Guid.NewGuid();
    private static readonly Guid Nurse = Guid.NewGuid();
    private static readonly Guid Team = Guid.NewGuid();
    private static readonly DateOnly Day = new(2027, 3, 1);
    private static readonly SupervisorCandidate MaySupervise = new(Nurse, "Clinical nurse specialist", true, true);

    private static LinkPlan Plan(SupervisorCandidate? supervisor, DateOnly? from, DateOnly? to, params ExistingLink[] existing) =>
        SupervisionRules.PlanNewLink(Worker, supervisor, from, to, existing);

    [Fact]
    public void A_first_supervisor_needs_nothing_ended()
    {
        var plan = Plan(MaySupervise, Day, null);
        Assert.Empty(plan.Errors);
        Assert.Empty(plan.ToEnd);
    }

    [Fact]
    public void A_running_period_ends_the_day_before_the_new_one_starts()
    {
        var running = new ExistingLink(Guid.NewGuid(), Day.AddDays(-100), null);
        var bounded = new ExistingLink(Guid.NewGuid(), Day.AddDays(-10), Day.AddDays(10));
        Assert.Equal([(running.Id, Day.AddDays(-1))], Plan(MaySupervise, Day, null, running).ToEnd);
        Assert.Equal([(bounded.Id, Day.AddDays(-1))], Plan(MaySupervise, Day, null, bounded).ToEnd);
    }

    [Fact]
    public void Periods_that_do_not_touch_are_left_alone()
    {
        var past = new ExistingLink(Guid.NewGuid(), Day.AddDays(-100), Day.AddDays(-1));
        var future = new ExistingLink(Guid.NewGuid(), Day.AddDays(31), null);
        var plan = Plan(MaySupervise, Day, Day.AddDays(30), past, future);
        Assert.Empty(plan.Errors);
        Assert.Empty(plan.ToEnd);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void A_period_starting_on_or_after_the_new_start_that_overlaps_is_an_error(int laterBy)
    {
        var later = new ExistingLink(Guid.NewGuid(), Day.AddDays(laterBy), null);
        var plan = Plan(MaySupervise, Day, null, later);
        Assert.Equal([new("EffectiveFrom", SupervisionRules.AlreadySupervisedFrom(later.From))], plan.Errors);
        Assert.Empty(plan.ToEnd);
    }

    [Fact]
    public void The_supervisor_is_required_may_supervise_is_active_and_is_not_the_worker()
    {
        Assert.Contains(Plan(null, Day, null).Errors, e => e.Message == SupervisionRules.SelectSupervisor);
        Assert.Contains(Plan(MaySupervise with { StaffId = Worker }, Day, null).Errors, e => e.Message == SupervisionRules.NotYourself);
        Assert.Contains(Plan(MaySupervise with { MaySupervise = false, RoleName = "Support worker" }, Day, null).Errors,
            e => e.Message == SupervisionRules.MayNotSupervise("Support worker"));
        Assert.Contains(Plan(MaySupervise with { Active = false }, Day, null).Errors, e => e.Message == SupervisionRules.SupervisorInactive);
    }

    [Fact]
    public void The_start_is_required_and_the_end_is_not_before_it()
    {
        Assert.Equal([new("EffectiveFrom", SupervisionRules.EnterStart)], Plan(MaySupervise, null, null).Errors);
        Assert.Equal([new("EffectiveTo", SupervisionRules.EndBeforeStart)], Plan(MaySupervise, Day, Day.AddDays(-1)).Errors);
        Assert.Empty(Plan(MaySupervise, Day, Day).Errors);
        Assert.Equal([new("EndOn", SupervisionRules.EnterEnd)], SupervisionRules.CheckEnd(Day, null));
        Assert.Equal([new("EndOn", SupervisionRules.EndBeforeStart)], SupervisionRules.CheckEnd(Day, Day.AddDays(-1)));
        Assert.Empty(SupervisionRules.CheckEnd(Day, Day));
    }

    private static Actor Registered(Guid me, Guid? team) => new(me, team, false, true, false);

    private static Actor Lead(Guid me, Guid? team) => new(me, team, false, false, true);

    [Fact]
    public void The_supervisor_named_may_decide()
    {
        Assert.True(SupervisionRules.MayDecide(Nurse, Team, Worker, Registered(Nurse, Guid.NewGuid())));
        Assert.False(SupervisionRules.MayDecide(Guid.NewGuid(), Team, Worker, Registered(Nurse, Team)));
    }

    [Fact]
    public void A_registered_practitioner_of_the_team_decides_the_teams_queue()
    {
        Assert.True(SupervisionRules.MayDecide(null, Team, Worker, Registered(Nurse, Team)));
        Assert.False(SupervisionRules.MayDecide(null, Team, Worker, Registered(Nurse, Guid.NewGuid())));
        Assert.False(SupervisionRules.MayDecide(null, Team, Worker, Registered(Nurse, null)));
        Assert.True(SupervisionRules.MayDecide(null, null, Worker, Registered(Nurse, Team)));
    }

    [Fact]
    public void The_team_lead_decides_the_teams_requests_whoever_is_named()
    {
        var lead = Guid.NewGuid();
        Assert.True(SupervisionRules.MayDecide(Nurse, Team, Worker, Lead(lead, Team)));
        Assert.True(SupervisionRules.MayDecide(null, Team, Worker, Lead(lead, Team)));
        Assert.False(SupervisionRules.MayDecide(Nurse, Team, Worker, Lead(lead, Guid.NewGuid())));
        Assert.True(SupervisionRules.MayDecide(Nurse, Team, Worker, Lead(lead, null)));
    }

    [Fact]
    public void A_support_worker_someone_without_a_staff_record_and_the_requester_never_decide()
    {
        Assert.False(SupervisionRules.MayDecide(Nurse, Team, Worker, new Actor(Nurse, Team, true, false, false)));
        Assert.False(SupervisionRules.MayDecide(null, null, Worker, new Actor(null, Team, false, true, true)));
        Assert.False(SupervisionRules.MayDecide(Nurse, Team, Nurse, Registered(Nurse, Team)));
        Assert.False(SupervisionRules.MayDecide(null, Team, Worker, new Actor(Guid.NewGuid(), Team, false, false, false)));
    }

    [Fact]
    public void A_session_needs_a_date_not_in_the_future_a_supervisee_and_people_from_their_caseload()
    {
        var person = Guid.NewGuid();
        var caseload = new HashSet<Guid> { person };
        Assert.Empty(SupervisionRules.CheckSession(Day, Worker, Nurse, "Notes", [person], caseload, Day));
        Assert.Equal([new("HeldOn", SupervisionRules.EnterSessionDate)], SupervisionRules.CheckSession(null, Worker, Nurse, null, [], caseload, Day));
        Assert.Equal([new("HeldOn", SupervisionRules.SessionInFuture)], SupervisionRules.CheckSession(Day.AddDays(1), Worker, Nurse, null, [], caseload, Day));
        Assert.Equal([new("SuperviseeStaffId", SupervisionRules.SelectSupervisee)], SupervisionRules.CheckSession(Day, null, Nurse, null, [], caseload, Day));
        Assert.Equal([new("SuperviseeStaffId", SupervisionRules.NotYourself)], SupervisionRules.CheckSession(Day, Nurse, Nurse, null, [], caseload, Day));
        Assert.Equal([new("PeopleDiscussed", SupervisionRules.PeopleNotOnCaseload)],
            SupervisionRules.CheckSession(Day, Worker, Nurse, null, [person, Guid.NewGuid()], caseload, Day));
        Assert.Equal([new("Notes", SupervisionRules.NotesTooLong)],
            SupervisionRules.CheckSession(Day, Worker, Nurse, new string('x', SupervisionRules.NotesMax + 1), [], caseload, Day));
    }

    [Fact]
    public void An_action_needs_words_an_owner_and_a_due_date_not_in_the_past()
    {
        Assert.Empty(SupervisionRules.CheckAction("Shadow a home visit", SupervisionActionOwner.Supervisee, Day, Day));
        Assert.Empty(SupervisionRules.CheckAction("Shadow a home visit", SupervisionActionOwner.Supervisor, null, Day));
        Assert.Equal(["Description", "Owner"], SupervisionRules.CheckAction(" ", null, null, Day).Select(e => e.Field));
        Assert.Equal([new("Description", SupervisionRules.ActionTooLong)],
            SupervisionRules.CheckAction(new string('a', SupervisionRules.ActionMax + 1), SupervisionActionOwner.Supervisee, null, Day));
        Assert.Equal([new("DueOn", SupervisionRules.DueInPast)], SupervisionRules.CheckAction("Read", SupervisionActionOwner.Supervisee, Day.AddDays(-1), Day));
    }

    [Theory]
    [InlineData(null, SupervisionRules.EnterComment)]
    [InlineData("", SupervisionRules.EnterComment)]
    [InlineData("  \n ", SupervisionRules.EnterComment)]
    public void Returning_needs_a_comment(string? comment, string message) =>
        Assert.Equal([new("Comment", message)], SupervisionRules.CheckReturnComment(comment));

    [Fact]
    public void A_return_comment_is_at_most_2000_characters()
    {
        Assert.Empty(SupervisionRules.CheckReturnComment(new string('c', 2000)));
        Assert.Equal([new("Comment", SupervisionRules.CommentTooLong)], SupervisionRules.CheckReturnComment(new string('c', 2001)));
    }

    [Fact]
    public void A_case_review_needs_findings_and_a_follow_up_answer()
    {
        Assert.Empty(SupervisionRules.CheckReview("Good record keeping", false));
        Assert.Equal(["Findings", "FollowUpNeeded"], SupervisionRules.CheckReview(" ", null).Select(e => e.Field));
        Assert.Equal([new("Findings", SupervisionRules.FindingsTooLong)], SupervisionRules.CheckReview(new string('f', 2001), true));
    }

    private static AuditCandidate Candidate(Guid worker, Guid? supervisor = null, Guid? team = null) =>
        new(Guid.CreateVersion7(), Guid.NewGuid(), worker, supervisor, team, DateTimeOffset.UnixEpoch);

    [Fact]
    public void The_sampler_takes_up_to_the_size_from_each_worker()
    {
        var busy = Guid.NewGuid();
        var quiet = Guid.NewGuid();
        var candidates = Enumerable.Range(0, 7).Select(_ => Candidate(busy)).Append(Candidate(quiet)).ToList();

        var chosen = CaseAuditSampler.Choose(candidates, CaseAuditScope.Worker, 2, 42);

        Assert.Equal(2, chosen.Count(c => c.KeyWorkerStaffId == busy));
        Assert.Single(chosen, c => c.KeyWorkerStaffId == quiet);
        Assert.Equal(chosen.Count, chosen.Distinct().Count());
        Assert.Empty(CaseAuditSampler.Choose(candidates, CaseAuditScope.Worker, 0, 42));
    }

    [Fact]
    public void The_sampler_groups_by_supervisor_or_team_when_configured()
    {
        var supervisor = Guid.NewGuid();
        var team = Guid.NewGuid();
        var candidates = Enumerable.Range(0, 6).Select(_ => Candidate(Guid.NewGuid(), supervisor, team))
            .Concat(Enumerable.Range(0, 6).Select(_ => Candidate(Guid.NewGuid(), null, team)))
            .ToList();

        Assert.Equal(4, CaseAuditSampler.Choose(candidates, CaseAuditScope.Supervisor, 2, 7).Count);
        Assert.Equal(2, CaseAuditSampler.Choose(candidates, CaseAuditScope.Team, 2, 7).Count);
        Assert.Equal(12, CaseAuditSampler.Choose(candidates, CaseAuditScope.Worker, 2, 7).Count);
    }

    [Fact]
    public void The_same_seed_gives_the_same_cases_whatever_order_they_come_in()
    {
        var worker = Guid.NewGuid();
        var candidates = Enumerable.Range(0, 30).Select(_ => Candidate(worker)).ToList();
        var shuffled = candidates.OrderBy(_ => Random.Shared.Next()).ToList();

        var first = CaseAuditSampler.Choose(candidates, CaseAuditScope.Worker, 3, 123).Select(c => c.ReferralId);
        var second = CaseAuditSampler.Choose(shuffled, CaseAuditScope.Worker, 3, 123).Select(c => c.ReferralId);
        Assert.Equal(first, second);
        var others = Enumerable.Range(1, 20).Select(seed => string.Join(",", CaseAuditSampler.Choose(candidates, CaseAuditScope.Worker, 3, seed).Select(c => c.ReferralId)));
        Assert.True(others.Distinct().Count() > 1, "Different seeds should not all choose the same cases");
    }

    [Fact]
    public void The_month_sampled_is_the_last_complete_uk_month()
    {
        Assert.Equal(new DateOnly(2027, 2, 1), CaseAudits.MonthToSample(new DateOnly(2027, 3, 1)));
        Assert.Equal(new DateOnly(2026, 12, 1), CaseAudits.MonthToSample(new DateOnly(2027, 1, 31)));
        Assert.Equal(new DateTimeOffset(2027, 3, 31, 23, 0, 0, TimeSpan.Zero), SupervisionTime.StartOfUkDay(new DateOnly(2027, 4, 1)));
        Assert.Equal(new DateTimeOffset(2027, 1, 9, 0, 0, 0, TimeSpan.Zero), SupervisionTime.EndOfUkDay(new DateOnly(2027, 1, 8)));
    }
}
