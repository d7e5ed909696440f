using OneToOne.Platform.Auth;
using OneToOne.Platform.Background;
using OneToOne.Platform.Background.Pages;
using OneToOne.Worklists;

namespace OneToOne.Tests.Worklists;

public sealed class WorkTaskRulesTests
{
    private static readonly IReadOnlyList<ReviewPoint> Schedule = WorklistOptions.DefaultReviews;

    [Fact]
    public void A_date_deadline_ends_at_uk_midnight_in_winter_and_in_summer()
    {
        Assert.Equal(new DateTimeOffset(2027, 1, 7, 0, 0, 0, TimeSpan.Zero), WorkTaskRules.EndOfUkDay(new DateOnly(2027, 1, 6)));
        // British Summer Time: midnight in London is 23:00 UTC the day before.
        Assert.Equal(new DateTimeOffset(2027, 7, 6, 23, 0, 0, TimeSpan.Zero), WorkTaskRules.EndOfUkDay(new DateOnly(2027, 7, 6)));
        Assert.Equal(new DateOnly(2027, 7, 6), WorkTaskRules.DueDateOf(WorkTaskRules.EndOfUkDay(new DateOnly(2027, 7, 6))));
        Assert.True(WorkTaskRules.IsEndOfDay(WorkTaskRules.EndOfUkDay(new DateOnly(2027, 7, 6))));
        Assert.False(WorkTaskRules.IsEndOfDay(new DateTimeOffset(2027, 7, 6, 16, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Work_is_overdue_once_its_deadline_passes_due_today_until_midnight_then_upcoming_to_the_horizon()
    {
        var now = new DateTimeOffset(2027, 1, 6, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(WorkBucket.Overdue, WorkTaskRules.BucketOf(now, now, 14));
        Assert.Equal(WorkBucket.Overdue, WorkTaskRules.BucketOf(WorkTaskRules.EndOfUkDay(new DateOnly(2027, 1, 5)), now, 14));
        Assert.Equal(WorkBucket.DueToday, WorkTaskRules.BucketOf(now.AddTicks(1), now, 14));
        Assert.Equal(WorkBucket.DueToday, WorkTaskRules.BucketOf(WorkTaskRules.EndOfUkDay(new DateOnly(2027, 1, 6)), now, 14));
        Assert.Equal(WorkBucket.Upcoming, WorkTaskRules.BucketOf(WorkTaskRules.EndOfUkDay(new DateOnly(2027, 1, 20)), now, 14));
        Assert.Equal(WorkBucket.Later, WorkTaskRules.BucketOf(WorkTaskRules.EndOfUkDay(new DateOnly(2027, 1, 21)), now, 14));
    }

    [Theory]
    [InlineData("2027-01-05", "2027-01-06T12:00:00Z", "1 day late")]
    [InlineData("2027-01-01", "2027-01-06T00:30:00Z", "5 days late")]
    [InlineData("2027-01-06", "2027-01-06T12:00:00Z", "Not late")]
    public void Lateness_of_a_date_deadline_counts_uk_days(string due, string now, string expected) =>
        Assert.Equal(expected, WorkTaskRules.Lateness(WorkTaskRules.EndOfUkDay(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture)),
            DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Lateness_of_a_timed_deadline_is_in_minutes_hours_or_days()
    {
        var due = new DateTimeOffset(2027, 1, 6, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal("1 minute late", WorkTaskRules.Lateness(due, due.AddSeconds(20)));
        Assert.Equal("25 minutes late", WorkTaskRules.Lateness(due, due.AddMinutes(25)));
        Assert.Equal("3 hours late", WorkTaskRules.Lateness(due, due.AddHours(3.5)));
        Assert.Equal("2 days late", WorkTaskRules.Lateness(due, due.AddHours(49)));
    }

    [Fact]
    public void Due_text_says_when_in_plain_words()
    {
        var now = new DateTimeOffset(2027, 1, 6, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal("Due today", WorkTaskRules.DueText(WorkTaskRules.EndOfUkDay(new DateOnly(2027, 1, 6)), now));
        Assert.Equal("Due today by 17:00", WorkTaskRules.DueText(now.AddHours(5), now));
        Assert.Equal("Due tomorrow", WorkTaskRules.DueText(WorkTaskRules.EndOfUkDay(new DateOnly(2027, 1, 7)), now));
        Assert.Equal("Due 12 January 2027", WorkTaskRules.DueText(WorkTaskRules.EndOfUkDay(new DateOnly(2027, 1, 12)), now));
        Assert.Equal("Overdue: 2 days late", WorkTaskRules.DueText(WorkTaskRules.EndOfUkDay(new DateOnly(2027, 1, 4)), now));
        // Summer: 16:00 UTC is 17:00 in London.
        var summer = new DateTimeOffset(2027, 7, 6, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal("Due today by 17:00", WorkTaskRules.DueText(new DateTimeOffset(2027, 7, 6, 16, 0, 0, TimeSpan.Zero), summer));
    }

    [Fact]
    public void Reviews_count_from_the_end_of_treatment_and_none_falls_due_sooner_than_the_minimum_after_allocation()
    {
        var reviews = WorkTaskRules.ReviewsDue(Schedule, new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 6), 14, new DateOnly(2027, 1, 6));
        Assert.Equal(
            [("end-of-treatment", new DateOnly(2027, 1, 20)), ("3-months", new DateOnly(2027, 3, 1)), ("6-months", new DateOnly(2027, 6, 1))],
            reviews.Select(r => (r.Point.Key, r.DueOn)));
    }

    [Fact]
    public void Without_a_treatment_date_reviews_count_from_allocation()
    {
        var reviews = WorkTaskRules.ReviewsDue(Schedule, null, new DateOnly(2027, 1, 6), 14, new DateOnly(2027, 1, 6));
        Assert.Equal([new DateOnly(2027, 1, 20), new DateOnly(2027, 4, 6), new DateOnly(2027, 7, 6)], reviews.Select(r => r.DueOn));
    }

    [Fact]
    public void A_person_referred_long_after_treatment_gets_one_review_not_three_on_the_same_day()
    {
        var reviews = WorkTaskRules.ReviewsDue(Schedule, new DateOnly(2026, 5, 1), new DateOnly(2027, 1, 6), 14, new DateOnly(2027, 1, 6));
        var only = Assert.Single(reviews);
        Assert.Equal("6-months", only.Point.Key);
        Assert.Equal(new DateOnly(2027, 1, 20), only.DueOn);
    }

    [Fact]
    public void A_review_superseded_by_a_later_one_already_due_today_is_left_out()
    {
        // Allocated a year ago with no treatment date: only the latest review still stands (overdue), for the backfill.
        var reviews = WorkTaskRules.ReviewsDue(Schedule, null, new DateOnly(2026, 1, 6), 14, new DateOnly(2027, 1, 6));
        var only = Assert.Single(reviews);
        Assert.Equal(("6-months", new DateOnly(2026, 7, 6)), (only.Point.Key, only.DueOn));
    }

    [Fact]
    public void A_configured_schedule_replaces_the_default()
    {
        var options = new WorklistOptions { AssessmentReviews = [new ReviewPoint { Key = "12-months", Title = "Review: a year on", MonthsAfterTreatment = 12 }] };
        Assert.Equal(["12-months"], options.Reviews.Select(r => r.Key));
        Assert.Equal(3, new WorklistOptions().Reviews.Count);
    }

    [Fact]
    public void A_breach_goes_to_a_lead_of_the_owners_team_else_any_lead_and_a_lead_is_not_their_own_escalation_when_another_exists()
    {
        var teamA = Guid.NewGuid();
        var teamB = Guid.NewGuid();
        var leadA = new TeamLead(Guid.NewGuid(), teamA, "Ann", "ann@x.test");
        var leadA2 = new TeamLead(Guid.NewGuid(), teamA, "Bea", "bea@x.test");
        var leadB = new TeamLead(Guid.NewGuid(), teamB, "Cat", "cat@x.test");
        IReadOnlyList<TeamLead> leads = [leadA, leadA2, leadB];

        Assert.Equal(leadA, WorkOwners.LeadFor(teamA, Guid.NewGuid(), leads));
        Assert.Equal(leadA2, WorkOwners.LeadFor(teamA, leadA.StaffId, leads));
        Assert.Equal(leadB, WorkOwners.LeadFor(teamB, null, leads));
        Assert.Equal(leadA, WorkOwners.LeadFor(Guid.NewGuid(), null, leads));
        Assert.Equal(leadA, WorkOwners.LeadFor(null, null, leads));
        Assert.Equal(leadA, WorkOwners.LeadFor(teamA, leadA.StaffId, [leadA]));
        Assert.Null(WorkOwners.LeadFor(teamA, null, []));
    }

    [Fact]
    public void Support_workers_do_not_see_registered_practitioners_work_in_the_team_queue()
    {
        Assert.Equal([WorkTaskKind.Triage, WorkTaskKind.Escalation, WorkTaskKind.SignOff], WorkTaskRules.HiddenFromTeamQueue(Roles.SupportWorker));
        Assert.Empty(WorkTaskRules.HiddenFromTeamQueue(Roles.RegisteredPractitioner));
        Assert.Empty(WorkTaskRules.HiddenFromTeamQueue(Roles.TeamLead));
    }

    [Fact]
    public void A_pass_report_lists_its_counts_in_the_order_first_counted()
    {
        var report = new JobReport();
        Assert.Equal("nothing to do", report.ToString());
        report.Add("created", 2);
        report.Add("breached");
        report.Add("created");
        Assert.Equal("created 3; breached 1", report.ToString());
        Assert.Equal(3, report["created"]);
    }

    [Fact]
    public void The_jobs_page_says_intervals_and_durations_plainly()
    {
        Assert.Equal("Every 1 minute", JobsModel.Every(TimeSpan.FromSeconds(60)));
        Assert.Equal("Every 30 seconds", JobsModel.Every(TimeSpan.FromSeconds(30)));
        Assert.Equal("Every 1 day", JobsModel.Every(TimeSpan.FromHours(24)));
        Assert.Equal("250 ms", JobsModel.Describe(TimeSpan.FromMilliseconds(250)));
        Assert.Equal("12.5 seconds", JobsModel.Describe(TimeSpan.FromSeconds(12.5)));
        Assert.Equal("5 minutes", JobsModel.Describe(TimeSpan.FromMinutes(5)));
    }
}
