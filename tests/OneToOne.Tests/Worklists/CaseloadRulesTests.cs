using OneToOne.Platform.Time;
using OneToOne.Worklists;

namespace OneToOne.Tests.Worklists;

public sealed class CaseloadRulesTests
{
    [Theory]
    [InlineData("2026-03-02", "2026-03-02", "Today")]
    [InlineData("2026-03-01", "2026-03-02", "1 day")]
    [InlineData("2026-03-01", "2026-03-14", "13 days")]
    [InlineData("2026-03-01", "2026-03-15", "2 weeks")]
    [InlineData("2026-01-01", "2026-02-12", "6 weeks")]
    [InlineData("2026-01-01", "2026-03-02", "8 weeks")]
    [InlineData("2026-01-01", "2026-03-03", "2 months")]
    [InlineData("2025-01-15", "2026-01-14", "11 months")]
    [InlineData("2024-01-01", "2026-01-01", "2 years")]
    public void Time_since_referral_reads_in_the_largest_sensible_unit(string from, string today, string expected) =>
        Assert.Equal(expected, CaseloadRules.TimeSince(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(0, 40, "Ok")]
    [InlineData(35, 40, "Ok")]
    [InlineData(36, 40, "NearCapacity")]
    [InlineData(40, 40, "NearCapacity")]
    [InlineData(41, 40, "OverCapacity")]
    [InlineData(1, 0, "OverCapacity")]
    [InlineData(0, 0, "Ok")]
    public void Capacity_is_near_from_ninety_percent_and_over_above_capacity(int weighted, int capacity, string expected) =>
        Assert.Equal(expected, CaseloadRules.StateOf(weighted, capacity).ToString());

    [Fact]
    public void First_contact_is_due_ten_working_days_after_the_uk_date_of_allocation_skipping_bank_holidays()
    {
        var calendar = new WorkingDayCalendar(new BankHolidays());
        // In winter the UK is on GMT, so 23:30 UTC is still Thursday 17 December.
        var allocated = new DateTimeOffset(2026, 12, 17, 23, 30, 0, TimeSpan.Zero);
        // Working days after Thu 17 Dec: 18, 21, 22, 23, 24, (25, 28 holidays), 29, 30, 31, (1 Jan holiday), 4, 5 Jan.
        Assert.Equal(new DateOnly(2027, 1, 5), CaseloadRules.FirstContactDue(allocated, 10, calendar));
        // In summer (BST) 23:30 UTC is the next UK day.
        var summer = new DateTimeOffset(2026, 7, 2, 23, 30, 0, TimeSpan.Zero); // Friday 3 July in the UK
        Assert.Equal(new DateOnly(2026, 7, 17), CaseloadRules.FirstContactDue(summer, 10, calendar));
    }
}
