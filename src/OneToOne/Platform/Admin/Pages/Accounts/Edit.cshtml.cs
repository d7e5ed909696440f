using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Platform.Admin.Pages.Accounts;

/// <summary>Grants or removes the Evaluator, TeamLead and Administrator roles, and resets two-factor
/// authentication, for an account of the administrator's own organisation (any other is a 404).</summary>
[Authorize(Policy = Policies.Admin)]
internal sealed class EditModel(OneToOneDb db, UserManager<StaffAccount> users, RoleManager<IdentityRole<Guid>> roles, AuditTrail audit, CurrentUser user)
    : PageModel
{
    public const string OwnAdministratorRole = "You cannot remove the administrator role from your own account. Ask another administrator.";

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public List<string> Granted { get; set; } = [];

    public StaffAccount Account { get; private set; } = null!;

    public IReadOnlyList<string> CurrentRoles { get; private set; } = [];

    public static IEnumerable<SelectListItem> Grantable =>
        AdminAccounts.Grantable.Select(r => new SelectListItem(Roles.DisplayName(r), r));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Granted = [.. CurrentRoles.Where(AdminAccounts.Grantable.Contains)];
        return Page();
    }

    public async Task<IActionResult> OnPostRolesAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var wanted = Granted.Where(AdminAccounts.Grantable.Contains).ToHashSet(StringComparer.Ordinal);
        if (Granted.Any(r => !AdminAccounts.Grantable.Contains(r)))
        {
            ModelState.AddModelError("Granted", "Select roles from the list");
        }

        if (Account.Id == user.UserId && !wanted.Contains(Roles.Administrator))
        {
            ModelState.AddModelError("Granted", OwnAdministratorRole);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var added = AdminAccounts.Grantable.Where(r => wanted.Contains(r) && !CurrentRoles.Contains(r)).ToList();
        var removed = AdminAccounts.Grantable.Where(r => !wanted.Contains(r) && CurrentRoles.Contains(r)).ToList();
        if (added.Count + removed.Count > 0)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var role in added)
            {
                await AdminAccounts.EnsureRoleAsync(roles, role);
            }

            if (added.Count > 0)
            {
                AdminAccounts.Check(await users.AddToRolesAsync(Account, added));
            }

            if (removed.Count > 0)
            {
                AdminAccounts.Check(await users.RemoveFromRolesAsync(Account, removed));
            }

            audit.Record("account.roles", "StaffAccount", Account.Id,
                detail: $"granted [{string.Join(",", added)}] removed [{string.Join(",", removed)}]");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        TempData["Success"] = "Roles saved. They apply the next time the account signs in.";
        return Redirect($"/admin/accounts/{Account.Id}");
    }

    public async Task<IActionResult> OnPostResetTwoFactorAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // A new key makes the old authenticator useless; the account sets one up again at next sign-in.
        AdminAccounts.Check(await users.ResetAuthenticatorKeyAsync(Account));
        AdminAccounts.Check(await users.SetTwoFactorEnabledAsync(Account, false));
        audit.Record("account.two-factor-reset", "StaffAccount", Account.Id);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TempData["Success"] = "Two-factor authentication reset. They will set up their authenticator app again when they next sign in.";
        return Redirect($"/admin/accounts/{Account.Id}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var account = await db.FindInOrganisationAsync(Id, ct);
        if (account is null)
        {
            return false;
        }

        Account = account;
        CurrentRoles = [.. await users.GetRolesAsync(account)];
        return true;
    }
}
