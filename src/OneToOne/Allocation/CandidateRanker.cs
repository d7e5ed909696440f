using System.Globalization;
using OneToOne.Referrals;

namespace OneToOne.Allocation;

/// <summary>Caseload weights per pathway level (weighted units) and the points each matching
/// factor adds to a candidate's score. All configurable per service.</summary>
internal sealed record AllocationWeights(
    decimal SelfManagement = 1,
    decimal SharedCare = 2,
    decimal Complex = 3,
    decimal CapacityPoints = 40,
    decimal LanguagePoints = 25,
    decimal TumourSitePoints = 15,
    decimal SkillPoints = 5,
    int MaxScoredSkills = 2,
    decimal LocalityPoints = 10,
    decimal ContinuityPoints = 30)
{
    public static AllocationWeights Default { get; } = new();

    /// <summary>The caseload units one person at this level takes up.</summary>
    public decimal WeightFor(PathwayLevel level) => level switch
    {
        PathwayLevel.SupportedSelfManagement => SelfManagement,
        PathwayLevel.SharedCare => SharedCare,
        PathwayLevel.ComplexCaseManagement => Complex,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown pathway level."),
    };
}

/// <param name="StaffId">The staff member's id.</param>
/// <param name="DisplayName">Name shown to the team lead; also the final tie-break.</param>
/// <param name="RoleName">Role shown in reasons, e.g. "Support worker".</param>
/// <param name="LevelsRoleMayCarry">Pathway levels the role may hold as key worker.</param>
/// <param name="Active">False for staff who are leaving, on long leave or not taking new people.</param>
/// <param name="CaseloadCapacity">Weighted units this person may hold.</param>
/// <param name="WeightedCaseload">Weighted units they hold now.</param>
/// <param name="Languages">Lower-case language names, e.g. "english", "polish".</param>
/// <param name="Skills">Lower-case skill codes, e.g. "benefits", "work".</param>
/// <param name="TumourSites">Tumour site codes, e.g. "breast".</param>
/// <param name="BaseLocality">Postcode district, e.g. "LS6".</param>
internal sealed record CandidateStaff(
    Guid StaffId,
    string DisplayName,
    string RoleName,
    IReadOnlySet<PathwayLevel> LevelsRoleMayCarry,
    bool Active,
    decimal CaseloadCapacity,
    decimal WeightedCaseload,
    IReadOnlySet<string> Languages,
    IReadOnlySet<string> Skills,
    IReadOnlySet<string> TumourSites,
    string? BaseLocality);

internal sealed record AllocationNeed(
    PathwayLevel Level,
    string? PreferredLanguage,
    bool InterpreterNeeded,
    string? TumourSite,
    IReadOnlySet<string> NeededSkills,
    string? PostcodeDistrict,
    Guid? PreviousKeyWorkerId);

/// <param name="Staff">The candidate.</param>
/// <param name="Eligible">Active, role may carry the level, and enough capacity.</param>
/// <param name="Score">0 when not eligible.</param>
/// <param name="CapacityLeftAfter">Capacity - caseload - this person's weight; may be negative.</param>
/// <param name="Reasons">Plain English facts, for and against, in a fixed order.</param>
/// <param name="Exclusions">Why the candidate is not eligible; empty when eligible.</param>
internal sealed record RankedCandidate(
    CandidateStaff Staff,
    bool Eligible,
    decimal Score,
    decimal CapacityLeftAfter,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Exclusions);

/// <summary>Ranks staff for a key worker allocation. A team lead chooses; this only orders and
/// explains.</summary>
/// <remarks>
/// Eligible: active, the role may carry the level, and capacity - caseload - weight(level) >= 0.
/// Score (eligible only): share of capacity left after taking the person (0..1) x CapacityPoints
/// + LanguagePoints if the staff member speaks the preferred language (English, or none given,
/// counts as matched by everyone and scores nothing) + TumourSitePoints for the tumour site
/// + SkillPoints per needed skill held (at most MaxScoredSkills) + LocalityPoints for the same
/// postcode district + ContinuityPoints for the previous key worker.
/// Order: eligible first; then score desc, capacity left desc, display name (ordinal), staff id,
/// so the same input always gives the same order. Ineligible candidates follow with their
/// exclusions so the page can say why someone was not offered.
/// </remarks>
internal static class CandidateRanker
{
    private const string English = "english";

    public static IReadOnlyList<RankedCandidate> Rank(
        AllocationNeed need,
        IEnumerable<CandidateStaff> staff,
        AllocationWeights weights)
    {
        ArgumentNullException.ThrowIfNull(need);
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(weights);

        return [.. staff
            .Select(s => Assess(need, s, weights))
            .OrderByDescending(c => c.Eligible)
            .ThenByDescending(c => c.Score)
            .ThenByDescending(c => c.CapacityLeftAfter)
            .ThenBy(c => c.Staff.DisplayName, StringComparer.Ordinal)
            .ThenBy(c => c.Staff.StaffId)];
    }

