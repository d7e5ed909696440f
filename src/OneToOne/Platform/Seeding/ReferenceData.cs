using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OneToOne.Assessments;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Platform.Seeding;

/// <summary>What every installation needs, demo or not: the sign-in roles, the four default staff roles
/// (DOMAIN.md; administrators change them afterwards) and the shipped HNA instrument. Idempotent: runs
/// after every `migrate`.</summary>
internal static class ReferenceData
{
    public static async Task EnsureAsync(OneToOneDb db, CancellationToken ct)
    {
        var existing = await db.Roles.Select(r => r.NormalizedName).ToListAsync(ct);
        foreach (var role in Roles.StaffRoles.Where(r => !existing.Contains(r.ToUpperInvariant())))
        {
            db.Roles.Add(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7(), NormalizedName = role.ToUpperInvariant() });
        }

        if (!await db.StaffRoles.AnyAsync(ct))
        {
            db.StaffRoles.AddRange(DemoData.DefaultRoles());
        }

        await db.SaveChangesAsync(ct);
        await AssessmentDefaults.EnsureDefaultsAsync(db, ct);
        await EvaluationQuestionnaires.EnsureDefaultsAsync(db, ct);
    }
}
