using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneToOne.Platform.Data;
using OneToOne.Workforce;

namespace OneToOne.Supervision;

/// <summary>Who supervises whom, and from when to when (UK dates, both days included). A worker's links never
/// overlap, so on any day they have at most one supervisor.</summary>
public sealed class SupervisionLink : ITenantOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid SupervisorStaffId { get; set; }
    public Guid SuperviseeStaffId { get; set; }
    public DateOnly EffectiveFrom { get; set; }

    /// <summary>The last day of supervision; null while it goes on.</summary>
    public DateOnly? EffectiveTo { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedByName { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsCurrentOn(DateOnly day) => EffectiveFrom <= day && (EffectiveTo is null || EffectiveTo >= day);
}

internal sealed class SupervisionLinkConfiguration : IEntityTypeConfiguration<SupervisionLink>
{
    public void Configure(EntityTypeBuilder<SupervisionLink> b)
    {
        b.ToTable("SupervisionLinks");
        b.Property(x => x.CreatedByName).HasMaxLength(200);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.SupervisorStaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.SuperviseeStaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OrganisationId, x.SuperviseeStaffId, x.EffectiveFrom });
        b.HasIndex(x => new { x.OrganisationId, x.SupervisorStaffId, x.EffectiveFrom });
        // The backstop for two administrators setting a supervisor at once: only one open-ended link per worker.
        // Quoted identifiers read the same in SQLite and PostgreSQL.
        b.HasIndex(x => new { x.OrganisationId, x.SuperviseeStaffId })
            .IsUnique()
            .HasFilter("\"EffectiveTo\" IS NULL")
            .HasDatabaseName("IX_SupervisionLinks_OneOpenLinkPerSupervisee");
    }
}
