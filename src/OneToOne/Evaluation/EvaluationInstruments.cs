namespace OneToOne.Evaluation;

/// <summary>The names shared by the questionnaires, the live evaluation and the CSV dataset format.
/// The outcome (PROM) and experience (PREM) questionnaires run on the questionnaire engine with these instrument and
/// item codes; the evaluation names each score by the item code (the dataset's <c>instrument</c> column).</summary>
public static class EvaluationInstruments
{
    /// <summary>The outcome questionnaire's instrument code (Kind Outcome).</summary>
    public const string OutcomesCode = "outcomes";

    /// <summary>The experience questionnaire's instrument code (Kind Experience).</summary>
    public const string ExperienceCode = "experience";

    // Outcomes. Distress, confidence and wellbeing are 0-10 items of the outcome questionnaire; the number of concerns and
    // their mean severity come from the holistic needs assessment done at the same timepoint.
    public const string Distress = "distress";
    public const string Concerns = "concerns";
    public const string Severity = "severity";
    public const string Confidence = "confidence";
    public const string Wellbeing = "wellbeing";

    // Experience. Rating is 0-10; ease, involvement and recommend are five-point items stored as scores 1 (worst) to 5 (best);
    // comments is free text (never exported below programme level: it may identify).
    public const string Rating = "rating";
    public const string Ease = "ease";
    public const string Involvement = "involvement";
    public const string Recommend = "recommend";
    public const string Comments = "comments";
}
