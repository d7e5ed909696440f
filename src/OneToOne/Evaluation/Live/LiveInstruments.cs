using System.Globalization;

namespace OneToOne.Evaluation.Live;

/// <summary>How the live evaluation reads each score: range, direction and minimal important difference (MID). Defaults
/// below; each can be changed in configuration, e.g. <c>Evaluation:Instruments:distress:MinimalImportantDifference = 1</c>
/// (keys Min, Max, HigherIsBetter, MinimalImportantDifference).</summary>
/// <remarks>The same scales as the shipped questionnaires' defaults (one point on a 0-10 item, one step on a five-point item);
/// an evaluator replaces the MIDs with published values when the programme adopts named instruments.</remarks>
public static class LiveInstruments
{
    public const string Section = "Evaluation:Instruments";

    /// <summary>The shipped questionnaires' scales (<see cref="Assessments.EvaluationQuestionnaires.Scales"/>).</summary>
    public static IReadOnlyList<EvaluationInstrument> Defaults => Assessments.EvaluationQuestionnaires.Scales;

    /// <summary>Outcome (PROM) scores, in the order dashboards show them.</summary>
    public static readonly IReadOnlyList<string> Outcomes =
        [EvaluationInstruments.Distress, EvaluationInstruments.Concerns, EvaluationInstruments.Severity, EvaluationInstruments.Confidence, EvaluationInstruments.Wellbeing];

    /// <summary>Experience (PREM) scored items.</summary>
    public static readonly IReadOnlyList<string> Experience =
        [EvaluationInstruments.Rating, EvaluationInstruments.Ease, EvaluationInstruments.Involvement, EvaluationInstruments.Recommend];

    public static string DisplayName(string code) => code switch
    {
        EvaluationInstruments.Distress => "Distress (0-10)",
        EvaluationInstruments.Concerns => "Number of concerns",
        EvaluationInstruments.Severity => "Mean severity of concerns (0-10)",
        EvaluationInstruments.Confidence => "Confidence to self-manage (0-10)",
        EvaluationInstruments.Wellbeing => "Overall wellbeing (0-10)",
        EvaluationInstruments.Rating => "Overall rating of care (0-10)",
        EvaluationInstruments.Ease => "Ease of contacting the team",
        EvaluationInstruments.Involvement => "Involvement in decisions",
        EvaluationInstruments.Recommend => "Would recommend the service",
        _ => code,
    };

    /// <summary>A short name for table rows and chart labels (the table's note gives the scales).</summary>
    public static string ShortName(string code) => code switch
    {
        EvaluationInstruments.Distress => "Distress",
        EvaluationInstruments.Concerns => "Concerns",
        EvaluationInstruments.Severity => "Severity",
        EvaluationInstruments.Confidence => "Confidence",
        EvaluationInstruments.Wellbeing => "Wellbeing",
        _ => DisplayName(code),
    };

    /// <summary>The score at or above which an answer counts as positive: 8 on the 0-10 rating, 4 ("agree") on five-point items.</summary>
    public static double PositiveAtOrAbove(string code) => code == EvaluationInstruments.Rating ? 8 : 4;

    /// <summary>The defaults with any configured overrides.</summary>
    public static IReadOnlyList<EvaluationInstrument> From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        return Defaults.Select(d =>
        {
            var s = section.GetSection(d.Code);
            return !s.Exists()
                ? d
                : d with
                {
                    Min = Read(s, "Min", d.Min),
                    Max = Read(s, "Max", d.Max),
                    HigherIsBetter = bool.TryParse(s["HigherIsBetter"], out var h) ? h : d.HigherIsBetter,
                    MinimalImportantDifference = Read(s, "MinimalImportantDifference", d.MinimalImportantDifference),
                };
        }).ToList();
    }

    private static double Read(IConfigurationSection section, string key, double fallback) =>
        double.TryParse(section[key], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : fallback;
}
