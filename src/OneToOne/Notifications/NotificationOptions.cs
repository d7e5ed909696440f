namespace OneToOne.Notifications;

/// <summary>Which provider carries a channel.</summary>
public enum ProviderKind
{
    /// <summary>The embedded default: messages stay in the outbox ("Held in outbox"); nothing leaves the machine.</summary>
    Outbox,
    Smtp,
    Notify,
}

/// <summary>Notifications:* settings. Secrets (the Notify API key, the SMTP password) come only from configuration
/// (environment variables or a secret store), never from code or the database.</summary>
internal sealed class NotificationOptions
{
    public const string Section = "Notifications";

    public ChannelOptions Email { get; set; } = new();
    public ChannelOptions Sms { get; set; } = new();

    /// <summary>How often the dispatcher job runs: the longest a queued message waits for its first try.</summary>
    public int IntervalSeconds { get; set; } = 5;
    /// <summary>Messages one pass claims per organisation.</summary>
    public int BatchSize { get; set; } = 20;
    /// <summary>Tries before a message is Failed.</summary>
    public int MaxAttempts { get; set; } = 5;
    /// <summary>The wait after the first failure; it doubles each time, up to RetryMaxSeconds, plus up to RetryJitter of itself at random.</summary>
    public int RetryBaseSeconds { get; set; } = 30;
    public int RetryMaxSeconds { get; set; } = 3600;
    public double RetryJitter { get; set; } = 0.2;
    /// <summary>One call to a provider; longer is a timeout (a transient failure).</summary>
    public int SendTimeoutSeconds { get; set; } = 10;
    /// <summary>A message still Sending this long after its claim belongs to a node that stopped: another pass takes it over.</summary>
    public int ClaimTimeoutSeconds { get; set; } = 120;

    public SmtpOptions Smtp { get; set; } = new();
    public NotifyOptions Notify { get; set; } = new();
    public ReminderOptions Reminders { get; set; } = new();

    public ProviderKind ProviderFor(string channel) => channel switch
    {
        NotificationChannels.Email => Email.Provider,
        NotificationChannels.Sms => Sms.Provider,
        _ => throw new InvalidOperationException($"Unknown channel '{channel}'."),
    };

    /// <summary>Fails start-up on a configuration that could never send, rather than failing every message later.</summary>
    public void Validate()
    {
        if (Sms.Provider == ProviderKind.Smtp)
        {
            throw new InvalidOperationException("Notifications:Sms:Provider cannot be Smtp: use Notify or Outbox.");
        }

        if (Email.Provider == ProviderKind.Smtp && (string.IsNullOrWhiteSpace(Smtp.Host) || string.IsNullOrWhiteSpace(Smtp.From)))
        {
            throw new InvalidOperationException("Notifications:Email:Provider is Smtp: set Notifications:Smtp:Host and Notifications:Smtp:From.");
        }

        if (Email.Provider == ProviderKind.Notify || Sms.Provider == ProviderKind.Notify)
        {
            if (NotifyApiKey.TryParse(Notify.ApiKey) is null)
            {
                throw new InvalidOperationException("Notifications:Notify:ApiKey is missing or not a GOV.UK Notify API key ({name}-{service id}-{secret}).");
            }

            if ((Email.Provider == ProviderKind.Notify && string.IsNullOrWhiteSpace(Notify.EmailTemplateId))
                || (Sms.Provider == ProviderKind.Notify && string.IsNullOrWhiteSpace(Notify.SmsTemplateId)))
            {
                throw new InvalidOperationException("Set Notifications:Notify:EmailTemplateId / SmsTemplateId to the generic Notify templates (see docs/adr/0006-notifications.md).");
            }
        }

        if (MaxAttempts < 1 || BatchSize < 1 || SendTimeoutSeconds < 1 || RetryBaseSeconds < 1 || RetryMaxSeconds < RetryBaseSeconds || RetryJitter is < 0 or > 1)
        {
            throw new InvalidOperationException("Notifications: MaxAttempts, BatchSize, SendTimeoutSeconds and RetryBaseSeconds must be at least 1, RetryMaxSeconds at least RetryBaseSeconds, RetryJitter between 0 and 1.");
        }

        // A claim is renewed before each send, so it need only outlast one call with room to spare.
        if (ClaimTimeoutSeconds < SendTimeoutSeconds * 3)
        {
            throw new InvalidOperationException("Notifications:ClaimTimeoutSeconds must be at least three times SendTimeoutSeconds.");
        }
    }
}

internal sealed class ChannelOptions
{
    public ProviderKind Provider { get; set; } = ProviderKind.Outbox;
}

internal sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    /// <summary>MailKit's SecureSocketOptions: StartTls (default: TLS required), SslOnConnect, StartTlsWhenAvailable, Auto or None (tests only).</summary>
    public string Security { get; set; } = "StartTls";
    public string? Username { get; set; }
    public string? Password { get; set; }
    /// <summary>The sender's address, e.g. onetoone@partner.nhs.uk; its domain also names each Message-Id.</summary>
    public string? From { get; set; }
    public string FromName { get; set; } = "OneToOne";
}

internal sealed class NotifyOptions
{
    public string BaseUrl { get; set; } = "https://api.notifications.service.gov.uk";
    /// <summary>The API key as Notify shows it: {key name}-{service id}-{secret key}.</summary>
    public string? ApiKey { get; set; }
    /// <summary>A Notify email template whose subject is ((subject)) and body ((body)).</summary>
    public string? EmailTemplateId { get; set; }
    /// <summary>A Notify text message template whose body is ((body)).</summary>
    public string? SmsTemplateId { get; set; }
    /// <summary>Ask Notify for delivery receipts after sending (Delivered / PermanentFailure / Failed).</summary>
    public bool CheckDeliveryStatus { get; set; } = true;
    /// <summary>The first delivery check this long after sending; the wait doubles up to an hour; checks stop after 72 hours.</summary>
    public int StatusCheckSeconds { get; set; } = 60;
}

internal sealed class ReminderOptions
{
    /// <summary>Remind a person once about an assessment link not completed this many days after it was sent (while it is still open).</summary>
    public int QuestionnaireAfterDays { get; set; } = 2;
    public bool QuestionnaireDue { get; set; } = true;
    /// <summary>Remind a person the day before the next contact their worker planned.</summary>
    public bool ContactTomorrow { get; set; } = true;
    /// <summary>A daily email to each member of staff with overdue work.</summary>
    public bool StaffDigest { get; set; } = true;
    /// <summary>Reminders go out between these UK hours (from 09:00, before 20:00 by default), never at night.</summary>
    public int FromHour { get; set; } = 9;
    public int UntilHour { get; set; } = 20;
}
