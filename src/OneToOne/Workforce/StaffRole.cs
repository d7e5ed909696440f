using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneToOne.Platform.Data;
using OneToOne.Referrals;

namespace OneToOne.Workforce;

/// <summary>A workforce role as data (DOMAIN.md: roles, bands and supervision are configurable).
/// Programme-wide, shared by all partners.</summary>
public sealed class StaffRole : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    /// <summary>Agenda for Change band.</summary>
    public int Band { get; set; }
    public bool Registered { get; set; }
    public bool MayCarrySelfManagement { get; set; }
    public bool MayCarrySharedCare { get; set; }
    public bool MayCarryComplex { get; set; }
    public bool MaySupervise { get; set; }
    /// <summary>The sign-in role a holder gets (see <see cref="Platform.Auth.Roles"/>).</summary>
    public required string SignInRole { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public bool MayCarry(PathwayLevel level) => level switch
    {
        PathwayLevel.SupportedSelfManagement => MayCarrySelfManagement,
        PathwayLevel.SharedCare => MayCarrySharedCare,
        PathwayLevel.ComplexCaseManagement => MayCarryComplex,
        _ => false,
    };

    public IReadOnlySet<PathwayLevel> LevelsMayCarry() =>
        Enum.GetValues<PathwayLevel>().Where(MayCarry).ToHashSet();
}

internal sealed class StaffRoleConfiguration : IEntityTypeConfiguration<StaffRole>
{
    public void Configure(EntityTypeBuilder<StaffRole> b)
    {
        b.Property(x => x.Name).HasMaxLength(100);
        b.HasIndex(x => x.Name).IsUnique();
        b.Property(x => x.SignInRole).HasMaxLength(50);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}
