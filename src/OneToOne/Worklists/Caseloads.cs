using OneToOne.Assessments;
using Microsoft.EntityFrameworkCore;
using OneToOne.Allocation;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;
using OneToOne.Referrals;

namespace OneToOne.Worklists;

internal sealed record CaseloadEntry(
    Guid ReferralId,
    Guid PersonId,
    string PersonName,
    string NhsNumber,
    PathwayLevel? Level,
    ReferralStatus Status,
    DateOnly ReceivedOn,
    string TimeSinceReferral,
    DateOnly? NextStepDue,
    bool NextStepOverdue,
    string NextStep,
    IReadOnlyList<string> Flags);

internal sealed record WorkerCaseload(
    Guid StaffMemberId,
    string Name,
    string Role,
    decimal Capacity,
    decimal WeightedCaseload,
    IReadOnlyList<CaseloadEntry> Entries)
{
    public decimal PercentUsed => CaseloadRules.PercentUsed(WeightedCaseload, Capacity);

    public CapacityState State => CaseloadRules.StateOf(WeightedCaseload, Capacity);
}

internal sealed record TeamMember(
    Guid StaffMemberId,
    string Name,
    string Role,
    string? Team,
    int SelfManagement,
    int SharedCare,
    int Complex,
    decimal WeightedCaseload,
    decimal Capacity)
{
    public int OpenPeople => SelfManagement + SharedCare + Complex;

    public decimal PercentUsed => CaseloadRules.PercentUsed(WeightedCaseload, Capacity);

    public CapacityState State => CaseloadRules.StateOf(WeightedCaseload, Capacity);
}

internal sealed record QueueHeadline(int AwaitingTriage, int OverdueForTriage, int AwaitingAllocation);

internal sealed record TeamOverview(IReadOnlyList<TeamMember> Members, QueueHeadline Queue);

/// <summary>Caseload and team queries. Each list is one projection over an index that leads with the
/// organisation, so it stays fast however many people the organisation has on record.</summary>
internal sealed class Caseloads(OneToOneDb db, AllocationWeights weights, WorkingDayCalendar calendar, TimeProvider clock, WorklistOptions options)
{
    public const string FlagInterpreter = "Interpreter needed";
    public const string FlagUrgent = "Urgent referral";
    public const string FlagOverdueFirstContact = "Overdue first contact";
    public const string FlagAccessibility = "Accessibility needs";
    /// <summary>Raised by the person's latest assessment: shows on the caseload as soon as it is submitted.</summary>
    public const string FlagRedFlag = "Red flag";

    /// <summary>Null when the staff member is not in the acting organisation.</summary>
    public async Task<WorkerCaseload?> ForStaffAsync(Guid staffId, CancellationToken ct)
    {
        var staff = await db.Staff
            .Where(s => s.Id == staffId)
            .Select(s => new { s.DisplayName, Role = s.Role!.Name, s.CaseloadCapacity })
            .AsNoTracking()
            .SingleOrDefaultAsync(ct);
        if (staff is null)
        {
            return null;
        }

        var rows = await db.Referrals
            .Where(r => r.KeyWorkerId == staffId && (r.Status == ReferralStatus.Allocated || r.Status == ReferralStatus.Active))
            .Select(r => new
            {
                r.Id,
                r.PersonId,
                r.Person!.GivenName,
                r.Person.FamilyName,
                r.Person.NhsNumber,
                r.Level,
                r.Status,
                r.ReceivedOn,
                r.AllocatedAt,
                r.Urgency,
                r.Person.InterpreterNeeded,
                HasAccessibilityNeeds = r.Person.AccessibilityNeeds != null && r.Person.AccessibilityNeeds != "",
            })
            .AsNoTracking()
            .ToListAsync(ct);

        var redFlags = await RedFlags.ForPeopleAsync(db, rows.Select(r => r.PersonId).ToList(), ct);
        var today = UkTime.Today(clock);
        var entries = rows.Select(r =>
        {
            DateOnly? due = r.Status == ReferralStatus.Allocated && r.AllocatedAt is { } at
                ? CaseloadRules.FirstContactDue(at, options.FirstContactWorkingDays, calendar)
                : null;
            var overdue = due < today;
            var nextStep = due is { } d
                ? $"First contact due by {UkTime.Format(d)}"
                // Honest until care plans exist: an active person has no scheduled step to show yet.
                : "No step scheduled";
            var flags = new List<string>();
            if (redFlags.ContainsKey(r.PersonId))
            {
                flags.Add(FlagRedFlag);
            }

            if (r.InterpreterNeeded)
            {
                flags.Add(FlagInterpreter);
            }

            if (r.Urgency == ReferralUrgency.Urgent)
            {
                flags.Add(FlagUrgent);
            }

            if (overdue)
            {
                flags.Add(FlagOverdueFirstContact);
            }

            if (r.HasAccessibilityNeeds)
            {
                flags.Add(FlagAccessibility);
            }

            return new CaseloadEntry(r.Id, r.PersonId, $"{r.GivenName} {r.FamilyName}", r.NhsNumber, r.Level, r.Status, r.ReceivedOn,
                CaseloadRules.TimeSince(r.ReceivedOn, today), due, overdue, nextStep, flags);
        })
        .OrderBy(e => e.NextStepDue is null)
        .ThenBy(e => e.NextStepDue)
        .ThenBy(e => e.ReceivedOn)
        .ThenBy(e => e.ReferralId)
        .ToList();

        var weighted = rows.Sum(r => weights.WeightFor(r.Level ?? PathwayLevel.SupportedSelfManagement));
        return new WorkerCaseload(staffId, staff.DisplayName, staff.Role, staff.CaseloadCapacity, weighted, entries);
    }

    public async Task<TeamOverview> TeamAsync(CancellationToken ct)
    {
        var staff = await db.Staff
            .Where(s => s.Active)
            .OrderBy(s => s.DisplayName)
            .Select(s => new { s.Id, s.DisplayName, Role = s.Role!.Name, Team = s.Team != null ? s.Team.Name : null, s.CaseloadCapacity })
            .AsNoTracking()
            .ToListAsync(ct);
        var counts = await CaseloadCounts.ByWorkerAsync(db, null, ct);

        var today = UkTime.Today(clock);
        var queue = await db.Referrals
            .Where(r => r.Status == ReferralStatus.Received || r.Status == ReferralStatus.Accepted)
            .GroupBy(r => 1)
            .Select(g => new QueueHeadline(
                g.Count(r => r.Status == ReferralStatus.Received),
                g.Count(r => r.Status == ReferralStatus.Received && r.TriageDueOn < today),
                g.Count(r => r.Status == ReferralStatus.Accepted)))
            .SingleOrDefaultAsync(ct) ?? new QueueHeadline(0, 0, 0);

        var members = staff.Select(s =>
        {
            var c = counts.GetValueOrDefault(s.Id) ?? new LevelCounts();
            return new TeamMember(s.Id, s.DisplayName, s.Role, s.Team,
                c[PathwayLevel.SupportedSelfManagement], c[PathwayLevel.SharedCare], c[PathwayLevel.ComplexCaseManagement],
                c.Weighted(weights), s.CaseloadCapacity);
        }).ToList();
        return new TeamOverview(members, queue);
    }
}
