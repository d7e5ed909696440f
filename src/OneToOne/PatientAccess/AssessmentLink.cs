using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneToOne.Assessments;
using OneToOne.People;
using OneToOne.Platform.Data;

namespace OneToOne.PatientAccess;

/// <summary>A single-use link that lets a person complete an assessment on their own device without an account.
/// Only the SHA-256 of the token is stored; the token itself exists only in the message sent to the person.</summary>
public sealed class AssessmentLink : ITenantOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid PersonId { get; set; }
    public Guid ResponseId { get; set; }
    public required byte[] TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public int FailedAttempts { get; set; }
    /// <summary>Set after too many wrong dates of birth; the team must send a new link.</summary>
    public DateTimeOffset? LockedAt { get; set; }
    public Guid? CreatedByStaffId { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

internal sealed class AssessmentLinkConfiguration : IEntityTypeConfiguration<AssessmentLink>
{
    public void Configure(EntityTypeBuilder<AssessmentLink> b)
    {
        b.Property(x => x.TokenHash).HasMaxLength(32);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AssessmentResponse>().WithMany().HasForeignKey(x => x.ResponseId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OrganisationId, x.TokenHash }).IsUnique();
        b.HasIndex(x => new { x.OrganisationId, x.PersonId, x.CreatedAt });
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}
