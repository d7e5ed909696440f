using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneToOne.Platform.Data;

/// <summary>The first answer to a creating POST that carried an Idempotency-Key; a retry gets the same answer.</summary>
public sealed class IdempotencyRecord : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public required string Key { get; set; }
    public required string Route { get; set; }
    /// <summary>SHA-256 of the request body: the same key with a different body is refused.</summary>
    public required string RequestHash { get; set; }
    public int StatusCode { get; set; }
    public required string ResponseBody { get; set; }
    public string? Location { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.Property(x => x.Key).HasMaxLength(100);
        b.Property(x => x.Route).HasMaxLength(200);
        b.Property(x => x.RequestHash).HasMaxLength(64);
        b.Property(x => x.Location).HasMaxLength(300);
        b.HasIndex(x => new { x.OrganisationId, x.Route, x.Key }).IsUnique();
    }
}
