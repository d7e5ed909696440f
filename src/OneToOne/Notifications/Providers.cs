namespace OneToOne.Notifications;

internal enum DeliveryOutcome
{
    /// <summary>The provider accepted the message.</summary>
    Sent,
    /// <summary>Kept in the outbox by the embedded default.</summary>
    Held,
    /// <summary>May work later: a timeout, a 5xx, a refused connection, a rate limit, a configuration problem.</summary>
    Transient,
    /// <summary>This message cannot be delivered as it is (an invalid or rejected address or number).</summary>
    Permanent,
}

/// <summary>What one attempt came to. <paramref name="InDoubt"/>: the provider may have the message even though we
/// saw a failure (a timeout, a 5xx), so the next attempt asks before sending again.</summary>
internal sealed record DeliveryResult(DeliveryOutcome Outcome, string? Reference = null, string? Error = null, bool InDoubt = false)
{
    public static DeliveryResult Sent(string? reference) => new(DeliveryOutcome.Sent, reference);

    public static DeliveryResult Transient(string error, bool inDoubt = false) => new(DeliveryOutcome.Transient, null, SafeError.From(error), inDoubt);

    public static DeliveryResult Permanent(string error) => new(DeliveryOutcome.Permanent, null, SafeError.From(error));
}

/// <summary>What the provider says became of a sent message (GOV.UK Notify's delivery receipts).</summary>
internal sealed record DeliveryCheck(OutboxStatus? Status, string? Error = null, DateTimeOffset? CompletedAt = null, bool Final = false);

/// <summary>One way out: the embedded outbox, SMTP or GOV.UK Notify. Calls run under the dispatcher's per-call
/// timeout (a cancelled token is a timeout, handled by the dispatcher); anything else comes back as a result.</summary>
internal interface IMessageProvider
{
    /// <summary>Stored on the message: "outbox", "smtp" or "notify".</summary>
    string Name { get; }

    Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken ct);

    /// <summary>Before sending a message whose earlier attempt is in doubt: Sent if the provider already has it (by our
    /// reference), null if it has not (or the provider cannot tell: then it is sent again), Transient if asking failed.</summary>
    Task<DeliveryResult?> FindAsync(OutboxMessage message, CancellationToken ct);

    /// <summary>Delivery status of a sent message; null when the provider has no receipts.</summary>
    Task<DeliveryCheck?> CheckAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>The embedded default: a small partner with no Notify account or mail server runs with this, and
/// administrators read the messages in the outbox. Nothing leaves the machine.</summary>
internal sealed class OutboxOnlyProvider : IMessageProvider
{
    public const string ProviderName = "outbox";

    public string Name => ProviderName;

    public Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken ct) =>
        Task.FromResult(new DeliveryResult(DeliveryOutcome.Held));

    public Task<DeliveryResult?> FindAsync(OutboxMessage message, CancellationToken ct) => Task.FromResult<DeliveryResult?>(null);

    public Task<DeliveryCheck?> CheckAsync(OutboxMessage message, CancellationToken ct) => Task.FromResult<DeliveryCheck?>(null);
}

/// <summary>Picks the configured provider for a channel.</summary>
internal sealed class MessageProviders(NotificationOptions options, IServiceProvider services)
{
    public IMessageProvider For(string channel) => options.ProviderFor(channel) switch
    {
        ProviderKind.Smtp => services.GetRequiredService<SmtpProvider>(),
        ProviderKind.Notify => services.GetRequiredService<NotifyProvider>(),
        _ => services.GetRequiredService<OutboxOnlyProvider>(),
    };

    public IMessageProvider? Named(string? name) => name switch
    {
        NotifyProvider.ProviderName when NotifyApiKey.TryParse(options.Notify.ApiKey) is not null => services.GetRequiredService<NotifyProvider>(),
        SmtpProvider.ProviderName => services.GetRequiredService<SmtpProvider>(),
        OutboxOnlyProvider.ProviderName => services.GetRequiredService<OutboxOnlyProvider>(),
        _ => null,
    };
}
