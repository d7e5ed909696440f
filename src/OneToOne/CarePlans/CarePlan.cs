using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneToOne.People;
using OneToOne.Platform.Data;
using OneToOne.Workforce;

namespace OneToOne.CarePlans;

public enum CarePlanStatus
{
    Draft = 0,
    Agreed = 1,
    Reviewed = 2,
}

public enum ActionOwnerKind
{
    Person = 0,
    KeyWorker = 1,
    OtherProfessional = 2,
    Service = 3,
}

public enum ActionStatus
{
    NotStarted = 0,
    InProgress = 1,
    Done = 2,
    Cancelled = 3,
}

/// <summary>The personalised care and support plan (DOMAIN.md step 4). One aggregate: concerns and actions change
/// only through the plan, and every change renews the plan's Version, so two people editing at once conflict.</summary>
public sealed class CarePlan : ITenantOwned, IVersioned
{
    public const int TextMax = 2000;
    public const int ContactMax = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid PersonId { get; set; }
    public Guid? ReferralId { get; set; }
    public Guid? AssessmentResponseId { get; set; }
    public CarePlanStatus Status { get; set; }
    public bool Locked { get; set; }
    public DateTimeOffset? LockedAt { get; set; }
    /// <summary>The number of the last agreed version (0 until first agreed).</summary>
    public int AgreedVersionNumber { get; set; }
    public string? SelfManagementInfo { get; set; }
    public string? ContactInHours { get; set; }
    public string? ContactOutOfHours { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateOnly? ReviewDueOn { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

internal sealed class CarePlanConfiguration : IEntityTypeConfiguration<CarePlan>
{
    public void Configure(EntityTypeBuilder<CarePlan> b)
    {
        b.ToTable("CarePlans");
        b.Property(x => x.SelfManagementInfo).HasMaxLength(CarePlan.TextMax);
        b.Property(x => x.ContactInHours).HasMaxLength(CarePlan.ContactMax);
        b.Property(x => x.ContactOutOfHours).HasMaxLength(CarePlan.ContactMax);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OrganisationId, x.PersonId, x.CreatedAt });
    }
}

/// <summary>One concern the person chose (a ConcernCatalogue item code) and what they want to achieve.</summary>
public sealed class CarePlanConcern : ITenantOwned
{
    public const int GoalMax = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid PlanId { get; set; }
    public required string ItemCode { get; set; }
    public int? ScoreAtAssessment { get; set; }
    public string? Goal { get; set; }
    public int Order { get; set; }
}

internal sealed class CarePlanConcernConfiguration : IEntityTypeConfiguration<CarePlanConcern>
{
    public void Configure(EntityTypeBuilder<CarePlanConcern> b)
    {
        b.ToTable("CarePlanConcerns");
        b.Property(x => x.ItemCode).HasMaxLength(50);
        b.Property(x => x.Goal).HasMaxLength(CarePlanConcern.GoalMax);
        b.HasOne<CarePlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.OrganisationId, x.PlanId, x.Order });
    }
}

/// <summary>One thing to be done for a concern: who does it and by when.</summary>
public sealed class CarePlanAction : ITenantOwned
{
    public const int DescriptionMax = 1000;
    public const int OwnerNameMax = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid PlanId { get; set; }
    public Guid ConcernId { get; set; }
    public required string Description { get; set; }
    public ActionOwnerKind OwnerKind { get; set; }
    /// <summary>Required for another professional; the service's name for a service.</summary>
    public string? OwnerName { get; set; }
    public Guid? ServiceId { get; set; }
    public DateOnly DueOn { get; set; }
    public ActionStatus Status { get; set; }

    /// <summary>A clinical action (e.g. a medication or symptom review): outside a support worker's scope, so a plan
    /// holding one needs a registered practitioner's sign-off when a support worker agrees it (DOMAIN.md step 9).</summary>
    public bool Clinical { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class CarePlanActionConfiguration : IEntityTypeConfiguration<CarePlanAction>
{
    public void Configure(EntityTypeBuilder<CarePlanAction> b)
    {
        b.ToTable("CarePlanActions");
        b.Property(x => x.Description).HasMaxLength(CarePlanAction.DescriptionMax);
        b.Property(x => x.OwnerName).HasMaxLength(CarePlanAction.OwnerNameMax);
        b.HasOne<CarePlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<CarePlanConcern>().WithMany().HasForeignKey(x => x.ConcernId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OrganisationId, x.PlanId, x.ConcernId });
    }
}

/// <summary>The plan as agreed with the person: kept for good, whatever changes later.</summary>
public sealed class CarePlanVersion : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid PlanId { get; set; }
    public int Number { get; set; }
    public DateTimeOffset AgreedAt { get; set; }
    public required string AgreedByName { get; set; }
    public required string SnapshotJson { get; set; }
}

internal sealed class CarePlanVersionConfiguration : IEntityTypeConfiguration<CarePlanVersion>
{
    public void Configure(EntityTypeBuilder<CarePlanVersion> b)
    {
        b.ToTable("CarePlanVersions");
        b.Property(x => x.AgreedByName).HasMaxLength(200);
        b.HasOne<CarePlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.OrganisationId, x.PlanId, x.Number }).IsUnique();
    }
}
