using OneToOne.Contacts;

namespace OneToOne.Tests.Contacts;

public sealed class ContactRulesTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 6, 12, 0, 0, TimeSpan.Zero);

    private static ContactInput Good(Action<ContactInput>? change = null)
    {
        var input = new ContactInput
        {
            Date = new DateOnly(2027, 1, 6),
            Time = "10:15",
            Mode = "Phone",
            DurationMinutes = "30",
            Addressed = ["emotional"],
            Outcome = "Talked through worries about scan results",
        };
        change?.Invoke(input);
        return input;
    }

    private static IReadOnlyList<string> Errors(ContactInput input, string field) =>
        [.. ContactRules.Check(input, Now).Errors.Where(e => e.Field == field).Select(e => e.Message)];

    [Fact]
    public void A_complete_contact_passes_and_is_stored_in_utc()
    {
        var (draft, errors) = ContactRules.Check(Good(), Now);

        Assert.Empty(errors);
        Assert.Equal(new DateTimeOffset(2027, 1, 6, 10, 15, 0, TimeSpan.Zero), draft!.OccurredAt);
        Assert.Equal(ContactMode.Phone, draft.Mode);
        Assert.Equal(30, draft.DurationMinutes);
    }

    [Fact]
    public void A_uk_time_in_british_summer_time_is_an_hour_ahead_of_utc()
    {
        // 29 March 2026 is the last Sunday of March: from then on 01:30 UK time is 00:30 UTC.
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 0, 30, 0, TimeSpan.Zero), ContactRules.FromUkLocal(new DateOnly(2026, 3, 30), new TimeOnly(1, 30)));
        Assert.Equal(new DateTimeOffset(2026, 3, 28, 1, 30, 0, TimeSpan.Zero), ContactRules.FromUkLocal(new DateOnly(2026, 3, 28), new TimeOnly(1, 30)));
    }

    [Fact]
    public void A_time_in_the_spring_forward_gap_is_refused_and_the_repeated_autumn_hour_reads_as_bst()
    {
        Assert.Null(ContactRules.FromUkLocal(new DateOnly(2026, 3, 29), new TimeOnly(1, 30)));
        Assert.Equal([ContactRules.NotInUk], Errors(Good(i => { i.Date = new DateOnly(2026, 3, 29); i.Time = "01:30"; }), "Time"));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), ContactRules.FromUkLocal(new DateOnly(2026, 10, 25), new TimeOnly(1, 30)));
    }

    [Fact]
    public void A_contact_in_the_future_is_refused_beyond_five_minutes_of_clock_tolerance()
    {
        Assert.Equal([ContactRules.InFuture], Errors(Good(i => i.Time = "12:06"), "Date"));
        Assert.Empty(Errors(Good(i => i.Time = "12:05"), "Date"));
        Assert.Equal([ContactRules.InFuture], Errors(Good(i => i.Date = new DateOnly(2027, 1, 7)), "Date"));
    }

    [Fact]
    public void A_contact_more_than_a_year_ago_is_refused()
    {
        Assert.Equal([ContactRules.TooOld], Errors(Good(i => i.Date = new DateOnly(2026, 1, 5)), "Date"));
        Assert.Empty(Errors(Good(i => i.Date = new DateOnly(2026, 1, 7)), "Date"));
    }

    [Theory]
    [InlineData("0", ContactRules.DurationRange)]
    [InlineData("-5", ContactRules.DurationRange)]
    [InlineData("481", ContactRules.DurationRange)]
    [InlineData("9999", ContactRules.DurationRange)]
    [InlineData("half an hour", ContactRules.DurationNotNumber)]
    [InlineData("", ContactRules.DurationMissing)]
    public void A_zero_negative_absurd_or_unreadable_duration_is_refused(string duration, string message) =>
        Assert.Equal([message], Errors(Good(i => i.DurationMinutes = duration), "DurationMinutes"));

    [Theory]
    [InlineData("1")]
    [InlineData("480")]
    public void Durations_from_one_minute_to_eight_hours_pass(string duration) =>
        Assert.Empty(ContactRules.Check(Good(i => i.DurationMinutes = duration), Now).Errors);

    [Fact]
    public void At_least_one_known_concern_domain_must_be_addressed()
    {
        Assert.Equal([ContactRules.AddressedMissing], Errors(Good(i => i.Addressed = []), "Addressed"));
        Assert.Equal([ContactRules.AddressedMissing], Errors(Good(i => i.Addressed = null), "Addressed"));
        Assert.Equal([ContactRules.AddressedUnknown], Errors(Good(i => i.Addressed = ["emotional", "astrology"]), "Addressed"));
        Assert.Equal(["practical", "emotional"], ContactRules.Check(Good(i => i.Addressed = ["emotional", "practical", "emotional"]), Now).Draft!.Addressed);
    }

    [Fact]
    public void The_next_contact_date_cannot_be_in_the_past()
    {
        Assert.Equal([ContactRules.NextContactPast], Errors(Good(i => i.NextContactOn = new DateOnly(2027, 1, 5)), "NextContactOn"));
        Assert.Empty(Errors(Good(i => i.NextContactOn = new DateOnly(2027, 1, 6)), "NextContactOn"));
        Assert.Equal([ContactRules.NextContactTooFar], Errors(Good(i => i.NextContactOn = new DateOnly(2028, 1, 7)), "NextContactOn"));
    }

    [Fact]
    public void Mode_outcome_date_and_time_are_required_and_group_is_not_a_mode_to_log()
    {
        var errors = ContactRules.Check(new ContactInput(), Now).Errors.Select(e => (e.Field, e.Message)).ToList();
        Assert.Contains(("Date", ContactRules.DateMissing), errors);
        Assert.Contains(("Time", ContactRules.TimeMissing), errors);
        Assert.Contains(("Mode", ContactRules.ModeMissing), errors);
        Assert.Contains(("Outcome", ContactRules.OutcomeMissing), errors);
        Assert.Equal([ContactRules.ModeGroup], Errors(Good(i => i.Mode = "Group"), "Mode"));
        Assert.Equal([ContactRules.ModeMissing], Errors(Good(i => i.Mode = "3"), "Mode"));
        Assert.Equal([ContactRules.TimeFormat], Errors(Good(i => i.Time = "25:00"), "Time"));
        Assert.Equal(["Outcome must be 2000 characters or fewer"], Errors(Good(i => i.Outcome = new string('x', 2001)), "Outcome"));
    }

    [Fact]
    public void An_iso_time_without_an_offset_is_uk_local_time()
    {
        var (draft, _) = ContactRules.Check(Good(i => { i.Date = null; i.Time = null; i.OccurredAt = "2026-03-30T01:30"; }), Now);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 0, 30, 0, TimeSpan.Zero), draft!.OccurredAt);
        var (withOffset, _) = ContactRules.Check(Good(i => { i.Date = null; i.Time = null; i.OccurredAt = "2026-12-01T09:00:00+02:00"; }), Now);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero), withOffset!.OccurredAt);
        Assert.Equal([ContactRules.OccurredAtFormat], Errors(Good(i => i.OccurredAt = "yesterday"), "OccurredAt"));
    }

    [Fact]
    public void A_group_session_may_be_planned_ahead_but_needs_a_title_kind_facilitator_and_sensible_duration()
    {
        var input = new GroupSessionInput
        {
            Title = "Moving forward", Kind = "HealthAndWellbeingEvent", Date = new DateOnly(2027, 2, 1), Time = "10:00",
            DurationMinutes = "120", FacilitatorStaffId = Guid.NewGuid(), Addressed = ["lifestyle"],
        };
        Assert.Empty(ContactRules.Check(input, Now).Errors);

        var bad = ContactRules.Check(new GroupSessionInput { DurationMinutes = "0" }, Now).Errors.Select(e => (e.Field, e.Message)).ToList();
        Assert.Contains(("Title", ContactRules.TitleMissing), bad);
        Assert.Contains(("Kind", ContactRules.KindMissing), bad);
        Assert.Contains(("FacilitatorStaffId", ContactRules.FacilitatorMissing), bad);
        Assert.Contains(("DurationMinutes", ContactRules.DurationRange), bad);
        Assert.Contains(("Addressed", ContactRules.SessionAddressedMissing), bad);
    }
}
