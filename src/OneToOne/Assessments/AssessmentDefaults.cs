using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Data;

namespace OneToOne.Assessments;

/// <summary>The shipped holistic needs assessment, built from <see cref="ConcernCatalogue"/>.</summary>
public static class AssessmentDefaults
{
    public const string HnaCode = "hna";
    public const string DistressItem = "distress";

    public static InstrumentDefinition HnaV1() => new()
    {
        Sections =
        [
            new InstrumentSection
            {
                Code = "distress",
                Title = "How you have been feeling",
                Items =
                [
                    new InstrumentItem
                    {
                        Code = DistressItem,
                        Text = "How much distress have you felt in the past week, including today?",
                        Hint = "0 means no distress, 10 means extreme distress",
                        Required = true,
                    },
                ],
            },
            .. ConcernCatalogue.Domains.Select(d => new InstrumentSection
            {
                Code = d.Code,
                Title = d.Name,
                Hint = "For each, 0 means it is not a concern and 10 means it is a very big concern. Leave any that do not apply.",
                Items = ConcernCatalogue.Items.Where(i => i.DomainCode == d.Code)
                    .Select(i => new InstrumentItem { Code = i.Code, Text = i.Text, DomainCode = i.DomainCode, RedFlag = i.RedFlag })
                    .ToList(),
            }),
        ],
        Scoring = new ScoringSettings { DistressItemCode = DistressItem, DistressThreshold = 4, DefaultConcernThreshold = 7, TopConcernsMax = 3 },
    };

    /// <summary>Seeds HNA version 1 once; never touches later versions an administrator published.</summary>
    public static async Task EnsureDefaultsAsync(OneToOneDb db, CancellationToken ct)
    {
        if (await db.Set<Instrument>().AnyAsync(i => i.Code == HnaCode, ct))
        {
            return;
        }

        db.Set<Instrument>().Add(new Instrument
        {
            Code = HnaCode,
            Version = 1,
            Name = "Holistic needs assessment",
            Kind = InstrumentKind.Assessment,
            DefinitionJson = HnaV1().ToJson(),
            PublishedAt = db.Clock.GetUtcNow(),
            PublishedBy = "system",
            Active = true,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node seeded it first: the unique (Code, Version) index kept one copy.
            db.ChangeTracker.Clear();
        }
    }
}
