using OneToOne.People;
using OneToOne.Platform.Time;
using OneToOne.Referrals;

namespace OneToOne.Tests.Referrals;

public sealed class ReferralRulesTests
{
    private static readonly DateOnly Today = new(2027, 1, 6);
    private static readonly WorkingDayCalendar Calendar = new(new BankHolidays());

    private static ReferralDetails Good() => new()
    {
        Source = ReferralSource.HospitalTeam, ReferrerName = " Dr Jo Smith ", ReceivedOn = Today, Reason = "Support after treatment",
    };

    [Fact]
    public void Required_referral_fields_are_named_when_missing()
    {
        var errors = ReferralRules.Check(new ReferralDetails(), Today).Errors.Select(e => e.Field).ToList();
        Assert.Equal(["Source", "ReferrerName", "ReceivedOn", "Reason"], errors);
    }

    [Fact]
    public void A_self_referral_needs_no_referrer_name()
    {
        var d = Good();
        d.Source = ReferralSource.SelfReferral;
        d.ReferrerName = "";
        var (normalised, errors) = ReferralRules.Check(d, Today);
        Assert.Empty(errors);
        Assert.Equal(ReferralRules.SelfReferrer, normalised!.ReferrerName);
    }

    [Theory]
    [InlineData(1, ReferralRules.ReceivedInFutureMessage)]
    [InlineData(-367, ReferralRules.ReceivedTooLongAgoMessage)]
    public void The_received_date_must_be_within_the_last_year_and_not_in_the_future(int offset, string message)
    {
        var d = Good();
        d.ReceivedOn = Today.AddDays(offset);
        Assert.Equal(message, Assert.Single(ReferralRules.Check(d, Today).Errors).Message);
        d.ReceivedOn = Today.AddYears(-1);
        Assert.Empty(ReferralRules.Check(d, Today).Errors);
    }

    [Fact]
    public void Reason_and_summary_over_their_limits_are_refused()
    {
        var d = Good();
        d.Reason = new string('r', Referral.ReasonMax + 1);
        d.EndOfTreatmentSummary = new string('s', Referral.SummaryMax + 1);
        Assert.Equal(["Reason", "EndOfTreatmentSummary"], ReferralRules.Check(d, Today).Errors.Select(e => e.Field));
    }

    [Fact]
    public void Need_checkboxes_combine_into_flags_and_split_back_with_labels()
    {
        var d = Good();
        d.Needs = [NeedIndicators.OngoingTreatment, NeedIndicators.SafeguardingConcern];
        Assert.Equal(NeedIndicators.OngoingTreatment | NeedIndicators.SafeguardingConcern, d.CombinedNeeds);
        Assert.Equal(["Ongoing treatment", "Safeguarding concern"], ReferralRules.NeedTexts(d.CombinedNeeds));
        Assert.Equal(Enum.GetValues<NeedIndicators>().Length - 1, ReferralRules.Needs.Count); // every flag has a label
    }

    [Fact]
    public void Accepting_at_a_different_level_from_the_suggestion_without_a_reason_asks_for_one()
    {
        var errors = TriageRules.Check(ReferralStatus.Received, null, PathwayLevel.SharedCare,
            new TriageRequest(TriageChoice.Accept, PathwayLevel.ComplexCaseManagement, " ", null));
        Assert.Equal(new FieldError("Reason", TriageRules.OverrideReasonMessage), Assert.Single(errors));
        Assert.Empty(TriageRules.Check(ReferralStatus.Received, null, PathwayLevel.SharedCare,
            new TriageRequest(TriageChoice.Accept, PathwayLevel.ComplexCaseManagement, "Safeguarding concern disclosed", null)));
    }

    [Fact]
    public void Triage_needs_a_decision_a_level_to_accept_and_a_service_to_redirect_to()
    {
        Assert.Equal("Decision", Assert.Single(TriageRules.Check(ReferralStatus.Received, null, PathwayLevel.SharedCare, new(null, null, "r", null))).Field);
        Assert.Equal("Level", Assert.Single(TriageRules.Check(ReferralStatus.Received, null, PathwayLevel.SharedCare, new(TriageChoice.Accept, null, "r", null))).Field);
        Assert.Equal("RedirectedTo", Assert.Single(TriageRules.Check(ReferralStatus.Received, null, PathwayLevel.SharedCare, new(TriageChoice.Redirect, null, "r", null))).Field);
        Assert.Equal("Reason", Assert.Single(TriageRules.Check(ReferralStatus.Received, null, PathwayLevel.SharedCare, new(TriageChoice.Decline, null, "", null))).Field);
    }

