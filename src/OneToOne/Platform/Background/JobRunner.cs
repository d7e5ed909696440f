namespace OneToOne.Platform.Background;

/// <summary>Runs one pass of a job by name, in a fresh scope. The scheduler's loop uses it; so do tests, which
/// drive background work explicitly (the loop is off under test) with a test clock.</summary>
public sealed class JobRunner(IServiceScopeFactory scopes)
{
    public async Task RunOnceAsync(string name, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var job = scope.ServiceProvider.GetServices<IScheduledJob>().SingleOrDefault(j => string.Equals(j.Name, name, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No scheduled job is named '{name}'.");
        await job.RunAsync(ct);
    }

    public async Task<IReadOnlyList<string>> NamesAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        return scope.ServiceProvider.GetServices<IScheduledJob>().Select(j => j.Name).ToList();
    }
}
