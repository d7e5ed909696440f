using OneToOne.Referrals;

namespace OneToOne.Tests.Referrals;

public sealed class DischargeRulesTests
{
    private static readonly DischargeContext Everything = new(true, true, ["prom", "prem"]);

    private static List<string> Messages(DischargeInput input, DischargeContext? context = null) =>
        [.. DischargeRules.Check(input, context ?? Everything).Select(e => e.Message)];

    [Fact]
    public void A_reason_and_what_happened_about_the_final_assessment_are_required()
    {
        Assert.Equal([DischargeRules.ReasonRequired, DischargeRules.FinalRequired], Messages(new DischargeInput()));
        Assert.Equal([DischargeRules.ReasonRequired], Messages(new DischargeInput { Reason = (DischargeReason)99, FinalAssessment = FinalAssessmentChoice.Declined }));
        Assert.Empty(Messages(new DischargeInput { Reason = DischargeReason.GoalsMet, FinalAssessment = FinalAssessmentChoice.Declined }));
    }

    [Fact]
    public void Another_reason_needs_words_and_words_have_a_limit()
    {
        Assert.Equal([DischargeRules.DetailRequired], Messages(new DischargeInput { Reason = DischargeReason.Other, ReasonDetail = "  ", FinalAssessment = FinalAssessmentChoice.Declined }));
        Assert.Empty(Messages(new DischargeInput { Reason = DischargeReason.Other, ReasonDetail = "Moving abroad", FinalAssessment = FinalAssessmentChoice.Declined }));
        Assert.Equal(["The reason for discharge must be 2000 characters or fewer"],
            Messages(new DischargeInput { Reason = DischargeReason.GoalsMet, ReasonDetail = new string('x', 2001), FinalAssessment = FinalAssessmentChoice.Declined }));
    }

    [Fact]
    public void Completed_needs_a_completed_assessment_and_sending_needs_contact_details_and_a_living_person()
    {
        var none = new DischargeContext(false, false, ["prom"]);
        Assert.Equal([DischargeRules.NoCompletedFinal], Messages(new DischargeInput { Reason = DischargeReason.GoalsMet, FinalAssessment = FinalAssessmentChoice.Completed }, none));
        Assert.Equal([DischargeRules.NoContact], Messages(new DischargeInput { Reason = DischargeReason.GoalsMet, FinalAssessment = FinalAssessmentChoice.Sent }, none));
        Assert.Equal([DischargeRules.NoContact], Messages(new DischargeInput { Reason = DischargeReason.GoalsMet, FinalAssessment = FinalAssessmentChoice.Declined, Questionnaires = ["prom"] }, none));
        Assert.Equal([DischargeRules.NothingAfterDeath, DischargeRules.NothingAfterDeath],
            Messages(new DischargeInput { Reason = DischargeReason.Died, FinalAssessment = FinalAssessmentChoice.Sent, Questionnaires = ["prom"] }));
        Assert.Equal([DischargeRules.UnknownQuestionnaire], Messages(new DischargeInput { Reason = DischargeReason.GoalsMet, FinalAssessment = FinalAssessmentChoice.Declined, Questionnaires = ["other"] }));
    }

    [Fact]
    public void Easy_access_back_follows_every_discharge_except_a_death()
    {
        Assert.All(Enum.GetValues<DischargeReason>().Where(r => r != DischargeReason.Died), r => Assert.True(DischargeRules.OffersOpenAccess(r)));
        Assert.False(DischargeRules.OffersOpenAccess(DischargeReason.Died));
        Assert.All(Enum.GetValues<DischargeReason>(), r => Assert.False(string.IsNullOrEmpty(DischargeRules.ReasonText(r))));
    }
}
