using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneToOne.People;
using OneToOne.Platform.Data;

namespace OneToOne.Referrals;

/// <summary>Why an episode ended (a list, plus free-text detail).</summary>
public enum DischargeReason
{
    GoalsMet = 0,
    SelfManaging = 1,
    TransferredCare = 2,
    MovedAway = 3,
    DeclinedSupport = 4,
    NoContact = 5,
    Died = 6,
    Other = 7,
}

/// <summary>What happened about the final (before-discharge) holistic needs assessment.</summary>
public enum FinalAssessmentChoice
{
    /// <summary>A before-discharge assessment was completed during the episode.</summary>
    Completed = 0,
    /// <summary>Sent to the person to complete on their own device; a review task follows.</summary>
    Sent = 1,
    Declined = 2,
    NotPossible = 3,
}

public enum DischargeStatus
{
    /// <summary>A support worker asked; a registered practitioner must approve (Supervision sign-off).</summary>
    AwaitingSignOff = 0,
    Done = 1,
    /// <summary>The supervisor returned it, or the episode changed before approval: nothing was applied.</summary>
    NotApplied = 2,
}

/// <summary>The discharge of one episode: why, the final assessment, the questionnaires offered, the GP letter and the
/// open-access period that follows. Written when asked for; applied at once or when a supervisor approves it.</summary>
public sealed class Discharge : ITenantOwned, IVersioned
{
    public const int DetailMax = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ReferralId { get; set; }
    public Guid PersonId { get; set; }
    public DischargeReason Reason { get; set; }
    public string? ReasonDetail { get; set; }
    public FinalAssessmentChoice FinalAssessment { get; set; }

    /// <summary>The completed before-discharge assessment, or the one sent to the person.</summary>
    public Guid? FinalAssessmentResponseId { get; set; }

    /// <summary>Codes of the outcome and experience questionnaires sent to the person.</summary>
    public List<string> Questionnaires { get; set; } = [];
    public DischargeStatus Status { get; set; }
    public Guid? RequestedByStaffId { get; set; }
    public required string RequestedByName { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public Guid? SignOffRequestId { get; set; }
    public string? ApprovedByName { get; set; }
    public DateTimeOffset? DischargedAt { get; set; }

    /// <summary>The person's consent to share with their GP when discharged: the letter exists only with it.</summary>
    public bool GpConsent { get; set; }
    public DateTimeOffset? GpLetterSentAt { get; set; }
    public DateOnly? OpenAccessUntil { get; set; }
    public int CancelledTasks { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

internal sealed class DischargeConfiguration : IEntityTypeConfiguration<Discharge>
{
    public void Configure(EntityTypeBuilder<Discharge> b)
    {
        b.ToTable("Discharges");
        b.Property(x => x.Reason).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.FinalAssessment).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.ReasonDetail).HasMaxLength(Discharge.DetailMax);
        b.Property(x => x.RequestedByName).HasMaxLength(200);
        b.Property(x => x.ApprovedByName).HasMaxLength(200);
        b.HasOne<Referral>().WithMany().HasForeignKey(x => x.ReferralId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OrganisationId, x.ReferralId, x.RequestedAt });
        b.HasIndex(x => new { x.OrganisationId, x.Status });
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}
