using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OneToOne.Assessments;
using OneToOne.Notifications;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;
using OneToOne.Worklists;

namespace OneToOne.Escalations;

/// <summary>A red flag raises an escalation by itself. When an assessment response becomes submitted with red flags,
/// this adds a same-day escalation (reason: red-flag symptom) to the team queue in the SAME save, so the submission
/// and its escalation commit together or not at all, whichever page, API or person's link submitted it; the
/// assessment code is not touched. Once only per response: it looks for an existing one, and a unique index on
/// <see cref="Escalation.AutomaticForResponseId"/> stops a race.</summary>
/// <remarks>It runs inside OneToOneDb.SaveChangesAsync after tenancy stamping and audit chaining, so it gives every
/// row it adds the response's organisation itself and chains its audit event after the ones already in this save.</remarks>
internal sealed partial class RedFlagEscalationInterceptor(
    EscalationOptions options, WorkingDayCalendar calendar, IEnumerable<NotificationTemplate> templates, ILogger<RedFlagEscalationInterceptor> log)
    : SaveChangesInterceptor
{
    public const string RaisedByName = "OneToOne (red flag in an assessment)";

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is OneToOneDb db)
        {
            foreach (var response in NewlySubmittedWithRedFlags(db))
            {
                await RaiseAsync(db, response, cancellationToken);
            }
        }

        return result;
    }

    /// <summary>Looks only at tracked responses, detecting changes on those alone (not a second full DetectChanges of
    /// every save in the app).</summary>
    private static List<AssessmentResponse> NewlySubmittedWithRedFlags(OneToOneDb db)
    {
        var tracker = db.ChangeTracker;
        var auto = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            var found = new List<AssessmentResponse>();
            foreach (var entry in tracker.Entries<AssessmentResponse>())
            {
                entry.DetectChanges();
                if (entry.Entity is { Status: ResponseStatus.Submitted, HasRedFlags: true } && BecameSubmitted(entry))
                {
                    found.Add(entry.Entity);
                }
            }

            return found;
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = auto;
        }
    }

    private static bool BecameSubmitted(EntityEntry<AssessmentResponse> entry) => entry.State switch
    {
        EntityState.Added => true,
        EntityState.Modified => entry.Property(r => r.Status).OriginalValue != ResponseStatus.Submitted,
        _ => false,
    };

    private async Task RaiseAsync(OneToOneDb db, AssessmentResponse response, CancellationToken ct)
    {
        var set = db.Set<Escalation>();
        if (set.Local.Any(e => e.AutomaticForResponseId == response.Id)
            || await set.AnyAsync(e => e.AutomaticForResponseId == response.Id, ct))
        {
            return;
        }

        var teamId = await TeamForAsync(db, response, ct);
        if (teamId is null)
        {
            // Nobody to send it to: the red flag still shows on the record and the caseload. Ids only, no personal data.
            LogNoTeam(log, response.Id, response.OrganisationId);
            return;
        }

        var now = db.Clock.GetUtcNow();
        var episode = response.ReferralId ?? (await EscalationStaging.OpenEpisodeAsync(db, response.PersonId, ct))?.Id;
        var flags = string.Join("; ", response.RedFlags.Select(ConcernCatalogue.ItemText));
        var escalation = new Escalation
        {
            PersonId = response.PersonId,
            ReferralId = episode,
            Source = EscalationSource.Assessment,
            SourceId = response.Id,
            AutomaticForResponseId = response.Id,
            Reason = EscalationReason.RedFlagSymptom,
            Description = Truncate($"Raised automatically: the assessment submitted {UkTime.Format(response.SubmittedAt ?? now)} reported red flags: {flags}.",
                Escalation.DescriptionMax),
            Urgency = EscalationUrgency.SameDay,
            DueAt = EscalationRules.DueAt(EscalationUrgency.SameDay, now, calendar, options),
            AssignedToTeamId = teamId,
            Status = EscalationStatus.Raised,
            RaisedByStaffId = null,
            RaisedByName = RaisedByName,
            RaisedAt = now,
        };
        await EscalationStaging.StageAsync(db, escalation, response.OrganisationId,
            new WorkTasks(db, db.Clock), new Notifier(db, db.Clock, templates), options, ct);
        await AuditAsync(db, escalation, response, ct);
    }

    /// <summary>The team of the person's key worker; else of the worker who did the assessment; else the organisation's
    /// first active team (by name). There is no supervisor-of-key-worker link yet: when one exists it can go first.</summary>
    private static async Task<Guid?> TeamForAsync(OneToOneDb db, AssessmentResponse response, CancellationToken ct)
    {
        var keyWorker = await db.Referrals.AsNoTracking()
            .Where(r => r.PersonId == response.PersonId && Referrals.Referral.OpenStatuses.Contains(r.Status) && r.KeyWorkerId != null)
            .OrderByDescending(r => r.CreatedAt)
            .Select(r => r.KeyWorker!.TeamId)
            .FirstOrDefaultAsync(ct);
        if (keyWorker is { } fromKeyWorker && await ActiveTeamAsync(db, fromKeyWorker, ct))
        {
            return fromKeyWorker;
        }

        if (response.StaffMemberId is { } staffId)
        {
            var team = await db.Staff.AsNoTracking().Where(s => s.Id == staffId).Select(s => s.TeamId).FirstOrDefaultAsync(ct);
            if (team is { } fromWorker && await ActiveTeamAsync(db, fromWorker, ct))
            {
                return fromWorker;
            }
        }

        return await db.Teams.AsNoTracking().Where(t => t.Active).OrderBy(t => t.Name).ThenBy(t => t.Id).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);
    }

    private static Task<bool> ActiveTeamAsync(OneToOneDb db, Guid teamId, CancellationToken ct) =>
        db.Teams.AnyAsync(t => t.Id == teamId && t.Active, ct);

    /// <summary>Audits the raise in this save: chained after the events OneToOneDb already chained (the submission's
    /// own event is always among them), else given its place in the chain now.</summary>
    private static async Task AuditAsync(OneToOneDb db, Escalation escalation, AssessmentResponse response, CancellationToken ct)
    {
        var user = db.CurrentUser;
        var audit = new AuditEvent
        {
            OrganisationId = response.OrganisationId,
            OccurredAt = AuditEvent.Truncate(db.Clock.GetUtcNow()),
            UserId = user.UserId,
            UserName = user.Name,
            Role = user.Role,
            Action = "escalation.raise",
            EntityType = "Escalation",
            EntityId = escalation.Id.ToString(),
            PersonId = escalation.PersonId,
            Detail = $"automatic; {escalation.Reason}; {escalation.Urgency}; to team {escalation.AssignedToTeamId}; from assessment {response.Id}",
        };
        var last = db.ChangeTracker.Entries<AuditEvent>()
            .Where(e => e.State == EntityState.Added && e.Entity.OrganisationId == audit.OrganisationId && e.Entity.Sequence > 0)
            .Select(e => e.Entity)
            .OrderByDescending(e => e.Sequence)
            .FirstOrDefault();
        db.AuditEvents.Add(audit);
        if (last is not null)
        {
            audit.Sequence = last.Sequence + 1;
            audit.PreviousHash = last.Hash;
            audit.Hash = audit.ComputeHash();
        }
        else
        {
            // Not reached from the assessment code (its submit always audits). Were it reached, a concurrent writer
            // taking the same sequence fails the whole save on the unique index: refused, never half-stored.
            await AuditChain.AssignAsync(db, [audit], ct);
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Assessment response {ResponseId} in organisation {OrganisationId} has red flags but the organisation has no active team to escalate to")]
    private static partial void LogNoTeam(ILogger logger, Guid responseId, Guid organisationId);
}
