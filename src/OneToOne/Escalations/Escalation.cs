using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneToOne.People;
using OneToOne.Platform.Data;
using OneToOne.Workforce;

namespace OneToOne.Escalations;

/// <summary>Why a worker asks a registered practitioner to step in (DOMAIN.md step 8).</summary>
public enum EscalationReason
{
    RedFlagSymptom = 0,
    HighDistress = 1,
    Safeguarding = 2,
    ConcernAboutRecurrence = 3,
    OutsideScope = 4,
    Other = 5,
}

/// <summary>How soon a practitioner must respond. The working-day counts are configurable (<see cref="EscalationOptions"/>).</summary>
public enum EscalationUrgency
{
    /// <summary>By the end of today, UK time.</summary>
    SameDay = 0,
    /// <summary>Within <see cref="EscalationOptions.SoonWorkingDays"/> working days (default 2).</summary>
    Soon = 1,
    /// <summary>Within <see cref="EscalationOptions.RoutineWorkingDays"/> working days (default 5).</summary>
    Routine = 2,
}

/// <summary>raised -> acknowledged -> outcome recorded -> closed. No step can be skipped.</summary>
public enum EscalationStatus
{
    Raised = 0,
    Acknowledged = 1,
    OutcomeRecorded = 2,
    Closed = 3,
}

public enum EscalationOutcome
{
    AdviceGiven = 0,
    ClinicalReviewBooked = 1,
    LevelChanged = 2,
    ReferredOn = 3,
}

/// <summary>Where the worker raised it from: the record itself, an assessment's flag, or a contact.</summary>
public enum EscalationSource
{
    Record = 0,
    Assessment = 1,
    Contact = 2,
}

/// <summary>A concern passed from a worker to a named registered practitioner, or to the registered practitioners of
/// a team (its queue), with a deadline. Its work is a <see cref="Worklists.WorkTask"/> (Kind Escalation, SourceId = Id)
/// that the Worklists breach pass sends up to the team lead when the deadline passes.</summary>
public sealed class Escalation : ITenantOwned, IVersioned
{
    public const int DescriptionMax = 4000;
    public const int ReasonDetailMax = 200;
    public const int NoteMax = 4000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid PersonId { get; set; }
    /// <summary>The person's open episode when it was raised, if they had one.</summary>
    public Guid? ReferralId { get; set; }
    public EscalationSource Source { get; set; }
    /// <summary>The assessment response or contact it was raised from (null from the record).</summary>
    public Guid? SourceId { get; set; }
    /// <summary>Set only on the escalation raised by itself from an assessment's red flags; unique, so one response
    /// can never raise two (NULLs never collide in a unique index on SQLite or PostgreSQL).</summary>
    public Guid? AutomaticForResponseId { get; set; }

    public EscalationReason Reason { get; set; }
    /// <summary>Required when <see cref="Reason"/> is Other.</summary>
    public string? ReasonDetail { get; set; }
    public required string Description { get; set; }
    public EscalationUrgency Urgency { get; set; }
    public DateTimeOffset DueAt { get; set; }

    /// <summary>Sent to a named registered practitioner, or else to a team's queue.</summary>
    public Guid? AssignedToStaffId { get; set; }
    public Guid? AssignedToTeamId { get; set; }

    public EscalationStatus Status { get; set; }

    public Guid? RaisedByStaffId { get; set; }
    public required string RaisedByName { get; set; }
    public DateTimeOffset RaisedAt { get; set; }

    public Guid? AcknowledgedByStaffId { get; set; }
    public string? AcknowledgedByName { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }

    public EscalationOutcome? Outcome { get; set; }
    public string? OutcomeNote { get; set; }
    public Guid? OutcomeByStaffId { get; set; }
    public string? OutcomeByName { get; set; }
    public DateTimeOffset? OutcomeAt { get; set; }

    public Guid? ClosedByStaffId { get; set; }
    public string? ClosedByName { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsOpen => Status != EscalationStatus.Closed;
}

internal sealed class EscalationConfiguration : IEntityTypeConfiguration<Escalation>
{
    public void Configure(EntityTypeBuilder<Escalation> b)
    {
        b.Property(x => x.Reason).HasConversion<string>().HasMaxLength(40);
        b.Property(x => x.Urgency).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(40);
        b.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.ReasonDetail).HasMaxLength(Escalation.ReasonDetailMax);
        b.Property(x => x.Description).HasMaxLength(Escalation.DescriptionMax);
        b.Property(x => x.OutcomeNote).HasMaxLength(Escalation.NoteMax);
        b.Property(x => x.RaisedByName).HasMaxLength(200);
        b.Property(x => x.AcknowledgedByName).HasMaxLength(200);
        b.Property(x => x.OutcomeByName).HasMaxLength(200);
        b.Property(x => x.ClosedByName).HasMaxLength(200);
        b.Ignore(x => x.IsOpen);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.AssignedToStaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Team>().WithMany().HasForeignKey(x => x.AssignedToTeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        // OrganisationId leads every index (DESIGN.md: distribution by organisation).
        b.HasIndex(x => new { x.OrganisationId, x.PersonId, x.Status });
        b.HasIndex(x => new { x.OrganisationId, x.Status, x.AssignedToStaffId, x.DueAt });
        b.HasIndex(x => new { x.OrganisationId, x.Status, x.AssignedToTeamId, x.DueAt });
        b.HasIndex(x => new { x.OrganisationId, x.RaisedByStaffId, x.Status });
        b.HasIndex(x => new { x.OrganisationId, x.AutomaticForResponseId }).IsUnique();
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}
