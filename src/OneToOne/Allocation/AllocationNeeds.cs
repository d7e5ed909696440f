using OneToOne.Referrals;

namespace OneToOne.Allocation;

/// <summary>What a referral's need indicators ask of a key worker, as the skill codes staff records use.</summary>
internal static class AllocationNeeds
{
    private static readonly (NeedIndicators Indicator, string[] Skills)[] Map =
    [
        (NeedIndicators.FinancialOrHousingDifficulty, ["benefits", "housing"]),
        (NeedIndicators.ComplexPsychologicalNeeds, ["psychological support"]),
        (NeedIndicators.SafeguardingConcern, ["safeguarding"]),
        (NeedIndicators.LivesAloneOrLimitedSupport, ["carers"]),
        (NeedIndicators.MultipleLongTermConditions, ["long-term conditions"]),
    ];

    public static IReadOnlySet<string> SkillsFor(NeedIndicators needs) =>
        Map.Where(m => needs.HasFlag(m.Indicator)).SelectMany(m => m.Skills).ToHashSet(StringComparer.Ordinal);
}
