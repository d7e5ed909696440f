using System.Globalization;

namespace OneToOne.Platform.Time;

/// <summary>Times are stored in UTC and shown in UK time (GMT/BST).</summary>
public static class UkTime
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public static DateTimeOffset ToUk(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, London);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToUk(clock.GetUtcNow()).DateTime);

    public static string Format(DateTimeOffset? utc) =>
        utc is null ? "" : ToUk(utc.Value).ToString("d MMM yyyy, HH:mm", EnGb);

    public static string Format(DateOnly? date) => date?.ToString("d MMM yyyy", EnGb) ?? "";

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
