using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneToOne.Platform.Data;
using OneToOne.Workforce;

namespace OneToOne.Platform.Auth;

/// <summary>A system that calls the API (e.g. a hospital sending referrals) with a bearer token
/// scoped to one organisation. Only the token's SHA-256 hash is stored.</summary>
public sealed class ApiClient : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public required string Name { get; set; }
    /// <summary>The first characters of the token, shown so an administrator can tell tokens apart.</summary>
    public required string TokenPrefix { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedById { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    public const string TokenStart = "o2o_";

    /// <summary>Makes a new random token: 32 bytes of entropy, URL-safe.</summary>
    public static string NewToken() =>
        TokenStart + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.TokenPrefix).HasMaxLength(16);
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasIndex(x => new { x.OrganisationId, x.Name });
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
