using System.Collections.Concurrent;
using System.Globalization;

namespace OneToOne.Platform.Background;

/// <summary>What one pass did, in counts ("created", "breached"). A job injects it and adds to it; the runner keeps
/// the summary as the job's last run. One report per pass: it flows with the pass (an AsyncLocal), so the scopes
/// <see cref="OrganisationScopes"/> opens for each organisation add to the same report.</summary>
public sealed class JobReport
{
    private static readonly AsyncLocal<JobReport?> Ambient = new();
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>The report of the pass running in this async flow, if any.</summary>
    public static JobReport? Current => Ambient.Value;

    internal static IDisposable Begin(JobReport report)
    {
        var previous = Ambient.Value;
        Ambient.Value = report;
        return new Restore(previous);
    }

    public void Add(string what, long count = 1)
    {
        if (_counts.TryAdd(what, 0))
        {
            _order.Enqueue(what);
        }

        _counts.AddOrUpdate(what, count, (_, n) => n + count);
    }

    public long this[string what] => _counts.GetValueOrDefault(what);

    public IReadOnlyDictionary<string, long> Counts => _counts;

    /// <summary>"created 3; breached 1" in the order first counted; "nothing to do" when empty.</summary>
    public override string ToString() =>
        _order.IsEmpty ? "nothing to do" : string.Join("; ", _order.Select(k => string.Create(CultureInfo.InvariantCulture, $"{k} {_counts[k]}")));

    private sealed class Restore(JobReport? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
