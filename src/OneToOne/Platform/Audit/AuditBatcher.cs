using System.Threading.Channels;
using OneToOne.Platform.Data;

namespace OneToOne.Platform.Audit;

/// <summary>Group commit for audit events that stand alone (a view or a search, with no change beside them).
/// Every such save used to be its own transaction holding its organisation's chain lock, so busy read pages
/// queued behind each other. Here one writer commits whatever has arrived in one transaction; each request
/// still waits until its own event is committed, and fails if it could not be (fail closed: no unaudited read).
/// Events that describe a change never come here: they commit with the change.</summary>
public sealed class AuditBatcher(IServiceScopeFactory scopes, ILogger<AuditBatcher> log) : BackgroundService
{
    private const int MaxBatch = 500;
    private readonly Channel<(IReadOnlyList<AuditEvent> Events, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(IReadOnlyList<AuditEvent>, TaskCompletionSource)>(new() { SingleReader = true });

    /// <summary>False outside a running host (the CLI commands), where saves commit directly.</summary>
    public bool Running { get; private set; }

    public Task WriteAsync(IReadOnlyList<AuditEvent> events, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((events, done)))
        {
            throw new InvalidOperationException("The audit writer has stopped.");
        }

        return done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Running = true;
        var batch = new List<(IReadOnlyList<AuditEvent> Events, TaskCompletionSource Done)>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                var count = 0;
                while (count < MaxBatch && _queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                    count += item.Events.Count;
                }

                await CommitAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            Running = false;
            while (_queue.Reader.TryRead(out var left))
            {
                left.Done.TrySetException(new OperationCanceledException("The app is stopping; the audit event was not written."));
            }
        }
    }

    private async Task CommitAsync(List<(IReadOnlyList<AuditEvent> Events, TaskCompletionSource Done)> batch, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OneToOneDb>();
            db.WriteAuditDirectly = true;
            db.AuditEvents.AddRange(batch.SelectMany(b => b.Events));
            await db.SaveChangesAsync(ct);
            foreach (var (_, done) in batch)
            {
                done.TrySetResult();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Could not write a batch of {Count} audit events", batch.Sum(b => b.Events.Count));
            foreach (var (_, done) in batch)
            {
                done.TrySetException(ex);
            }
        }
    }
}
