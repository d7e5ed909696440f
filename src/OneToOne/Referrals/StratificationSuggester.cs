using System.Globalization;
using System.Text;

namespace OneToOne.Referrals;

internal sealed record StratificationInput(
    NeedIndicators Indicators,
    ReferralUrgency Urgency,
    string? Reason,
    string? EndOfTreatmentSummary);

/// <summary>A suggested pathway level with every reason that contributed, highest level first.
/// It is a suggestion: a registered practitioner decides.</summary>
internal sealed record StratificationSuggestion(PathwayLevel Level, IReadOnlyList<string> Reasons);

/// <summary>Suggests a pathway level from the referrer's indicators, urgency and free text.</summary>
/// <remarks>
/// The suggested level is the highest level of any factor below (never lower than supported
/// self-management). Adding an indicator can only add factors, so it never lowers the level.
///
/// | factor                                                               | level   |
/// |----------------------------------------------------------------------|---------|
/// | AdvancedOrMetastaticDisease                                          | complex |
/// | UncontrolledSymptoms                                                 | complex |
/// | SafeguardingConcern                                                  | complex |
/// | ComplexPsychologicalNeeds                                            | complex |
/// | 2+ shared-care indicators together with LivesAloneOrLimitedSupport   | complex |
/// | text: "metasta*", "palliative*", "secondar*" (not "secondary care/school") | complex |
/// | text: "safeguarding*", "self-harm*"/"self harm*", "suicid*"          | complex |
/// | OngoingTreatment                                                     | shared  |
/// | MultipleLongTermConditions                                           | shared  |
/// | SideEffectsNeedingClinicalReview                                     | shared  |
/// | ConcernAboutRecurrence                                               | shared  |
/// | urgency Urgent                                                       | shared  |
/// | text: "chemotherapy*", "radiotherapy*", "immunotherapy*", "hormone therapy*", "ongoing treatment*" | shared |
/// | LivesAloneOrLimitedSupport                                           | self-management, adds a note |
/// | FinancialOrHousingDifficulty                                         | self-management, adds a note |
/// | nothing above                                                        | self-management, "No indicators of clinical complexity..." |
///
/// Text matching (reason and end of treatment summary together) is case-insensitive and starts
/// at a word boundary; the last word of a keyword may continue ("metasta" matches "metastatic",
/// "metastases"). A mention is not counted when one of the three words before it in the same
/// clause negates it ("no", "not", "non", "nil", "denies", "without", "never", "negative", and for
/// treatments also "completed", "finished", "ended", "post", "after"): end of treatment
/// summaries routinely say "no evidence of metastatic disease" or "completed chemotherapy".
/// Negated risk words (safeguarding, self-harm, suicide) still add a reason asking the
/// practitioner to check, without raising the level: a wrongly ignored risk is the worse error.
/// </remarks>
internal static class StratificationSuggester
{
    public const string NoComplexityReason =
        "No indicators of clinical complexity; practical and emotional needs suit supported self-management";

    private static readonly NeedIndicators[] SharedCareIndicators =
    [
        NeedIndicators.OngoingTreatment,
        NeedIndicators.MultipleLongTermConditions,
        NeedIndicators.SideEffectsNeedingClinicalReview,
        NeedIndicators.ConcernAboutRecurrence,
    ];

    private static readonly (NeedIndicators Indicator, PathwayLevel Level, string Reason)[] IndicatorRules =
    [
        (NeedIndicators.AdvancedOrMetastaticDisease, PathwayLevel.ComplexCaseManagement,
            "Advanced or metastatic disease suggests complex case management"),
        (NeedIndicators.UncontrolledSymptoms, PathwayLevel.ComplexCaseManagement,
            "Uncontrolled symptoms suggest complex case management"),
        (NeedIndicators.SafeguardingConcern, PathwayLevel.ComplexCaseManagement,
            "A safeguarding concern suggests complex case management"),
        (NeedIndicators.ComplexPsychologicalNeeds, PathwayLevel.ComplexCaseManagement,
            "Complex psychological needs suggest complex case management"),
        (NeedIndicators.OngoingTreatment, PathwayLevel.SharedCare,
            "Ongoing treatment suggests shared care with the clinical team"),
        (NeedIndicators.MultipleLongTermConditions, PathwayLevel.SharedCare,
            "Multiple long-term conditions suggest shared care"),
        (NeedIndicators.SideEffectsNeedingClinicalReview, PathwayLevel.SharedCare,
            "Side effects needing clinical review suggest shared care"),
        (NeedIndicators.ConcernAboutRecurrence, PathwayLevel.SharedCare,
            "A concern about recurrence suggests shared care"),
        (NeedIndicators.LivesAloneOrLimitedSupport, PathwayLevel.SupportedSelfManagement,
            "Lives alone or has limited support: check support at home"),
        (NeedIndicators.FinancialOrHousingDifficulty, PathwayLevel.SupportedSelfManagement,
            "Financial or housing difficulty: offer benefits, money or housing advice"),
    ];

    private enum KeywordKind
    {
        Disease,
        Risk,
        Treatment,
    }

    private sealed record Keyword(string[] Words, KeywordKind Kind, string[] ExcludedNextWords);

