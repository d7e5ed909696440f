using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OneToOne.Assessments;
using OneToOne.Contacts;
using OneToOne.PatientAccess;
using OneToOne.Platform.Background;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;
using OneToOne.Worklists;

namespace OneToOne.Notifications;

/// <summary>The "reminders" job: during the day (UK time), queues reminders to people (a questionnaire not yet
/// completed, a contact planned for tomorrow) and a daily digest of overdue work to staff. Each reminder has a key
/// unique in its organisation, so it is queued once however many passes or nodes run.</summary>
internal sealed class ReminderJob(OrganisationScopes organisations, NotificationOptions options, TimeProvider clock) : IScheduledJob
{
    public const string JobName = "reminders";

    public string Name => JobName;

    public TimeSpan Interval => TimeSpan.FromMinutes(15);

    public Task RunAsync(CancellationToken ct) =>
        ReminderWindow.IsOpen(clock.GetUtcNow(), options.Reminders.FromHour, options.Reminders.UntilHour)
            ? organisations.ForEachAsync((services, _) => services.GetRequiredService<Reminders>().RunAsync(ct), ct)
            : Task.CompletedTask;
}

internal static class ReminderTemplates
{
    public const string QuestionnaireDue = "questionnaire-reminder";
    public const string ContactTomorrow = "contact-tomorrow";
    public const string StaffOverdue = "staff-overdue-digest";

    public static readonly NotificationTemplate[] All =
    [
        new(QuestionnaireDue, "Reminder: your questionnaire",
            "Your support team asked you to fill in a short questionnaire about how you are. It takes about 10 minutes. "
            + "Please use the link in the message we sent you on ((sent)). The link works until ((expires)). "
            + "If you have lost it, contact your support team for a new one."),
        new(ContactTomorrow, "Reminder: your support team will contact you tomorrow",
            "Your support team plans to contact you tomorrow, ((date)). If this is no longer convenient, please contact your support team."),
        new(StaffOverdue, "OneToOne: ((count)) overdue",
            "You have ((count)) overdue in OneToOne:\n\n((items))\n\nSign in to OneToOne and open your work list to see them."),
    ];
}

/// <summary>One organisation's reminders.</summary>
internal sealed class Reminders(OneToOneDb db, Notifier notifier, TimeProvider clock, NotificationOptions options, ILogger<Reminders> log)
{
    private const int DigestItems = 10;

    public async Task RunAsync(CancellationToken ct)
    {
        var requests = new List<NotificationRequest>();
        if (options.Reminders.QuestionnaireDue)
        {
            requests.AddRange(await QuestionnairesDueAsync(ct));
        }

        if (options.Reminders.ContactTomorrow)
        {
            requests.AddRange(await ContactsTomorrowAsync(ct));
        }

        if (options.Reminders.StaffDigest)
        {
            requests.AddRange(await StaffDigestsAsync(ct));
        }

        await QueueOnceAsync(requests, ct);
    }

