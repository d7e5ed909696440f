using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneToOne.People;
using OneToOne.Platform.Data;
using OneToOne.Referrals;
using OneToOne.Workforce;

namespace OneToOne.Contacts;

/// <summary>How a contact happened. Group contacts come only from attendance at a <see cref="GroupSession"/>.</summary>
public enum ContactMode
{
    FaceToFace = 0,
    Phone = 1,
    Video = 2,
    Message = 3,
    HomeVisit = 4,
    Group = 5,
}

/// <summary>One piece of support given to a person (FHIR Encounter): when, how, how long, what it addressed and what came of it.
/// Never edited; a group attendance's contact is removed with the attendance.</summary>
public sealed class Contact : ITenantOwned
{
    public const int OutcomeMax = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid PersonId { get; set; }
    /// <summary>The person's open referral (episode) when the contact was logged, if they had one.</summary>
    public Guid? ReferralId { get; set; }
    public Guid StaffMemberId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public ContactMode Mode { get; set; }
    public int DurationMinutes { get; set; }
    /// <summary>Concern domain codes from <see cref="Assessments.ConcernCatalogue"/>.</summary>
    public List<string> Addressed { get; set; } = [];
    public required string Outcome { get; set; }
    public DateOnly? NextContactOn { get; set; }
    public Guid? GroupSessionId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedByUserId { get; set; }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.Property(x => x.Outcome).HasMaxLength(Contact.OutcomeMax);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Referral>().WithMany().HasForeignKey(x => x.ReferralId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<GroupSession>().WithMany().HasForeignKey(x => x.GroupSessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        // OrganisationId leads every index (DESIGN.md: distribution by organisation).
        b.HasIndex(x => new { x.OrganisationId, x.PersonId, x.OccurredAt });
        b.HasIndex(x => new { x.OrganisationId, x.StaffMemberId, x.OccurredAt });
        // One attendance per person per session; rows outside a session (null) never collide.
        b.HasIndex(x => new { x.OrganisationId, x.GroupSessionId, x.PersonId }).IsUnique();
    }
}
