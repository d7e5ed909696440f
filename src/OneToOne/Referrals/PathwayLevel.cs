namespace OneToOne.Referrals;

/// <summary>The national cancer survivorship model's three levels of support.</summary>
public enum PathwayLevel
{
    SupportedSelfManagement = 1,
    SharedCare = 2,
    ComplexCaseManagement = 3,
}

public enum ReferralUrgency
{
    Routine = 0,
    Soon = 1,
    Urgent = 2,
}

public enum ReferralSource
{
    HospitalTeam = 0,
    GeneralPractice = 1,
    SelfReferral = 2,
    OtherService = 3,
}

/// <summary>What the referrer says about the person's situation; the stratification suggestion reads these.</summary>
[Flags]
public enum NeedIndicators
{
    None = 0,
    AdvancedOrMetastaticDisease = 1 << 0,
    OngoingTreatment = 1 << 1,
    UncontrolledSymptoms = 1 << 2,
    MultipleLongTermConditions = 1 << 3,
    ComplexPsychologicalNeeds = 1 << 4,
    SafeguardingConcern = 1 << 5,
    LivesAloneOrLimitedSupport = 1 << 6,
    FinancialOrHousingDifficulty = 1 << 7,
    SideEffectsNeedingClinicalReview = 1 << 8,
    ConcernAboutRecurrence = 1 << 9,
}

public static class PathwayLevelText
{
    public static string DisplayName(this PathwayLevel level) => level switch
    {
        PathwayLevel.SupportedSelfManagement => "Supported self-management",
        PathwayLevel.SharedCare => "Shared care",
        PathwayLevel.ComplexCaseManagement => "Complex case management",
        _ => level.ToString(),
    };
}
