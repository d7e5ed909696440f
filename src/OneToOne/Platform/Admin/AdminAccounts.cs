using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Platform.Admin;

/// <summary>Sign-in accounts as an administrator sees them. Identity's tables are not tenant-owned, so
/// every lookup here names the administrator's organisation itself: another organisation's account is "not found".</summary>
internal static class AdminAccounts
{
    /// <summary>Roles an administrator grants directly on the accounts page (the clinical roles come from the staff role).</summary>
    public static readonly IReadOnlyList<string> Grantable = [Roles.Evaluator, Roles.TeamLead, Roles.Administrator];

    public static IQueryable<StaffAccount> InOrganisation(this OneToOneDb db) =>
        db.Users.Where(u => u.OrganisationId == db.TenantId);

    public static Task<StaffAccount?> FindInOrganisationAsync(this OneToOneDb db, Guid id, CancellationToken ct) =>
        db.InOrganisation().FirstOrDefaultAsync(u => u.Id == id, ct);

    /// <summary>A database prepared by migrations alone has no role rows yet; the first grant creates its role.</summary>
    public static async Task EnsureRoleAsync(RoleManager<IdentityRole<Guid>> roles, string role)
    {
        if (!await roles.RoleExistsAsync(role))
        {
            Check(await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() }));
        }
    }

    /// <summary>Identity reports failures as results; here they are programming or data errors, not user input.</summary>
    public static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Account change failed: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }
}
