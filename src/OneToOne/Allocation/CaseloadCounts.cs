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
    /// <summary>One grouped query over the open referrals: never a query per worker.</summary>
    /// <remarks>Everything it reads (organisation, status, key worker, level) can come from one index, so the database
    /// counts the organisation's open episodes without touching the table: no filter on the referral's own id here, because
    /// that column is not in the index. excludingReferralId leaves one referral out (re-assignment: its current key worker
    /// should not be charged for it twice); it is taken off afterwards by a lookup on the primary key.</remarks>
    public static async Task<Dictionary<Guid, LevelCounts>> ByWorkerAsync(OneToOneDb db, Guid? excludingReferralId, CancellationToken ct)
    {
        // Read before the counts: if the referral changes in between, its worker is charged once too often, never too rarely.
        var excluded = excludingReferralId is { } id
            ? await db.Referrals
                .Where(r => r.Id == id && (r.Status == ReferralStatus.Allocated || r.Status == ReferralStatus.Active) && r.KeyWorkerId != null)
                .Select(r => new { r.KeyWorkerId, r.Level })
                .FirstOrDefaultAsync(ct)
            : null;

        var rows = await db.Referrals
            .Where(r => (r.Status == ReferralStatus.Allocated || r.Status == ReferralStatus.Active) && r.KeyWorkerId != null)
            .GroupBy(r => new { r.KeyWorkerId, r.Level })
            .Select(g => new { g.Key.KeyWorkerId, g.Key.Level, Count = g.Count() })
            .ToListAsync(ct);

        var result = new Dictionary<Guid, LevelCounts>();
        foreach (var row in rows)
        {
            Count(result, row.KeyWorkerId!.Value, row.Level, row.Count);
        }

        if (excluded is not null)
        {
            Count(result, excluded.KeyWorkerId!.Value, excluded.Level, -1);
        }

        return result;
    }

    // An open episode always has a level; a row without one (bad import) is charged as self-management.
    private static void Count(Dictionary<Guid, LevelCounts> result, Guid worker, PathwayLevel? level, int count)
    {
        if (!result.TryGetValue(worker, out var counts))
        {
            counts = result[worker] = new LevelCounts();
        }

        counts.Add(level ?? PathwayLevel.SupportedSelfManagement, count);
    }
}
