using System.Globalization;
using OneToOne.Platform.Time;

namespace OneToOne.Worklists;

internal enum CapacityState
{
    Ok,
    NearCapacity,
    OverCapacity,
}

/// <summary>Pure rules behind the caseload and team pages.</summary>
internal static class CaseloadRules
{
    /// <summary>At or above this share of capacity a worker is shown as near capacity.</summary>
    public const decimal NearCapacityPercent = 90;

    /// <summary>First contact is due this many working days after allocation, counted from the UK date
    /// the key worker was named (the calendar's rule for non-working days applies).</summary>
    public static DateOnly FirstContactDue(DateTimeOffset allocatedAt, int workingDays, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var allocatedOn = DateOnly.FromDateTime(UkTime.ToUk(allocatedAt).DateTime);
        return calendar.AddWorkingDays(allocatedOn, workingDays);
    }

    /// <summary>"Today", "3 days", "6 weeks", "4 months", "2 years": precise enough to scan a list.</summary>
    public static string TimeSince(DateOnly from, DateOnly today)
    {
        var days = today.DayNumber - from.DayNumber;
        if (days <= 0)
        {
            return "Today";
        }

        if (days < 14)
        {
            return Plural(days, "day");
        }

        if (days < 61)
        {
            return Plural(days / 7, "week");
        }

        var months = ((today.Year - from.Year) * 12) + today.Month - from.Month - (today.Day < from.Day ? 1 : 0);
        return months < 24 ? Plural(months, "month") : Plural(months / 12, "year");
    }

    public static decimal PercentUsed(decimal weighted, decimal capacity) =>
        capacity > 0 ? Math.Round(weighted / capacity * 100, 0, MidpointRounding.AwayFromZero) : (weighted > 0 ? 100 : 0);

    public static CapacityState StateOf(decimal weighted, decimal capacity) =>
        weighted > capacity ? CapacityState.OverCapacity
        : PercentUsed(weighted, capacity) >= NearCapacityPercent && weighted > 0 ? CapacityState.NearCapacity
        : CapacityState.Ok;

    public static string Text(this CapacityState state) => state switch
    {
        CapacityState.OverCapacity => "Over capacity",
        CapacityState.NearCapacity => "Near capacity",
        _ => "OK",
    };

    public static string Units(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Plural(int n, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {unit}{(n == 1 ? "" : "s")}");
}
