using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Referrals;

namespace OneToOne.Allocation;

internal enum AllocationResult
{
    Allocated,
    NotFound,
    /// <summary>The referral is not (or no longer) Accepted or Allocated.</summary>
    NotReady,
    /// <summary>The chosen staff member cannot be offered this person (any more).</summary>
    NotEligible,
    /// <summary>Someone else changed the referral after the caller read it.</summary>
    Conflict,
}

internal sealed record AllocationOutcome(AllocationResult Result, string? Message = null, KeyWorkerAssignment? Assignment = null, string? KeyWorkerName = null);

/// <summary>Names a key worker on a referral. The candidate list is rebuilt server-side at the moment of
/// choice, so a choice made from a stale page (the worker filled up, left, or the referral moved on) is
/// refused with a reason rather than stored.</summary>
internal sealed class KeyWorkerAllocator(OneToOneDb db, Candidates candidates, AuditTrail audit, CurrentUser user, TimeProvider clock)
{
    public const string ConflictMessage = Platform.Data.Concurrency.ConflictMessage;

    public async Task<AllocationOutcome> AllocateAsync(Guid referralId, Guid staffMemberId, string? reason, Guid? version, CancellationToken ct)
    {
        var list = await candidates.ForReferralAsync(referralId, ct);
        if (list is null)
        {
            return new(AllocationResult.NotFound);
        }

        if (list.Referral.NotReadyMessage is { } notReady)
        {
            return new(AllocationResult.NotReady, notReady);
        }

        if (version is { } v && v != list.Referral.Version)
        {
            return new(AllocationResult.Conflict, ConflictMessage);
        }

        var chosen = list.Ranked.FirstOrDefault(c => c.Staff.StaffId == staffMemberId);
        if (chosen is null)
        {
            return new(AllocationResult.NotEligible, "The chosen staff member is not an active member of this service. Choose a key worker from the list.");
        }

        if (list.Referral.KeyWorkerId == staffMemberId)
        {
            return new(AllocationResult.NotEligible, $"{chosen.Staff.DisplayName} is already the key worker. Choose someone else to change the key worker.");
        }

        if (!chosen.Eligible)
        {
            return new(AllocationResult.NotEligible,
                $"{chosen.Staff.DisplayName} can no longer be offered this person: {string.Join("; ", chosen.Exclusions)}. Choose again from the updated list.");
        }

        var referral = await db.Referrals.SingleAsync(r => r.Id == referralId, ct);
        // Concurrency: the version the caller saw (or the one ranked against) must still be current at save.
        db.Entry(referral).Property(r => r.Version).OriginalValue = version ?? list.Referral.Version;

        var now = clock.GetUtcNow();
        var previous = await db.KeyWorkerAssignments.Where(a => a.ReferralId == referralId && a.EndedAt == null).ToListAsync(ct);
        foreach (var assignment in previous)
        {
            assignment.EndedAt = now;
        }

        referral.KeyWorkerId = staffMemberId;
        referral.AllocatedAt = now;
        referral.Status = ReferralStatus.Allocated;
        var rank = list.RankOf(staffMemberId);
        var added = new KeyWorkerAssignment
        {
            ReferralId = referral.Id,
            PersonId = referral.PersonId,
            StaffMemberId = staffMemberId,
            Level = list.Referral.Level!.Value,
            Rank = rank,
            Score = Math.Round(chosen.Score, 2),
            Reason = reason?.Trim() ?? "",
            AssignedById = user.UserId ?? Guid.Empty,
            AssignedByName = user.Name,
            AssignedAt = now,
        };
        db.KeyWorkerAssignments.Add(added);
        audit.Record("referral.allocate", "Referral", referral.Id, referral.PersonId, string.Create(CultureInfo.InvariantCulture,
            $"Key worker {staffMemberId}, rank {rank} of {list.Eligible.Count()}, score {added.Score:0.##}{(previous.Count > 0 ? ", re-assignment" : "")}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(AllocationResult.Conflict, ConflictMessage);
        }

        return new(AllocationResult.Allocated, null, added, chosen.Staff.DisplayName);
    }
}
