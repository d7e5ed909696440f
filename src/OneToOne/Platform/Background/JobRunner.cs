using System.Collections.Concurrent;
using System.Diagnostics;

namespace OneToOne.Platform.Background;

/// <summary>What one pass did: whether it ran (a leased run does not when another holds the lease), how it ended,
/// how long it took and its counts.</summary>
public sealed record JobRunResult(string Name, bool Ran, bool Succeeded, TimeSpan Elapsed, string Summary);

/// <summary>Runs one pass of a job by name, in a fresh scope, and records it (start, end, outcome, counts) for the
/// administrators' page. The scheduler's loop, "run now" and the CLI use <see cref="RunLeasedAsync"/> (one node at
/// a time); tests drive background work with <see cref="RunOnceAsync"/> and a test clock (the loop is off under test).</summary>
public sealed class JobRunner(IServiceScopeFactory scopes, JobLeases leases, TimeProvider clock, ILogger<JobRunner> log)
{
    // One pass of a job at a time in this process, whoever asks; the lease does the same across processes.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _local = new(StringComparer.Ordinal);

    /// <summary>Runs a pass now without a lease: failures are recorded and rethrown. Safe beside a leased pass,
    /// because every pass is idempotent; used by tests, which run passes explicitly.</summary>
    public async Task<JobRunResult> RunOnceAsync(string name, CancellationToken ct = default)
    {
        var result = await RunRecordedAsync(name, "direct", rethrow: true, ct);
        return result;
    }

    /// <summary>Takes the job's lease for <paramref name="holder"/>, runs a pass, renews the lease while it runs and
    /// releases it after. Returns Ran = false when another holder has the lease (or, with
    /// <paramref name="dueIfStartedBefore"/>, when a pass started since). A failing pass is recorded, logged and not thrown.</summary>
    public async Task<JobRunResult> RunLeasedAsync(string name, string holder, TimeSpan leaseFor, DateTimeOffset? dueIfStartedBefore = null, CancellationToken ct = default)
    {
        var gate = _local.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(0, ct))
        {
            return new JobRunResult(name, false, true, TimeSpan.Zero, "already running on this node");
        }

        try
        {
            if (!await leases.TryAcquireAsync(name, holder, leaseFor, dueIfStartedBefore, ct))
            {
                return new JobRunResult(name, false, true, TimeSpan.Zero, "another node holds the lease, or it has just run");
            }

            using var renewing = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var renewal = RenewWhileRunningAsync(name, holder, leaseFor, renewing.Token);
            try
            {
                return await RunRecordedAsync(name, holder, rethrow: false, ct);
            }
            finally
            {
                await renewing.CancelAsync();
                await renewal;
                await leases.ReleaseAsync(name, holder, CancellationToken.None);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<IReadOnlyList<(string Name, TimeSpan Interval)>> JobsAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        return scope.ServiceProvider.GetServices<IScheduledJob>().Select(j => (j.Name, j.Interval)).OrderBy(j => j.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<string>> NamesAsync() => (await JobsAsync()).Select(j => j.Name).ToList();

    private async Task<JobRunResult> RunRecordedAsync(string name, string runBy, bool rethrow, CancellationToken ct)
    {
        var report = new JobReport();
        // The report flows with the pass: begun before the job is built, so a job injecting it gets this one.
        using var reporting = JobReport.Begin(report);
        await using var scope = scopes.CreateAsyncScope();
        var job = scope.ServiceProvider.GetServices<IScheduledJob>().SingleOrDefault(j => string.Equals(j.Name, name, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No scheduled job is named '{name}'.");
        await leases.MarkStartedAsync(name, runBy, clock.GetUtcNow(), ct);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await job.RunAsync(ct);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            // The type only: messages can quote data.
            var summary = $"{report}; failed: {e.GetType().Name}";
            log.LogError(e, "Scheduled job {Job} failed after {Elapsed} ms", name, (long)elapsed.TotalMilliseconds);
            await leases.MarkFinishedAsync(name, false, summary, CancellationToken.None);
            if (rethrow)
            {
                throw;
            }

            return new JobRunResult(name, true, false, elapsed, summary);
        }

        var took = Stopwatch.GetElapsedTime(started);
        await leases.MarkFinishedAsync(name, true, report.ToString(), CancellationToken.None);
        log.LogInformation("Scheduled job {Job} ran in {Elapsed} ms: {Summary}", name, (long)took.TotalMilliseconds, report.ToString());
        return new JobRunResult(name, true, true, took, report.ToString());
    }

    private async Task RenewWhileRunningAsync(string name, string holder, TimeSpan leaseFor, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(leaseFor / 3, ct);
                if (!await leases.RenewAsync(name, holder, leaseFor, ct))
                {
                    // The pass goes on: it is idempotent, so overlapping with the new holder costs work, not correctness.
                    log.LogWarning("Scheduled job {Job} lost its lease while running", name);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
