namespace OneToOne.Worklists;

/// <summary>One assessment review on the schedule: its key (tells the tasks of one episode apart), its title, and
/// when it falls due, in months after the end of treatment.</summary>
public sealed class ReviewPoint
{
    public string Key { get; set; } = "";
    public string Title { get; set; } = "";
    public int MonthsAfterTreatment { get; set; }
}

/// <summary>Settings of the worklists (section "Worklists").</summary>
public sealed class WorklistOptions
{
    public const string Section = "Worklists";

    public static readonly IReadOnlyList<ReviewPoint> DefaultReviews =
    [
        new() { Key = "end-of-treatment", Title = "Review: end of treatment assessment", MonthsAfterTreatment = 0 },
        new() { Key = "3-months", Title = "Review: 3 month assessment", MonthsAfterTreatment = 3 },
        new() { Key = "6-months", Title = "Review: 6 month assessment", MonthsAfterTreatment = 6 },
    ];

    /// <summary>Working days from allocation to the first contact with the person.</summary>
    public int FirstContactWorkingDays { get; set; } = 10;

    /// <summary>The review schedule; unset gives <see cref="DefaultReviews"/>. Configured as a whole list (it replaces the default).</summary>
    public List<ReviewPoint>? AssessmentReviews { get; set; }

    public IReadOnlyList<ReviewPoint> Reviews => AssessmentReviews is { Count: > 0 } configured ? configured : DefaultReviews;

    /// <summary>No review falls due sooner than this many days after the key worker is allocated (a person referred
    /// months after their treatment ended is not overdue for the end-of-treatment review on day one).</summary>
    public int ReviewNotSoonerThanDays { get; set; } = 14;

    /// <summary>A submitted assessment of one of these instruments completes the person's open reviews due up to
    /// <see cref="ReviewCompletesUpToDays"/> days after it (and any overdue).</summary>
    public List<string> ReviewInstrumentCodes { get; set; } = ["hna"];

    public int ReviewCompletesUpToDays { get; set; } = 30;

    /// <summary>"My work" lists what is due up to this many days ahead, and counts the rest.</summary>
    public int UpcomingDays { get; set; } = 14;

    /// <summary>Rows shown per group on the work lists (the rest are counted).</summary>
    public int ListLimit { get; set; } = 50;

    /// <summary>The safety report lists active people with no contact and nothing scheduled for longer than this.</summary>
    public int SafetyNoContactDays { get; set; } = 28;

    /// <summary>How often the breach pass runs.</summary>
    public int BreachPassSeconds { get; set; } = 60;

    /// <summary>How often the full reconciliation pass runs.</summary>
    public int ReconcileHours { get; set; } = 24;

    /// <summary>Rows per page in the reconciliation's keyset paging.</summary>
    public int ReconcilePageSize { get; set; } = 500;
}
