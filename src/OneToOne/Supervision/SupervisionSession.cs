using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneToOne.People;
using OneToOne.Platform.Data;
using OneToOne.Workforce;

namespace OneToOne.Supervision;

/// <summary>A supervision session (DOMAIN.md step 9): when, who supervised whom, the people discussed from the
/// supervisee's caseload, notes, and the actions agreed.</summary>
public sealed class SupervisionSession : ITenantOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public DateOnly HeldOn { get; set; }
    public Guid SupervisorStaffId { get; set; }
    public Guid SuperviseeStaffId { get; set; }
    public string? Notes { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedByName { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

internal sealed class SupervisionSessionConfiguration : IEntityTypeConfiguration<SupervisionSession>
{
    public void Configure(EntityTypeBuilder<SupervisionSession> b)
    {
        b.ToTable("SupervisionSessions");
        b.Property(x => x.Notes).HasMaxLength(SupervisionRules.NotesMax);
        b.Property(x => x.RecordedByName).HasMaxLength(200);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.SupervisorStaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.SuperviseeStaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OrganisationId, x.SuperviseeStaffId, x.HeldOn });
        b.HasIndex(x => new { x.OrganisationId, x.SupervisorStaffId, x.HeldOn });
    }
}

/// <summary>A person discussed in a session: kept as a row so a person's record can say when they were discussed.</summary>
public sealed class SupervisionSessionPerson : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid SessionId { get; set; }
    public Guid PersonId { get; set; }
}

internal sealed class SupervisionSessionPersonConfiguration : IEntityTypeConfiguration<SupervisionSessionPerson>
{
    public void Configure(EntityTypeBuilder<SupervisionSessionPerson> b)
    {
        b.ToTable("SupervisionSessionPeople");
        b.HasOne<SupervisionSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OrganisationId, x.SessionId, x.PersonId }).IsUnique();
        b.HasIndex(x => new { x.OrganisationId, x.PersonId });
    }
}

public enum SupervisionActionStatus
{
    Open,
    Done,
}

/// <summary>An action agreed in a session. With a due date it is also a task on its owner's worklist.</summary>
public sealed class SupervisionAction : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid SessionId { get; set; }
    public required string Description { get; set; }
    public SupervisionActionOwner Owner { get; set; }
    public Guid OwnerStaffId { get; set; }
    public DateOnly? DueOn { get; set; }
    public SupervisionActionStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

internal sealed class SupervisionActionConfiguration : IEntityTypeConfiguration<SupervisionAction>
{
    public void Configure(EntityTypeBuilder<SupervisionAction> b)
    {
        b.ToTable("SupervisionActions");
        b.Property(x => x.Description).HasMaxLength(SupervisionRules.ActionMax);
        b.Property(x => x.Owner).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.HasOne<SupervisionSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.OwnerStaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OrganisationId, x.SessionId });
        b.HasIndex(x => new { x.OrganisationId, x.OwnerStaffId, x.Status });
    }
}
