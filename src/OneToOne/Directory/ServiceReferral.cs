using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneToOne.People;
using OneToOne.Platform.Data;
using OneToOne.Workforce;

namespace OneToOne.ServiceDirectory;

/// <summary>Where a referral to a service is in its closed loop: sent, answered, outcome known.</summary>
public enum ServiceReferralStatus
{
    /// <summary>Waiting for the service to accept or decline, against <see cref="ServiceReferral.ResponseDueOn"/>.</summary>
    Sent = 0,
    Accepted = 1,
    Declined = 2,
    /// <summary>The service has said what came of it; the worker then re-scores the concern.</summary>
    OutcomeRecorded = 3,
    Withdrawn = 4,
}

/// <summary>A referral from a person's plan to a directory service (DOMAIN.md step 7), owned by the referring organisation.</summary>
public sealed class ServiceReferral : ITenantOwned, IVersioned
{
    public const int TextMax = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid PersonId { get; set; }
    public Guid ServiceId { get; set; }
    public DirectoryService? Service { get; set; }
    /// <summary>The concern it is for (a ConcernCatalogue item code): the one re-scored when the outcome is in.</summary>
    public required string ConcernItemCode { get; set; }
    /// <summary>The care plan action it came from, when there is one. No foreign key: the care plan module comes later.</summary>
    public Guid? CarePlanActionId { get; set; }
    public ServiceReferralStatus Status { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public Guid? SentByStaffId { get; set; }
    public required string SentByName { get; set; }
    /// <summary>UK date sent plus Directory:ResponseWorkingDays working days (England and Wales bank holidays).</summary>
    public DateOnly ResponseDueOn { get; set; }
    public DateTimeOffset? RespondedAt { get; set; }
    public string? DeclineReason { get; set; }
    public string? Outcome { get; set; }
    public DateTimeOffset? OutcomeAt { get; set; }
    /// <summary>The concern's new score, 0-10, given after the outcome.</summary>
    public int? RescoreScore { get; set; }
    public DateTimeOffset? RescoredAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

internal sealed class ServiceReferralConfiguration : IEntityTypeConfiguration<ServiceReferral>
{
    public void Configure(EntityTypeBuilder<ServiceReferral> b)
    {
        b.ToTable("ServiceReferrals");
        b.Property(x => x.ConcernItemCode).HasMaxLength(DirectoryServiceCategory.CodeMax);
        b.Property(x => x.Note).HasMaxLength(ServiceReferral.TextMax);
        b.Property(x => x.SentByName).HasMaxLength(200);
        b.Property(x => x.DeclineReason).HasMaxLength(ServiceReferral.TextMax);
        b.Property(x => x.Outcome).HasMaxLength(ServiceReferral.TextMax);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.Service).WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.SentByStaffId).OnDelete(DeleteBehavior.Restrict);
        // OrganisationId leads every index (DESIGN.md: distribution by organisation).
        b.HasIndex(x => new { x.OrganisationId, x.PersonId, x.SentAt });
        b.HasIndex(x => new { x.OrganisationId, x.Status, x.ResponseDueOn });
    }
}
