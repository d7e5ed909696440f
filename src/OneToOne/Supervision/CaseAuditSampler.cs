namespace OneToOne.Supervision;

/// <summary>A closed episode that may be chosen for case audit, with the group it counts in.</summary>
internal sealed record AuditCandidate(Guid ReferralId, Guid PersonId, Guid KeyWorkerStaffId, Guid? SupervisorStaffId, Guid? TeamId, DateTimeOffset DischargedAt);

/// <summary>The random choice behind the monthly case audit. Deterministic for a seed: candidates are put in a
/// fixed order (group, then referral id) before the seeded shuffle, so anyone can re-run a stored sample's seed
/// over the month's episodes and get the same cases.</summary>
internal static class CaseAuditSampler
{
    /// <summary>The group a candidate counts in. A worker without a supervisor counts in their team's group when
    /// sampling per supervisor (the team's registered practitioners review it).</summary>
    public static Guid GroupKey(AuditCandidate candidate, CaseAuditScope scope)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return scope switch
        {
            CaseAuditScope.Supervisor => candidate.SupervisorStaffId ?? candidate.TeamId ?? Guid.Empty,
            CaseAuditScope.Team => candidate.TeamId ?? Guid.Empty,
            _ => candidate.KeyWorkerStaffId,
        };
    }

    /// <summary>Up to <paramref name="size"/> candidates from each group, chosen at random with <paramref name="seed"/>.</summary>
    public static IReadOnlyList<AuditCandidate> Choose(IEnumerable<AuditCandidate> candidates, CaseAuditScope scope, int size, int seed)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        // Not for security: a seeded, repeatable draw is the point (the seed is stored with the sample).
#pragma warning disable CA5394
        var random = new Random(seed);
        var chosen = new List<AuditCandidate>();
        foreach (var group in candidates.GroupBy(c => GroupKey(c, scope)).OrderBy(g => g.Key))
        {
            var items = group.OrderBy(c => c.ReferralId).ToArray();
            var take = Math.Min(Math.Max(size, 0), items.Length);
            for (var i = 0; i < take; i++)
            {
                var j = random.Next(i, items.Length);
                (items[i], items[j]) = (items[j], items[i]);
                chosen.Add(items[i]);
            }
        }
#pragma warning restore CA5394

        return chosen;
    }
}
