namespace OneToOne.Supervision;

/// <summary>UK day boundaries as UTC instants: deadlines end when the UK day ends, and a month is a UK month.</summary>
internal static class SupervisionTime
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>The UTC instant at which the UK day <paramref name="day"/> begins (midnight, GMT or BST).</summary>
    public static DateTimeOffset StartOfUkDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, London.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>A deadline "by the end of <paramref name="day"/>": the UK midnight that ends it.</summary>
    public static DateTimeOffset EndOfUkDay(DateOnly day) => StartOfUkDay(day.AddDays(1));

    public static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);
}

/// <summary>Where each piece of supervision work is done (task links and notifications).</summary>
internal static class SupervisionUrls
{
    public static string SignOff(Guid id) => $"/supervision/sign-offs/{id}";

    public static string Session(Guid id) => $"/supervision/sessions/{id}";

    public static string CaseAuditItem(Guid id) => $"/supervision/case-audit/{id}";

    public static string Supervisee(Guid staffId) => $"/supervision/supervisees/{staffId}";
}
