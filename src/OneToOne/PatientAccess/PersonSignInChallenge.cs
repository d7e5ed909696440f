using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneToOne.PatientAccess;

/// <summary>One request for a sign-in code. Not tenant-owned, like a staff sign-in account: it exists before anyone
/// knows which organisation the person belongs to. It holds ids, never contact details. A request that matched no
/// record (or more than one, or went over the per-person limit) is a decoy: no code, so no code can match, but the
/// person sees exactly what they would see for a real one - the page never reveals whether an address is known.</summary>
public sealed class PersonSignInChallenge
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? OrganisationId { get; set; }
    public Guid? PersonId { get; set; }
    public required string Channel { get; set; }
    public byte[]? Salt { get; set; }
    public byte[]? CodeHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int FailedAttempts { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

internal sealed class PersonSignInChallengeConfiguration : IEntityTypeConfiguration<PersonSignInChallenge>
{
    public void Configure(EntityTypeBuilder<PersonSignInChallenge> b)
    {
        b.ToTable("PersonSignInChallenges");
        b.Property(x => x.Channel).HasMaxLength(10);
        b.Property(x => x.Salt).HasMaxLength(16);
        b.Property(x => x.CodeHash).HasMaxLength(32);
        // Codes sent to a person in the last hour (the per-person limit); old rows are purged by time.
        b.HasIndex(x => new { x.PersonId, x.CreatedAt });
        b.HasIndex(x => x.CreatedAt);
    }
}
