using OneToOne.Evaluation.Costs;

namespace OneToOne.Tests.Evaluation.Costs;

public sealed class StaffTimeRulesTests
{
    private static readonly DateOnly January = new(2026, 1, 1);
    private static readonly DateOnly February = new(2026, 2, 1);

    private static List<StaffTimeError> Errors(string? worked, string? lost = null, string? reason = null, DateOnly? month = null) =>
        StaffTimeRules.Check("Ann", month ?? January, worked, lost, reason).Errors;

    [Fact]
    public void A_month_of_work_with_days_lost_and_a_reason_is_read()
    {
        var (values, errors) = StaffTimeRules.Check("Ann", January, "18.5", "2", "Sickness");
        Assert.Empty(errors);
        Assert.Equal(new StaffTimeValues(18.5m, 2m, "Sickness"), values);
    }

    [Fact]
    public void A_blank_row_records_nothing_and_blank_days_lost_are_none()
    {
        Assert.True(StaffTimeRules.Check("Ann", January, " ", "", null).Values!.IsBlank);
        Assert.Equal(new StaffTimeValues(20m, 0m, null), StaffTimeRules.Check("Ann", January, "20", "", null).Values);
    }

    [Fact]
    public void A_reason_without_days_lost_is_not_kept()
    {
        Assert.Equal(new StaffTimeValues(20m, 0m, null), StaffTimeRules.Check("Ann", January, "20", "0", "Training").Values);
    }

    [Theory]
    [InlineData("", "1", "Sickness", "DaysWorked", "Enter the days Ann worked in January 2026")]
    [InlineData("lots", null, null, "DaysWorked", "Days Ann worked must be a number, like 18 or 18.5")]
    [InlineData("-1", null, null, "DaysWorked", "Days Ann worked must be between 0 and 31")]
    [InlineData("32", null, null, "DaysWorked", "Days Ann worked must be between 0 and 31")]
    [InlineData("10.25", null, null, "DaysWorked", "Days Ann worked must be in whole or half days")]
    [InlineData("10", "32", "Sickness", "DaysLost", "Days Ann lost must be between 0 and 31")]
    [InlineData("10", "1.3", "Sickness", "DaysLost", "Days Ann lost must be in whole or half days")]
    [InlineData("20", "12", "Sickness", "DaysLost", "Days worked and lost by Ann add up to more than the 31 days in January 2026")]
    [InlineData("20", "2", null, "LostReason", "Select why Ann lost days")]
    [InlineData("20", "2", "Holiday in Spain", "LostReason", "Select a reason from the list for Ann")]
    public void Bad_days_or_reasons_are_refused_naming_the_person_and_field(string worked, string? lost, string? reason, string field, string message) =>
        Assert.Equal([new StaffTimeError(field, message)], Errors(worked, lost, reason));

    [Fact]
    public void The_limit_is_the_days_in_the_month_inclusive()
    {
        Assert.Empty(Errors("31"));
        Assert.Empty(Errors("0"));
        Assert.Empty(Errors("28", "0"));
        Assert.Equal("Days Ann worked must be between 0 and 28", Assert.Single(Errors("29", month: February)).Message);
        Assert.Empty(Errors("20", "11", "Training"));
    }

    [Fact]
    public void Months_parse_as_their_first_day_and_a_month_not_started_cannot_be_recorded()
    {
        Assert.Equal(new DateOnly(2026, 1, 1), StaffTimeRules.ParseMonth("2026-01"));
        Assert.Null(StaffTimeRules.ParseMonth("2026-13"));
        Assert.Null(StaffTimeRules.ParseMonth("January"));
        var today = new DateOnly(2026, 3, 31);
        Assert.Null(StaffTimeRules.CheckMonth(new DateOnly(2026, 3, 1), today));
        Assert.Equal("You cannot record time for a month that has not started", StaffTimeRules.CheckMonth(new DateOnly(2026, 4, 1), today));
        Assert.Equal([new DateOnly(2026, 3, 1), new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 1)], StaffTimeRules.Months(today, 3));
    }
}
