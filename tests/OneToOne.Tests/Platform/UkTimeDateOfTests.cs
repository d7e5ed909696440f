using OneToOne.Platform.Time;

namespace OneToOne.Tests.Platform;

/// <summary>UkTime.DateOf (the evaluation's fast UK date of a UTC time) agrees with the time-zone conversion it caches: at
/// the minutes either side of UK midnight and of the clock changes, on repeated calls (from the table), and outside the
/// table's years.</summary>
public sealed class UkTimeDateOfTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static TheoryData<string, string> Worked => new()
    {
        { "2026-03-28T23:59:59Z", "2026-03-28" }, // GMT: UTC midnight is UK midnight
        { "2026-03-29T00:00:00Z", "2026-03-29" },
        { "2026-03-29T23:00:00Z", "2026-03-30" }, // BST from 01:00 UTC on the 29th: 23:00 UTC is midnight in the UK
        { "2026-03-29T22:59:59Z", "2026-03-29" },
        { "2025-10-25T23:00:00Z", "2025-10-26" }, // still BST
        { "2025-10-26T23:00:00Z", "2025-10-26" }, // GMT again from 01:00 UTC on the 26th
        { "2025-10-26T23:59:59Z", "2025-10-26" },
        { "1985-07-01T23:30:00Z", "1985-07-02" }, // before the table: converted each time
        { "2150-07-01T23:30:00Z", "2150-07-02" }, // after it
    };

    [Theory]
    [MemberData(nameof(Worked))]
    public void A_UTC_time_gets_its_UK_date(string utc, string ukDate)
    {
        var ticks = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture).UtcTicks;

        Assert.Equal(DateOnly.Parse(ukDate, System.Globalization.CultureInfo.InvariantCulture), UkTime.DateOf(ticks));
        Assert.Equal(DateOnly.Parse(ukDate, System.Globalization.CultureInfo.InvariantCulture), UkTime.DateOf(ticks)); // now from the table
    }

    [Fact]
    public void Every_half_hour_of_two_years_matches_the_time_zone_conversion_on_two_threads()
    {
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        var step = TimeSpan.TicksPerHour / 2;
        var count = 2 * 366 * 48;
        Parallel.For(0, 2, _ =>
        {
            for (var i = 0; i < count; i++)
            {
                var ticks = start + (i * step) + 1;
                var expected = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(new DateTime(ticks, DateTimeKind.Utc), London));
                Assert.Equal(expected, UkTime.DateOf(ticks));
            }
        });
    }
}
