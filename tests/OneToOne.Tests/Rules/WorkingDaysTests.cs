using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Platform.Time;

namespace OneToOne.Tests.Rules;

public sealed class BankHolidaysTests
{
    private readonly BankHolidays _holidays = new();

    // GOV.UK England and Wales bank holidays (https://www.gov.uk/bank-holidays).
    [Theory]
    [InlineData(2020, "2020-01-01 2020-04-10 2020-04-13 2020-05-08 2020-05-25 2020-08-31 2020-12-25 2020-12-28")]
    [InlineData(2021, "2021-01-01 2021-04-02 2021-04-05 2021-05-03 2021-05-31 2021-08-30 2021-12-27 2021-12-28")]
    [InlineData(2022, "2022-01-03 2022-04-15 2022-04-18 2022-05-02 2022-06-02 2022-06-03 2022-08-29 2022-09-19 2022-12-26 2022-12-27")]
    [InlineData(2023, "2023-01-02 2023-04-07 2023-04-10 2023-05-01 2023-05-08 2023-05-29 2023-08-28 2023-12-25 2023-12-26")]
    [InlineData(2024, "2024-01-01 2024-03-29 2024-04-01 2024-05-06 2024-05-27 2024-08-26 2024-12-25 2024-12-26")]
    [InlineData(2025, "2025-01-01 2025-04-18 2025-04-21 2025-05-05 2025-05-26 2025-08-25 2025-12-25 2025-12-26")]
    [InlineData(2026, "2026-01-01 2026-04-03 2026-04-06 2026-05-04 2026-05-25 2026-08-31 2026-12-25 2026-12-28")]
    [InlineData(2027, "2027-01-01 2027-03-26 2027-03-29 2027-05-03 2027-05-31 2027-08-30 2027-12-27 2027-12-28")]
    public void For_gives_the_published_england_and_wales_dates(int year, string expected) =>
        Assert.Equal(Dates(expected), _holidays.For(year));

    [Fact]
    public void For_2022_has_the_platinum_jubilee_and_state_funeral_and_not_the_usual_spring_monday()
    {
        var dates = _holidays.For(2022).ToList();

        Assert.Contains(new DateOnly(2022, 6, 2), dates);
        Assert.Contains(new DateOnly(2022, 6, 3), dates);
        Assert.Contains(new DateOnly(2022, 9, 19), dates);
        Assert.DoesNotContain(new DateOnly(2022, 5, 30), dates);
    }

    [Fact]
    public void For_2020_moves_the_early_may_holiday_to_ve_day()
    {
        Assert.True(_holidays.IsBankHoliday(new DateOnly(2020, 5, 8)));
        Assert.False(_holidays.IsBankHoliday(new DateOnly(2020, 5, 4)));
    }

    [Fact]
    public void For_2023_includes_the_coronation() =>
        Assert.True(_holidays.IsBankHoliday(new DateOnly(2023, 5, 8)));

    [Theory]
    [InlineData(2021, "2021-12-27 2021-12-28")] // Christmas Saturday: Monday 27 and Tuesday 28
    [InlineData(2022, "2022-12-26 2022-12-27")] // Christmas Sunday: Boxing Day Monday 26, substitute Tuesday 27
    [InlineData(2026, "2026-12-25 2026-12-28")] // Boxing Day Saturday: Monday 28
    [InlineData(2024, "2024-12-25 2024-12-26")] // midweek: no substitutes
    public void Christmas_and_boxing_day_on_a_weekend_get_substitute_weekdays(int year, string expected) =>
        Assert.Equal(Dates(expected), _holidays.For(year).Where(d => d.Month == 12));

    [Theory]
    [InlineData(2022, "2022-01-03")] // Saturday -> Monday 3
    [InlineData(2023, "2023-01-02")] // Sunday -> Monday 2
    [InlineData(2027, "2027-01-01")]
    public void New_years_day_on_a_weekend_moves_to_the_next_monday(int year, string expected) =>
        Assert.Equal(Dates(expected), _holidays.For(year).Where(d => d.Month == 1));

    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2038, "2038-04-25")] // latest possible date
    [InlineData(2285, "2285-03-22")] // earliest possible date
    [InlineData(2000, "2000-04-23")]
    public void EasterSunday_follows_the_gregorian_computus(int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), BankHolidays.EasterSunday(year));

    [Fact]
    public void Extra_and_removed_dates_from_settings_change_the_calendar()
    {
        var holidays = new BankHolidays(
            extraDates: [new DateOnly(2026, 6, 15)],
            removedDates: [new DateOnly(2026, 5, 25)]);

        Assert.True(holidays.IsBankHoliday(new DateOnly(2026, 6, 15)));
        Assert.False(holidays.IsBankHoliday(new DateOnly(2026, 5, 25)));
        Assert.Equal(8, holidays.For(2026).Count());
    }

    [Fact]
    public void Ordinary_working_days_and_weekends_are_not_bank_holidays()
    {
        Assert.False(_holidays.IsBankHoliday(new DateOnly(2025, 6, 11)));
        Assert.False(_holidays.IsBankHoliday(new DateOnly(2025, 12, 27)));
    }

    [Property(MaxTest = 300)]
    public Property Every_year_has_eight_regular_holidays_all_on_weekdays() =>
        Prop.ForAll(Gen.Choose(2024, 2400).ToArbitrary(), year =>
        {
            var dates = _holidays.For(year).ToList();
            return dates.Count == 8
                && dates.All(d => d.Year == year && d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                && dates.Distinct().Count() == 8;
        });

    internal static DateOnly[] Dates(string isoDates) =>
        [.. isoDates.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(d => DateOnly.Parse(d, CultureInfo.InvariantCulture))];
}

