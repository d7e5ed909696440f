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
    IReadOnlyList<AcceptabilityPoint> Acceptability);

/// <summary>What the engine reports for a dataset. The JSON field names (camelCase) are documented in docs/evaluation.md.</summary>
public sealed record EvaluationResult(
    int People,
    int InterventionPeople,
    int ComparatorPeople,
    int Contacts,
    IReadOnlyList<OutcomeResult> Outcomes,
    CostEffectivenessResult CostEffectiveness);
