using Microsoft.EntityFrameworkCore;
using OneToOne.Assessments;
using OneToOne.Contacts;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;
using OneToOne.Referrals;
using OneToOne.ServiceDirectory;

namespace OneToOne.People;

/// <summary>One thing that happened in a person's support. Kind is a short display word ("Referral", "Contact"...)
/// rather than an enum so other modules (care plans) can add their own entries without changing this file.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Kind, string Title, string? Detail, string? Link);

/// <summary>Extension point for modules the People module must not reference (care plan versions): register an
/// implementation in your module's Add method, e.g. <c>services.AddScoped&lt;IPersonTimelineSource, CarePlanTimelineSource&gt;()</c>,
/// and the person's record merges its entries. Keep it to one small query on an (OrganisationId, PersonId) index, capped
/// at <see cref="Timeline.PerSource"/> rows.</summary>
public interface IPersonTimelineSource
{
    Task<IReadOnlyList<TimelineEntry>> EntriesAsync(OneToOneDb db, Guid personId, CancellationToken ct);
}

/// <summary>The record's timeline, newest first, and the submitted assessments' scores for the chart, oldest first.</summary>
public sealed record PersonTimeline(IReadOnlyList<TimelineEntry> Entries, IReadOnlyList<ScorePoint> Scores)
{
    /// <summary>Entries grouped by UK calendar year, newest year first (the page's headings).</summary>
    public IEnumerable<IGrouping<int, TimelineEntry>> ByYear() => Entries.GroupBy(e => UkTime.ToUk(e.At).Year);
}

/// <summary>Builds a person's timeline with one small projected query per source, each on an (OrganisationId, PersonId ...)
/// index (the tenant filter supplies OrganisationId) and each capped at <see cref="PerSource"/> newest rows, so five years
/// of history costs a fixed handful of round trips and never an N+1.</summary>
public static class Timeline
{
    /// <summary>Enough for five years of weekly contacts; older rows are on each module's own list page.</summary>
    public const int PerSource = 300;

