using System.Globalization;

namespace OneToOne.Platform.Background;

/// <summary>Scheduler settings (section "Scheduler").</summary>
public sealed class SchedulerOptions
{
    public const string Section = "Scheduler";

    /// <summary>Run the loop in this process. Unset: on, except in the "Testing" environment, where tests run passes
    /// themselves with a test clock (and the benchmark times passes through the CLI); set true to run it there too.</summary>
    public bool? Enabled { get; set; }

    /// <summary>How often the loop looks for due jobs.</summary>
    public int PollSeconds { get; set; } = 5;

    /// <summary>How long a lease lasts without renewal: a node that dies mid-pass frees its jobs after this.
    /// The runner renews it every third of this while the pass runs.</summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>This node's name in leases; default machine name, process id and a random suffix (unique per process).</summary>
    public string? NodeId { get; set; }

    /// <summary>Wait after start-up before the first look, so a starting node serves requests first.</summary>
    public int StartDelaySeconds { get; set; } = 10;

    public bool IsEnabled(IHostEnvironment env) => Enabled ?? !env.IsEnvironment("Testing");
}

/// <summary>This process's identity as a lease holder.</summary>
public sealed class SchedulerNode(SchedulerOptions options)
{
    public string Id { get; } = string.IsNullOrWhiteSpace(options.NodeId)
        ? string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}")
        : options.NodeId;

    public TimeSpan LeaseFor { get; } = TimeSpan.FromSeconds(Math.Max(10, options.LeaseSeconds));
}

/// <summary>The loop: every few seconds, starts each job whose interval has passed since its last start (on any
/// node) and that is not already running here, under the job's lease. Jobs run side by side, so a long
/// reconciliation does not hold up the frequent breach pass.</summary>
internal sealed class JobScheduler(
    JobRunner runner, JobLeases leases, SchedulerNode node, SchedulerOptions options, IHostEnvironment env, TimeProvider clock, ILogger<JobScheduler> log)
    : BackgroundService
{
    private readonly Dictionary<string, Task> _running = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.IsEnabled(env))
        {
            log.LogInformation("Scheduler is off in this process (Scheduler:Enabled)");
            return;
        }

        log.LogInformation("Scheduler on as node {Node}", node.Id);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, options.StartDelaySeconds)), stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.PollSeconds)));
            do
            {
                await TickAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await Task.WhenAll(_running.Values);
        }
    }

    private async Task RunAsync(string name, DateTimeOffset dueIfStartedBefore, CancellationToken ct)
    {
        await Task.Yield(); // the tick goes on to the next job at once
        try
        {
            await runner.RunLeasedAsync(name, node.Id, node.LeaseFor, dueIfStartedBefore, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Failures inside a pass are recorded by the runner; this is the lease itself failing (e.g. the database is down).
            log.LogWarning(e, "Scheduled job {Job} could not be started", name);
        }
    }

    private async Task TickAsync(CancellationToken ct)
    {
        try
        {
            foreach (var done in _running.Where(r => r.Value.IsCompleted).Select(r => r.Key).ToList())
            {
                _running.Remove(done);
            }

            var now = clock.GetUtcNow();
            var state = (await leases.AllAsync(ct)).ToDictionary(l => l.Name, StringComparer.Ordinal);
            foreach (var (name, interval) in await runner.JobsAsync())
            {
                var lastStart = state.GetValueOrDefault(name)?.LastStartedAt;
                if (_running.ContainsKey(name) || (lastStart is { } s && s + interval > now))
                {
                    continue;
                }

                // Due if no pass (here or elsewhere) started within the interval: checked again, atomically, with the lease.
                _running[name] = RunAsync(name, now - interval, ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException && e is not OutOfMemoryException)
        {
            // A database blip must not stop the loop: the next tick tries again.
            log.LogWarning(e, "Scheduler tick failed");
        }
    }
}
