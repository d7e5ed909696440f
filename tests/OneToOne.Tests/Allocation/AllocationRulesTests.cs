using Microsoft.Extensions.Configuration;
using OneToOne.Allocation;
using OneToOne.Referrals;

namespace OneToOne.Tests.Allocation;

public sealed class AllocationRulesTests
{
    [Fact]
    public void Financial_or_housing_difficulty_asks_for_benefits_and_housing_skills()
    {
        Assert.Equal(["benefits", "housing"], AllocationNeeds.SkillsFor(NeedIndicators.FinancialOrHousingDifficulty).Order(StringComparer.Ordinal));
        Assert.Empty(AllocationNeeds.SkillsFor(NeedIndicators.None));
        Assert.Contains("safeguarding", AllocationNeeds.SkillsFor(NeedIndicators.SafeguardingConcern | NeedIndicators.OngoingTreatment));
    }

    [Fact]
    public void Settings_set_level_weights_and_score_points_and_keep_defaults_for_the_rest()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Allocation:ComplexWeight"] = "5",
            ["Allocation:LanguagePoints"] = "7",
        }).Build();
        var weights = AllocationSettings.Read(configuration);
        Assert.Equal(5m, weights.WeightFor(PathwayLevel.ComplexCaseManagement));
        Assert.Equal(1m, weights.WeightFor(PathwayLevel.SupportedSelfManagement));
        Assert.Equal(7m, weights.LanguagePoints);
        Assert.Equal(AllocationWeights.Default.ContinuityPoints, weights.ContinuityPoints);
    }

    [Fact]
    public void A_level_weight_of_zero_is_refused_at_start_up()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Allocation:SharedCareWeight"] = "0" }).Build();
        Assert.Throws<InvalidOperationException>(() => AllocationSettings.Read(configuration));
    }
}
