using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneToOne.Platform.Data;

namespace OneToOne.Notifications;

/// <summary>Where a message is on its way out. Stored as text.</summary>
public enum OutboxStatus
{
    /// <summary>Waiting for the dispatcher (first try, or a retry after <see cref="OutboxMessage.NextAttemptAt"/>).</summary>
    Pending,

    /// <summary>Claimed by one dispatcher pass, which is sending it now.</summary>
    Sending,

    /// <summary>The embedded default: kept in the outbox for administrators to read; nothing left the machine.</summary>
    Held,

    /// <summary>The provider accepted it.</summary>
    Sent,

    /// <summary>The provider reported it delivered (GOV.UK Notify delivery receipts).</summary>
    Delivered,

    /// <summary>Given up after the configured attempts, or the provider could not deliver it: an administrator can retry.</summary>
    Failed,

    /// <summary>The provider rejected the address or number itself (e.g. a 400 for an invalid mobile number): never retried automatically.</summary>
    PermanentFailure,
}

/// <summary>A message on its way out, written in the same unit of work as the change that caused it (the outbox
/// pattern) and sent later by the dispatcher job. The row is also the delivery record: status, attempts, the last
/// error (never personal data) and the provider's own reference.</summary>
public sealed class OutboxMessage : ITenantOwned
{
    public const int ErrorMax = 300;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid? PersonId { get; set; }
    /// <summary>The member of staff a staff message is for (digests, escalations).</summary>
    public Guid? StaffMemberId { get; set; }
    /// <summary>An email address or a phone number.</summary>
    public required string To { get; set; }
    /// <summary>"email" or "sms" (<see cref="NotificationChannels"/>).</summary>
    public required string Channel { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    /// <summary>The registered template it was made from (null for messages written directly).</summary>
    public string? Template { get; set; }
    /// <summary>Makes a message once-only: unique per organisation (e.g. "contact-tomorrow:{person}:{date}"). Null for ordinary messages.</summary>
    public string? NotificationKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;
    /// <summary>Send attempts so far (each claim counts one).</summary>
    public int Attempts { get; set; }
    /// <summary>When the dispatcher next looks at the message: the next try while Pending (null = now), the next delivery
    /// check while Sent (null = no more checks).</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
    /// <summary>The dispatcher pass holding the message while Sending; only that pass may record the outcome.</summary>
    public Guid? ClaimId { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    /// <summary>An earlier attempt may have reached the provider (it timed out, answered 5xx, or its node stopped while
    /// sending): the next attempt first asks the provider whether it already has the message.</summary>
    public bool InDoubt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    /// <summary>What went wrong last, without personal data (status codes and the provider's error type).</summary>
    public string? LastError { get; set; }
    /// <summary>Which provider took it: "outbox", "smtp" or "notify".</summary>
    public string? Provider { get; set; }
    /// <summary>The provider's id for it: GOV.UK Notify's notification id, or the email's Message-Id.</summary>
    public string? ProviderReference { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.Property(x => x.To).HasMaxLength(320);
        b.Property(x => x.Channel).HasMaxLength(10);
        b.Property(x => x.Subject).HasMaxLength(200);
        b.Property(x => x.Body).HasMaxLength(4000);
        b.Property(x => x.Template).HasMaxLength(60);
        b.Property(x => x.NotificationKey).HasMaxLength(120);
        // Rows written before delivery existed read as Pending; the sentinel is a value never used, so EF always writes
        // the status it has rather than leaving it to the database default.
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20)
            .HasDefaultValue(OutboxStatus.Pending).HasSentinel((OutboxStatus)(-1));
        b.Property(x => x.LastError).HasMaxLength(OutboxMessage.ErrorMax);
        b.Property(x => x.Provider).HasMaxLength(10);
        b.Property(x => x.ProviderReference).HasMaxLength(200);
        // The dispatcher's claim: due messages of one organisation in one status.
        b.HasIndex(x => new { x.OrganisationId, x.Status, x.NextAttemptAt });
        // The administrators' list, newest first.
        b.HasIndex(x => new { x.OrganisationId, x.CreatedAt });
        b.HasIndex(x => new { x.OrganisationId, x.ClaimId });
        // Once-only messages (reminders): a second insert of the same key fails, so two passes cannot both queue it.
        b.HasIndex(x => new { x.OrganisationId, x.NotificationKey }).IsUnique();
    }
}
