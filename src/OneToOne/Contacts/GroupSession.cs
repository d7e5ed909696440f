using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneToOne.Platform.Data;
using OneToOne.Workforce;

namespace OneToOne.Contacts;

public enum GroupSessionKind
{
    HealthAndWellbeingEvent = 0,
    SupportGroup = 1,
    Course = 2,
    Other = 3,
}

/// <summary>A group contact such as a health and wellbeing event. Attendance is one <see cref="Contact"/> (mode Group)
/// per attendee, so each attendee's record shows it and activity counts include it.</summary>
public sealed class GroupSession : ITenantOwned, IVersioned
{
    public const int TitleMax = 200;
    public const int LocationMax = 200;
    public const int DescriptionMax = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public required string Title { get; set; }
    public GroupSessionKind Kind { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public int DurationMinutes { get; set; }
    public string? Location { get; set; }
    public Guid FacilitatorStaffId { get; set; }
    public string? Description { get; set; }
    /// <summary>Concern domain codes the session addresses; copied onto each attendee's contact.</summary>
    public List<string> Addressed { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

internal sealed class GroupSessionConfiguration : IEntityTypeConfiguration<GroupSession>
{
    public void Configure(EntityTypeBuilder<GroupSession> b)
    {
        b.Property(x => x.Title).HasMaxLength(GroupSession.TitleMax);
        b.Property(x => x.Location).HasMaxLength(GroupSession.LocationMax);
        b.Property(x => x.Description).HasMaxLength(GroupSession.DescriptionMax);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.FacilitatorStaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OrganisationId, x.OccurredAt });
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}
