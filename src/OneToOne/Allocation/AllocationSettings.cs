using OneToOne.Referrals;

namespace OneToOne.Allocation;

/// <summary>Reads the "Allocation" settings section into <see cref="AllocationWeights"/>. The level
/// weights use the names in appsettings (SelfManagementWeight...); score points use the record's own
/// names (CapacityPoints, LanguagePoints...). Anything missing keeps its default.</summary>
internal static class AllocationSettings
{
    public const string Section = "Allocation";

    public static AllocationWeights Read(IConfiguration configuration)
    {
        var s = configuration.GetSection(Section);
        var d = AllocationWeights.Default;
        var weights = new AllocationWeights(
            SelfManagement: s.GetValue("SelfManagementWeight", d.SelfManagement),
            SharedCare: s.GetValue("SharedCareWeight", d.SharedCare),
            Complex: s.GetValue("ComplexWeight", d.Complex),
            CapacityPoints: s.GetValue(nameof(AllocationWeights.CapacityPoints), d.CapacityPoints),
            LanguagePoints: s.GetValue(nameof(AllocationWeights.LanguagePoints), d.LanguagePoints),
            TumourSitePoints: s.GetValue(nameof(AllocationWeights.TumourSitePoints), d.TumourSitePoints),
            SkillPoints: s.GetValue(nameof(AllocationWeights.SkillPoints), d.SkillPoints),
            MaxScoredSkills: s.GetValue(nameof(AllocationWeights.MaxScoredSkills), d.MaxScoredSkills),
            LocalityPoints: s.GetValue(nameof(AllocationWeights.LocalityPoints), d.LocalityPoints),
            ContinuityPoints: s.GetValue(nameof(AllocationWeights.ContinuityPoints), d.ContinuityPoints));

        // A zero or negative weight would let a worker take people without using capacity: fail at start-up.
        foreach (var level in Enum.GetValues<PathwayLevel>())
        {
            if (weights.WeightFor(level) <= 0)
            {
                throw new InvalidOperationException($"Allocation weight for {level} must be more than 0.");
            }
        }

        return weights;
    }
}
