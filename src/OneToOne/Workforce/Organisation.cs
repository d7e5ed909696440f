using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneToOne.Workforce;

public enum Nation
{
    England = 0,
    Wales = 1,
    Scotland = 2,
    NorthernIreland = 3,
}

/// <summary>A partner organisation. Programme reference data: every signed-in user may see the list.</summary>
public sealed class Organisation : Platform.Data.IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    /// <summary>Organisation Data Service code, e.g. RR8 or 8HV48.</summary>
    public required string OdsCode { get; set; }
    public Nation Nation { get; set; }
    public bool Active { get; set; } = true;
    public Guid Version { get; set; } = Guid.NewGuid();

    public static string NationName(Nation nation) => nation switch
    {
        Nation.NorthernIreland => "Northern Ireland",
        _ => nation.ToString(),
    };
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.OdsCode).HasMaxLength(10);
        b.HasIndex(x => x.OdsCode).IsUnique();
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}
