using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Referrals;

namespace OneToOne.Tests.Rules;

public sealed class StratificationSuggesterTests
{
    private const PathwayLevel Self = PathwayLevel.SupportedSelfManagement;
    private const PathwayLevel Shared = PathwayLevel.SharedCare;
    private const PathwayLevel Complex = PathwayLevel.ComplexCaseManagement;

    [Fact]
    public void Suggest_offers_supported_self_management_when_nothing_indicates_complexity()
    {
        var suggestion = Suggest(NeedIndicators.None);

        Assert.Equal(Self, suggestion.Level);
        Assert.Equal(
            ["No indicators of clinical complexity; practical and emotional needs suit supported self-management"],
            suggestion.Reasons);
    }

    [Theory]
    [InlineData(NeedIndicators.AdvancedOrMetastaticDisease, "Advanced or metastatic disease suggests complex case management")]
    [InlineData(NeedIndicators.UncontrolledSymptoms, "Uncontrolled symptoms suggest complex case management")]
    [InlineData(NeedIndicators.SafeguardingConcern, "A safeguarding concern suggests complex case management")]
    [InlineData(NeedIndicators.ComplexPsychologicalNeeds, "Complex psychological needs suggest complex case management")]
    public void Suggest_offers_complex_case_management_for_each_complex_indicator(NeedIndicators indicator, string reason)
    {
        var suggestion = Suggest(indicator);

        Assert.Equal(Complex, suggestion.Level);
        Assert.Equal([reason], suggestion.Reasons);
    }

    [Theory]
    [InlineData(NeedIndicators.OngoingTreatment, "Ongoing treatment suggests shared care with the clinical team")]
    [InlineData(NeedIndicators.MultipleLongTermConditions, "Multiple long-term conditions suggest shared care")]
    [InlineData(NeedIndicators.SideEffectsNeedingClinicalReview, "Side effects needing clinical review suggest shared care")]
    [InlineData(NeedIndicators.ConcernAboutRecurrence, "A concern about recurrence suggests shared care")]
    public void Suggest_offers_shared_care_for_each_shared_care_indicator(NeedIndicators indicator, string reason)
    {
        var suggestion = Suggest(indicator);

        Assert.Equal(Shared, suggestion.Level);
        Assert.Equal([reason], suggestion.Reasons);
    }

    [Fact]
    public void Suggest_offers_at_least_shared_care_for_an_urgent_referral()
    {
        var suggestion = StratificationSuggester.Suggest(new(NeedIndicators.None, ReferralUrgency.Urgent, null, null));

        Assert.Equal(Shared, suggestion.Level);
        Assert.Equal(["An urgent referral suggests at least shared care"], suggestion.Reasons);
    }

    [Theory]
    [InlineData(ReferralUrgency.Routine)]
    [InlineData(ReferralUrgency.Soon)]
    public void Suggest_does_not_raise_the_level_for_routine_or_soon_referrals(ReferralUrgency urgency) =>
        Assert.Equal(Self, StratificationSuggester.Suggest(new(NeedIndicators.None, urgency, null, null)).Level);

    [Fact]
    public void Suggest_keeps_self_management_for_living_alone_and_money_worries_but_notes_them()
    {
        var suggestion = Suggest(NeedIndicators.LivesAloneOrLimitedSupport | NeedIndicators.FinancialOrHousingDifficulty);

        Assert.Equal(Self, suggestion.Level);
        Assert.Equal(
            [
                StratificationSuggester.NoComplexityReason,
                "Lives alone or has limited support: check support at home",
                "Financial or housing difficulty: offer benefits, money or housing advice",
            ],
            suggestion.Reasons);
    }

    [Fact]
    public void Suggest_offers_complex_case_management_for_two_shared_care_needs_with_limited_support_at_home()
    {
        var suggestion = Suggest(
            NeedIndicators.OngoingTreatment | NeedIndicators.ConcernAboutRecurrence | NeedIndicators.LivesAloneOrLimitedSupport);

        Assert.Equal(Complex, suggestion.Level);
        Assert.Equal("2 shared-care needs with limited support at home suggest complex case management", suggestion.Reasons[0]);
    }

