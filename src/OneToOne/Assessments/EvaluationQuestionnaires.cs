using Microsoft.EntityFrameworkCore;
using OneToOne.Evaluation;
using OneToOne.Platform.Data;

namespace OneToOne.Assessments;

/// <summary>The shipped outcome (PROM) and experience (PREM) questionnaires of the evaluation (DOMAIN.md, "The
/// evaluation"). They run on the same engine as the HNA with the item codes the evaluation reads
/// (<see cref="EvaluationInstruments"/>); administrators publish later versions through the instrument admin pages.
/// The number and mean severity of concerns are not asked again: they come from the HNA at the same timepoint.</summary>
public static class EvaluationQuestionnaires
{
    public static readonly IReadOnlyList<string> EaseWords = ["Very difficult", "Difficult", "Neither easy nor difficult", "Easy", "Very easy"];
    public static readonly IReadOnlyList<string> InvolvementWords = ["Not at all", "A little", "Partly", "Mostly", "Yes, definitely"];
    public static readonly IReadOnlyList<string> RecommendWords = ["Definitely not", "Probably not", "Not sure", "Probably", "Definitely"];

    public static InstrumentDefinition OutcomesV1() => new()
    {
        Sections =
        [
            new InstrumentSection
            {
                Code = "how-you-are",
                Title = "How you have been in the past week",
                Items =
                [
                    new InstrumentItem
                    {
                        Code = EvaluationInstruments.Distress,
                        Text = "How much distress have you felt in the past week, including today?",
                        Hint = "0 means no distress, 10 means extreme distress",
                        Required = true,
                    },
                    new InstrumentItem
                    {
                        Code = EvaluationInstruments.Confidence,
                        Text = "How confident do you feel about managing your health and wellbeing?",
                        Hint = "0 means not at all confident, 10 means completely confident",
                        Required = true,
                    },
                    new InstrumentItem
                    {
                        Code = EvaluationInstruments.Wellbeing,
                        Text = "Overall, how would you rate your wellbeing in the past week?",
                        Hint = "0 means the worst it could be, 10 means the best it could be",
                        Required = true,
                    },
                ],
            },
        ],
        // Distress is scored and flagged as in the HNA; nothing here is a concern, so there are no top concerns to choose.
        Scoring = new ScoringSettings { DistressItemCode = EvaluationInstruments.Distress, DistressThreshold = 4, TopConcernsMax = 0 },
    };

    public static InstrumentDefinition ExperienceV1() => new()
    {
        Sections =
        [
            new InstrumentSection
            {
                Code = "your-experience",
                Title = "Your experience of our support",
                Hint = "Your answers help us improve the service.",
                Items =
                [
                    new InstrumentItem
                    {
                        Code = EvaluationInstruments.Rating,
                        Text = "Overall, how would you rate the care and support you have had from us?",
                        Hint = "0 means very poor, 10 means excellent",
                        Required = true,
                    },
                    FivePoint(EvaluationInstruments.Ease, "How easy was it to contact the team when you needed to?", EaseWords),
                    FivePoint(EvaluationInstruments.Involvement, "Were you involved as much as you wanted to be in decisions about your support?", InvolvementWords),
                    FivePoint(EvaluationInstruments.Recommend, "Would you recommend this service to someone in a similar situation?", RecommendWords),
                    new InstrumentItem
                    {
                        Code = EvaluationInstruments.Comments,
                        Text = "Is there anything else you would like to tell us about your experience?",
                        Hint = "Optional. Please do not include anyone's name.",
                        AnswerType = AnswerType.Text,
                    },
                ],
            },
        ],
        Scoring = new ScoringSettings { TopConcernsMax = 0 },
    };

    /// <summary>A five-point item stored as 1 (worst) to 5 (best), shown as words.</summary>
    private static InstrumentItem FivePoint(string code, string text, IReadOnlyList<string> words) => new()
    {
        Code = code,
        Text = text,
        Min = 1,
        Max = 5,
        Options = [.. words],
        Required = true,
    };

    /// <summary>How each score of the shipped questionnaires reads for the evaluation: range, direction and the smallest
    /// change that matters (defaults; the evaluation's configuration may override the minimal important difference).</summary>
    public static IReadOnlyList<EvaluationInstrument> Scales { get; } =
    [
        new(EvaluationInstruments.Distress, 0, 10, HigherIsBetter: false, MinimalImportantDifference: 1),
        // The HNA's number of concerns; 100 is a safe ceiling for any version an administrator publishes.
        new(EvaluationInstruments.Concerns, 0, 100, HigherIsBetter: false, MinimalImportantDifference: 1),
        new(EvaluationInstruments.Severity, 0, 10, HigherIsBetter: false, MinimalImportantDifference: 1),
        new(EvaluationInstruments.Confidence, 0, 10, HigherIsBetter: true, MinimalImportantDifference: 1),
        new(EvaluationInstruments.Wellbeing, 0, 10, HigherIsBetter: true, MinimalImportantDifference: 1),
        new(EvaluationInstruments.Rating, 0, 10, HigherIsBetter: true, MinimalImportantDifference: 1),
        new(EvaluationInstruments.Ease, 1, 5, HigherIsBetter: true, MinimalImportantDifference: 1),
        new(EvaluationInstruments.Involvement, 1, 5, HigherIsBetter: true, MinimalImportantDifference: 1),
        new(EvaluationInstruments.Recommend, 1, 5, HigherIsBetter: true, MinimalImportantDifference: 1),
    ];

    /// <summary>Seeds version 1 of each once; never touches later versions an administrator published.</summary>
    public static async Task EnsureDefaultsAsync(OneToOneDb db, CancellationToken ct)
    {
        (string Code, string Name, InstrumentKind Kind, Func<InstrumentDefinition> Definition)[] defaults =
        [
            (EvaluationInstruments.OutcomesCode, "Outcome questionnaire", InstrumentKind.Outcome, OutcomesV1),
            (EvaluationInstruments.ExperienceCode, "Experience questionnaire", InstrumentKind.Experience, ExperienceV1),
        ];
        var codes = defaults.Select(d => d.Code).ToList();
        var existing = await db.Set<Instrument>().Where(i => codes.Contains(i.Code)).Select(i => i.Code).Distinct().ToListAsync(ct);
        var missing = defaults.Where(d => !existing.Contains(d.Code)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        foreach (var d in missing)
        {
            db.Set<Instrument>().Add(new Instrument
            {
                Code = d.Code,
                Version = 1,
                Name = d.Name,
                Kind = d.Kind,
                DefinitionJson = d.Definition().ToJson(),
                PublishedAt = db.Clock.GetUtcNow(),
                PublishedBy = "system",
                Active = true,
            });
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node seeded them first: the unique (Code, Version) index kept one copy.
            db.ChangeTracker.Clear();
        }
    }
}
