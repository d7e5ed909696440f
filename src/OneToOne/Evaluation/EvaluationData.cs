namespace OneToOne.Evaluation;

/// <summary>Which group a person is evaluated in: the service's own people, or a comparison group (e.g. before the
/// service started, or another site).</summary>
public enum Cohort
{
    Intervention = 0,
    Comparator = 1,
}

/// <summary>When an outcome or experience questionnaire was answered (DOMAIN.md, the evaluation).</summary>
public enum EvaluationTimepoint
{
    Baseline = 0,
    Followup = 1,
    Discharge = 2,
}

/// <summary>One de-identified person. <see cref="PersonKey"/> is a keyed pseudonym (never an id, name or NHS number).
/// The descriptive fields are the cohort filters of the evaluation (null when not recorded).</summary>
public sealed record EvaluationPerson(
    string PersonKey,
    string Organisation,
    Cohort Cohort,
    string? PathwayLevel = null,
    string? TumourSite = null,
    string? AgeBand = null,
    string? Sex = null,
    string? Ethnicity = null);

/// <summary>One contact with a person: its date, mode, length and the role of the staff member who made it.</summary>
public readonly record struct EvaluationContact(string PersonKey, DateOnly Date, string Mode, double DurationMinutes, string StaffRole);

/// <summary>One score of one instrument at one timepoint (e.g. distress 6 at baseline).</summary>
public readonly record struct EvaluationResponse(string PersonKey, string Instrument, EvaluationTimepoint Timepoint, double Score);

/// <summary>How an instrument's scores read: their range, which way is better, and the smallest change that matters.</summary>
public sealed record EvaluationInstrument(string Code, double Min, double Max, bool HigherIsBetter, double MinimalImportantDifference);

/// <summary>Everything the evaluation engine needs, from the live database (<c>evaluate --from --to</c>, the dashboards) or
/// from a folder of CSV files (<c>evaluate --dataset DIR</c>): the same methods run over either.</summary>
public sealed class EvaluationDataset
{
    public List<EvaluationPerson> People { get; init; } = [];
    public List<EvaluationContact> Contacts { get; init; } = [];
    public List<EvaluationResponse> Responses { get; init; } = [];

    /// <summary>Cost per hour of a staff role (on-costs and overheads included), keyed by role name.</summary>
    public Dictionary<string, double> UnitCosts { get; init; } = new(StringComparer.Ordinal);
    public List<EvaluationInstrument> Instruments { get; init; } = [];
}

/// <summary>How the engine runs: which instrument is the effect for cost-effectiveness, and the bootstrap.</summary>
public sealed record EvaluationSettings
{
    public const string DefaultEffectInstrument = "distress";

    public string EffectInstrument { get; init; } = DefaultEffectInstrument;

    /// <summary>Bootstrap resamples for the ICER's interval and the acceptability curve.</summary>
    public int BootstrapResamples { get; init; } = 2000;

    /// <summary>The bootstrap's random seed: the same data and seed give the same intervals.</summary>
    public int Seed { get; init; } = 20_140_101;

    /// <summary>Willingness-to-pay per unit of effect (GBP) for the cost-effectiveness acceptability curve.</summary>
    public IReadOnlyList<double> WillingnessToPay { get; init; } = [0, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000];
}
