using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Data;

namespace OneToOne.Evaluation.Costs;

/// <summary>Demo unit costs for the four default staff roles, so the evaluation's costs can be shown before an
/// administrator loads a real table. They are illustrative synthetic figures, not published ones, and say so in Source.</summary>
public static class UnitCostDefaults
{
    public const string IllustrativeSource = "Illustrative synthetic rate for the demo, not a published figure: replace with a unit cost table such as PSSRU's";
    // From 2015, so an earlier comparison cohort (the default comparator) is costed at the same illustrative rates.
    public static readonly DateOnly EffectiveFrom = new(2015, 4, 1);

    public static IReadOnlyList<(string Role, int Band, decimal CostPerHour)> Rates { get; } =
    [
        ("Support worker", 4, 38.00m),
        ("Clinical nurse specialist", 7, 64.00m),
        ("Complex case manager", 7, 64.00m),
        ("Community specialist practitioner", 6, 55.00m),
    ];

    /// <summary>Seeds the illustrative rates once, when there are no unit costs at all; never touches loaded ones.</summary>
    public static async Task EnsureDefaultsAsync(OneToOneDb db, CancellationToken ct)
    {
        if (await db.Set<UnitCost>().AnyAsync(ct))
        {
            return;
        }

        var roles = await db.StaffRoles.Select(r => r.Name).ToListAsync(ct);
        foreach (var (role, band, cost) in Rates.Where(r => roles.Contains(r.Role)))
        {
            db.Set<UnitCost>().Add(new UnitCost
            {
                StaffRole = role,
                Band = band,
                CostPerHour = cost,
                EffectiveFrom = EffectiveFrom,
                Source = IllustrativeSource,
                LoadedAt = db.Clock.GetUtcNow(),
                LoadedBy = "system",
            });
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node seeded them first: the unique (StaffRole, EffectiveFrom) index kept one copy.
            db.ChangeTracker.Clear();
        }
    }
}
