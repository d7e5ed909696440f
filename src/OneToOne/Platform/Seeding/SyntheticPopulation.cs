using OneToOne.Platform.Data;
using OneToOne.Workforce;

namespace OneToOne.Platform.Seeding;

/// <summary>People and referrals in every state. (Placeholder: replaced by the bulk generator.)</summary>
internal static class SyntheticPopulation
{
    public static async Task<string> SeedAsync(OneToOneDb db, IReadOnlyList<Organisation> organisations, Workforce workforce,
        IReadOnlyList<StaffRole> roles, int people, TextWriter log, CancellationToken ct)
    {
        _ = organisations;
        _ = workforce;
        _ = roles;
        _ = log;
        await db.Database.CanConnectAsync(ct);
        return $"0 of {people} people (generator pending)";
    }
}