public sealed class WorkingDayCalendarTests
{
    private readonly WorkingDayCalendar _calendar = new(new BankHolidays());

    [Theory]
    [InlineData("2025-06-11", true)]  // Wednesday
    [InlineData("2025-06-14", false)] // Saturday
    [InlineData("2025-06-15", false)] // Sunday
    [InlineData("2025-04-18", false)] // Good Friday
    [InlineData("2025-12-26", false)] // Boxing Day
    public void IsWorkingDay_excludes_weekends_and_bank_holidays(string date, bool expected) =>
        Assert.Equal(expected, _calendar.IsWorkingDay(Day(date)));

    [Theory]
    [InlineData("2024-06-07", 5, "2024-06-14")] // received Friday -> following Friday
    [InlineData("2024-06-08", 5, "2024-06-17")] // received Saturday counts as Monday -> following Monday
    [InlineData("2024-06-09", 5, "2024-06-17")] // received Sunday likewise
    [InlineData("2024-06-10", 5, "2024-06-17")] // received Monday -> following Monday
    [InlineData("2024-06-10", 1, "2024-06-11")]
    [InlineData("2024-06-08", 0, "2024-06-10")] // zero days: the effective day of receipt
    [InlineData("2024-06-11", 0, "2024-06-11")]
    public void AddWorkingDays_counts_from_the_next_working_day_when_received_on_a_non_working_day(
        string start, int days, string expected) =>
        Assert.Equal(Day(expected), _calendar.AddWorkingDays(Day(start), days));

    [Theory]
    [InlineData("2025-04-17", 5, "2025-04-28")] // Thursday before Easter: skips Good Friday and Easter Monday
    [InlineData("2025-04-18", 0, "2025-04-22")] // received Good Friday counts as the Tuesday after Easter
    [InlineData("2025-04-18", 1, "2025-04-23")]
    [InlineData("2024-03-28", 2, "2024-04-03")]
    public void AddWorkingDays_skips_the_easter_bank_holidays(string start, int days, string expected) =>
        Assert.Equal(Day(expected), _calendar.AddWorkingDays(Day(start), days));

    [Theory]
    [InlineData("2025-12-24", 5, "2026-01-05")] // skips 25, 26 Dec, the weekend and 1 Jan
    [InlineData("2026-12-24", 2, "2026-12-30")] // Boxing Day substitute Monday 28 is not a working day
    [InlineData("2027-12-24", 1, "2027-12-29")] // Christmas on Saturday: Monday 27 and Tuesday 28 off
    [InlineData("2025-12-25", 10, "2026-01-13")] // counts as Monday 29 Dec
    public void AddWorkingDays_skips_christmas_and_new_year(string start, int days, string expected) =>
        Assert.Equal(Day(expected), _calendar.AddWorkingDays(Day(start), days));

    [Fact]
    public void AddWorkingDays_refuses_a_negative_number_of_days() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _calendar.AddWorkingDays(Day("2025-01-02"), -1));

    [Theory]
    [InlineData("2025-04-17", "2025-04-28", 5)]
    [InlineData("2025-04-28", "2025-04-17", -5)]
    [InlineData("2025-06-11", "2025-06-11", 0)]
    [InlineData("2025-06-13", "2025-06-16", 1)]  // Friday to Monday
    [InlineData("2025-06-13", "2025-06-15", 0)]  // Friday to Sunday
    [InlineData("2025-06-14", "2025-06-16", 1)]  // Saturday to Monday
    [InlineData("2025-12-24", "2026-01-05", 5)]
    [InlineData("2024-01-01", "2024-12-31", 254)] // 262 weekdays, less 1 Jan itself, less 7 later holidays
    public void WorkingDaysBetween_counts_working_days_after_from_up_to_and_including_to(
        string from, string to, int expected) =>
        Assert.Equal(expected, _calendar.WorkingDaysBetween(Day(from), Day(to)));

    [Property(MaxTest = 300)]
    public Property AddWorkingDays_always_lands_on_a_working_day() =>
        Prop.ForAll(Dates().ToArbitrary(), Gen.Choose(0, 60).ToArbitrary(), (start, days) =>
            _calendar.IsWorkingDay(_calendar.AddWorkingDays(start, days)));

    [Property(MaxTest = 300)]
    public Property WorkingDaysBetween_a_working_day_and_its_deadline_is_the_number_of_days_added() =>
        Prop.ForAll(Dates().Where(_calendar.IsWorkingDay).ToArbitrary(), Gen.Choose(0, 60).ToArbitrary(), (start, days) =>
            _calendar.WorkingDaysBetween(start, _calendar.AddWorkingDays(start, days)) == days);

    [Property(MaxTest = 300)]
    public Property WorkingDaysBetween_matches_counting_day_by_day_and_is_antisymmetric() =>
        Prop.ForAll(Dates().ToArbitrary(), Gen.Choose(-800, 800).ToArbitrary(), (from, offset) =>
        {
            var to = from.AddDays(offset);
            var (low, high) = to < from ? (to, from) : (from, to);
            var count = 0;
            for (var d = low.AddDays(1); d <= high; d = d.AddDays(1))
            {
                count += _calendar.IsWorkingDay(d) ? 1 : 0;
            }

            var expected = to < from ? -count : count;
            return _calendar.WorkingDaysBetween(from, to) == expected
                && _calendar.WorkingDaysBetween(to, from) == -expected;
        });

    private static Gen<DateOnly> Dates() =>
        Gen.Choose(new DateOnly(2018, 1, 1).DayNumber, new DateOnly(2032, 12, 31).DayNumber).Select(DateOnly.FromDayNumber);

    private static DateOnly Day(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);
}
