using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Data;
using OneToOne.Referrals;

namespace OneToOne.Allocation;

/// <summary>The referral and person facts allocation needs, read in one projection.</summary>
internal sealed record ReferralForAllocation(
    Guid Id,
    Guid PersonId,
    ReferralStatus Status,
    PathwayLevel? Level,
    Guid Version,
    Guid? KeyWorkerId,
    ReferralUrgency Urgency,
    NeedIndicators NeedIndicators,
    string GivenName,
    string FamilyName,
    string NhsNumber,
    string PreferredLanguage,
    bool InterpreterNeeded,
    string TumourSite,
    string Postcode,
    Guid? PreviousKeyWorkerId)
{
    public string PersonName => $"{GivenName} {FamilyName}";

    public string PostcodeDistrict => Person.PostcodeDistrictOf(Postcode);

    /// <summary>Accepted, or Allocated for a re-assignment; and triaged to a level.</summary>
    public bool ReadyForAllocation => Level is not null && Status is ReferralStatus.Accepted or ReferralStatus.Allocated;

    /// <summary>Why no key worker can be chosen now; null when one can.</summary>
    public string? NotReadyMessage => ReadyForAllocation ? null : Status switch
    {
        ReferralStatus.Received => "This referral has not been triaged yet. A registered practitioner must triage it and accept it at a pathway level before a key worker can be allocated.",
        ReferralStatus.Accepted => "This referral has no pathway level. It must be triaged again before a key worker can be allocated.",
        ReferralStatus.Active => "This person is already being supported by their key worker, so the key worker cannot be changed here.",
        ReferralStatus.Declined or ReferralStatus.Redirected => "This referral was not accepted, so it has no key worker.",
        ReferralStatus.Discharged => "This person has been discharged, so a key worker cannot be allocated.",
        ReferralStatus.Linked => "This referral was linked to the person's open episode. Allocate from that referral instead.",
        _ => "A key worker cannot be allocated to this referral.",
    };

    public AllocationNeed ToNeed() => new(
        Level ?? throw new InvalidOperationException("The referral has no level."),
        PreferredLanguage,
        InterpreterNeeded,
        TumourSite,
        AllocationNeeds.SkillsFor(NeedIndicators),
        PostcodeDistrict,
        PreviousKeyWorkerId);
}

/// <summary>A referral with its ranked candidates (none when it is not ready for allocation).</summary>
internal sealed record CandidateList(ReferralForAllocation Referral, IReadOnlyList<RankedCandidate> Ranked, AllocationWeights Weights)
{
    public IEnumerable<RankedCandidate> Eligible => Ranked.Where(c => c.Eligible);

    public IEnumerable<RankedCandidate> NotOffered => Ranked.Where(c => !c.Eligible);

    /// <summary>1-based place among eligible candidates; 0 when not eligible or absent.</summary>
    public int RankOf(Guid staffId)
    {
        var index = Eligible.Select(c => c.Staff.StaffId).ToList().IndexOf(staffId);
        return index + 1;
    }

    public decimal WeightForReferral => Referral.Level is { } level ? Weights.WeightFor(level) : 0;
}

/// <summary>Builds the ranked candidate list for a referral in three queries whatever the size of the
/// organisation: the referral with its person and previous key worker, the active staff with their
/// roles, and the caseload counts grouped by worker and level.</summary>
internal sealed class Candidates(OneToOneDb db, AllocationWeights weights)
{
    /// <summary>Null when the referral does not exist in the acting organisation.</summary>
    public async Task<CandidateList?> ForReferralAsync(Guid referralId, CancellationToken ct)
    {
        var referral = await db.Referrals
            .Where(r => r.Id == referralId)
            .Select(r => new ReferralForAllocation(
                r.Id,
                r.PersonId,
                r.Status,
                r.Level,
                r.Version,
                r.KeyWorkerId,
                r.Urgency,
                r.NeedIndicators,
                r.Person!.GivenName,
                r.Person.FamilyName,
                r.Person.NhsNumber,
                r.Person.PreferredLanguage,
                r.Person.InterpreterNeeded,
                r.Person.TumourSite,
                r.Person.Postcode,
                // Continuity: whoever was most recently key worker for this person on another referral.
                db.KeyWorkerAssignments
                    .Where(a => a.PersonId == r.PersonId && a.ReferralId != r.Id)
                    .OrderByDescending(a => a.AssignedAt)
                    .Select(a => (Guid?)a.StaffMemberId)
                    .FirstOrDefault()))
            .AsNoTracking()
            .SingleOrDefaultAsync(ct);
        if (referral is null)
        {
            return null;
        }

        if (!referral.ReadyForAllocation)
        {
            return new CandidateList(referral, [], weights);
        }

        var staff = await StaffAsync(db, referral.Id, weights, ct);
        return new CandidateList(referral, CandidateRanker.Rank(referral.ToNeed(), staff, weights), weights);
    }

    /// <summary>Every active member of staff as a candidate, with their weighted caseload leaving out
    /// <paramref name="referralId"/>'s episode (it is the one being placed). Also used when a level change hands over.</summary>
    public static async Task<List<CandidateStaff>> StaffAsync(OneToOneDb db, Guid referralId, AllocationWeights weights, CancellationToken ct)
    {
        var rows = await db.Staff
            .Where(s => s.Active)
            .Select(s => new
            {
                s.Id,
                s.DisplayName,
                RoleName = s.Role!.Name,
                s.Role.MayCarrySelfManagement,
                s.Role.MayCarrySharedCare,
                s.Role.MayCarryComplex,
                s.CaseloadCapacity,
                s.Languages,
                s.Skills,
                s.TumourSites,
                s.BaseLocality,
            })
            .AsNoTracking()
            .ToListAsync(ct);
        var caseloads = await CaseloadCounts.ByWorkerAsync(db, referralId, ct);

        return [.. rows.Select(s =>
        {
            var levels = new HashSet<PathwayLevel>();
            if (s.MayCarrySelfManagement)
            {
                levels.Add(PathwayLevel.SupportedSelfManagement);
            }

            if (s.MayCarrySharedCare)
            {
                levels.Add(PathwayLevel.SharedCare);
            }

            if (s.MayCarryComplex)
            {
                levels.Add(PathwayLevel.ComplexCaseManagement);
            }

            return new CandidateStaff(
                s.Id,
                s.DisplayName,
                s.RoleName,
                levels,
                Active: true,
                s.CaseloadCapacity,
                caseloads.TryGetValue(s.Id, out var c) ? c.Weighted(weights) : 0,
                Lower(s.Languages),
                Lower(s.Skills),
                Lower(s.TumourSites),
                s.BaseLocality);
        })];
    }

    private static HashSet<string> Lower(List<string>? values) =>
        (values ?? []).Select(v => v.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
}
