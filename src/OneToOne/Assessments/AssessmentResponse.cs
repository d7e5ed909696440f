using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneToOne.People;
using OneToOne.Platform.Data;
using OneToOne.Workforce;

namespace OneToOne.Assessments;

/// <summary>The point in the pathway an assessment was done at (DOMAIN.md step 4: key points).</summary>
public enum Timepoint
{
    Baseline = 0,
    Review = 1,
    Discharge = 2,
    Adhoc = 3,
}

public enum CompletionMode
{
    WithWorker = 0,
    PersonOnline = 1,
}

public enum ResponseStatus
{
    InProgress = 0,
    Submitted = 1,
}

/// <summary>One completion of one instrument version by one person. Scores are worked out once, on submission,
/// and kept with the response so lists and the caseload never re-score.</summary>
public sealed class AssessmentResponse : ITenantOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid PersonId { get; set; }
    public Guid? ReferralId { get; set; }
    public Guid InstrumentId { get; set; }
    public required string InstrumentCode { get; set; }
    public int InstrumentVersion { get; set; }
    public Timepoint Timepoint { get; set; }
    public CompletionMode Mode { get; set; }
    public ResponseStatus Status { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    /// <summary>The worker who started it (and completed it with the person, when Mode is WithWorker).</summary>
    public Guid? StaffMemberId { get; set; }
    public int? DistressScore { get; set; }
    public int ConcernCount { get; set; }
    public decimal? MeanSeverity { get; set; }
    public List<string> TopConcerns { get; set; } = [];
    public List<string> Flags { get; set; } = [];
    public List<string> RedFlags { get; set; } = [];
    /// <summary>Kept beside RedFlags so the caseload can find red flags with an index, not by reading JSON.</summary>
    public bool HasRedFlags { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

internal sealed class AssessmentResponseConfiguration : IEntityTypeConfiguration<AssessmentResponse>
{
    public void Configure(EntityTypeBuilder<AssessmentResponse> b)
    {
        b.Property(x => x.InstrumentCode).HasMaxLength(Instrument.CodeMax);
        b.Property(x => x.MeanSeverity).HasPrecision(4, 1);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Instrument>().WithMany().HasForeignKey(x => x.InstrumentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OrganisationId, x.PersonId, x.Status, x.SubmittedAt });
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

/// <summary>One answer to one item. Upserted as the person goes, so partial progress is kept.</summary>
public sealed class AssessmentAnswer : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ResponseId { get; set; }
    public required string ItemCode { get; set; }
    public string? DomainCode { get; set; }
    public int? Score { get; set; }
    public string? Text { get; set; }
}

internal sealed class AssessmentAnswerConfiguration : IEntityTypeConfiguration<AssessmentAnswer>
{
    public void Configure(EntityTypeBuilder<AssessmentAnswer> b)
    {
        b.Property(x => x.ItemCode).HasMaxLength(50);
        b.Property(x => x.DomainCode).HasMaxLength(50);
        b.Property(x => x.Text).HasMaxLength(2000);
        b.HasOne<AssessmentResponse>().WithMany().HasForeignKey(x => x.ResponseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.OrganisationId, x.ResponseId, x.ItemCode }).IsUnique();
    }
}
