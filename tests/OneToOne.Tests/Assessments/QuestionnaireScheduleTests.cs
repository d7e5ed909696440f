using OneToOne.Assessments;
using OneToOne.Evaluation;
using OneToOne.Platform.Time;

namespace OneToOne.Tests.Assessments;

public sealed class QuestionnaireScheduleTests
{
    private static readonly DateOnly Today = new(2027, 1, 6);

    /// <summary>Noon UK time on a date (GMT in winter, BST in summer: noon UK is 11:00 UTC in summer).</summary>
    private static DateTimeOffset Noon(int y, int m, int d) => new DateTimeOffset(y, m, d, 12, 0, 0, TimeSpan.Zero);

    private static OfferedResponse Outcomes(Timepoint t, DateTimeOffset started, DateTimeOffset? submitted) =>
        new(EvaluationInstruments.OutcomesCode, t, started, submitted);

    [Fact]
    public void With_nothing_done_the_outcome_baseline_is_due_and_the_follow_up_waits_for_it()
    {
        var plan = QuestionnaireSchedule.Plan(EvaluationInstruments.OutcomesCode, [], 3, Today);
        Assert.Equal(
        [
            new TimepointOffer(Timepoint.Baseline, OfferState.Due, null),
            new TimepointOffer(Timepoint.Review, OfferState.Later, null),
            new TimepointOffer(Timepoint.Discharge, OfferState.AtDischarge, null),
        ], plan);
        Assert.Equal(Timepoint.Baseline, QuestionnaireSchedule.Suggest(plan));
    }

    [Fact]
    public void The_follow_up_falls_due_the_configured_months_after_the_baseline_s_uk_date()
    {
        // Submitted at 23:30 UTC on 31 October 2026 = 31 October in the UK (GMT): due 31 January 2027, 3 months on.
        var baseline = Outcomes(Timepoint.Baseline, Noon(2026, 10, 31), new DateTimeOffset(2026, 10, 31, 23, 30, 0, TimeSpan.Zero));
        var plan = QuestionnaireSchedule.Plan(EvaluationInstruments.OutcomesCode, [baseline], 3, Today);
        Assert.Equal(new TimepointOffer(Timepoint.Baseline, OfferState.Done, new DateOnly(2026, 10, 31)), plan[0]);
        Assert.Equal(new TimepointOffer(Timepoint.Review, OfferState.Later, new DateOnly(2027, 1, 31)), plan[1]);
        Assert.Equal(Timepoint.Review, QuestionnaireSchedule.Suggest(plan));

        // 23:30 UTC on 30 June is 00:30 on 1 July in the UK (BST): the follow-up is 1 October, and 6 months is 1 January.
        var summer = Outcomes(Timepoint.Baseline, Noon(2026, 6, 30), new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2026, 10, 1), QuestionnaireSchedule.Plan(EvaluationInstruments.OutcomesCode, [summer], 3, Today)[1].On);
        Assert.Equal(new TimepointOffer(Timepoint.Review, OfferState.Due, new DateOnly(2027, 1, 1)),
            QuestionnaireSchedule.Plan(EvaluationInstruments.OutcomesCode, [summer], 6, Today)[1]);
    }

    [Fact]
    public void The_follow_up_is_due_on_its_day_and_not_the_day_before()
    {
        var baseline = Outcomes(Timepoint.Baseline, Noon(2026, 10, 6), Noon(2026, 10, 6));
        Assert.Equal(OfferState.Due, QuestionnaireSchedule.Plan(EvaluationInstruments.OutcomesCode, [baseline], 3, new DateOnly(2027, 1, 6))[1].State);
        Assert.Equal(OfferState.Later, QuestionnaireSchedule.Plan(EvaluationInstruments.OutcomesCode, [baseline], 3, new DateOnly(2027, 1, 5))[1].State);
    }

    [Fact]
    public void A_started_or_sent_questionnaire_shows_as_started_and_the_first_submission_counts()
    {
        var responses = new[]
        {
            Outcomes(Timepoint.Baseline, Noon(2026, 9, 1), Noon(2026, 9, 2)),
            Outcomes(Timepoint.Baseline, Noon(2026, 9, 20), Noon(2026, 9, 21)),
            Outcomes(Timepoint.Review, Noon(2026, 12, 4), null),
        };
        var plan = QuestionnaireSchedule.Plan(EvaluationInstruments.OutcomesCode, responses, 3, Today);
        Assert.Equal(new TimepointOffer(Timepoint.Baseline, OfferState.Done, new DateOnly(2026, 9, 2)), plan[0]);
        Assert.Equal(new TimepointOffer(Timepoint.Review, OfferState.Started, new DateOnly(2026, 12, 4)), plan[1]);
        Assert.Equal(Timepoint.Discharge, QuestionnaireSchedule.Suggest(plan));
    }

    [Fact]
    public void The_experience_questionnaire_is_not_asked_at_baseline_and_follows_the_outcome_baseline()
    {
        Assert.False(QuestionnaireSchedule.IsAsked(EvaluationInstruments.ExperienceCode, Timepoint.Baseline));
        Assert.True(QuestionnaireSchedule.IsAsked(EvaluationInstruments.ExperienceCode, Timepoint.Review));
        Assert.True(QuestionnaireSchedule.IsAsked(EvaluationInstruments.OutcomesCode, Timepoint.Baseline));
        Assert.False(QuestionnaireSchedule.IsAsked(EvaluationInstruments.OutcomesCode, Timepoint.Adhoc));
        var baseline = Outcomes(Timepoint.Baseline, Noon(2026, 9, 1), Noon(2026, 9, 1));
        var plan = QuestionnaireSchedule.Plan(EvaluationInstruments.ExperienceCode, [baseline], 3, Today);
        Assert.Equal(
        [
            new TimepointOffer(Timepoint.Baseline, OfferState.NotAsked, null),
            new TimepointOffer(Timepoint.Review, OfferState.Due, new DateOnly(2026, 12, 1)),
            new TimepointOffer(Timepoint.Discharge, OfferState.AtDischarge, null),
        ], plan);
        Assert.Equal(Timepoint.Review, QuestionnaireSchedule.Suggest(plan));
    }

    [Fact]
    public void Each_state_reads_as_a_sentence()
    {
        Assert.Equal("Completed " + UkTime.Format(new DateOnly(2026, 9, 2)), QuestionnaireSchedule.Describe(new(Timepoint.Baseline, OfferState.Done, new DateOnly(2026, 9, 2))));
        Assert.Equal("Due from " + UkTime.Format(new DateOnly(2027, 1, 31)), QuestionnaireSchedule.Describe(new(Timepoint.Review, OfferState.Later, new DateOnly(2027, 1, 31))));
        Assert.Equal("Due since " + UkTime.Format(new DateOnly(2026, 12, 1)), QuestionnaireSchedule.Describe(new(Timepoint.Review, OfferState.Due, new DateOnly(2026, 12, 1))));
        Assert.Equal("Due now", QuestionnaireSchedule.Describe(new(Timepoint.Baseline, OfferState.Due, null)));
        Assert.Equal("After the baseline outcome questionnaire", QuestionnaireSchedule.Describe(new(Timepoint.Review, OfferState.Later, null)));
        Assert.Equal("Before discharge", QuestionnaireSchedule.Describe(new(Timepoint.Discharge, OfferState.AtDischarge, null)));
    }
}