    /// <summary>One candidate's eligibility, score and reasons.</summary>
    public static RankedCandidate Assess(AllocationNeed need, CandidateStaff staff, AllocationWeights weights)
    {
        ArgumentNullException.ThrowIfNull(need);
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(weights);

        var reasons = new List<string>();
        var exclusions = new List<string>();
        var levelName = need.Level.DisplayName().ToLowerInvariant();
        var weight = weights.WeightFor(need.Level);
        var leftBefore = staff.CaseloadCapacity - staff.WeightedCaseload;
        var leftAfter = leftBefore - weight;

        if (!staff.Active)
        {
            exclusions.Add("Not active: not taking new people");
        }

        if (staff.LevelsRoleMayCarry.Contains(need.Level))
        {
            reasons.Add($"Role may carry {levelName}");
        }
        else
        {
            exclusions.Add($"Role ({staff.RoleName}) may not carry {levelName}");
        }

        if (leftAfter >= 0)
        {
            reasons.Add($"Capacity left: {Units(leftAfter)} of {Units(staff.CaseloadCapacity)} units after taking this person");
        }
        else
        {
            exclusions.Add(
                $"Not enough capacity: {Units(Math.Max(leftBefore, 0))} of {Units(staff.CaseloadCapacity)} units left, this person needs {Units(weight)}");
        }

        var score = 0m;
        var capacityShare = staff.CaseloadCapacity > 0 ? Math.Clamp(leftAfter / staff.CaseloadCapacity, 0m, 1m) : 0m;
        score += capacityShare * weights.CapacityPoints;

        var language = Normalise(need.PreferredLanguage);
        if (language is not null && language != English)
        {
            if (ContainsIgnoringCase(staff.Languages, language))
            {
                score += weights.LanguagePoints;
                reasons.Add($"Speaks {Capitalise(language)}");
            }
            else
            {
                reasons.Add(need.InterpreterNeeded
                    ? $"Does not speak {Capitalise(language)}: an interpreter will be needed"
                    : $"Does not speak {Capitalise(language)} (preferred language)");
            }
        }

        var site = Normalise(need.TumourSite);
        if (site is not null)
        {
            if (ContainsIgnoringCase(staff.TumourSites, site))
            {
                score += weights.TumourSitePoints;
                reasons.Add($"Knows {site} cancer");
            }
            else
            {
                reasons.Add($"No {site} cancer experience listed");
            }
        }

        var needed = need.NeededSkills
            .Select(Normalise)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var matched = needed.Where(s => ContainsIgnoringCase(staff.Skills, s)).ToList();
        var missing = needed.Except(matched, StringComparer.Ordinal).ToList();
        score += Math.Min(matched.Count, Math.Max(weights.MaxScoredSkills, 0)) * weights.SkillPoints;
        if (matched.Count > 0)
        {
            reasons.Add($"Has skills needed: {string.Join(", ", matched)}");
        }

        if (missing.Count > 0)
        {
            reasons.Add($"Lacks skills needed: {string.Join(", ", missing)}");
        }

        var district = need.PostcodeDistrict?.Trim();
        var staffDistrict = staff.BaseLocality?.Trim();
        if (!string.IsNullOrEmpty(district) && !string.IsNullOrEmpty(staffDistrict))
        {
            if (string.Equals(district, staffDistrict, StringComparison.OrdinalIgnoreCase))
            {
                score += weights.LocalityPoints;
                reasons.Add($"Same locality ({district.ToUpperInvariant()})");
            }
            else
            {
                reasons.Add($"Based in {staffDistrict.ToUpperInvariant()}; person lives in {district.ToUpperInvariant()}");
            }
        }

        if (need.PreviousKeyWorkerId is { } previous && previous == staff.StaffId)
        {
            score += weights.ContinuityPoints;
            reasons.Add("Was this person's key worker before");
        }

        var eligible = exclusions.Count == 0;
        return new RankedCandidate(staff, eligible, eligible ? score : 0m, leftAfter, reasons, exclusions);
    }

    private static string? Normalise(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();

    private static bool ContainsIgnoringCase(IReadOnlySet<string> values, string value) =>
        values.Contains(value) || values.Any(v => string.Equals(v.Trim(), value, StringComparison.OrdinalIgnoreCase));

    private static string Capitalise(string value) =>
        string.Concat(value[..1].ToUpperInvariant(), value[1..]);

    private static string Units(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
