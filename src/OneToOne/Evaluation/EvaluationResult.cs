namespace OneToOne.Evaluation;

/// <summary>Paired change in one instrument between two timepoints, over the intervention cohort's people with both.
/// Any value that cannot be computed (fewer than two pairs, zero variance) is null, never a number.</summary>
public sealed record OutcomeResult(
    string Instrument,
    string From,
    string To,
    int Pairs,
    double? MeanBefore,
    double? MeanAfter,
    double? MeanChange,
    double? Ci95Lower,
    double? Ci95Upper,
    double? TTestP,
    double? WilcoxonP,
    double? EffectSize,
    double? ImprovedShare);

/// <summary>One point of the cost-effectiveness acceptability curve: the share of bootstrap resamples in which the
/// service is cost-effective at this willingness to pay per unit of effect.</summary>
public sealed record AcceptabilityPoint(double WillingnessToPay, double? Probability);

/// <summary>Intervention against comparator on the effect instrument (people with both baseline and follow-up).</summary>
public sealed record CostEffectivenessResult(
    string Instrument,
    int InterventionPeople,
    int ComparatorPeople,
    double? MeanCostIntervention,
    double? MeanCostComparator,
    double? MeanEffectIntervention,
    double? MeanEffectComparator,
    double? IncrementalCost,
    double? IncrementalEffect,
    double? Icer,
    double? IcerCi95Lower,
    double? IcerCi95Upper,
    double? IncrementalCostCi95Lower,
    double? IncrementalCostCi95Upper,
    double? IncrementalEffectCi95Lower,
    double? IncrementalEffectCi95Upper,
    IReadOnlyList<AcceptabilityPoint> Acceptability)
{
    /// <summary>How many bootstrap resamples the intervals and the curve are over (0 when not computable).</summary>
    public int BootstrapResamples { get; init; }

    /// <summary>Resamples whose incremental effect was zero: they have no ICER and are left out of its interval (they
    /// stay in the incremental cost and effect intervals and the acceptability curve).</summary>
    public int UndefinedIcerResamples { get; init; }
}

/// <summary>Cost over everyone in each cohort (people without contacts cost 0), not only those with outcome pairs.</summary>
public sealed record CostSummary(double TotalCost, double? MeanCostIntervention, double? MeanCostComparator);

/// <summary>What the engine reports for a dataset. The JSON field names (camelCase) are documented in docs/evaluation.md.</summary>
public sealed record EvaluationResult(
    int People,
    int InterventionPeople,
    int ComparatorPeople,
    int Contacts,
    IReadOnlyList<OutcomeResult> Outcomes,
    CostEffectivenessResult CostEffectiveness)
{
    /// <summary>Questionnaire scores in the dataset.</summary>
    public int Responses { get; init; }

    public CostSummary? Costs { get; init; }
}