    [Fact]
    public void Suggest_keeps_shared_care_for_two_shared_care_needs_with_support_at_home() =>
        Assert.Equal(Shared, Suggest(NeedIndicators.OngoingTreatment | NeedIndicators.ConcernAboutRecurrence).Level);

    [Fact]
    public void Suggest_keeps_shared_care_for_one_shared_care_need_when_living_alone() =>
        Assert.Equal(Shared, Suggest(NeedIndicators.OngoingTreatment | NeedIndicators.LivesAloneOrLimitedSupport).Level);

    [Fact]
    public void Suggest_takes_the_highest_level_and_lists_every_reason_highest_level_first()
    {
        var suggestion = StratificationSuggester.Suggest(new(
            NeedIndicators.FinancialOrHousingDifficulty | NeedIndicators.OngoingTreatment | NeedIndicators.UncontrolledSymptoms,
            ReferralUrgency.Urgent,
            null,
            null));

        Assert.Equal(Complex, suggestion.Level);
        Assert.Equal(
            [
                "Uncontrolled symptoms suggest complex case management",
                "Ongoing treatment suggests shared care with the clinical team",
                "An urgent referral suggests at least shared care",
                "Financial or housing difficulty: offer benefits, money or housing advice",
            ],
            suggestion.Reasons);
        Assert.DoesNotContain(StratificationSuggester.NoComplexityReason, suggestion.Reasons);
    }

