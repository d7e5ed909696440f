using OneToOne.Assessments;

namespace OneToOne.Tests.Assessments;

public sealed class AssessmentScorerTests
{
    private static readonly InstrumentDefinition Hna = AssessmentDefaults.HnaV1();

    private static Dictionary<string, AnswerValue> A(params (string Code, int Score)[] scores) =>
        scores.ToDictionary(s => s.Code, s => new AnswerValue(s.Score), StringComparer.Ordinal);

    [Fact]
    public void The_shipped_hna_is_valid_and_carries_every_catalogue_item_with_its_red_flag()
    {
        Assert.Empty(Hna.Validate());
        foreach (var item in ConcernCatalogue.Items)
        {
            var found = Hna.FindItem(item.Code);
            Assert.NotNull(found);
            Assert.Equal(item.RedFlag, found.RedFlag);
            Assert.Equal(item.DomainCode, found.DomainCode);
        }

        Assert.Equal(AssessmentDefaults.DistressItem, Hna.Sections[0].Items.Single().Code);
        Assert.Equal(ConcernCatalogue.Domains.Count + 1, Hna.Sections.Count);
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(10, true)]
    public void Distress_at_or_above_the_threshold_is_flagged(int distress, bool flagged)
    {
        var result = AssessmentScorer.Score(Hna, A(("distress", distress)));
        Assert.Equal(distress, result.Distress);
        Assert.Equal(flagged, result.Flags.Contains(AssessmentScorer.DistressFlag));
    }

    [Fact]
    public void A_configured_distress_threshold_overrides_the_instrument()
    {
        Assert.DoesNotContain(AssessmentScorer.DistressFlag, AssessmentScorer.Score(Hna, A(("distress", 5)), distressThresholdOverride: 6).Flags);
        Assert.Contains(AssessmentScorer.DistressFlag, AssessmentScorer.Score(Hna, A(("distress", 2)), distressThresholdOverride: 2).Flags);
    }

    [Fact]
    public void Concerns_are_counted_above_zero_with_their_mean_and_flagged_at_the_threshold()
    {
        var result = AssessmentScorer.Score(Hna, A(("distress", 9), ("pain", 7), ("fatigue", 6), ("sleep", 0), ("money", 2)));
        Assert.Equal(3, result.ConcernCount);
        Assert.Equal(5.0m, result.MeanSeverity);
        Assert.Equal(["distress", "pain"], result.Flags);
        Assert.Empty(result.RedFlags);
    }

    [Fact]
    public void An_item_threshold_overrides_the_default_concern_threshold()
    {
        var definition = Hna with
        {
            Sections = [new InstrumentSection { Code = "s", Title = "S", Items = [new InstrumentItem { Code = "pain", Text = "Pain", Threshold = 3 }] }],
            Scoring = new ScoringSettings(),
        };
        Assert.Equal(["pain"], AssessmentScorer.Score(definition, A(("pain", 3))).Flags);
        Assert.Empty(AssessmentScorer.Score(definition, A(("pain", 2))).Flags);
    }

    [Fact]
    public void Any_non_zero_score_on_a_red_flag_item_raises_a_red_flag()
    {
        var result = AssessmentScorer.Score(Hna, A(("new-lump", 1), ("unexplained-bleeding", 0), ("self-harm", 8)));
        Assert.Equal(["new-lump", "self-harm"], result.RedFlags);
    }

    [Fact]
    public void No_concerns_means_no_mean()
    {
        var result = AssessmentScorer.Score(Hna, A(("distress", 0)));
        Assert.Equal(0, result.ConcernCount);
        Assert.Null(result.MeanSeverity);
    }

    [Theory]
    [InlineData("pain", -1)]
    [InlineData("pain", 11)]
    [InlineData("distress", 12)]
    public void A_score_outside_the_range_is_refused_naming_the_item(string code, int score)
    {
        var errors = AssessmentScorer.CheckAnswers(Hna, A((code, score)));
        Assert.Contains("between 0 and 10", errors[code], StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_to_an_item_the_instrument_does_not_have_is_refused()
    {
        var errors = AssessmentScorer.CheckAnswers(Hna, A(("pain", 3), ("unicorns", 3)));
        Assert.Equal(["unicorns"], errors.Keys);
    }

    [Fact]
    public void Top_concerns_must_be_scored_concerns_and_no_more_than_three()
    {
        var answers = A(("pain", 5), ("fatigue", 4), ("sleep", 3), ("money", 2), ("worry", 0));
        Assert.Null(AssessmentScorer.CheckTopConcerns(Hna, answers, ["pain", "money"]));
        Assert.NotNull(AssessmentScorer.CheckTopConcerns(Hna, answers, ["pain", "fatigue", "sleep", "money"]));
        Assert.NotNull(AssessmentScorer.CheckTopConcerns(Hna, answers, ["worry"]));
        Assert.NotNull(AssessmentScorer.CheckTopConcerns(Hna, answers, ["distress"]));
        Assert.NotNull(AssessmentScorer.CheckTopConcerns(Hna, answers, ["pain", "pain"]));
    }

    [Fact]
    public void The_distress_question_is_required()
    {
        Assert.Equal(["distress"], AssessmentScorer.Missing(Hna, A(("pain", 3))).Select(i => i.Code));
        Assert.Empty(AssessmentScorer.Missing(Hna, A(("distress", 0))));
    }

    [Fact]
    public void Changes_show_each_concern_before_and_after()
    {
        var before = new Dictionary<string, int?>(StringComparer.Ordinal) { ["pain"] = 7, ["distress"] = 6, ["money"] = 2, ["sleep"] = 0 };
        var after = new Dictionary<string, int?>(StringComparer.Ordinal) { ["pain"] = 3, ["distress"] = 6, ["worry"] = 5, ["sleep"] = 0 };
        var changes = AssessmentScorer.Changes(Hna, before, after).Select(c => c.Describe()).ToList();
        Assert.Equal(
        [
            "How much distress have you felt in the past week, including today? 6 -> 6 (no change)",
            "Pain 7 -> 3 (down 4)",
            "Money or housing 2 -> not answered",
            "Worry, fear or anxiety not answered -> 5",
        ], changes);
    }
}
