using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneToOne.People;
using OneToOne.Platform.Data;
using OneToOne.Workforce;

namespace OneToOne.Referrals;

/// <summary>Where a referral is in its life. An accepted referral is the person's episode of support.</summary>
public enum ReferralStatus
{
    /// <summary>Waiting for triage, against a deadline.</summary>
    Received = 0,
    /// <summary>Triaged and accepted at a pathway level, waiting for a key worker.</summary>
    Accepted = 1,
    Declined = 2,
    Redirected = 3,
    /// <summary>A key worker is named; first contact not yet made.</summary>
    Allocated = 4,
    Active = 5,
    Discharged = 6,
    /// <summary>Arrived while the person already had an open episode, and was linked to it.</summary>
    Linked = 7,
}

public sealed class Referral : ITenantOwned, IVersioned
{
    public const int ReasonMax = 2000;
    public const int SummaryMax = 8000;

    public static readonly ReferralStatus[] OpenStatuses =
        [ReferralStatus.Received, ReferralStatus.Accepted, ReferralStatus.Allocated, ReferralStatus.Active];

    public static readonly ReferralStatus[] CaseloadStatuses = [ReferralStatus.Allocated, ReferralStatus.Active];

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
    public ReferralSource Source { get; set; }
    public required string ReferrerName { get; set; }
    public string? ReferrerOrganisation { get; set; }
    /// <summary>The day the service received it (UK date); the triage clock starts here.</summary>
    public DateOnly ReceivedOn { get; set; }
    public required string Reason { get; set; }
    public string? EndOfTreatmentSummary { get; set; }
    public ReferralUrgency Urgency { get; set; }
    public NeedIndicators NeedIndicators { get; set; }
    public ReferralStatus Status { get; set; }
    public DateOnly TriageDueOn { get; set; }
    public PathwayLevel SuggestedLevel { get; set; }
    public PathwayLevel? Level { get; set; }
    public DateTimeOffset? TriagedAt { get; set; }
    public string? OutcomeReason { get; set; }
    public string? RedirectedTo { get; set; }
    public Guid? KeyWorkerId { get; set; }
    public StaffMember? KeyWorker { get; set; }
    public DateTimeOffset? AllocatedAt { get; set; }
    public DateTimeOffset? ActivatedAt { get; set; }
    public DateTimeOffset? DischargedAt { get; set; }
    public Guid? LinkedToReferralId { get; set; }
    /// <summary>How the referral arrived: page, api or csv.</summary>
    public required string Channel { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsOpen => OpenStatuses.Contains(Status);
}

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> b)
    {
        b.Property(x => x.ReferrerName).HasMaxLength(200);
        b.Property(x => x.ReferrerOrganisation).HasMaxLength(200);
        b.Property(x => x.Reason).HasMaxLength(Referral.ReasonMax);
        b.Property(x => x.EndOfTreatmentSummary).HasMaxLength(Referral.SummaryMax);
        b.Property(x => x.OutcomeReason).HasMaxLength(Referral.ReasonMax);
        b.Property(x => x.RedirectedTo).HasMaxLength(200);
        b.Property(x => x.Channel).HasMaxLength(10);
        b.Ignore(x => x.IsOpen);
        b.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.KeyWorker).WithMany().HasForeignKey(x => x.KeyWorkerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Referral>().WithMany().HasForeignKey(x => x.LinkedToReferralId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        // OrganisationId leads every index (DESIGN.md: distribution by organisation).
        b.HasIndex(x => new { x.OrganisationId, x.Status, x.TriageDueOn });
        b.HasIndex(x => new { x.OrganisationId, x.KeyWorkerId, x.Status });
        b.HasIndex(x => new { x.OrganisationId, x.PersonId, x.Status });
        // Weighted caseloads for allocation: counted from this index alone.
        b.HasIndex(x => new { x.OrganisationId, x.Status, x.KeyWorkerId, x.Level });
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

/// <summary>One triage decision or level change: who, when, what and why. Never updated.</summary>
public sealed class TriageDecision : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ReferralId { get; set; }
    public ReferralStatus Outcome { get; set; }
    public PathwayLevel? Level { get; set; }
    public PathwayLevel SuggestedLevel { get; set; }
    public List<string> SuggestionReasons { get; set; } = [];
    public required string Reason { get; set; }
    public Guid DecidedById { get; set; }
    public required string DecidedByName { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
}

internal sealed class TriageDecisionConfiguration : IEntityTypeConfiguration<TriageDecision>
{
    public void Configure(EntityTypeBuilder<TriageDecision> b)
    {
        b.Property(x => x.Reason).HasMaxLength(Referral.ReasonMax);
        b.Property(x => x.DecidedByName).HasMaxLength(200);
        b.HasOne<Referral>().WithMany().HasForeignKey(x => x.ReferralId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OrganisationId, x.ReferralId, x.DecidedAt });
    }
}
