using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Data;
using OneToOne.Referrals;

namespace OneToOne.Allocation;

/// <summary>How many open people (Allocated or Active) each key worker holds at each level.</summary>
internal sealed class LevelCounts
{
    private readonly Dictionary<PathwayLevel, int> _counts = [];

    public int this[PathwayLevel level] => _counts.GetValueOrDefault(level);

    public int Total => _counts.Values.Sum();

    public void Add(PathwayLevel level, int count) => _counts[level] = this[level] + count;

    public decimal Weighted(AllocationWeights weights) => _counts.Sum(c => weights.WeightFor(c.Key) * c.Value);
}

internal static class CaseloadCounts
{
    /// <summary>One grouped query over the (OrganisationId, KeyWorkerId, Status) index: never a query per worker.</summary>
    /// <remarks>excludingReferralId leaves one referral out (re-assignment: its current key worker
    /// should not be charged for it twice).</remarks>
    public static async Task<Dictionary<Guid, LevelCounts>> ByWorkerAsync(OneToOneDb db, Guid? excludingReferralId, CancellationToken ct)
    {
        var query = db.Referrals.Where(r => r.KeyWorkerId != null
            && (r.Status == ReferralStatus.Allocated || r.Status == ReferralStatus.Active));
        if (excludingReferralId is { } excluded)
        {
            query = query.Where(r => r.Id != excluded);
        }

        var rows = await query
            .GroupBy(r => new { r.KeyWorkerId, r.Level })
            .Select(g => new { g.Key.KeyWorkerId, g.Key.Level, Count = g.Count() })
            .ToListAsync(ct);

        var result = new Dictionary<Guid, LevelCounts>();
        foreach (var row in rows)
        {
            // An open episode always has a level; a row without one (bad import) is charged as self-management.
            var counts = result.TryGetValue(row.KeyWorkerId!.Value, out var c) ? c : result[row.KeyWorkerId.Value] = new LevelCounts();
            counts.Add(row.Level ?? PathwayLevel.SupportedSelfManagement, row.Count);
        }

        return result;
    }
}
