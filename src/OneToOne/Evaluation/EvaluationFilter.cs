namespace OneToOne.Evaluation;

/// <summary>Which people the live evaluation covers: those with an episode in the period, optionally narrowed to one
/// organisation (ODS code) and the cohort fields. Null means "all".</summary>
public sealed record EvaluationFilter(
    DateOnly From,
    DateOnly To,
    string? Organisation = null,
    string? PathwayLevel = null,
    string? TumourSite = null,
    string? StaffRole = null,
    string? AgeBand = null,
    string? Sex = null,
    string? Ethnicity = null);
