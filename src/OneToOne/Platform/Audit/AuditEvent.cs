using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneToOne.Platform.Data;

namespace OneToOne.Platform.Audit;

/// <summary>One access to or change of a record. Append-only; hash-chained per organisation,
/// so removing or editing any row breaks every hash after it (tamper-evident).</summary>
public sealed class AuditEvent : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    /// <summary>1, 2, 3... within the organisation; assigned when saved.</summary>
    public long Sequence { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public Guid? UserId { get; set; }
    public required string UserName { get; set; }
    public required string Role { get; set; }
    /// <summary>e.g. person.view, referral.create, referral.triage.</summary>
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public Guid? PersonId { get; set; }
    /// <summary>What changed or why, without personal data (no names, no NHS numbers).</summary>
    public string? Detail { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";

    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public string ComputeHash()
    {
        var text = string.Join('|',
            PreviousHash,
            OrganisationId.ToString("N"),
            Sequence.ToString(CultureInfo.InvariantCulture),
            OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            UserId?.ToString("N") ?? "",
            UserName,
            Role,
            Action,
            EntityType,
            EntityId,
            PersonId?.ToString("N") ?? "",
            Detail ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Whole milliseconds survive every database's timestamp precision, so the hash does too.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset t) =>
        new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.Role).HasMaxLength(50);
        b.Property(x => x.Action).HasMaxLength(64);
        b.Property(x => x.EntityType).HasMaxLength(64);
        b.Property(x => x.EntityId).HasMaxLength(64);
        b.Property(x => x.Detail).HasMaxLength(1000);
        b.Property(x => x.PreviousHash).HasMaxLength(64);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.HasIndex(x => new { x.OrganisationId, x.Sequence }).IsUnique();
        b.HasIndex(x => new { x.OrganisationId, x.PersonId, x.OccurredAt });
        b.HasIndex(x => new { x.OrganisationId, x.UserId, x.OccurredAt });
        b.HasIndex(x => new { x.OrganisationId, x.OccurredAt });
    }
}
