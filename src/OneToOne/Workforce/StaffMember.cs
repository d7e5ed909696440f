using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Workforce;

/// <summary>A member of a partner's workforce, optionally linked to a sign-in account.</summary>
public sealed class StaffMember : ITenantOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid? TeamId { get; set; }
    public Guid StaffRoleId { get; set; }
    public StaffRole? Role { get; set; }
    public Team? Team { get; set; }
    public required string DisplayName { get; set; }
    public required string Email { get; set; }
    public Guid? AccountId { get; set; }
    /// <summary>Lower-case skill codes, e.g. benefits, work, housing.</summary>
    public List<string> Skills { get; set; } = [];
    /// <summary>Tumour-site codes from <see cref="People.TumourSites"/>.</summary>
    public List<string> TumourSites { get; set; } = [];
    /// <summary>Lower-case language names, e.g. english, polish, welsh.</summary>
    public List<string> Languages { get; set; } = ["english"];
    /// <summary>Postcode district of the worker's base, e.g. LS6.</summary>
    public string? BaseLocality { get; set; }
    public decimal HoursPerWeek { get; set; } = 37.5m;
    /// <summary>Weighted caseload units this worker can hold (see Allocation weights).</summary>
    public decimal CaseloadCapacity { get; set; } = 40;
    public bool Active { get; set; } = true;
    public Guid Version { get; set; } = Guid.NewGuid();
}

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> b)
    {
        b.Property(x => x.DisplayName).HasMaxLength(200);
        b.Property(x => x.Email).HasMaxLength(256);
        b.Property(x => x.BaseLocality).HasMaxLength(8);
        b.Property(x => x.HoursPerWeek).HasPrecision(5, 2);
        b.Property(x => x.CaseloadCapacity).HasPrecision(7, 2);
        b.HasIndex(x => new { x.OrganisationId, x.Email }).IsUnique();
        b.HasIndex(x => new { x.OrganisationId, x.TeamId });
        b.HasIndex(x => x.AccountId).IsUnique();
        b.HasOne(x => x.Role).WithMany().HasForeignKey(x => x.StaffRoleId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Team).WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StaffAccount>().WithOne().HasForeignKey<StaffMember>(x => x.AccountId).OnDelete(DeleteBehavior.SetNull);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}
