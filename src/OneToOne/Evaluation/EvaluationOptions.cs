namespace OneToOne.Evaluation;

/// <summary>The evaluation's settings (configuration section "Evaluation"; every one configurable).</summary>
public sealed class EvaluationOptions
{
    public const string Section = "Evaluation";

    /// <summary>Months after baseline the follow-up outcome questionnaire is due.</summary>
    public int FollowUpMonths { get; set; } = 3;

    /// <summary>Hours of non-contact time (notes, liaison, travel) per hour of contact, for costing staff time.</summary>
    public double NonContactToContactRatio { get; set; } = 0.5;

    /// <summary>The role whose rate the support workers' contacts are priced at for "specialist time released".</summary>
    public string SpecialistRole { get; set; } = "Clinical nurse specialist";

    /// <summary>Secret for the keyed pseudonym (HMAC-SHA256 of the person's id). Required outside Development and Testing.</summary>
    public string? PseudonymKey { get; set; }

    /// <summary>Below programme level, counts from 1 to this are shown as "*".</summary>
    public int SuppressAtOrBelow { get; set; } = 7;

    /// <summary>Below programme level, other counts are rounded to the nearest multiple of this (0 or 1: not rounded).</summary>
    public int RoundTo { get; set; } = 5;

    /// <summary>Below programme level, a mean or median over fewer people than this is hidden.</summary>
    public int MinimumPeopleForAverages { get; set; } = 8;

    /// <summary>Bootstrap resamples and seed for the cost-effectiveness intervals.</summary>
    public int BootstrapResamples { get; set; } = 2000;
    public int BootstrapSeed { get; set; } = 20_140_101;
}
