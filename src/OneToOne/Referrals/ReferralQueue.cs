using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Data;

namespace OneToOne.Referrals;

/// <summary>The referral queue: one page of one status, plus counts per status. Reads only what a page shows,
/// along the (OrganisationId, Status, TriageDueOn) index, so it stays fast at 60,000 referrals an organisation.</summary>
internal static class ReferralQueue
{
    public const int PageSize = 50;

    internal sealed record Row(Guid Id, Guid PersonId, string GivenName, string FamilyName, ReferralUrgency Urgency, ReferralSource Source,
        DateOnly ReceivedOn, DateOnly TriageDueOn, ReferralStatus Status, PathwayLevel? Level);

    /// <summary>The tabs, in the order work flows.</summary>
    public static readonly IReadOnlyList<(ReferralStatus Status, string Text)> Tabs =
    [
        (ReferralStatus.Received, "Waiting for triage"),
        (ReferralStatus.Accepted, "Waiting for a key worker"),
        (ReferralStatus.Allocated, "Allocated"),
        (ReferralStatus.Active, "Active"),
        (ReferralStatus.Declined, "Declined"),
        (ReferralStatus.Redirected, "Redirected"),
        (ReferralStatus.Discharged, "Discharged"),
        (ReferralStatus.Linked, "Linked"),
    ];

    /// <summary>Counts for the open statuses (the work waiting) and the one being shown. Closed statuses hold most
    /// rows (about 70% are discharged), so they are counted only when someone opens that tab.</summary>
    public static async Task<Dictionary<ReferralStatus, int>> CountsAsync(OneToOneDb db, ReferralStatus shown, CancellationToken ct)
    {
        ReferralStatus[] counted = [.. Referral.OpenStatuses.Append(shown).Distinct()];
        return await db.Referrals.Where(r => counted.Contains(r.Status)).GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }

    public static async Task<List<Row>> PageAsync(OneToOneDb db, ReferralStatus status, int page, CancellationToken ct)
    {
        var query = db.Referrals.AsNoTracking().Where(r => r.Status == status);
        // Waiting work: the nearest deadline first. Finished work: the most recent first.
        query = status is ReferralStatus.Received or ReferralStatus.Accepted
            ? query.OrderBy(r => r.TriageDueOn).ThenBy(r => r.Id)
            : query.OrderByDescending(r => r.TriageDueOn).ThenByDescending(r => r.Id);
        return await query
            .Skip((Math.Max(1, page) - 1) * PageSize).Take(PageSize)
            .Select(r => new Row(r.Id, r.PersonId, r.Person!.GivenName, r.Person.FamilyName, r.Urgency, r.Source,
                r.ReceivedOn, r.TriageDueOn, r.Status, r.Level))
            .ToListAsync(ct);
    }
}