    [Theory]
    [InlineData("Known metastatic breast cancer", "metastatic")]
    [InlineData("Liver METASTASES found on CT", "metastases")]
    [InlineData("Referred by the palliative care team", "palliative")]
    [InlineData("Secondary breast cancer diagnosed in June", "secondary")]
    [InlineData("Bone secondaries", "secondaries")]
    [InlineData("Safeguarding referral made to the local authority", "safeguarding")]
    [InlineData("History of self-harm", "self harm")]
    [InlineData("Recent self harming", "self harming")]
    [InlineData("Expressed suicidal thoughts", "suicidal")]
    public void Suggest_raises_to_complex_when_the_text_mentions_a_complex_keyword(string text, string mention)
    {
        var suggestion = Text(text);

        Assert.Equal(Complex, suggestion.Level);
        Assert.Contains(suggestion.Reasons, r => r.Contains($"\"{mention}\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("On chemotherapy until March", "chemotherapy")]
    [InlineData("Having RADIOTHERAPY to the chest wall", "radiotherapy")]
    [InlineData("Started immunotherapy", "immunotherapy")]
    [InlineData("Taking hormone therapy for five years", "hormone therapy")]
    [InlineData("Ongoing treatment at the cancer centre", "ongoing treatment")]
    public void Suggest_raises_to_shared_care_when_the_text_mentions_a_treatment(string text, string mention)
    {
        var suggestion = Text(text);

        Assert.Equal(Shared, suggestion.Level);
        Assert.Equal([$"The referral mentions \"{mention}\", which suggests shared care"], suggestion.Reasons);
    }

    [Fact]
    public void Suggest_reads_the_end_of_treatment_summary_as_well_as_the_reason()
    {
        var suggestion = StratificationSuggester.Suggest(new(
            NeedIndicators.None, ReferralUrgency.Routine, "Worried about work", "Palliative intent."));

        Assert.Equal(Complex, suggestion.Level);
    }

    [Theory]
    [InlineData("Chemotherapist appointment")] // not a word that starts with "chemotherapy"
    [InlineData("Referred from secondary care")]
    [InlineData("Daughter at secondary school")]
    [InlineData("Themetastatic")] // keywords must start a word
    [InlineData("Worried about money and going back to work")]
    public void Suggest_ignores_words_that_only_look_like_keywords(string text) =>
        Assert.Equal(Self, Text(text).Level);

    [Theory]
    [InlineData("No evidence of metastatic disease")]
    [InlineData("Non-metastatic")]
    [InlineData("Completed adjuvant chemotherapy in March")]
    [InlineData("Finished radiotherapy")]
    [InlineData("Not on hormone therapy")]
    public void Suggest_does_not_raise_the_level_for_negated_mentions(string text) =>
        Assert.Equal(Self, Text(text).Level);

    [Fact]
    public void Suggest_only_negates_within_the_same_clause() =>
        Assert.Equal(Complex, Text("No family nearby, metastatic disease to bone").Level);

    [Theory]
    [InlineData("No safeguarding concerns", "safeguarding")]
    [InlineData("Denies suicidal thoughts", "suicidal")]
    public void Suggest_asks_to_check_a_negated_risk_without_raising_the_level(string text, string mention)
    {
        var suggestion = Text(text);

        Assert.Equal(Self, suggestion.Level);
        Assert.Equal(StratificationSuggester.NoComplexityReason, suggestion.Reasons[0]);
        Assert.Contains($"The referral mentions \"{mention}\" in a negative sense: check this with the referrer", suggestion.Reasons);
    }

    [Fact]
    public void Suggest_lists_a_repeated_keyword_once()
    {
        var suggestion = Text("Chemotherapy cycle 3. Chemotherapy cycle 4.");

        Assert.Single(suggestion.Reasons);
    }

    [Fact]
    public void Suggest_keeps_the_indicator_and_the_text_reasons_when_both_apply()
    {
        var suggestion = StratificationSuggester.Suggest(new(
            NeedIndicators.AdvancedOrMetastaticDisease, ReferralUrgency.Routine, "Metastatic prostate cancer", null));

        Assert.Equal(
            [
                "Advanced or metastatic disease suggests complex case management",
                "The referral mentions \"metastatic\", which suggests complex case management",
            ],
            suggestion.Reasons);
    }

    [Property(MaxTest = 500)]
    public Property Adding_indicators_never_lowers_the_suggested_level() =>
        Prop.ForAll(
            (from indicators in IndicatorSets()
             from more in IndicatorSets()
             from urgency in Gen.Elements(ReferralUrgency.Routine, ReferralUrgency.Soon, ReferralUrgency.Urgent)
             from text in Gen.Elements<string?>(null, "", "completed chemotherapy", "no safeguarding concerns", "palliative", "money worries")
             select (indicators, more, urgency, text)).ToArbitrary(),
            c =>
            {
                var before = StratificationSuggester.Suggest(new(c.indicators, c.urgency, c.text, null));
                var after = StratificationSuggester.Suggest(new(c.indicators | c.more, c.urgency, c.text, null));
                return after.Level >= before.Level;
            });

    [Property(MaxTest = 300)]
    public Property The_suggested_level_is_never_below_any_single_indicator_on_its_own() =>
        Prop.ForAll(IndicatorSets().ToArbitrary(), indicators =>
            Enum.GetValues<NeedIndicators>()
                .Where(i => i != NeedIndicators.None && indicators.HasFlag(i))
                .All(i => Suggest(indicators).Level >= Suggest(i).Level));

    [Property(MaxTest = 300)]
    public Property There_is_always_at_least_one_reason() =>
        Prop.ForAll(IndicatorSets().ToArbitrary(), indicators => Suggest(indicators).Reasons.Count > 0);

    private static StratificationSuggestion Suggest(NeedIndicators indicators) =>
        StratificationSuggester.Suggest(new(indicators, ReferralUrgency.Routine, null, null));

    private static StratificationSuggestion Text(string reason) =>
        StratificationSuggester.Suggest(new(NeedIndicators.None, ReferralUrgency.Routine, reason, null));

    private static Gen<NeedIndicators> IndicatorSets() =>
        Gen.Choose(0, (1 << 10) - 1).Select(bits => (NeedIndicators)bits);
}
