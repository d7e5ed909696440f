using OneToOne.Assessments;
using OneToOne.Evaluation;

namespace OneToOne.Tests.Assessments;

public sealed class EvaluationQuestionnaireDefinitionTests
{
    [Fact]
    public void The_shipped_questionnaires_are_valid_and_use_the_evaluation_s_item_codes()
    {
        var outcomes = EvaluationQuestionnaires.OutcomesV1();
        var experience = EvaluationQuestionnaires.ExperienceV1();
        Assert.Empty(outcomes.Validate());
        Assert.Empty(experience.Validate());
        Assert.Equal([EvaluationInstruments.Distress, EvaluationInstruments.Confidence, EvaluationInstruments.Wellbeing], outcomes.AllItems.Select(i => i.Code));
        Assert.All(outcomes.AllItems, i => Assert.Equal((AnswerType.Scale0To10, 0, 10, true), (i.AnswerType, i.Min, i.Max, i.Required)));
        Assert.Equal(
            [EvaluationInstruments.Rating, EvaluationInstruments.Ease, EvaluationInstruments.Involvement, EvaluationInstruments.Recommend, EvaluationInstruments.Comments],
            experience.AllItems.Select(i => i.Code));
        Assert.Equal((0, 10), (experience.FindItem("rating")!.Min, experience.FindItem("rating")!.Max));
        Assert.Equal(AnswerType.Text, experience.FindItem("comments")!.AnswerType);
        Assert.False(experience.FindItem("comments")!.Required);
        Assert.Equal(0, outcomes.Scoring.TopConcernsMax);
        Assert.Equal(0, experience.Scoring.TopConcernsMax);
        // A definition survives the JSON round trip the admin pages use.
        var (parsed, errors) = InstrumentDefinition.Parse(experience.ToJson());
        Assert.Empty(errors);
        Assert.Equal(["Very difficult", "Difficult", "Neither easy nor difficult", "Easy", "Very easy"], parsed!.FindItem("ease")!.Options);
    }

    [Theory]
    [InlineData("ease", 1, "Very difficult")]
    [InlineData("ease", 5, "Very easy")]
    [InlineData("involvement", 1, "Not at all")]
    [InlineData("involvement", 5, "Yes, definitely")]
    [InlineData("recommend", 3, "Not sure")]
    [InlineData("rating", 7, "7")]
    public void Five_point_items_are_stored_1_worst_to_5_best_and_read_as_words(string code, int score, string text)
    {
        var item = EvaluationQuestionnaires.ExperienceV1().FindItem(code)!;
        Assert.Equal(text, item.ScoreText(score));
        if (code != "rating")
        {
            Assert.Equal((1, 5, true), (item.Min, item.Max, item.HasPointLabels));
        }
    }

    [Fact]
    public void Outcome_scores_are_not_counted_as_concerns_but_distress_is_scored_and_flagged()
    {
        var definition = EvaluationQuestionnaires.OutcomesV1();
        var answers = new Dictionary<string, AnswerValue> { ["distress"] = new(6), ["confidence"] = new(9), ["wellbeing"] = new(8) };
        var asOutcome = AssessmentScorer.Score(definition, answers, countConcerns: false);
        Assert.Equal((6, 0, (decimal?)null), (asOutcome.Distress, asOutcome.ConcernCount, asOutcome.MeanSeverity));
        Assert.Equal([AssessmentScorer.DistressFlag], asOutcome.Flags);
        // The same answers scored as an assessment would count confidence and wellbeing as concerns and flag them.
        var asAssessment = AssessmentScorer.Score(definition, answers);
        Assert.Equal(2, asAssessment.ConcernCount);
        Assert.Contains("confidence", asAssessment.Flags);
    }

    [Fact]
    public void A_scale_s_words_must_name_every_point_once()
    {
        static List<string> Check(int min, int max, List<string> words) => new InstrumentDefinition
        {
            Sections = [new InstrumentSection { Code = "s", Title = "S", Items = [new InstrumentItem { Code = "x", Text = "X", Min = min, Max = max, Options = words }] }],
        }.Validate();

        Assert.Empty(Check(1, 3, ["Bad", "OK", "Good"]));
        Assert.Empty(Check(0, 10, []));
        Assert.Equal(["Item \"x\" has 2 words for its points but 3 points (1 to 3): give one for each point, lowest first"], Check(1, 3, ["Bad", "Good"]));
        Assert.Equal(["Item \"x\" needs different words for each point"], Check(1, 3, ["Bad", "Bad", "Good"]));
        Assert.Equal(["Item \"x\" needs different words for each point"], Check(1, 3, ["Bad", " ", "Good"]));
        Assert.False(new InstrumentItem { Code = "x", Text = "X", Min = 1, Max = 3, Options = ["a", "b"] }.HasPointLabels);
    }

    [Fact]
    public void The_evaluation_scales_say_which_way_is_better()
    {
        var scales = EvaluationQuestionnaires.Scales.ToDictionary(s => s.Code);
        Assert.False(scales["distress"].HigherIsBetter);
        Assert.False(scales["concerns"].HigherIsBetter);
        Assert.False(scales["severity"].HigherIsBetter);
        Assert.True(scales["confidence"].HigherIsBetter);
        Assert.True(scales["wellbeing"].HigherIsBetter);
        Assert.Equal((1d, 5d), (scales["recommend"].Min, scales["recommend"].Max));
        Assert.DoesNotContain("comments", scales.Keys);
    }
}
