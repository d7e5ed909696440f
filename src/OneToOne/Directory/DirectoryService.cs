using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneToOne.Platform.Data;
using OneToOne.Workforce;

namespace OneToOne.ServiceDirectory;

/// <summary>How a worker uses a service: give the person its details, or send a referral it answers.</summary>
public enum HowToUse
{
    SignpostOnly = 0,
    Referral = 1,
}

/// <summary>A service in the programme-wide directory (Open Referral UK's "service" with its organisation folded in).
/// Reference data shared by every partner, not tenant-owned: a national support line serves everyone, and each
/// partner adds its local services for all to see. <see cref="AddedByOrganisationId"/> records who added it.</summary>
public sealed class DirectoryService : IVersioned
{
    public const int NameMax = 200;
    public const int DescriptionMax = 4000;
    public const int EligibilityMax = 2000;
    public const int ExternalIdMax = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The HSDS id when imported; unique when present, the key for re-imports (upsert).</summary>
    public string? ExternalId { get; set; }
    public required string Name { get; set; }
    public required string ProviderOrganisationName { get; set; }
    public string? Description { get; set; }
    public string? Eligibility { get; set; }
    /// <summary>Serves everyone wherever they live; area rows are then ignored by search.</summary>
    public bool Nationwide { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Website { get; set; }
    public string? Address { get; set; }
    public HowToUse HowToUse { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
    public Guid? AddedByOrganisationId { get; set; }
    public List<DirectoryServiceCategory> Categories { get; set; } = [];
    public List<DirectoryServiceArea> Areas { get; set; } = [];
}

/// <summary>One concern the service helps with: a <see cref="Assessments.ConcernCatalogue"/> domain code
/// (helps with the whole domain) or item code (helps with that concern).</summary>
public sealed class DirectoryServiceCategory
{
    public const int CodeMax = 50;

    public Guid ServiceId { get; set; }
    public required string Code { get; set; }
}

/// <summary>Where a local service works: a postcode district ("LS6") or a whole postcode area ("LS"),
/// stored upper case without spaces. A person in LS6 finds services listed for "LS6" and for "LS".
/// A nationwide service has the single row <see cref="NationwideKey"/>.</summary>
public sealed class DirectoryServiceArea
{
    public const int DistrictMax = 4;

    /// <summary>The area row of a nationwide service: search then reads local and nationwide candidates from the one
    /// (District, ServiceId) index instead of scanning services for the Nationwide flag.</summary>
    public const string NationwideKey = "*";

    public Guid ServiceId { get; set; }
    public required string District { get; set; }
}

internal sealed class DirectoryServiceConfiguration : IEntityTypeConfiguration<DirectoryService>
{
    public void Configure(EntityTypeBuilder<DirectoryService> b)
    {
        b.ToTable("DirectoryServices");
        b.Property(x => x.ExternalId).HasMaxLength(DirectoryService.ExternalIdMax);
        b.Property(x => x.Name).HasMaxLength(DirectoryService.NameMax);
        b.Property(x => x.ProviderOrganisationName).HasMaxLength(DirectoryService.NameMax);
        b.Property(x => x.Description).HasMaxLength(DirectoryService.DescriptionMax);
        b.Property(x => x.Eligibility).HasMaxLength(DirectoryService.EligibilityMax);
        b.Property(x => x.Phone).HasMaxLength(50);
        b.Property(x => x.Email).HasMaxLength(254);
        b.Property(x => x.Website).HasMaxLength(500);
        b.Property(x => x.Address).HasMaxLength(500);
        b.Property(x => x.Version).IsConcurrencyToken();
        // NULLs are distinct in a unique index on both databases, so services added by hand (no HSDS id) coexist.
        b.HasIndex(x => x.ExternalId).IsUnique();
        b.HasIndex(x => new { x.Active, x.Name });
        // Covering index for DirectorySearch's join: each area candidate (hundreds: the nationwide ones are always in) is
        // checked for Active and gives its Name from the index alone, without reading the service's row (descriptions and
        // all). On SQLite that is a third of the search's time over 20,000 services (bench/README.md).
        b.HasIndex(x => new { x.Id, x.Active, x.Name });
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.AddedByOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Categories).WithOne().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Areas).WithOne().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DirectoryServiceCategoryConfiguration : IEntityTypeConfiguration<DirectoryServiceCategory>
{
    public void Configure(EntityTypeBuilder<DirectoryServiceCategory> b)
    {
        b.ToTable("DirectoryServiceCategories");
        b.HasKey(x => new { x.ServiceId, x.Code });
        b.Property(x => x.Code).HasMaxLength(DirectoryServiceCategory.CodeMax);
        // Search starts from the concern: code -> service ids, without touching the services table.
        b.HasIndex(x => new { x.Code, x.ServiceId });
    }
}

internal sealed class DirectoryServiceAreaConfiguration : IEntityTypeConfiguration<DirectoryServiceArea>
{
    public void Configure(EntityTypeBuilder<DirectoryServiceArea> b)
    {
        b.ToTable("DirectoryServiceAreas");
        b.HasKey(x => new { x.ServiceId, x.District });
        b.Property(x => x.District).HasMaxLength(DirectoryServiceArea.DistrictMax);
        b.HasIndex(x => new { x.District, x.ServiceId });
    }
}