    /// <summary>Extension point: <paramref name="extra"/> takes entries from modules this file must not depend on
    /// (care plan versions), already projected; they are merged and sorted with the rest.</summary>
    public static async Task<PersonTimeline> BuildAsync(OneToOneDb db, Guid personId, IEnumerable<TimelineEntry>? extra, CancellationToken ct)
    {
        var entries = new List<TimelineEntry>();

        var referrals = await db.Referrals.AsNoTracking().Where(r => r.PersonId == personId)
            .OrderByDescending(r => r.ReceivedOn).Take(PerSource)
            .Select(r => new { r.Id, r.ReceivedOn, r.CreatedAt, r.Source, r.ReferrerName, r.DischargedAt })
            .ToListAsync(ct);
        foreach (var r in referrals)
        {
            entries.Add(new TimelineEntry(ReceivedAt(r.ReceivedOn, r.CreatedAt), "Referral", "Referral received",
                $"From {r.ReferrerName} ({ReferralRules.SourceText(r.Source)})", $"/referrals/{r.Id}"));
            if (r.DischargedAt is { } discharged)
            {
                entries.Add(new TimelineEntry(discharged, "Discharge", "Discharged from support", null, $"/referrals/{r.Id}"));
            }
        }

        var referralIds = referrals.Select(r => r.Id).ToList();
        if (referralIds.Count > 0)
        {
            var decisions = await db.TriageDecisions.AsNoTracking().Where(d => referralIds.Contains(d.ReferralId))
                .OrderByDescending(d => d.DecidedAt).Take(PerSource)
                .Select(d => new { d.ReferralId, d.DecidedAt, d.Outcome, d.Level, d.DecidedByName, d.Reason })
                .ToListAsync(ct);
            entries.AddRange(decisions.Select(d => new TimelineEntry(d.DecidedAt, "Triage",
                $"Triage: {ReferralRules.StatusText(d.Outcome).ToLowerInvariant()}" + (d.Level is { } level ? $" at {level.DisplayName()}" : ""),
                $"{d.DecidedByName}: {d.Reason}", $"/referrals/{d.ReferralId}")));
        }

        var assignments = await db.KeyWorkerAssignments.AsNoTracking().Where(a => a.PersonId == personId)
            .OrderByDescending(a => a.AssignedAt).Take(PerSource)
            .Join(db.Staff, a => a.StaffMemberId, s => s.Id,
                (a, s) => new { a.ReferralId, a.AssignedAt, a.Level, StaffName = s.DisplayName, a.AssignedByName })
            .ToListAsync(ct);
        entries.AddRange(assignments.Select(a => new TimelineEntry(a.AssignedAt, "Allocation", $"Key worker: {a.StaffName}",
            $"{a.Level.DisplayName()}, assigned by {a.AssignedByName}", $"/referrals/{a.ReferralId}")));

        var assessments = await db.Set<AssessmentResponse>().AsNoTracking()
            .Where(a => a.PersonId == personId && a.Status == ResponseStatus.Submitted && a.SubmittedAt != null)
            .OrderByDescending(a => a.SubmittedAt).Take(PerSource)
            .Select(a => new { a.Id, SubmittedAt = a.SubmittedAt!.Value, a.InstrumentCode, a.Timepoint, a.DistressScore, a.MeanSeverity, a.ConcernCount, a.HasRedFlags })
            .ToListAsync(ct);
        entries.AddRange(assessments.Select(a => new TimelineEntry(a.SubmittedAt, "Assessment",
            $"Assessment ({a.InstrumentCode.ToUpperInvariant()}, {a.Timepoint.ToString().ToLowerInvariant()})",
            $"Distress {(a.DistressScore?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not given")}, "
                + $"{a.ConcernCount} concerns" + (a.HasRedFlags ? ", red flag" : ""),
            $"/assessments/{a.Id}/summary")));

        var contacts = await db.Set<Contact>().AsNoTracking().Where(c => c.PersonId == personId)
            .OrderByDescending(c => c.OccurredAt).Take(PerSource)
            .Select(c => new { c.OccurredAt, c.Mode, c.DurationMinutes })
            .ToListAsync(ct);
        entries.AddRange(contacts.Select(c => new TimelineEntry(c.OccurredAt, "Contact", $"Contact: {ContactRules.ModeText(c.Mode).ToLowerInvariant()}",
            $"{c.DurationMinutes} minutes", $"/people/{personId}/contacts")));

        var serviceReferrals = await db.Set<ServiceReferral>().AsNoTracking().Where(s => s.PersonId == personId)
            .OrderByDescending(s => s.SentAt).Take(PerSource)
            .Select(s => new { s.Id, s.SentAt, s.Status, ServiceName = s.Service!.Name })
            .ToListAsync(ct);
        entries.AddRange(serviceReferrals.Select(s => new TimelineEntry(s.SentAt, "Service referral", $"Referred to {s.ServiceName}",
            DirectoryRules.StatusText(s.Status), $"/service-referrals/{s.Id}")));

        if (extra is not null)
        {
            entries.AddRange(extra);
        }

        var scores = assessments.OrderBy(a => a.SubmittedAt)
            .Select(a => new ScorePoint(a.SubmittedAt, a.InstrumentCode, a.DistressScore, a.MeanSeverity, a.ConcernCount))
            .ToList();
        return new PersonTimeline(Order(entries), scores);
    }

    /// <summary>Newest first; ties keep a stable, meaningful order (referral before triage before allocation on one day).</summary>
    public static IReadOnlyList<TimelineEntry> Order(IEnumerable<TimelineEntry> entries) =>
        [.. entries.Select((e, i) => (e, i)).OrderByDescending(x => x.e.At).ThenByDescending(x => x.i).Select(x => x.e)];

    /// <summary>A referral has only a received date; use its creation time when that was the same UK day (so it sorts
    /// before same-day triage), else the start of that UK day.</summary>
    public static DateTimeOffset ReceivedAt(DateOnly receivedOn, DateTimeOffset createdAt)
    {
        if (createdAt != default && DateOnly.FromDateTime(UkTime.ToUk(createdAt).DateTime) == receivedOn)
        {
            return createdAt.ToUniversalTime();
        }

        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var local = receivedOn.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, london.GetUtcOffset(local)).ToUniversalTime();
    }
}
