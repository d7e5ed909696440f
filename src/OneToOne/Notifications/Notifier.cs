using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Data;

namespace OneToOne.Notifications;

public static class NotificationChannels
{
    public const string Email = "email";
    public const string Sms = "sms";
}

/// <summary>A message template, GOV.UK Notify style: ((name)) placeholders filled from the values given. Each
/// module registers its own with <see cref="NotificationRegistration.AddNotificationTemplate"/>.</summary>
public sealed record NotificationTemplate(string Id, string Subject, string Body);

/// <summary>A message to queue: which template, to whom, with what values. Values may hold personal data (they
/// are the message); nothing here is logged. <paramref name="Key"/> makes the message once-only: it is unique per
/// organisation, so a second message with the same key fails the save (use <see cref="Notifier.QueueOnceAsync"/>).</summary>
public sealed record NotificationRequest(
    string Template,
    string Channel,
    string To,
    IReadOnlyDictionary<string, string> Values,
    Guid? PersonId = null,
    Guid? StaffMemberId = null,
    string? Key = null);

public static class NotificationRegistration
{
    public static IServiceCollection AddNotificationTemplate(this IServiceCollection services, NotificationTemplate template) =>
        services.AddSingleton(template);
}

/// <summary>Queues messages in the caller's unit of work (the outbox row commits with the change that caused
/// it, or not at all); delivery happens later, in the background, with retries.</summary>
public sealed partial class Notifier(OneToOneDb db, TimeProvider clock, IEnumerable<NotificationTemplate> templates)
{
    private readonly Dictionary<string, NotificationTemplate> _templates = templates.ToDictionary(t => t.Id, StringComparer.Ordinal);

    public OutboxMessage Queue(NotificationRequest request)
    {
        if (!_templates.TryGetValue(request.Template, out var template))
        {
            throw new InvalidOperationException($"No notification template is registered as '{request.Template}'.");
        }

        if (request.Channel is not (NotificationChannels.Email or NotificationChannels.Sms))
        {
            throw new InvalidOperationException($"Unknown notification channel '{request.Channel}'.");
        }

        var message = new OutboxMessage
        {
            PersonId = request.PersonId,
            StaffMemberId = request.StaffMemberId,
            To = request.To.Trim(),
            Channel = request.Channel,
            Subject = Fill(template.Subject, request.Values),
            Body = Fill(template.Body, request.Values),
            Template = template.Id,
            NotificationKey = request.Key,
            CreatedAt = clock.GetUtcNow(),
            Status = OutboxStatus.Pending,
        };
        db.Set<OutboxMessage>().Add(message);
        return message;
    }

    /// <summary>Queues a keyed message unless one with its key was already queued (committed, or staged in this unit of
    /// work); null when it was. Two concurrent callers can still both get here: the unique index makes the second save fail,
    /// which <see cref="OutboxWrites.IsUniqueViolation"/> recognises.</summary>
    public async Task<OutboxMessage?> QueueOnceAsync(NotificationRequest request, CancellationToken ct)
    {
        var key = request.Key ?? throw new ArgumentException("A once-only message needs a key.", nameof(request));
        var staged = db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.Entity.NotificationKey == key);
        if (staged || await db.Set<OutboxMessage>().AnyAsync(m => m.NotificationKey == key, ct))
        {
            return null;
        }

        return Queue(request);
    }

    /// <summary>Fills ((name)) placeholders; a missing value is a programming error, not a blank in a letter.</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var v)
            ? v
            : throw new InvalidOperationException($"No value for (({m.Groups[1].Value}))."));

    [GeneratedRegex(@"\(\(([a-z0-9_-]+)\)\)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Placeholder();
}
