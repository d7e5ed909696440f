using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneToOne.Platform.Data;

namespace OneToOne.Worklists;

/// <summary>What the work is. Stored as text so new kinds need no migration of old rows.</summary>
public enum WorkTaskKind
{
    Triage,
    FirstContact,
    AssessmentReview,
    PlanAction,
    ServiceReferralReply,
    Escalation,
    HelpRequest,
    SignOff,
    Handover,
    OpenAccessEnding,

    /// <summary>The follow-up outcome questionnaire is due (issue 5): closed by the follow-up, not by an HNA review.</summary>
    OutcomeQuestionnaire,
}

public enum WorkTaskStatus
{
    Open,
    Done,
    Cancelled,
}

/// <summary>Every piece of work has an owner (a staff member, or a team's queue) and a due time. A task is
/// identified by what it is about: (Kind, SourceId, Key) is unique per organisation, so creating the same task
/// twice - two requests, two scheduler nodes - is impossible (the second insert fails and is ignored).</summary>
public sealed class WorkTask : ITenantOwned
{
    public const int TitleMax = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public WorkTaskKind Kind { get; set; }

    /// <summary>The row the work is about (referral, escalation, plan action, ...).</summary>
    public Guid SourceId { get; set; }

    /// <summary>Tells apart several tasks of one kind about one source (e.g. "3m" and "6m" reviews); "" when one.</summary>
    public string Key { get; set; } = "";

    public Guid? PersonId { get; set; }

    /// <summary>The owner: a staff member, or else the team whose queue holds it.</summary>
    public Guid? AssignedToStaffId { get; set; }
    public Guid? AssignedToTeamId { get; set; }

    /// <summary>What to do, without personal data (it may be shown in lists and notifications).</summary>
    public required string Title { get; set; }

    /// <summary>Where the work is done, an app-relative URL.</summary>
    public required string Link { get; set; }

    public DateTimeOffset DueAt { get; set; }
    public WorkTaskStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Set once when the scheduler finds the task past due; the breach then goes up to the team lead.</summary>
    public DateTimeOffset? BreachedAt { get; set; }
    public Guid? EscalatedToStaffId { get; set; }
}

internal sealed class WorkTaskConfiguration : IEntityTypeConfiguration<WorkTask>
{
    public void Configure(EntityTypeBuilder<WorkTask> b)
    {
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Key).HasMaxLength(40);
        b.Property(x => x.Title).HasMaxLength(WorkTask.TitleMax);
        b.Property(x => x.Link).HasMaxLength(300);
        b.HasIndex(x => new { x.OrganisationId, x.Kind, x.SourceId, x.Key }).IsUnique();
        b.HasIndex(x => new { x.OrganisationId, x.Status, x.AssignedToStaffId, x.DueAt });
        b.HasIndex(x => new { x.OrganisationId, x.Status, x.AssignedToTeamId, x.DueAt });
        b.HasIndex(x => new { x.OrganisationId, x.Status, x.DueAt });
        b.HasIndex(x => new { x.OrganisationId, x.PersonId });
        // The breach pass: open tasks not yet breached, by due time (a seek to the not-yet-breached part, whatever the backlog).
        b.HasIndex(x => new { x.OrganisationId, x.Status, x.BreachedAt, x.DueAt });
        // A team lead's breaches: what was escalated to them (and their team's other leads), most overdue first.
        b.HasIndex(x => new { x.OrganisationId, x.EscalatedToStaffId, x.Status, x.DueAt });
    }
}
