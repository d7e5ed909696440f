using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OneToOne.Evaluation;
using OneToOne.Platform.Data;
using OneToOne.Referrals;
using OneToOne.Worklists;

namespace OneToOne.Assessments;

/// <summary>The key worker's reminder of the follow-up outcome questionnaire. When a baseline outcome questionnaire
/// becomes submitted (the worker's pages, the API or the person's own link alike), a task "Outcome questionnaire due:
/// follow-up" opens for the episode's key worker (else the team's queue), due <see cref="EvaluationOptions.FollowUpMonths"/>
/// after the baseline, in the SAME save; a submitted follow-up outcome questionnaire completes it. The person's own
/// reminder is the existing one for an unused link (Notifications' reminders job).</summary>
/// <remarks>The task is an assessment review of the episode (SourceId the referral, its own Key), so the work lists'
/// existing rules apply to it: it follows the key worker on a handover and is cancelled when the episode closes.
/// It runs inside OneToOneDb.SaveChangesAsync after tenancy stamping, so it stamps the task's organisation itself.</remarks>
internal sealed class OutcomeFollowUpInterceptor(EvaluationOptions options, TimeProvider clock) : SaveChangesInterceptor
{
    public const WorkTaskKind TaskKind = WorkTaskKind.OutcomeQuestionnaire;
    public const string TaskKey = "outcome-follow-up";
    public const string TaskTitle = "Outcome questionnaire due: follow-up";

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is OneToOneDb db && db.TenantId != Guid.Empty)
        {
            foreach (var response in NewlySubmittedOutcomes(db))
            {
                await ApplyAsync(db, response, cancellationToken);
            }
        }

        return result;
    }

    /// <summary>Looks only at tracked responses (not a second full DetectChanges of every save in the app).</summary>
    private static List<AssessmentResponse> NewlySubmittedOutcomes(OneToOneDb db)
    {
        var tracker = db.ChangeTracker;
        var auto = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            var found = new List<AssessmentResponse>();
            foreach (var entry in tracker.Entries<AssessmentResponse>())
            {
                if (entry.Entity.InstrumentCode != EvaluationInstruments.OutcomesCode)
                {
                    continue;
                }

                entry.DetectChanges();
                if (entry.Entity is { Status: ResponseStatus.Submitted, Timepoint: Timepoint.Baseline or Timepoint.Review } && BecameSubmitted(entry))
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

    private async Task ApplyAsync(OneToOneDb db, AssessmentResponse response, CancellationToken ct)
    {
        var tasks = new WorkTasks(db, clock);
        if (response.Timepoint == Timepoint.Review)
        {
            var due = await db.Set<WorkTask>()
                .Where(t => t.PersonId == response.PersonId && t.Kind == TaskKind && t.Key == TaskKey && t.Status == WorkTaskStatus.Open)
                .ToListAsync(ct);
            foreach (var followUp in due)
            {
                await tasks.CompleteAsync(followUp.Kind, followUp.SourceId, ct, followUp.Key);
                db.Entry(followUp).DetectChanges();
            }

            return;
        }

        // The episode: the response's own referral when it is still open, else the person's latest open one.
        var open = await db.Referrals.AsNoTracking()
            .Where(r => r.PersonId == response.PersonId && Referral.OpenStatuses.Contains(r.Status))
            .OrderByDescending(r => r.CreatedAt)
            .Select(r => new { r.Id, r.KeyWorkerId })
            .ToListAsync(ct);
        var referral = open.FirstOrDefault(r => r.Id == response.ReferralId) ?? open.FirstOrDefault();
        if (referral is null)
        {
            return; // no open episode: nothing to follow up
        }

        var team = referral.KeyWorkerId is null ? await WorkOwners.TriageTeamAsync(db, ct) : null;
        if (referral.KeyWorkerId is null && team is null)
        {
            return;
        }

        var dueOn = QuestionnaireSchedule.FollowUpDue(response.SubmittedAt ?? clock.GetUtcNow(), options.FollowUpMonths);
        var task = await tasks.EnsureAsync(new WorkTaskSpec(TaskKind, referral.Id, TaskTitle, $"/people/{response.PersonId}/questionnaires",
            WorkTaskRules.EndOfUkDay(dueOn), response.PersonId, referral.KeyWorkerId, team, TaskKey), ct);
        if (db.Entry(task).State == EntityState.Added)
        {
            task.OrganisationId = response.OrganisationId;
        }
        else
        {
            db.Entry(task).DetectChanges();
        }
    }
}
