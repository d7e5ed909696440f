using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneToOne.Assessments;

/// <summary>One published version of a questionnaire. Programme-wide reference data, not tenant-owned: every
/// partner answers the same versions, so outcomes compare. Versions are never edited; a change is a new version
/// and every response keeps the version it answered.</summary>
public sealed class Instrument
{
    public const int CodeMax = 50;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Code { get; set; }
    public int Version { get; set; }
    public required string Name { get; set; }
    public InstrumentKind Kind { get; set; }
    public required string DefinitionJson { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    /// <summary>The version new responses use. Exactly one version of a code is active.</summary>
    public bool Active { get; set; }

    private InstrumentDefinition? _definition;

    /// <summary>The parsed definition (published definitions were validated, so this does not fail).</summary>
    public InstrumentDefinition Definition =>
        _definition ??= System.Text.Json.JsonSerializer.Deserialize<InstrumentDefinition>(DefinitionJson, InstrumentDefinition.Json)!;
}

internal sealed class InstrumentConfiguration : IEntityTypeConfiguration<Instrument>
{
    public void Configure(EntityTypeBuilder<Instrument> b)
    {
        b.Property(x => x.Code).HasMaxLength(Instrument.CodeMax);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.DefinitionJson).HasMaxLength(200_000);
        b.Property(x => x.PublishedBy).HasMaxLength(200);
        b.Ignore(x => x.Definition);
        b.HasIndex(x => new { x.Code, x.Version }).IsUnique();
        b.HasIndex(x => new { x.Code, x.Active });
    }
}