    /// <summary>An assessment link sent at least N days ago, still open (not used, locked or expired), its questionnaire not submitted.</summary>
    private async Task<IEnumerable<NotificationRequest>> QuestionnairesDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var sentBefore = now.AddDays(-options.Reminders.QuestionnaireAfterDays);
        var links = await db.Set<AssessmentLink>().AsNoTracking()
            .Where(l => l.UsedAt == null && l.LockedAt == null && l.ExpiresAt > now && l.CreatedAt <= sentBefore)
            .Join(db.Set<AssessmentResponse>().Where(r => r.Status == ResponseStatus.InProgress), l => l.ResponseId, r => r.Id, (l, r) => l)
            .Join(db.People, l => l.PersonId, p => p.Id, (l, p) => new { l.Id, l.PersonId, l.CreatedAt, l.ExpiresAt, p.PreferredContactMethod, p.Email, p.Phone })
            .ToListAsync(ct);
        return links.Select(l => PersonChannel.For(l.PreferredContactMethod, l.Email, l.Phone) is { } to
                ? new NotificationRequest(ReminderTemplates.QuestionnaireDue, to.Channel, to.To,
                    new Dictionary<string, string>(StringComparer.Ordinal)
                    {
                        ["sent"] = UkTime.Format(DateOnly.FromDateTime(UkTime.ToUk(l.CreatedAt).DateTime)),
                        ["expires"] = UkTime.Format(l.ExpiresAt),
                    },
                    PersonId: l.PersonId, Key: string.Create(CultureInfo.InvariantCulture, $"questionnaire-due:{l.Id:N}"))
                : null)
            .OfType<NotificationRequest>();
    }

    /// <summary>People whose latest contact planned the next one for tomorrow (UK date).</summary>
    private async Task<IEnumerable<NotificationRequest>> ContactsTomorrowAsync(CancellationToken ct)
    {
        var tomorrow = UkTime.Today(clock).AddDays(1);
        var contacts = db.Set<Contact>();
        var people = await contacts.AsNoTracking()
            .Where(c => c.NextContactOn == tomorrow && !contacts.Any(later => later.PersonId == c.PersonId && later.OccurredAt > c.OccurredAt))
            .Join(db.People, c => c.PersonId, p => p.Id, (c, p) => new { p.Id, p.PreferredContactMethod, p.Email, p.Phone })
            .Distinct()
            .ToListAsync(ct);
        return people.Select(p => PersonChannel.For(p.PreferredContactMethod, p.Email, p.Phone) is { } to
                ? new NotificationRequest(ReminderTemplates.ContactTomorrow, to.Channel, to.To,
                    new Dictionary<string, string>(StringComparer.Ordinal) { ["date"] = tomorrow.ToString("dddd d MMMM", CultureInfo.GetCultureInfo("en-GB")) },
                    PersonId: p.Id, Key: ReminderWindow.Key("contact-tomorrow", p.Id, tomorrow))
                : null)
            .OfType<NotificationRequest>();
    }

    /// <summary>One email a day to each active member of staff with open work past its due time. Task titles carry no
    /// personal data (the WorkTask contract), so they may go in an email.</summary>
    private async Task<IEnumerable<NotificationRequest>> StaffDigestsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = UkTime.Today(clock);
        var overdue = await db.Set<WorkTask>().AsNoTracking()
            .Where(t => t.Status == WorkTaskStatus.Open && t.AssignedToStaffId != null && t.DueAt < now)
            .Select(t => new { StaffId = t.AssignedToStaffId!.Value, t.Title, t.DueAt })
            .ToListAsync(ct);
        if (overdue.Count == 0)
        {
            return [];
        }

        var staffIds = overdue.Select(t => t.StaffId).Distinct().ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id) && s.Active)
            .Select(s => new { s.Id, s.Email }).ToListAsync(ct);
        return staff.Where(s => !string.IsNullOrWhiteSpace(s.Email)).Select(s =>
        {
            var tasks = overdue.Where(t => t.StaffId == s.Id).OrderBy(t => t.DueAt).ToList();
            var items = new StringBuilder();
            foreach (var t in tasks.Take(DigestItems))
            {
                items.Append(CultureInfo.InvariantCulture, $"* {t.Title} (due {UkTime.Format(t.DueAt)})\n");
            }

            if (tasks.Count > DigestItems)
            {
                items.Append(CultureInfo.InvariantCulture, $"* and {tasks.Count - DigestItems} more\n");
            }

            var count = tasks.Count == 1 ? "1 piece of work" : string.Create(CultureInfo.InvariantCulture, $"{tasks.Count} pieces of work");
            return new NotificationRequest(ReminderTemplates.StaffOverdue, NotificationChannels.Email, s.Email,
                new Dictionary<string, string>(StringComparer.Ordinal) { ["count"] = count, ["items"] = items.ToString().TrimEnd() },
                StaffMemberId: s.Id, Key: ReminderWindow.Key("overdue-digest", s.Id, today));
        });
    }

    /// <summary>Queues what is not queued yet. Another pass may queue the same keys at the same moment: then the unique
    /// index refuses our batch, and we fall back to one message per save, skipping the keys the other pass took.</summary>
    private async Task QueueOnceAsync(List<NotificationRequest> requests, CancellationToken ct)
    {
        if (requests.Count == 0)
        {
            return;
        }

        var keys = requests.Select(r => r.Key!).ToList();
        var existing = (await db.Set<OutboxMessage>().Where(m => m.NotificationKey != null && keys.Contains(m.NotificationKey))
            .Select(m => m.NotificationKey!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var fresh = requests.Where(r => !existing.Contains(r.Key!)).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        foreach (var request in fresh)
        {
            notifier.Queue(request);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            log.LogInformation("Queued {Count} reminders", fresh.Count);
            return;
        }
        catch (DbUpdateException e) when (OutboxWrites.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
        }

        foreach (var request in fresh)
        {
            try
            {
                if (await notifier.QueueOnceAsync(request, ct) is not null)
                {
                    await db.SaveChangesAsync(ct);
                }
            }
            catch (DbUpdateException e) when (OutboxWrites.IsUniqueViolation(e))
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
