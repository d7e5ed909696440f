namespace OneToOne.Notifications;

/// <summary>How the outbox pages word a message's state.</summary>
public static class OutboxText
{
    public static string Status(OutboxStatus status, int attempts) => status switch
    {
        OutboxStatus.Pending when attempts > 0 => "Waiting to retry",
        OutboxStatus.Pending => "Waiting to send",
        OutboxStatus.Sending => "Sending",
        OutboxStatus.Held => "Held in outbox",
        OutboxStatus.Sent => "Sent",
        OutboxStatus.Delivered => "Delivered",
        OutboxStatus.Failed => "Failed",
        OutboxStatus.PermanentFailure => "Rejected",
        _ => status.ToString(),
    };

    public static string TagClass(OutboxStatus status) => status switch
    {
        OutboxStatus.Delivered or OutboxStatus.Sent => "nhsuk-tag nhsuk-tag--green",
        OutboxStatus.Failed or OutboxStatus.PermanentFailure => "nhsuk-tag nhsuk-tag--red",
        OutboxStatus.Held => "nhsuk-tag nhsuk-tag--grey",
        _ => "nhsuk-tag nhsuk-tag--blue",
    };

    public static string Channel(string channel) => channel switch
    {
        NotificationChannels.Email => "Email",
        NotificationChannels.Sms => "Text message",
        _ => channel,
    };

    /// <summary>What an administrator may retry: messages that will not be sent otherwise.</summary>
    public static bool CanRetry(OutboxStatus status) => status is OutboxStatus.Failed or OutboxStatus.PermanentFailure;

    public static readonly IReadOnlyList<OutboxStatus> Filterable =
        [OutboxStatus.Failed, OutboxStatus.PermanentFailure, OutboxStatus.Pending, OutboxStatus.Sending, OutboxStatus.Held, OutboxStatus.Sent, OutboxStatus.Delivered];
}