    [Fact]
    public void Closed_referrals_cannot_be_triaged_and_accepted_ones_can_only_change_level()
    {
        foreach (var closed in new[] { ReferralStatus.Declined, ReferralStatus.Redirected, ReferralStatus.Discharged, ReferralStatus.Linked })
        {
            Assert.Equal(TriageRules.NotTriageableMessage, Assert.Single(TriageRules.Check(closed, null, PathwayLevel.SharedCare, new(TriageChoice.Accept, PathwayLevel.SharedCare, "r", null))).Message);
        }

        Assert.Equal("Level", Assert.Single(TriageRules.Check(ReferralStatus.Active, PathwayLevel.SharedCare, PathwayLevel.SharedCare,
            new(TriageChoice.Accept, PathwayLevel.SharedCare, "r", null))).Field);
        Assert.Empty(TriageRules.Check(ReferralStatus.Allocated, PathwayLevel.SharedCare, PathwayLevel.SharedCare,
            new(TriageChoice.Accept, PathwayLevel.ComplexCaseManagement, "needs changed", null)));
    }

    [Theory]
    [InlineData("2026-12-31", "Overdue by 3 working days", true)]   // 1 Jan holiday, then 4, 5, 6 January
    [InlineData("2027-01-05", "Overdue by 1 working day", true)]
    [InlineData("2027-01-06", "Due today", false)]
    [InlineData("2027-01-07", "Due in 1 working day", false)]
    [InlineData("2027-01-13", "Due in 5 working days", false)]
    public void Deadlines_read_as_overdue_due_today_or_due_in_working_days(string due, string text, bool overdue)
    {
        var status = TriageDeadline.Describe(Today, DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), Calendar);
        Assert.Equal((text, overdue), (status.Text, status.Overdue));
    }

    [Fact]
    public void A_deadline_that_passed_on_friday_is_overdue_on_the_weekend()
    {
        var status = TriageDeadline.Describe(new DateOnly(2027, 1, 9), new DateOnly(2027, 1, 8), Calendar);
        Assert.True(status.Overdue);
        Assert.Equal("Overdue by 1 working day", status.Text);
    }

    [Fact]
    public void Text_fields_from_csv_or_json_are_read_with_a_clear_error_per_unreadable_value()
    {
        var values = new Dictionary<string, string?>
        {
            ["Person.DateOfBirth"] = "01/04/1960", ["Person.Sex"] = "female", ["Person.InterpreterNeeded"] = "maybe",
            ["Referral.Source"] = "gp", ["Referral.Urgency"] = "URGENT", ["Referral.ReceivedOn"] = "2027-01-05",
        };
        var (person, referral, errors) = ReferralText.Read(values.GetValueOrDefault, ["OngoingTreatment", "lives alone or has limited support", "Nonsense"]);
        Assert.Equal(Sex.Female, person.Sex);
        Assert.Null(person.DateOfBirth);
        Assert.Equal(ReferralSource.GeneralPractice, referral.Source);
        Assert.Equal(ReferralUrgency.Urgent, referral.Urgency);
        Assert.Equal(new DateOnly(2027, 1, 5), referral.ReceivedOn);
        Assert.Equal([NeedIndicators.OngoingTreatment, NeedIndicators.LivesAloneOrLimitedSupport], referral.Needs);
        Assert.Equal(["Person.DateOfBirth", "Person.InterpreterNeeded", "Referral.NeedIndicators"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Rule_field_names_become_camel_case_json_paths()
    {
        Assert.Equal("person.nhsNumber", PeopleChoices.JsonPath("Person.NhsNumber"));
        Assert.Equal("referral.receivedOn", PeopleChoices.JsonPath("Referral.ReceivedOn"));
    }
}
