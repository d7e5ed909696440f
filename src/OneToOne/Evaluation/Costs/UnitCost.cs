using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneToOne.Platform.Data;

namespace OneToOne.Evaluation.Costs;

/// <summary>The cost of an hour of a staff role's time (salary, on-costs and overheads), from a date: programme
/// reference data an administrator loads from a unit cost table such as PSSRU's. Not tenant-owned: every partner's
/// costs are worked out at the same rates.</summary>
public sealed class UnitCost : IVersioned
{
    public const int RoleMax = 100;
    public const int SourceMax = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The staff role's name (StaffRole.Name), e.g. "Support worker".</summary>
    public required string StaffRole { get; set; }
    public int? Band { get; set; }
    public decimal CostPerHour { get; set; }
    public DateOnly EffectiveFrom { get; set; }

    /// <summary>Null while current; the day before the next rate for the role starts.</summary>
    public DateOnly? EffectiveTo { get; set; }

    /// <summary>Where the figure comes from, e.g. "PSSRU Unit Costs of Health and Social Care 2025, table 9.1".</summary>
    public string? Source { get; set; }
    public DateTimeOffset LoadedAt { get; set; }
    public required string LoadedBy { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

internal sealed class UnitCostConfiguration : IEntityTypeConfiguration<UnitCost>
{
    public void Configure(EntityTypeBuilder<UnitCost> b)
    {
        b.ToTable("UnitCosts");
        b.Property(x => x.StaffRole).HasMaxLength(UnitCost.RoleMax);
        b.Property(x => x.Source).HasMaxLength(UnitCost.SourceMax);
        b.Property(x => x.LoadedBy).HasMaxLength(200);
        b.Property(x => x.CostPerHour).HasPrecision(10, 2);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.StaffRole, x.EffectiveFrom }).IsUnique();
    }
}

/// <summary>Days a staff member worked and lost (sickness, training, other) in a month: the evaluation's staff time.</summary>
public sealed class StaffTimeRecord : ITenantOwned, IVersioned
{
    public const int ReasonMax = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid StaffMemberId { get; set; }

    /// <summary>The first day of the month recorded.</summary>
    public DateOnly Month { get; set; }
    public decimal DaysWorked { get; set; }
    public decimal DaysLost { get; set; }
    public string? LostReason { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

internal sealed class StaffTimeRecordConfiguration : IEntityTypeConfiguration<StaffTimeRecord>
{
    public void Configure(EntityTypeBuilder<StaffTimeRecord> b)
    {
        b.ToTable("StaffTimeRecords");
        b.Property(x => x.DaysWorked).HasPrecision(5, 1);
        b.Property(x => x.DaysLost).HasPrecision(5, 1);
        b.Property(x => x.LostReason).HasMaxLength(StaffTimeRecord.ReasonMax);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Workforce.StaffMember>().WithMany().HasForeignKey(x => x.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OrganisationId, x.StaffMemberId, x.Month }).IsUnique();
    }
}
