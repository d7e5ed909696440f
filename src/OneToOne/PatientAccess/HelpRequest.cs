using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneToOne.People;
using OneToOne.Platform.Data;

namespace OneToOne.PatientAccess;

public enum HelpContactMethod
{
    Phone = 0,
    Text = 1,
    Email = 2,
}

public enum HelpRequestChannel
{
    /// <summary>The person asked on their own pages.</summary>
    Online = 0,
    /// <summary>The person phoned and a member of staff logged it.</summary>
    Phone = 1,
}

public enum HelpRequestStatus
{
    Open = 0,
    Answered = 1,
}

public enum HelpOutcome
{
    /// <summary>Advice or information given; nothing more needed.</summary>
    Advice = 0,
    /// <summary>Back on the caseload as a new episode linked to the old one.</summary>
    Reopened = 1,
    /// <summary>Referred on to another service (e.g. their GP, the hospital team).</summary>
    ReferredOn = 2,
}

/// <summary>A person asking the team for help (FHIR Communication + Task): while supported, or inside their open-access
/// period after discharge. Each has a WorkTask (Kind HelpRequest) with an owner and a deadline until it is answered.</summary>
public sealed class HelpRequest : ITenantOwned, IVersioned
{
    public const int AboutMax = 2000;
    public const int ContactMax = 320;
    public const int BestTimeMax = 200;
    public const int NoteMax = 2000;
    public const int ReferredToMax = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid PersonId { get; set; }

    /// <summary>The open-access period it came in (null while the person has an open episode).</summary>
    public Guid? PeriodId { get; set; }

    /// <summary>The episode it relates to: the open one, or the discharged one the period follows.</summary>
    public Guid? ReferralId { get; set; }
    public required string About { get; set; }

    /// <summary>The person answered yes to the red-flag question: it goes to a registered practitioner the same day.</summary>
    public bool RedFlag { get; set; }
    public HelpContactMethod ContactMethod { get; set; }
    public required string ContactDetail { get; set; }
    public string? BestTime { get; set; }
    public HelpRequestChannel Channel { get; set; }
    public Guid? RecordedByStaffId { get; set; }
    public string? RecordedByName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public Guid? AssignedToStaffId { get; set; }
    public Guid? AssignedToTeamId { get; set; }
    public HelpRequestStatus Status { get; set; }
    public HelpOutcome? Outcome { get; set; }
    public string? OutcomeNote { get; set; }
    public string? ReferredTo { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public Guid? AnsweredByStaffId { get; set; }
    public string? AnsweredByName { get; set; }

    /// <summary>The new episode, when the outcome re-opened the person to the caseload.</summary>
    public Guid? NewReferralId { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

internal sealed class HelpRequestConfiguration : IEntityTypeConfiguration<HelpRequest>
{
    public void Configure(EntityTypeBuilder<HelpRequest> b)
    {
        b.ToTable("HelpRequests");
        b.Property(x => x.About).HasMaxLength(HelpRequest.AboutMax);
        b.Property(x => x.ContactDetail).HasMaxLength(HelpRequest.ContactMax);
        b.Property(x => x.BestTime).HasMaxLength(HelpRequest.BestTimeMax);
        b.Property(x => x.RecordedByName).HasMaxLength(200);
        b.Property(x => x.AnsweredByName).HasMaxLength(200);
        b.Property(x => x.OutcomeNote).HasMaxLength(HelpRequest.NoteMax);
        b.Property(x => x.ReferredTo).HasMaxLength(HelpRequest.ReferredToMax);
        b.Property(x => x.ContactMethod).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OpenAccessPeriod>().WithMany().HasForeignKey(x => x.PeriodId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OrganisationId, x.Status, x.DueAt });
        b.HasIndex(x => new { x.OrganisationId, x.PersonId, x.CreatedAt });
        b.HasIndex(x => new { x.OrganisationId, x.PeriodId, x.Status });
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}
