using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Data;

namespace OneToOne.Platform.Admin;

/// <summary>Checks one organisation's audit chain (AuditChain.VerifyAsync checks every organisation's, which an
/// organisation administrator may not see). Streams the chain in sequence order, so memory stays flat however long it is.</summary>
internal static class AuditVerification
{
    public sealed record Result(long Events, IReadOnlyList<string> Breaks)
    {
        public bool Intact => Breaks.Count == 0;
    }

    /// <summary>The tenancy filter restricts the read to the acting organisation.</summary>
    public static async Task<Result> VerifyOrganisationAsync(OneToOneDb db, CancellationToken ct)
    {
        var breaks = new List<string>();
        long expected = 1;
        long count = 0;
        var previous = AuditEvent.GenesisHash;
        await foreach (var e in db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (e.Sequence != expected)
            {
                breaks.Add(string.Create(CultureInfo.InvariantCulture, $"Expected event {expected}, found event {e.Sequence}: events are missing"));
                expected = e.Sequence;
            }

            if (e.PreviousHash != previous)
            {
                breaks.Add(string.Create(CultureInfo.InvariantCulture, $"Event {e.Sequence} does not link to the event before it"));
            }

            if (e.ComputeHash() != e.Hash)
            {
                breaks.Add(string.Create(CultureInfo.InvariantCulture, $"Event {e.Sequence} was altered after it was written"));
            }

            previous = e.Hash;
            expected++;
        }

        return new Result(count, breaks);
    }
}
