using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Data;

namespace OneToOne.Platform.Audit;

/// <summary>Gives new audit events their place in their organisation's chain: next sequence, previous hash, own hash.</summary>
internal static class AuditChain
{
    public static async Task AssignAsync(OneToOneDb db, IReadOnlyList<AuditEvent> events, CancellationToken ct)
    {
        foreach (var group in events.GroupBy(e => e.OrganisationId).OrderBy(g => g.Key))
        {
            await ProviderConventions.LockAuditChainAsync(db, group.Key, ct);
            var head = await db.AuditEvents.IgnoreQueryFilters().AsNoTracking()
                .Where(e => e.OrganisationId == group.Key)
                .OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash })
                .FirstOrDefaultAsync(ct);
            var sequence = head?.Sequence ?? 0;
            var previous = head?.Hash ?? AuditEvent.GenesisHash;
            foreach (var e in group)
            {
                e.Sequence = ++sequence;
                e.PreviousHash = previous;
                e.Hash = e.ComputeHash();
                previous = e.Hash;
            }
        }
    }

    /// <summary>Checks every organisation's chain; returns the breaks found (empty when intact).</summary>
    public static async Task<IReadOnlyList<string>> VerifyAsync(OneToOneDb db, CancellationToken ct)
    {
        var breaks = new List<string>();
        var organisations = await db.AuditEvents.IgnoreQueryFilters().Select(e => e.OrganisationId).Distinct().ToListAsync(ct);
        foreach (var org in organisations)
        {
            long expected = 1;
            var previous = AuditEvent.GenesisHash;
            await foreach (var e in db.AuditEvents.IgnoreQueryFilters().AsNoTracking()
                .Where(e => e.OrganisationId == org).OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
            {
                if (e.Sequence != expected)
                {
                    breaks.Add($"organisation {org}: expected sequence {expected}, found {e.Sequence}");
                    expected = e.Sequence;
                }

                if (e.PreviousHash != previous)
                {
                    breaks.Add($"organisation {org}: sequence {e.Sequence} does not link to the event before it");
                }

                if (e.ComputeHash() != e.Hash)
                {
                    breaks.Add($"organisation {org}: sequence {e.Sequence} was altered (hash mismatch)");
                }

                previous = e.Hash;
                expected++;
            }
        }

        return breaks;
    }
}
