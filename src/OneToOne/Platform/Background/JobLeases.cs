using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Data;

namespace OneToOne.Platform.Background;

/// <summary>The per-job lease and last-run record in <see cref="JobLease"/> rows. Every change is one conditional
/// statement checked by its row count, each in a fresh scope (its own DbContext and connection), so two nodes -
/// or two runners in one test - can race on it safely: the database decides who wins.</summary>
public sealed class JobLeases(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>Free: a released lease is "until" this, so it is free at any clock, the tests' fixed ones included.</summary>
    private static readonly DateTimeOffset Released = DateTimeOffset.UnixEpoch;

    /// <summary>Takes the job's lease for <paramref name="holder"/> when it is free (expired) or already theirs, and -
    /// when <paramref name="dueIfStartedBefore"/> is given - only if no pass started at or after that time (so two
    /// nodes that both saw the job as due do not run it back to back). True when the lease is now the holder's.</summary>
    public async Task<bool> TryAcquireAsync(string name, string holder, TimeSpan leaseFor, DateTimeOffset? dueIfStartedBefore, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var until = now + leaseFor;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneToOneDb>();
        var leases = db.Set<JobLease>().Where(l => l.Name == name && (l.LeaseUntil < now || l.Holder == holder));
        if (dueIfStartedBefore is { } due)
        {
            leases = leases.Where(l => l.LastStartedAt == null || l.LastStartedAt < due);
        }

        var taken = await leases.ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.LeaseUntil, until), ct);
        if (taken == 1)
        {
            return true;
        }

        if (await db.Set<JobLease>().AnyAsync(l => l.Name == name, ct))
        {
            return false;
        }

        // First pass ever: the row's primary key decides between nodes inserting it at once.
        return await TryInsertAsync(new JobLease { Name = name, Holder = holder, LeaseUntil = until }, ct);
    }

    /// <summary>Extends a lease the holder still has; false when it was lost (expired and taken by another).</summary>
    public async Task<bool> RenewAsync(string name, string holder, TimeSpan leaseFor, CancellationToken ct)
    {
        var until = clock.GetUtcNow() + leaseFor;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneToOneDb>();
        return await db.Set<JobLease>().Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LeaseUntil, until), ct) == 1;
    }

    public async Task ReleaseAsync(string name, string holder, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneToOneDb>();
        await db.Set<JobLease>().Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, (string?)null).SetProperty(l => l.LeaseUntil, Released), ct);
    }

    public async Task MarkStartedAsync(string name, string runBy, DateTimeOffset startedAt, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneToOneDb>();
        var updated = await db.Set<JobLease>().Where(l => l.Name == name)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LastStartedAt, startedAt).SetProperty(l => l.LastOutcome, "Running")
                .SetProperty(l => l.LastHolder, runBy), ct);
        if (updated == 0)
        {
            // A run without a lease (tests, or the very first manual run): make the row; a racing insert is as good.
            await TryInsertAsync(new JobLease { Name = name, LeaseUntil = Released, LastStartedAt = startedAt, LastOutcome = "Running", LastHolder = runBy }, ct);
        }
    }

    public async Task MarkFinishedAsync(string name, bool succeeded, string summary, CancellationToken ct)
    {
        var finished = clock.GetUtcNow();
        var text = summary.Length <= JobLease.SummaryMax ? summary : summary[..JobLease.SummaryMax];
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneToOneDb>();
        await db.Set<JobLease>().Where(l => l.Name == name)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LastFinishedAt, finished).SetProperty(l => l.LastOutcome, succeeded ? "Succeeded" : "Failed")
                .SetProperty(l => l.LastSummary, text).SetProperty(l => l.Runs, l => l.Runs + 1), ct);
    }

    public async Task<IReadOnlyList<JobLease>> AllAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneToOneDb>();
        return await db.Set<JobLease>().AsNoTracking().OrderBy(l => l.Name).ToListAsync(ct);
    }

    private async Task<bool> TryInsertAsync(JobLease row, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneToOneDb>();
        db.Set<JobLease>().Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }
}
