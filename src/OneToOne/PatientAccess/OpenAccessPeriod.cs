using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneToOne.People;
using OneToOne.Platform.Data;
using OneToOne.Referrals;

namespace OneToOne.PatientAccess;

public enum OpenAccessStatus
{
    /// <summary>The person may ask for help without a new referral until EndsOn.</summary>
    Open = 0,
    /// <summary>The period ran out; the person is discharged from the service (with a letter to the GP when they consent).</summary>
    Ended = 1,
    /// <summary>A request for help re-opened them to the caseload as a new episode.</summary>
    Reopened = 2,
}

/// <summary>Easy access back (DOMAIN.md step 8; patient-initiated follow-up): after discharge the person may ask the
/// team for help without a new referral for a configurable time, then is discharged with a letter to the GP.</summary>
public sealed class OpenAccessPeriod : ITenantOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid PersonId { get; set; }

    /// <summary>The discharged episode the period follows.</summary>
    public Guid ReferralId { get; set; }
    public DateOnly StartsOn { get; set; }

    /// <summary>The last day a request is accepted (inclusive).</summary>
    public DateOnly EndsOn { get; set; }
    public OpenAccessStatus Status { get; set; }

    /// <summary>Who the person knew: requests go to this worker's team; a red flag to their supervisor if known.</summary>
    public Guid? FormerKeyWorkerId { get; set; }
    public Guid? TeamId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Set when the period ends: whether a letter to the GP is due (only with consent to share).</summary>
    public bool GpLetterDue { get; set; }
    public DateTimeOffset? GpLetterSentAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

internal sealed class OpenAccessPeriodConfiguration : IEntityTypeConfiguration<OpenAccessPeriod>
{
    public void Configure(EntityTypeBuilder<OpenAccessPeriod> b)
    {
        b.ToTable("OpenAccessPeriods");
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Referral>().WithMany().HasForeignKey(x => x.ReferralId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OrganisationId, x.ReferralId }).IsUnique();
        b.HasIndex(x => new { x.OrganisationId, x.PersonId, x.StartsOn });
        // The ending job reads open periods by their end date.
        b.HasIndex(x => new { x.OrganisationId, x.Status, x.EndsOn });
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}
