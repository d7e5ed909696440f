using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneToOne.Platform.Data;
using OneToOne.Referrals;
using OneToOne.Workforce;

namespace OneToOne.Supervision;

/// <summary>How the monthly case-audit sample is sized: so many closed episodes per support worker, per
/// supervisor (all their supervisees' episodes together) or per team.</summary>
public enum CaseAuditScope
{
    Worker,
    Supervisor,
    Team,
}

/// <summary>One organisation's random sample of the episodes closed in one UK month. One per month, ever (a unique
/// key), and reproducible: the same episodes and <see cref="Seed"/> give the same choice.</summary>
public sealed class CaseAuditSample : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }

    /// <summary>The first day of the month sampled.</summary>
    public DateOnly Month { get; set; }
    public int Seed { get; set; }
    public CaseAuditScope Scope { get; set; }
    public int SizePerGroup { get; set; }

    /// <summary>Closed episodes in the month that could have been chosen.</summary>
    public int Candidates { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class CaseAuditSampleConfiguration : IEntityTypeConfiguration<CaseAuditSample>
{
    public void Configure(EntityTypeBuilder<CaseAuditSample> b)
    {
        b.ToTable("CaseAuditSamples");
        b.Property(x => x.Scope).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        // Never the same month twice, however many scheduler nodes run the job at once.
        b.HasIndex(x => new { x.OrganisationId, x.Month }).IsUnique();
    }
}

/// <summary>One sampled episode, for its key worker's supervisor (or the team's registered practitioners) to
/// review: "reviewed, with findings".</summary>
public sealed class CaseAuditItem : ITenantOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid SampleId { get; set; }
    public Guid ReferralId { get; set; }
    public Guid PersonId { get; set; }
    public Guid KeyWorkerStaffId { get; set; }

    /// <summary>The key worker's supervisor when sampled; null puts it in the team's queue.</summary>
    public Guid? ReviewerStaffId { get; set; }
    public Guid? TeamId { get; set; }
    public DateTimeOffset DischargedAt { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public Guid? ReviewedByStaffId { get; set; }
    public string? ReviewedByName { get; set; }
    public string? Findings { get; set; }
    public bool? FollowUpNeeded { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

internal sealed class CaseAuditItemConfiguration : IEntityTypeConfiguration<CaseAuditItem>
{
    public void Configure(EntityTypeBuilder<CaseAuditItem> b)
    {
        b.ToTable("CaseAuditItems");
        b.Property(x => x.ReviewedByName).HasMaxLength(200);
        b.Property(x => x.Findings).HasMaxLength(SupervisionRules.FindingsMax);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<CaseAuditSample>().WithMany().HasForeignKey(x => x.SampleId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Referral>().WithMany().HasForeignKey(x => x.ReferralId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OrganisationId, x.SampleId, x.ReferralId }).IsUnique();
        b.HasIndex(x => new { x.OrganisationId, x.ReviewerStaffId, x.ReviewedAt });
        b.HasIndex(x => new { x.OrganisationId, x.TeamId, x.ReviewedAt });
    }
}

public sealed class CaseAuditOptions
{
    public const string Section = "Supervision:CaseAudit";

    /// <summary>Episodes chosen per group each month.</summary>
    public int SampleSize { get; set; } = 2;

    /// <summary>What a group is: each support worker (default), each supervisor, or each team.</summary>
    public CaseAuditScope SamplePer { get; set; } = CaseAuditScope.Worker;
}
