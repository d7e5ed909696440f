using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneToOne.Notifications;
using OneToOne.Platform.Background;
using OneToOne.Platform.Data;

namespace OneToOne.Worklists.Jobs;

/// <summary>Open tasks past their deadline go up to the team lead: each gets BreachedAt and EscalatedToStaffId once
/// (a conditional update checked by its row count, so two nodes never breach one task twice), and each lead gets
/// one email per pass saying how many. Incremental: it reads only open, not-yet-breached tasks already due, from the
/// (Organisation, Status, BreachedAt, DueAt) index, so its cost follows what fell due, not the size of the database.</summary>
internal sealed class BreachPass(OrganisationScopes organisations, TimeProvider clock, WorklistOptions options, JobReport report) : IScheduledJob
{
    public const string JobName = "work-tasks.breaches";
    public const string TemplateId = "work-task-breached";
    private const int Batch = 500;

    public static readonly NotificationTemplate Template = new(TemplateId,
        "Work past its deadline in your team",
        "((count)) piece(s) of work in your team passed the deadline without being done. Sign in to OneToOne and open "
        + "Team breaches (/team/breaches) to see who holds each one and how late it is.");

    public string Name => JobName;

    public TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(5, options.BreachPassSeconds));

    public Task RunAsync(CancellationToken ct) =>
        organisations.ForEachAsync((sp, _) => BreachAsync(sp.GetRequiredService<OneToOneDb>(), sp.GetRequiredService<Notifier>(), ct), ct);

    private async Task BreachAsync(OneToOneDb db, Notifier notifier, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<TeamLead>? leads = null;
        Dictionary<Guid, Guid?>? staffTeams = null;
        var lastSeen = (Due: DateTimeOffset.MinValue, Id: Guid.Empty);
        while (true)
        {
            var due = await db.Set<WorkTask>()
                .Where(t => t.Status == WorkTaskStatus.Open && t.BreachedAt == null && t.DueAt < now)
                .OrderBy(t => t.DueAt).ThenBy(t => t.Id)
                .Select(t => new { t.Id, t.DueAt, t.AssignedToStaffId, t.AssignedToTeamId })
                .AsNoTracking()
                .Take(Batch)
                .ToListAsync(ct);
            // Stop when a page brings nothing new (every row claimed by this pass or another node, or changed since).
            if (due.Count == 0 || (due[^1].DueAt == lastSeen.Due && due[^1].Id == lastSeen.Id))
            {
                return;
            }

            lastSeen = (due[^1].DueAt, due[^1].Id);
            leads ??= await WorkOwners.TeamLeadsAsync(db, ct);
            staffTeams ??= await db.Staff.AsNoTracking().Select(s => new { s.Id, s.TeamId }).ToDictionaryAsync(s => s.Id, s => s.TeamId, ct);

            // One conditional update per task, in (DueAt, Id) order: any two passes lock rows in the same order, so
            // overlapping passes (a lost lease) wait for each other rather than deadlock; the loser's update counts 0.
            var escalated = new Dictionary<Guid, (TeamLead Lead, int Count)>();
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                foreach (var task in due)
                {
                    var team = task.AssignedToTeamId ?? (task.AssignedToStaffId is { } staff ? staffTeams.GetValueOrDefault(staff) : null);
                    var lead = WorkOwners.LeadFor(team, task.AssignedToStaffId, leads);
                    var leadId = lead?.StaffId;
                    var claimed = await db.Set<WorkTask>()
                        .Where(t => t.Id == task.Id && t.Status == WorkTaskStatus.Open && t.BreachedAt == null && t.DueAt < now)
                        .ExecuteUpdateAsync(s => s.SetProperty(t => t.BreachedAt, now).SetProperty(t => t.EscalatedToStaffId, lead == null ? null : lead.StaffId), ct);
                    if (claimed != 1)
                    {
                        report.Add("already breached elsewhere");
                        continue;
                    }

                    report.Add("breached");
                    if (lead is null)
                    {
                        report.Add("no team lead to escalate to");
                        continue;
                    }

                    escalated[lead.StaffId] = (lead, escalated.GetValueOrDefault(lead.StaffId).Count + 1);
                }

                foreach (var (lead, count) in escalated.Values)
                {
                    notifier.Queue(new NotificationRequest(TemplateId, NotificationChannels.Email, lead.Email,
                        new Dictionary<string, string>(StringComparer.Ordinal) { ["count"] = count.ToString(CultureInfo.InvariantCulture) },
                        StaffMemberId: lead.StaffId));
                    report.Add("team leads told");
                }

                // The outbox rows commit with the breaches they announce, or not at all.
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }

            db.ChangeTracker.Clear();
            if (due.Count < Batch)
            {
                return;
            }
        }
    }
}
