using System.Globalization;

namespace OneToOne.Evaluation.Costs;

/// <summary>One staff member's month as checked: null days when the row was left blank (no record).</summary>
public sealed record StaffTimeValues(decimal? DaysWorked, decimal DaysLost, string? LostReason)
{
    public bool IsBlank => DaysWorked is null;
}

/// <summary>A problem with one field of a staff member's month (Field is DaysWorked, DaysLost or LostReason).</summary>
public sealed record StaffTimeError(string Field, string Message);

/// <summary>The pure rules of staff time: days worked and lost in a month, in whole or half days, never more than the
/// month has; days lost need a reason. A row left wholly blank records nothing (and clears an earlier record).</summary>
public static class StaffTimeRules
{
    public const string WorkedField = "DaysWorked";
    public const string LostField = "DaysLost";
    public const string ReasonField = "LostReason";

    public static readonly IReadOnlyList<string> LostReasons = ["Sickness", "Training", "Annual leave", "Other leave", "Other"];

    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);

    public static string MonthText(DateOnly month) => month.ToString("MMMM yyyy", EnGb);

    public static string MonthValue(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Parses "2026-01" as the first of that month.</summary>
    public static DateOnly? ParseMonth(string? value) =>
        DateOnly.TryParseExact(value?.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>The months a team lead may record: this month and the <paramref name="count"/> - 1 before it, newest first.</summary>
    public static IReadOnlyList<DateOnly> Months(DateOnly today, int count) =>
        [.. Enumerable.Range(0, count).Select(i => FirstOfMonth(today).AddMonths(-i))];

    /// <summary>Null when the month may be recorded, else why not (a month that has not started).</summary>
    public static string? CheckMonth(DateOnly month, DateOnly today) =>
        month > FirstOfMonth(today) ? "You cannot record time for a month that has not started" : null;

    public static (StaffTimeValues? Values, List<StaffTimeError> Errors) Check(string who, DateOnly month, string? worked, string? lost, string? reason)
    {
        var errors = new List<StaffTimeError>();
        var days = DateTime.DaysInMonth(month.Year, month.Month);
        var monthText = MonthText(month);
        if (string.IsNullOrWhiteSpace(worked) && string.IsNullOrWhiteSpace(lost) && string.IsNullOrWhiteSpace(reason))
        {
            return (new StaffTimeValues(null, 0, null), errors);
        }

        var daysWorked = Days(worked, $"Enter the days {who} worked in {monthText}", $"days {who} worked", days, WorkedField, errors);
        var daysLost = string.IsNullOrWhiteSpace(lost) ? 0 : Days(lost, "", $"days {who} lost", days, LostField, errors);
        if (daysWorked is { } w && daysLost is { } l && w + l > days)
        {
            errors.Add(new(LostField, string.Create(CultureInfo.InvariantCulture,
                $"Days worked and lost by {who} add up to more than the {days} days in {monthText}")));
        }

        var reasonText = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (daysLost > 0 && reasonText is null)
        {
            errors.Add(new(ReasonField, $"Select why {who} lost days"));
        }
        else if (reasonText is not null && !LostReasons.Contains(reasonText, StringComparer.Ordinal))
        {
            errors.Add(new(ReasonField, $"Select a reason from the list for {who}"));
        }

        // A reason with no days lost is not kept: there is nothing it explains.
        return errors.Count > 0 ? (null, errors) : (new StaffTimeValues(daysWorked, daysLost!.Value, daysLost > 0 ? reasonText : null), errors);
    }

    private static decimal? Days(string? raw, string blankMessage, string what, int days, string field, List<StaffTimeError> errors)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            errors.Add(new(field, blankMessage));
            return null;
        }

        if (!decimal.TryParse(raw.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(new(field, Capitalise(what) + " must be a number, like 18 or 18.5"));
            return null;
        }

        if (value < 0 || value > days)
        {
            errors.Add(new(field, string.Create(CultureInfo.InvariantCulture, $"{Capitalise(what)} must be between 0 and {days}")));
            return null;
        }

        if (value * 2 != Math.Floor(value * 2))
        {
            errors.Add(new(field, Capitalise(what) + " must be in whole or half days"));
            return null;
        }

        return value;
    }

    private static string Capitalise(string s) => char.ToUpper(s[0], CultureInfo.InvariantCulture) + s[1..];
}
