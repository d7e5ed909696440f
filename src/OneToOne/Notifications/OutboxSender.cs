using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using OneToOne.Platform.Background;
using OneToOne.Platform.Data;

namespace OneToOne.Notifications;

/// <summary>The "notifications" job: every few seconds, in each organisation, sends the messages that are due.</summary>
internal sealed class NotificationDispatcher(OrganisationScopes organisations, NotificationOptions options) : IScheduledJob
{
    public const string JobName = "notifications";

    public string Name => JobName;

    public TimeSpan Interval => TimeSpan.FromSeconds(options.IntervalSeconds);

    public Task RunAsync(CancellationToken ct) =>
        organisations.ForEachAsync((services, _) => services.GetRequiredService<OutboxSender>().RunAsync(ct), ct);
}

/// <summary>One organisation's part of a dispatcher pass. Several passes (nodes) may run at once, so a message is
/// claimed before it is sent: Pending -> Sending with this pass's claim id, in one statement that only one pass can
/// win (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite: a conditional UPDATE, SQLite's writers being serial). The claim
/// is renewed just before the call to the provider and the outcome is recorded only while this pass still holds the
/// claim, so a message is marked Sent once. A claim left by a node that stopped mid-send is taken over after
/// ClaimTimeoutSeconds, and the message is then "in doubt": Notify is asked for it by reference before it is sent again.</summary>
internal sealed class OutboxSender(OneToOneDb db, TimeProvider clock, NotificationOptions options, MessageProviders providers, ILogger<OutboxSender> log)
{
    private static readonly TimeSpan MaxStatusCheckWait = TimeSpan.FromHours(1);
    private static readonly TimeSpan StatusCheckFor = TimeSpan.FromHours(72);

    private DbSet<OutboxMessage> Outbox => db.Set<OutboxMessage>();

    private TimeSpan SendTimeout => TimeSpan.FromSeconds(options.SendTimeoutSeconds);

    public async Task RunAsync(CancellationToken ct)
    {
        await TakeOverAbandonedAsync(ct);
        var claim = Guid.CreateVersion7();
        foreach (var message in await ClaimAsync(claim, ct))
        {
            await SendAsync(message, claim, ct);
        }

        await CheckDeliveryAsync(ct);
    }