    private static readonly Keyword[] Keywords =
    [
        new(["metasta"], KeywordKind.Disease, []),
        new(["palliative"], KeywordKind.Disease, []),
        new(["secondar"], KeywordKind.Disease, ["care", "school", "prevention", "education"]),
        new(["safeguarding"], KeywordKind.Risk, []),
        new(["self", "harm"], KeywordKind.Risk, []),
        new(["suicid"], KeywordKind.Risk, []),
        new(["chemotherapy"], KeywordKind.Treatment, []),
        new(["radiotherapy"], KeywordKind.Treatment, []),
        new(["immunotherapy"], KeywordKind.Treatment, []),
        new(["hormone", "therapy"], KeywordKind.Treatment, []),
        new(["ongoing", "treatment"], KeywordKind.Treatment, []),
    ];

    private static readonly HashSet<string> Negations =
        new(["no", "not", "non", "nil", "denies", "denied", "without", "never", "negative"], StringComparer.Ordinal);

    private static readonly HashSet<string> TreatmentEnded =
        new(["completed", "finished", "ended", "post", "after"], StringComparer.Ordinal);

    private const int NegationWindow = 3;

    public static StratificationSuggestion Suggest(StratificationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var factors = new List<(PathwayLevel Level, string Reason)>();

        foreach (var (indicator, level, reason) in IndicatorRules)
        {
            if (input.Indicators.HasFlag(indicator))
            {
                factors.Add((level, reason));
            }
        }

        var sharedCareCount = SharedCareIndicators.Count(i => input.Indicators.HasFlag(i));
        if (sharedCareCount >= 2 && input.Indicators.HasFlag(NeedIndicators.LivesAloneOrLimitedSupport))
        {
            factors.Add((PathwayLevel.ComplexCaseManagement, string.Create(
                CultureInfo.InvariantCulture,
                $"{sharedCareCount} shared-care needs with limited support at home suggest complex case management")));
        }

        if (input.Urgency == ReferralUrgency.Urgent)
        {
            factors.Add((PathwayLevel.SharedCare, "An urgent referral suggests at least shared care"));
        }

        factors.AddRange(ScanText(input.Reason, input.EndOfTreatmentSummary));

        var suggested = factors.Count == 0 ? PathwayLevel.SupportedSelfManagement : factors.Max(f => f.Level);
        var reasons = factors
            .Select((f, order) => (f.Level, f.Reason, order))
            .OrderByDescending(f => f.Level)
            .ThenBy(f => f.order)
            .Select(f => f.Reason)
            .Distinct(StringComparer.Ordinal)
            .ToList();

        if (suggested == PathwayLevel.SupportedSelfManagement)
        {
            reasons.Insert(0, NoComplexityReason);
        }

        return new StratificationSuggestion(suggested, reasons);
    }

    private static List<(PathwayLevel Level, string Reason)> ScanText(params string?[] texts)
    {
        var found = new List<(PathwayLevel Level, string Reason)>();
        foreach (var clause in texts.SelectMany(Clauses))
        {
            for (var start = 0; start < clause.Count; start++)
            {
                foreach (var keyword in Keywords)
                {
                    if (!Matches(clause, start, keyword))
                    {
                        continue;
                    }

                    var mention = string.Join(' ', clause.Skip(start).Take(keyword.Words.Length));
                    var negated = IsNegated(clause, start, keyword.Kind);
                    switch (keyword.Kind, negated)
                    {
                        case (KeywordKind.Disease, false):
                            found.Add((PathwayLevel.ComplexCaseManagement,
                                $"The referral mentions \"{mention}\", which suggests complex case management"));
                            break;
                        case (KeywordKind.Risk, false):
                            found.Add((PathwayLevel.ComplexCaseManagement,
                                $"The referral mentions \"{mention}\": a risk that suggests complex case management"));
                            break;
                        case (KeywordKind.Risk, true):
                            found.Add((PathwayLevel.SupportedSelfManagement,
                                $"The referral mentions \"{mention}\" in a negative sense: check this with the referrer"));
                            break;
                        case (KeywordKind.Treatment, false):
                            found.Add((PathwayLevel.SharedCare,
                                $"The referral mentions \"{mention}\", which suggests shared care"));
                            break;
                        default:
                            break;
                    }
                }
            }
        }

        return found;
    }

    private static bool Matches(List<string> clause, int start, Keyword keyword)
    {
        var words = keyword.Words;
        if (start + words.Length > clause.Count)
        {
            return false;
        }

        for (var i = 0; i < words.Length - 1; i++)
        {
            if (!string.Equals(clause[start + i], words[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        if (!clause[start + words.Length - 1].StartsWith(words[^1], StringComparison.Ordinal))
        {
            return false;
        }

        var next = start + words.Length;
        return next >= clause.Count || !keyword.ExcludedNextWords.Contains(clause[next], StringComparer.Ordinal);
    }

    private static bool IsNegated(List<string> clause, int start, KeywordKind kind)
    {
        for (var i = Math.Max(0, start - NegationWindow); i < start; i++)
        {
            if (Negations.Contains(clause[i]) || (kind == KeywordKind.Treatment && TreatmentEnded.Contains(clause[i])))
            {
                return true;
            }
        }

        return false;
    }

    // Lower-case words grouped by clause; letters and digits make words, clause punctuation
    // and line breaks end a clause, anything else (spaces, hyphens, apostrophes) ends a word.
    private static IEnumerable<List<string>> Clauses(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }

        var clause = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (word.Length > 0)
            {
                clause.Add(word.ToString());
                word.Clear();
            }

            if (c is '.' or ',' or ';' or ':' or '!' or '?' or '(' or ')' or '\n' or '\r')
            {
                if (clause.Count > 0)
                {
                    yield return clause;
                    clause = [];
                }
            }
        }

        if (word.Length > 0)
        {
            clause.Add(word.ToString());
        }

        if (clause.Count > 0)
        {
            yield return clause;
        }
    }
}
