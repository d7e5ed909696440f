using OneToOne.Escalations;
using OneToOne.Platform.Time;

namespace OneToOne.Tests.Escalations;

public sealed class EscalationRulesTests
{
    private static readonly WorkingDayCalendar Calendar = new(new BankHolidays());
    private static readonly EscalationOptions Options = new();
    private static readonly Guid Named = Guid.NewGuid();
    private static readonly Guid TeamId = Guid.NewGuid();

    private static RaiseInput Good(Action<Dictionary<string, object?>>? change = null)
    {
        var v = new Dictionary<string, object?>
        {
            ["Reason"] = "HighDistress", ["ReasonDetail"] = null, ["Description"] = "Very low", ["Urgency"] = "Soon", ["PractitionerId"] = Named, ["TeamId"] = null,
        };
        change?.Invoke(v);
        return new RaiseInput((string?)v["Reason"], (string?)v["ReasonDetail"], (string?)v["Description"], (string?)v["Urgency"],
            (Guid?)v["PractitionerId"], (Guid?)v["TeamId"]);
    }

    private static string[] Fields(RaiseInput input) => [.. EscalationRules.Check(input).Errors.Select(e => e.Field)];

    [Fact]
    public void A_complete_escalation_passes_and_is_trimmed()
    {
        var (request, errors) = EscalationRules.Check(Good(v => v["Description"] = "  Very low  "));
        Assert.Empty(errors);
        Assert.Equal(new RaiseRequest(EscalationReason.HighDistress, null, "Very low", EscalationUrgency.Soon, Named, null), request);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Unicorns")]
    [InlineData("2")]
    public void A_missing_or_unknown_reason_is_refused(string? reason) =>
        Assert.Equal(["Reason"], Fields(Good(v => v["Reason"] = reason)));

    [Fact]
    public void Other_needs_a_detail_of_200_characters_or_fewer_and_other_reasons_drop_a_stray_detail()
    {
        Assert.Equal(["ReasonDetail"], Fields(Good(v => v["Reason"] = "Other")));
        Assert.Equal(["ReasonDetail"], Fields(Good(v =>
        {
            v["Reason"] = "Other";
            v["ReasonDetail"] = new string('x', 201);
        })));
        Assert.Equal("Money", EscalationRules.Check(Good(v =>
        {
            v["Reason"] = "other";
            v["ReasonDetail"] = " Money ";
        })).Request!.ReasonDetail);
        Assert.Null(EscalationRules.Check(Good(v => v["ReasonDetail"] = "stray")).Request!.ReasonDetail);
    }

    [Fact]
    public void A_description_is_required_and_at_most_4000_characters()
    {
        Assert.Equal(["Description"], Fields(Good(v => v["Description"] = "   ")));
        Assert.Equal(["Description"], Fields(Good(v => v["Description"] = new string('x', 4001))));
        Assert.Empty(Fields(Good(v => v["Description"] = new string('x', 4000))));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Tomorrow")]
    [InlineData("0")]
    public void An_urgency_is_required(string? urgency) =>
        Assert.Equal(["Urgency"], Fields(Good(v => v["Urgency"] = urgency)));

    [Fact]
    public void An_owner_is_required_and_only_one()
    {
        Assert.Equal(["PractitionerId"], Fields(Good(v => v["PractitionerId"] = null)));
        Assert.Equal(["PractitionerId"], Fields(Good(v => v["PractitionerId"] = Guid.Empty)));
        Assert.Equal(["PractitionerId"], Fields(Good(v => v["TeamId"] = TeamId)));
        Assert.Empty(Fields(Good(v =>
        {
            v["PractitionerId"] = null;
            v["TeamId"] = TeamId;
        })));
    }

    [Fact]
    public void Same_day_is_the_end_of_today_in_uk_time_in_winter_and_in_summer()
    {
        Assert.Equal(new DateTimeOffset(2027, 1, 6, 23, 59, 59, TimeSpan.Zero),
            EscalationRules.DueAt(EscalationUrgency.SameDay, new(2027, 1, 6, 9, 0, 0, TimeSpan.Zero), Calendar, Options));
        // BST: the end of the UK day is 22:59:59 UTC; and 23:30 UTC on 30 June is already 1 July in the UK.
        Assert.Equal(new DateTimeOffset(2027, 6, 30, 22, 59, 59, TimeSpan.Zero),
            EscalationRules.DueAt(EscalationUrgency.SameDay, new(2027, 6, 30, 9, 0, 0, TimeSpan.Zero), Calendar, Options));
        Assert.Equal(new DateTimeOffset(2027, 7, 1, 22, 59, 59, TimeSpan.Zero),
            EscalationRules.DueAt(EscalationUrgency.SameDay, new(2027, 6, 30, 23, 30, 0, TimeSpan.Zero), Calendar, Options));
    }

    [Fact]
    public void Working_day_deadlines_skip_weekends_and_bank_holidays_and_follow_the_options()
    {
        var wednesday = new DateTimeOffset(2027, 1, 6, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateOnly(2027, 1, 8), Day(EscalationRules.DueAt(EscalationUrgency.Soon, wednesday, Calendar, Options)));
        Assert.Equal(new DateOnly(2027, 1, 13), Day(EscalationRules.DueAt(EscalationUrgency.Routine, wednesday, Calendar, Options)));
        // Raised on Saturday: counts from Monday.
        var saturday = new DateTimeOffset(2027, 1, 9, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateOnly(2027, 1, 13), Day(EscalationRules.DueAt(EscalationUrgency.Soon, saturday, Calendar, Options)));
        // Christmas Eve 2026 (Thursday): Christmas Day and Boxing Day (substitute Monday 28) are not working days.
        var christmasEve = new DateTimeOffset(2026, 12, 24, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateOnly(2026, 12, 30), Day(EscalationRules.DueAt(EscalationUrgency.Soon, christmasEve, Calendar, Options)));
        var three = new EscalationOptions { SoonWorkingDays = 3 };
        Assert.Equal(new DateOnly(2027, 1, 11), Day(EscalationRules.DueAt(EscalationUrgency.Soon, wednesday, Calendar, three)));
    }

    private static DateOnly Day(DateTimeOffset utc) => DateOnly.FromDateTime(UkTime.ToUk(utc).DateTime);

    [Fact]
    public void Options_with_no_working_days_or_routine_sooner_than_soon_are_refused_at_start_up()
    {
        Assert.Throws<InvalidOperationException>(() => new EscalationOptions { SoonWorkingDays = 0 }.Validate());
        Assert.Throws<InvalidOperationException>(() => new EscalationOptions { SoonWorkingDays = 3, RoutineWorkingDays = 2 }.Validate());
        new EscalationOptions().Validate();
    }

    private static Escalation ToNamed() => new() { Description = "x", RaisedByName = "w", AssignedToStaffId = Named };

    private static Escalation ToTeam() => new() { Description = "x", RaisedByName = "w", AssignedToTeamId = TeamId };

    [Fact]
    public void Only_the_named_practitioner_or_a_team_lead_may_respond_to_a_named_escalation()
    {
        Assert.True(EscalationRules.MayRespond(ToNamed(), new Responder(Named, TeamId, IsRegisteredPractitioner: true, IsTeamLead: false)));
        Assert.False(EscalationRules.MayRespond(ToNamed(), new Responder(Guid.NewGuid(), TeamId, IsRegisteredPractitioner: true, IsTeamLead: false)));
        Assert.True(EscalationRules.MayRespond(ToNamed(), new Responder(Guid.NewGuid(), null, IsRegisteredPractitioner: false, IsTeamLead: true)));
        // A support worker whose staff id happened to be named still may not: only registered practitioners take escalations.
        Assert.False(EscalationRules.MayRespond(ToNamed(), new Responder(Named, TeamId, IsRegisteredPractitioner: false, IsTeamLead: false)));
    }

    [Fact]
    public void A_team_queue_escalation_is_for_registered_practitioners_of_that_team_or_a_team_lead()
    {
        Assert.True(EscalationRules.MayRespond(ToTeam(), new Responder(Guid.NewGuid(), TeamId, IsRegisteredPractitioner: true, IsTeamLead: false)));
        Assert.False(EscalationRules.MayRespond(ToTeam(), new Responder(Guid.NewGuid(), Guid.NewGuid(), IsRegisteredPractitioner: true, IsTeamLead: false)));
        Assert.False(EscalationRules.MayRespond(ToTeam(), new Responder(Guid.NewGuid(), null, IsRegisteredPractitioner: true, IsTeamLead: false)));
        Assert.False(EscalationRules.MayRespond(ToTeam(), new Responder(Guid.NewGuid(), TeamId, IsRegisteredPractitioner: false, IsTeamLead: false)));
        Assert.True(EscalationRules.MayRespond(ToTeam(), new Responder(null, null, IsRegisteredPractitioner: false, IsTeamLead: true)));
    }

    [Theory]
    [InlineData(EscalationStatus.Raised, null, EscalationRules.AcknowledgeFirst, EscalationRules.OutcomeFirst)]
    [InlineData(EscalationStatus.Acknowledged, EscalationRules.AlreadyAcknowledged, null, EscalationRules.OutcomeFirst)]
    [InlineData(EscalationStatus.OutcomeRecorded, EscalationRules.AlreadyAcknowledged, null, null)]
    [InlineData(EscalationStatus.Closed, EscalationRules.AlreadyClosed, EscalationRules.AlreadyClosed, EscalationRules.AlreadyClosed)]
    public void Each_step_follows_the_one_before(EscalationStatus status, string? acknowledge, string? outcome, string? close)
    {
        var e = ToNamed();
        e.Status = status;
        Assert.Equal(acknowledge, EscalationRules.CannotAcknowledge(e));
        Assert.Equal(outcome, EscalationRules.CannotRecordOutcome(e));
        Assert.Equal(close, EscalationRules.CannotClose(e));
    }

    [Fact]
    public void An_outcome_needs_a_known_outcome_and_a_note_of_4000_characters_or_fewer()
    {
        Assert.Equal(["Outcome", "Note"], EscalationRules.CheckOutcome(null, null).Errors.Select(e => e.Field));
        Assert.Equal(["Outcome"], EscalationRules.CheckOutcome("Cured", "ok").Errors.Select(e => e.Field));
        Assert.Equal(["Note"], EscalationRules.CheckOutcome("ReferredOn", new string('x', 4001)).Errors.Select(e => e.Field));
        var (outcome, note, errors) = EscalationRules.CheckOutcome("referredOn", " To psychology ");
        Assert.Empty(errors);
        Assert.Equal(EscalationOutcome.ReferredOn, outcome);
        Assert.Equal("To psychology", note);
    }
}
