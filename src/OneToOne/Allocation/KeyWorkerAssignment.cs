using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneToOne.Platform.Data;
using OneToOne.Referrals;
using OneToOne.Workforce;

namespace OneToOne.Allocation;

/// <summary>A key worker named for a person's episode. Kept when it ends, for continuity and audit.</summary>
public sealed class KeyWorkerAssignment : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ReferralId { get; set; }
    public Guid PersonId { get; set; }
    public Guid StaffMemberId { get; set; }
    public PathwayLevel Level { get; set; }
    /// <summary>Where the worker ranked when assigned (1 = top), and their score: evidence for review.</summary>
    public int Rank { get; set; }
    public decimal Score { get; set; }
    public required string Reason { get; set; }
    public Guid AssignedById { get; set; }
    public required string AssignedByName { get; set; }
    public DateTimeOffset AssignedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}

internal sealed class KeyWorkerAssignmentConfiguration : IEntityTypeConfiguration<KeyWorkerAssignment>
{
    public void Configure(EntityTypeBuilder<KeyWorkerAssignment> b)
    {
        b.Property(x => x.Reason).HasMaxLength(Referral.ReasonMax);
        b.Property(x => x.AssignedByName).HasMaxLength(200);
        b.Property(x => x.Score).HasPrecision(9, 2);
        b.HasOne<Referral>().WithMany().HasForeignKey(x => x.ReferralId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OrganisationId, x.PersonId, x.AssignedAt });
        b.HasIndex(x => new { x.OrganisationId, x.ReferralId });
    }
}
