using System.Text.RegularExpressions;
using OneToOne.PatientAccess;
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
/// are the message); nothing here is logged.</summary>
public sealed record NotificationRequest(
    string Template,
    string Channel,
    string To,
    IReadOnlyDictionary<string, string> Values,
    Guid? PersonId = null,
    Guid? StaffMemberId = null);

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

        var message = new OutboxMessage
        {
            PersonId = request.PersonId,
            To = request.To,
            Channel = request.Channel,
            Subject = Fill(template.Subject, request.Values),
            Body = Fill(template.Body, request.Values),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Set<OutboxMessage>().Add(message);
        return message;
    }

    /// <summary>Fills ((name)) placeholders; a missing value is a programming error, not a blank in a letter.</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var v)
            ? v
            : throw new InvalidOperationException($"No value for (({m.Groups[1].Value}))."));

    [GeneratedRegex(@"\(\(([a-z0-9_-]+)\)\)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Placeholder();
}
