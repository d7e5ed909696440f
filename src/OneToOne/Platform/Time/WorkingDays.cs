using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace OneToOne.Platform.Time;

/// <summary>England and Wales bank holidays, computed by rule for any year, with the known
/// one-off changes built in and room for more from settings (a proclamation can add or move a
/// holiday at a few months' notice, so this must not need a release).</summary>
/// <remarks>
/// The rules are those in force since 1978 (when the early May bank holiday began); earlier
/// years get the same rules and are not historically accurate. Regular holidays:
/// New Year's Day, Good Friday, Easter Monday, first Monday of May, last Monday of May,
/// last Monday of August, Christmas Day, Boxing Day. A holiday falling on a Saturday or Sunday
/// moves to the next weekday not already a holiday (so Christmas on Saturday gives Monday 27
/// and Tuesday 28; Christmas on Sunday gives Boxing Day on Monday 26 and the Christmas
/// substitute on Tuesday 27).
/// </remarks>
internal sealed class BankHolidays
{
    // Holidays moved by proclamation: the regular date that was not a holiday, and its replacement.
    private static readonly (DateOnly Regular, DateOnly Replacement)[] KnownMoves =
    [
        (new(1995, 5, 1), new(1995, 5, 8)),    // VE Day 50th anniversary
        (new(2002, 5, 27), new(2002, 6, 4)),   // Golden Jubilee
        (new(2012, 5, 28), new(2012, 6, 4)),   // Diamond Jubilee
        (new(2020, 5, 4), new(2020, 5, 8)),    // VE Day 75th anniversary
        (new(2022, 5, 30), new(2022, 6, 2)),   // Platinum Jubilee
    ];

    // One-off extra holidays.
    private static readonly DateOnly[] KnownExtras =
    [
        new(1999, 12, 31), // Millennium
        new(2002, 6, 3),   // Golden Jubilee
        new(2011, 4, 29),  // Royal wedding
        new(2012, 6, 5),   // Diamond Jubilee
        new(2022, 6, 3),   // Platinum Jubilee
        new(2022, 9, 19),  // State Funeral of Queen Elizabeth II
        new(2023, 5, 8),   // Coronation of King Charles III
    ];

    private readonly FrozenSet<DateOnly> _extra;
    private readonly FrozenSet<DateOnly> _removed;
    private readonly ConcurrentDictionary<int, FrozenSet<DateOnly>> _byYear = new();

    /// <param name="extraDates">Further holidays (e.g. a new proclamation) from settings.</param>
    /// <param name="removedDates">Dates that are not holidays after all (e.g. the old date of a
    /// moved holiday) from settings. Removal wins over any rule or extra.</param>
    public BankHolidays(IEnumerable<DateOnly>? extraDates = null, IEnumerable<DateOnly>? removedDates = null)
    {
        _extra = (extraDates ?? []).ToFrozenSet();
        _removed = (removedDates ?? []).ToFrozenSet();
    }

    public bool IsBankHoliday(DateOnly date) => ForYear(date.Year).Contains(date);

    /// <summary>The year's bank holidays in date order.</summary>
    public IEnumerable<DateOnly> For(int year) => ForYear(year).Order();

    /// <summary>Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1583);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private FrozenSet<DateOnly> ForYear(int year) => _byYear.GetOrAdd(year, Compute);

    private FrozenSet<DateOnly> Compute(int year)
    {
        var days = new HashSet<DateOnly>();

        AddWithSubstitutes(days, [new DateOnly(year, 1, 1)]);

        if (year >= 1583)
        {
            var easter = EasterSunday(year);
            days.Add(easter.AddDays(-2));
            days.Add(easter.AddDays(1));
        }

        days.Add(FirstMonday(year, 5));
        days.Add(LastMonday(year, 5));
        days.Add(LastMonday(year, 8));

        AddWithSubstitutes(days, [new DateOnly(year, 12, 25), new DateOnly(year, 12, 26)]);

        foreach (var (regular, replacement) in KnownMoves)
        {
            if (regular.Year == year)
            {
                days.Remove(regular);
                days.Add(replacement);
            }
        }

        days.UnionWith(KnownExtras.Where(d => d.Year == year));
        days.UnionWith(_extra.Where(d => d.Year == year));
        days.ExceptWith(_removed);
        return days.ToFrozenSet();
    }

    // Weekday dates stand; weekend dates, in order, take the next weekday not already taken.
    private static void AddWithSubstitutes(HashSet<DateOnly> days, DateOnly[] dates)
    {
        foreach (var date in dates.Where(d => !IsWeekend(d)))
        {
            days.Add(date);
        }

        foreach (var date in dates.Where(IsWeekend))
        {
            var substitute = date.AddDays(1);
            while (IsWeekend(substitute) || days.Contains(substitute))
            {
                substitute = substitute.AddDays(1);
            }

            days.Add(substitute);
        }
    }

    internal static bool IsWeekend(DateOnly date) =>
        date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static DateOnly FirstMonday(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7);
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
    }
}

/// <summary>Working days in England and Wales: Monday to Friday, not a bank holiday. Used for
/// response deadlines (referrals, escalations) and waiting times.</summary>
internal sealed class WorkingDayCalendar(BankHolidays holidays)
{
    public bool IsWorkingDay(DateOnly date) => !BankHolidays.IsWeekend(date) && !holidays.IsBankHoliday(date);

    /// <summary>The first working day on or after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDayOnOrAfter(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    /// <summary>The deadline <paramref name="days"/> working days after <paramref name="start"/>.</summary>
    /// <remarks>
    /// Rule: something received on a non-working day counts as received on the next working
    /// day, and the count starts from there. So with 5 working days: received Friday -> due
    /// the following Friday; received Saturday or Sunday -> counts as Monday -> due the
    /// following Monday. With 0 days the result is the (effective) day of receipt. The result
    /// is always a working day.
    /// </remarks>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = NextWorkingDayOnOrAfter(start);
        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return date;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including
    /// <paramref name="to"/>; negative (the same count, negated) when <paramref name="to"/> is
    /// before <paramref name="from"/>. Same day gives 0.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        var weekdays = WeekdaysUpTo(to) - WeekdaysUpTo(from);
        var holidaysInRange = 0;
        for (var year = from.Year; year <= to.Year; year++)
        {
            holidaysInRange += holidays.For(year).Count(d => d > from && d <= to && !BankHolidays.IsWeekend(d));
        }

        return weekdays - holidaysInRange;
    }

    // Weekdays from 1 January 0001 (a Monday, day number 0) up to and including the date.
    private static int WeekdaysUpTo(DateOnly date)
    {
        var daysCounted = date.DayNumber + 1;
        return ((daysCounted / 7) * 5) + Math.Min(daysCounted % 7, 5);
    }
}
