using System.Globalization;

namespace OneToOne.Assessments;

/// <summary>One answer as given: a score for scored items, text for text and choice items.</summary>
public sealed record AnswerValue(int? Score, string? Text = null);

public sealed record ScoreResult(int? Distress, int ConcernCount, decimal? MeanSeverity, List<string> Flags, List<string> RedFlags);

/// <summary>A concern's change since the previous assessment, e.g. "Pain 7 -> 3 (down 4)".</summary>
public sealed record ConcernChange(string ItemCode, string Text, int? Before, int? After)
{
    public int? Delta => Before is { } b && After is { } a ? a - b : null;

    public string Describe()
    {
        static string S(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "not answered";
        var change = Delta switch
        {
            null => "",
            0 => " (no change)",
            > 0 and var d => string.Create(CultureInfo.InvariantCulture, $" (up {d})"),
            var d => string.Create(CultureInfo.InvariantCulture, $" (down {-d})"),
        };
        return $"{Text} {S(Before)} -> {S(After)}{change}";
    }
}

/// <summary>Pure rules of the assessment engine: which answers an instrument accepts, how a response is scored,
/// and what changed since the last one. No I/O.</summary>
public static class AssessmentScorer
{
    /// <summary>The flag name used for distress at or above the threshold.</summary>
    public const string DistressFlag = "distress";

    /// <summary>Checks partial answers against the definition. Errors are keyed by item code and name the item.</summary>
    public static Dictionary<string, string> CheckAnswers(InstrumentDefinition definition, IReadOnlyDictionary<string, AnswerValue> answers)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (code, value) in answers)
        {
            var item = definition.FindItem(code);
            if (item is null)
            {
                errors[code] = $"\"{code}\" is not a question in this assessment";
                continue;
            }

            switch (item.AnswerType)
            {
                case AnswerType.Scale0To10 or AnswerType.YesNo:
                    if (value.Score is { } s && (s < item.EffectiveMin || s > item.EffectiveMax))
                    {
                        errors[code] = string.Create(CultureInfo.InvariantCulture,
                            $"{item.Text}: the score must be between {item.EffectiveMin} and {item.EffectiveMax}");
                    }

                    break;
                case AnswerType.Choice:
                    if (value.Text is { Length: > 0 } t && !item.Options.Contains(t, StringComparer.Ordinal))
                    {
                        errors[code] = $"{item.Text}: choose one of the options";
                    }

                    break;
                case AnswerType.Text:
                    if (value.Text is { Length: > 2000 })
                    {
                        errors[code] = $"{item.Text}: the answer must be 2000 characters or fewer";
                    }

                    break;
            }
        }

        return errors;
    }

    /// <summary>Top concerns must be concern items the person scored above 0, no more than the maximum.</summary>
    public static string? CheckTopConcerns(InstrumentDefinition definition, IReadOnlyDictionary<string, AnswerValue> answers, IReadOnlyList<string> topConcerns)
    {
        if (topConcerns.Count > definition.Scoring.TopConcernsMax)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Choose up to {definition.Scoring.TopConcernsMax} concerns that matter most");
        }

        if (topConcerns.Distinct(StringComparer.Ordinal).Count() != topConcerns.Count)
        {
            return "Choose each concern only once";
        }

        var concerns = definition.ConcernItems.Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var code in topConcerns)
        {
            if (!concerns.Contains(code))
            {
                return $"\"{code}\" is not a concern in this assessment";
            }

            if (!answers.TryGetValue(code, out var a) || a.Score is not > 0)
            {
                return $"{definition.FindItem(code)!.Text} can only be a top concern if it is scored above 0";
            }
        }

        return null;
    }

    /// <summary>Required items still unanswered, by code.</summary>
    public static List<InstrumentItem> Missing(InstrumentDefinition definition, IReadOnlyDictionary<string, AnswerValue> answers) =>
        definition.AllItems
            .Where(i => i.Required && (!answers.TryGetValue(i.Code, out var a) || (i.IsScored ? a.Score is null : string.IsNullOrWhiteSpace(a.Text))))
            .ToList();

    /// <summary>Scores a response; distressThresholdOverride is a deployment's configured threshold (Assessments:DistressThreshold), if any.
    /// Outcome and experience questionnaires pass countConcerns false: their 0-10 items (confidence, wellbeing, a rating)
    /// are not concerns, so they are neither counted nor flagged; distress and red flags still are.</summary>
    public static ScoreResult Score(InstrumentDefinition definition, IReadOnlyDictionary<string, AnswerValue> answers, int? distressThresholdOverride = null,
        bool countConcerns = true)
    {
        var s = definition.Scoring;
        int? distress = null;
        var flags = new List<string>();
        var redFlags = new List<string>();
        if (s.DistressItemCode is { } d && answers.TryGetValue(d, out var da) && da.Score is { } ds)
        {
            distress = ds;
            if (ds >= (distressThresholdOverride ?? s.DistressThreshold))
            {
                flags.Add(DistressFlag);
            }
        }

        var concernScores = new List<int>();
        foreach (var item in countConcerns ? definition.ConcernItems : [])
        {
            if (!answers.TryGetValue(item.Code, out var a) || a.Score is not { } score)
            {
                continue;
            }

            if (score > 0)
            {
                concernScores.Add(score);
            }

            if (score > 0 && score >= (item.Threshold ?? s.DefaultConcernThreshold))
            {
                flags.Add(item.Code);
            }
        }

        foreach (var item in definition.AllItems.Where(i => i.RedFlag && i.IsScored))
        {
            if (answers.TryGetValue(item.Code, out var a) && a.Score is { } score && score >= item.RedFlagAt)
            {
                redFlags.Add(item.Code);
            }
        }

        decimal? mean = concernScores.Count == 0 ? null : Math.Round((decimal)concernScores.Sum() / concernScores.Count, 1, MidpointRounding.AwayFromZero);
        return new ScoreResult(distress, concernScores.Count, mean, flags, redFlags);
    }

    /// <summary>Per concern answered in either assessment: the score before and now. Distress comes first.</summary>
    public static List<ConcernChange> Changes(InstrumentDefinition definition, IReadOnlyDictionary<string, int?> before, IReadOnlyDictionary<string, int?> after)
    {
        var items = definition.AllItems.Where(i => i.AnswerType == AnswerType.Scale0To10)
            .OrderBy(i => string.Equals(i.Code, definition.Scoring.DistressItemCode, StringComparison.Ordinal) ? 0 : 1);
        var changes = new List<ConcernChange>();
        foreach (var item in items)
        {
            var b = before.GetValueOrDefault(item.Code);
            var a = after.GetValueOrDefault(item.Code);
            if (b is null && a is null)
            {
                continue;
            }

            if (b is 0 && a is 0)
            {
                continue;
            }

            changes.Add(new ConcernChange(item.Code, item.Text, b, a));
        }

        return changes;
    }
}
