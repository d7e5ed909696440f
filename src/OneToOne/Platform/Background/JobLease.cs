using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneToOne.Platform.Background;

/// <summary>One row per scheduled job, installation-wide (not an organisation's record): who holds the job's lease
/// and until when, and how its last pass went. The lease is taken by a conditional UPDATE checked by its row
/// count, so of several nodes exactly one runs a pass; the last-run columns feed the administrators' page.</summary>
public sealed class JobLease
{
    public const int NameMax = 100;
    public const int HolderMax = 200;
    public const int SummaryMax = 1000;

    public required string Name { get; set; }

    /// <summary>The node (or admin/CLI run) holding the lease; null when released.</summary>
    public string? Holder { get; set; }

    /// <summary>The lease is free once this has passed.</summary>
    public DateTimeOffset LeaseUntil { get; set; }

    public DateTimeOffset? LastStartedAt { get; set; }
    public DateTimeOffset? LastFinishedAt { get; set; }

    /// <summary>Running, Succeeded or Failed.</summary>
    public string? LastOutcome { get; set; }

    /// <summary>Counts from the pass ("created 3; breached 1") or the error's type: never personal data.</summary>
    public string? LastSummary { get; set; }
    public string? LastHolder { get; set; }
    public long Runs { get; set; }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> b)
    {
        b.ToTable("JobLeases");
        b.HasKey(x => x.Name);
        b.Property(x => x.Name).HasMaxLength(JobLease.NameMax);
        b.Property(x => x.Holder).HasMaxLength(JobLease.HolderMax);
        b.Property(x => x.LastHolder).HasMaxLength(JobLease.HolderMax);
        b.Property(x => x.LastOutcome).HasMaxLength(20);
        b.Property(x => x.LastSummary).HasMaxLength(JobLease.SummaryMax);
    }
}
