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

    /// <summary>The UK date of a UTC time given as ticks, for millions of rows (the evaluation's). The UK's offset changes
    /// only on the hour, so it is looked up once per UTC hour and kept in a table indexed by the hour, from 1990 to 2100:
    /// after the first row of an hour, a date costs an array read instead of a time-zone conversion (or a dictionary look-up,
    /// which cost a second per ten million rows). Safe on many threads: an entry is written whole, and always with the same
    /// value. Times outside the table are converted each time.</summary>
    public static DateOnly DateOf(long utcTicks)
    {
        var hour = (utcTicks / TimeSpan.TicksPerHour) - FirstTableHour;
        int offsetHours;
        if ((ulong)hour < (ulong)OffsetHours.Length && OffsetHours[hour] != UnknownOffset)
        {
            offsetHours = OffsetHours[hour];
        }
        else
        {
            var offset = London.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc));
            if ((ulong)hour >= (ulong)OffsetHours.Length || offset.Ticks % TimeSpan.TicksPerHour != 0)
            {
                return DateOnly.FromDayNumber((int)((utcTicks + offset.Ticks) / TimeSpan.TicksPerDay));
            }

            offsetHours = (int)(offset.Ticks / TimeSpan.TicksPerHour);
            OffsetHours[hour] = (sbyte)offsetHours;
        }

        return DateOnly.FromDayNumber((int)((utcTicks + (offsetHours * TimeSpan.TicksPerHour)) / TimeSpan.TicksPerDay));
    }

    private const sbyte UnknownOffset = sbyte.MinValue;
    private static readonly long FirstTableHour = new DateTime(1990, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks / TimeSpan.TicksPerHour;
    private static readonly sbyte[] OffsetHours = NewOffsetTable();

    private static sbyte[] NewOffsetTable()
    {
        var table = new sbyte[(int)((new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks / TimeSpan.TicksPerHour) - FirstTableHour)];
        Array.Fill(table, UnknownOffset);
        return table;
    }
}
