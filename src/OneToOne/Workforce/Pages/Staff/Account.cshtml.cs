using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Admin;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Workforce.Pages.Staff;

/// <summary>Creates a sign-in account for a member of staff, resets its password, locks or unlocks it.
/// A temporary password is shown once, on the response to the POST, and never stored in plain text.</summary>
[Authorize(Policy = Policies.Admin)]
internal sealed class AccountModel(OneToOneDb db, UserManager<StaffAccount> users, RoleManager<IdentityRole<Guid>> roles, AuditTrail audit, TimeProvider clock)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public StaffMember Staff { get; private set; } = null!;

    public StaffAccount? Account { get; private set; }

    /// <summary>Set only on the response that made it: the administrator passes it on, then it is gone.</summary>
    public string? TemporaryPassword { get; private set; }

    public bool IsLocked => Account?.LockoutEnd is { } end && end > clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (Account is not null)
        {
            return await ResetPasswordAsync(ct);
        }

        if (!Staff.Active)
        {
            ModelState.AddModelError("", "This member of staff is inactive. Make them active before creating a sign-in account.");
            return Page();
        }

        if (await users.FindByEmailAsync(Staff.Email) is not null)
        {
            ModelState.AddModelError("", "A sign-in account with this email address already exists. Change the staff email address or ask support to link the account.");
            return Page();
        }

        var signInRole = Staff.Role!.SignInRole;
        var password = WorkforceRules.TemporaryPassword();
        var account = new StaffAccount
        {
            OrganisationId = db.TenantId,
            UserName = Staff.Email,
            Email = Staff.Email,
            EmailConfirmed = true,
            DisplayName = Staff.DisplayName,
            LockoutEnabled = true,
        };

        // The account, its role, the staff link and the audit event commit together.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await AdminAccounts.EnsureRoleAsync(roles, signInRole);
        var created = await users.CreateAsync(account, password);
        if (!created.Succeeded)
        {
            ModelState.AddModelError("", "The account could not be created: " + string.Join(" ", created.Errors.Select(e => e.Description)));
            return Page();
        }

        AdminAccounts.Check(await users.AddToRoleAsync(account, signInRole));
        Staff.AccountId = account.Id;
        audit.Record("account.create", "StaffAccount", account.Id, detail: $"for staff {Staff.Id}, role {signInRole}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        Account = account;
        TemporaryPassword = password;
        return Page();
    }

    private async Task<IActionResult> ResetPasswordAsync(CancellationToken ct)
    {
        var password = WorkforceRules.TemporaryPassword();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var token = await users.GeneratePasswordResetTokenAsync(Account!);
        AdminAccounts.Check(await users.ResetPasswordAsync(Account!, token, password));
        audit.Record("account.password-reset", "StaffAccount", Account!.Id, detail: $"for staff {Staff.Id}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TemporaryPassword = password;
        return Page();
    }

    public async Task<IActionResult> OnPostLockAsync(CancellationToken ct) => await SetLockAsync(locked: true, ct);

    public async Task<IActionResult> OnPostUnlockAsync(CancellationToken ct) => await SetLockAsync(locked: false, ct);

    private async Task<IActionResult> SetLockAsync(bool locked, CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Account is null)
        {
            return NotFound();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (locked)
        {
            AdminAccounts.Check(await users.SetLockoutEnabledAsync(Account, true));
            AdminAccounts.Check(await users.SetLockoutEndDateAsync(Account, DateTimeOffset.MaxValue));
            // A new security stamp ends the sessions the account already has.
            AdminAccounts.Check(await users.UpdateSecurityStampAsync(Account));
        }
        else
        {
            AdminAccounts.Check(await users.SetLockoutEndDateAsync(Account, null));
            AdminAccounts.Check(await users.ResetAccessFailedCountAsync(Account));
        }

        audit.Record(locked ? "account.lock" : "account.unlock", "StaffAccount", Account.Id, detail: $"for staff {Staff.Id}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TempData["Success"] = locked ? "Account locked" : "Account unlocked";
        return Redirect($"/admin/staff/{Staff.Id}/account");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var staff = await db.Staff.Include(s => s.Role).FirstOrDefaultAsync(s => s.Id == Id, ct);
        if (staff is null)
        {
            return false;
        }

        Staff = staff;
        Account = staff.AccountId is { } accountId ? await db.FindInOrganisationAsync(accountId, ct) : null;
        return true;
    }
}