    /// <summary>Sending for longer than the claim timeout: the node holding it stopped. Back to Pending, in doubt.</summary>
    private async Task TakeOverAbandonedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var before = now.AddSeconds(-options.ClaimTimeoutSeconds);
        var taken = await Outbox.Where(m => m.Status == OutboxStatus.Sending && m.ClaimedAt < before)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.InDoubt, true)
                .SetProperty(m => m.ClaimId, (Guid?)null)
                .SetProperty(m => m.NextAttemptAt, now), ct);
        if (taken > 0)
        {
            log.LogWarning("Took over {Count} messages abandoned while sending; each is checked with its provider before it is sent again", taken);
        }
    }

    private async Task<List<OutboxMessage>> ClaimAsync(Guid claim, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        int claimed;
        if (db.Database.IsNpgsql())
        {
            // One statement: lock the due rows nobody else has locked, and mark them ours. A concurrent pass skips them.
            var entity = db.Model.FindEntityType(typeof(OutboxMessage))!;
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            string C(string property) => "\"" + entity.FindProperty(property)!.GetColumnName(table) + "\"";
            var name = (entity.GetSchema() is { } schema ? "\"" + schema + "\"." : "") + "\"" + table.Name + "\"";
            var sql = $$"""
                UPDATE {{name}} SET {{C("Status")}} = 'Sending', {{C("ClaimId")}} = {0}, {{C("ClaimedAt")}} = {1},
                    {{C("LastAttemptAt")}} = {1}, {{C("Attempts")}} = {{C("Attempts")}} + 1
                WHERE {{C("Id")}} IN (
                    SELECT {{C("Id")}} FROM {{name}}
                    WHERE {{C("OrganisationId")}} = {2} AND {{C("Status")}} = 'Pending'
                      AND ({{C("NextAttemptAt")}} IS NULL OR {{C("NextAttemptAt")}} <= {1})
                    ORDER BY {{C("CreatedAt")}}
                    LIMIT {3}
                    FOR UPDATE SKIP LOCKED)
                """;
            claimed = await db.Database.ExecuteSqlRawAsync(sql, [claim, now, db.TenantId, options.BatchSize], ct);
        }
        else
        {
            var due = await Outbox.Where(m => m.Status == OutboxStatus.Pending && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
                .OrderBy(m => m.CreatedAt).Select(m => m.Id).Take(options.BatchSize).ToListAsync(ct);
            if (due.Count == 0)
            {
                return [];
            }

            // Conditional: only rows still Pending and due become ours; the row count says how many we won.
            claimed = await Outbox.Where(m => due.Contains(m.Id) && m.Status == OutboxStatus.Pending && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.Sending)
                    .SetProperty(m => m.ClaimId, claim)
                    .SetProperty(m => m.ClaimedAt, now)
                    .SetProperty(m => m.LastAttemptAt, now)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
        }

        return claimed == 0 ? [] : await Outbox.AsNoTracking().Where(m => m.ClaimId == claim).OrderBy(m => m.CreatedAt).ToListAsync(ct);
    }

    private async Task SendAsync(OutboxMessage message, Guid claim, CancellationToken ct)
    {
        // Renew the claim just before the call: if another pass took the message over, this one leaves it alone.
        var stillOurs = await Mine(message, claim).ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedAt, clock.GetUtcNow()), ct);
        if (stillOurs == 0)
        {
            return;
        }

        var provider = providers.For(message.Channel);
        DeliveryResult result;
        try
        {
            var found = message.InDoubt ? await WithTimeoutAsync(token => provider.FindAsync(message, token), ct) : null;
            result = found ?? await WithTimeoutAsync(token => provider.SendAsync(message, token), ct);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // No answer in time: the provider may still have taken it, so the next attempt asks first.
            result = DeliveryResult.Transient(string.Create(CultureInfo.InvariantCulture, $"No answer from {provider.Name} within {options.SendTimeoutSeconds} seconds"), inDoubt: true);
        }

        await RecordAsync(message, claim, provider.Name, result, ct);
    }

    private async Task<T> WithTimeoutAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(SendTimeout);
        return await call(timeout.Token);
    }

    private IQueryable<OutboxMessage> Mine(OutboxMessage message, Guid claim) =>
        Outbox.Where(m => m.Id == message.Id && m.ClaimId == claim && m.Status == OutboxStatus.Sending);

    private async Task RecordAsync(OutboxMessage message, Guid claim, string provider, DeliveryResult result, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        int recorded;
        switch (result.Outcome)
        {
            case DeliveryOutcome.Sent:
                var nextCheck = provider == NotifyProvider.ProviderName && options.Notify.CheckDeliveryStatus
                    ? now.AddSeconds(options.Notify.StatusCheckSeconds) : (DateTimeOffset?)null;
                recorded = await Mine(message, claim).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.Sent)
                    .SetProperty(m => m.SentAt, now)
                    .SetProperty(m => m.Provider, provider)
                    .SetProperty(m => m.ProviderReference, result.Reference)
                    .SetProperty(m => m.LastError, (string?)null)
                    .SetProperty(m => m.InDoubt, false)
                    .SetProperty(m => m.ClaimId, (Guid?)null)
                    .SetProperty(m => m.NextAttemptAt, nextCheck), ct);
                break;
            case DeliveryOutcome.Held:
                recorded = await Mine(message, claim).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.Held)
                    .SetProperty(m => m.Provider, provider)
                    .SetProperty(m => m.InDoubt, false)
                    .SetProperty(m => m.ClaimId, (Guid?)null)
                    .SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null), ct);
                break;
            case DeliveryOutcome.Permanent:
                recorded = await Mine(message, claim).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.PermanentFailure)
                    .SetProperty(m => m.Provider, provider)
                    .SetProperty(m => m.LastError, result.Error)
                    .SetProperty(m => m.InDoubt, false)
                    .SetProperty(m => m.ClaimId, (Guid?)null)
                    .SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null), ct);
                log.LogWarning("Message {MessageId} ({Template}) was refused by {Provider} and will not be retried: {Error}", message.Id, message.Template, provider, result.Error);
                break;
            default:
                var attempts = message.Attempts; // the claim counted this attempt
                var giveUp = attempts >= options.MaxAttempts;
                var wait = Backoff.Delay(attempts, TimeSpan.FromSeconds(options.RetryBaseSeconds), TimeSpan.FromSeconds(options.RetryMaxSeconds),
                    options.RetryJitter, Random.Shared.NextDouble());
                recorded = await Mine(message, claim).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, giveUp ? OutboxStatus.Failed : OutboxStatus.Pending)
                    .SetProperty(m => m.Provider, provider)
                    .SetProperty(m => m.LastError, result.Error)
                    .SetProperty(m => m.InDoubt, result.InDoubt)
                    .SetProperty(m => m.ClaimId, (Guid?)null)
                    .SetProperty(m => m.NextAttemptAt, giveUp ? null : now + wait), ct);
                if (giveUp)
                {
                    log.LogWarning("Message {MessageId} ({Template}) failed {Attempts} times and is now Failed; an administrator can retry it from the outbox: {Error}",
                        message.Id, message.Template, attempts, result.Error);
                }

                break;
        }

        if (recorded == 0)
        {
            log.LogWarning("Message {MessageId} was taken over by another pass before its outcome ({Outcome}) was recorded", message.Id, result.Outcome);
        }
    }

    /// <summary>Asks the provider what became of sent messages (Notify's receipts), at widening intervals for up to 72 hours.</summary>
    private async Task CheckDeliveryAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await Outbox.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Sent && m.NextAttemptAt != null && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).Take(options.BatchSize).ToListAsync(ct);
        foreach (var message in due)
        {
            DeliveryCheck? check;
            try
            {
                check = providers.Named(message.Provider) is { } provider ? await WithTimeoutAsync(token => provider.CheckAsync(message, token), ct) : new DeliveryCheck(null, Final: true);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                check = null;
            }

            var sentAt = message.SentAt ?? now;
            var expired = now - sentAt > StatusCheckFor;
            var same = Outbox.Where(m => m.Id == message.Id && m.Status == OutboxStatus.Sent && m.NextAttemptAt == message.NextAttemptAt);
            if (check?.Status is { } status)
            {
                await same.ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, status)
                    .SetProperty(m => m.DeliveredAt, status == OutboxStatus.Delivered ? check.CompletedAt ?? now : null)
                    .SetProperty(m => m.LastError, check.Error)
                    .SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null), ct);
                if (status != OutboxStatus.Delivered)
                {
                    log.LogWarning("Message {MessageId} ({Template}) was not delivered: {Error}", message.Id, message.Template, check.Error);
                }
            }
            else
            {
                var wait = TimeSpan.FromTicks(Math.Clamp((now - sentAt).Ticks, TimeSpan.FromSeconds(options.Notify.StatusCheckSeconds).Ticks, MaxStatusCheckWait.Ticks));
                DateTimeOffset? next = check?.Final == true || expired ? null : now + wait;
                await same.ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, next), ct);
            }
        }
    }
}

/// <summary>Recognises the unique index refusing a second once-only message, on either database.</summary>
internal static class OutboxWrites
{
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode == 2067, // SQLITE_CONSTRAINT_UNIQUE
        Npgsql.PostgresException p => p.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
