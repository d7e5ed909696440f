using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Platform.Admin.Pages.Accounts;

/// <summary>The organisation's sign-in accounts. Identity rows carry no tenancy filter: <see cref="AdminAccounts.InOrganisation"/> scopes them.</summary>
[Authorize(Policy = Policies.Admin)]
internal sealed class IndexModel(OneToOneDb db, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid Id, string Name, string Email, IReadOnlyList<string> Roles, bool TwoFactor, DateTimeOffset? LockedUntil, int FailedAttempts);

    public IReadOnlyList<Row> Accounts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var accounts = await db.InOrganisation().AsNoTracking().OrderBy(u => u.Email)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.TwoFactorEnabled, u.LockoutEnd, u.AccessFailedCount }).ToListAsync(ct);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           join u in db.InOrganisation() on ur.UserId equals u.Id
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        Accounts = [.. accounts.Select(a => new Row(a.Id, a.DisplayName, a.Email ?? "", [.. byUser[a.Id].Order(StringComparer.Ordinal)],
            a.TwoFactorEnabled, a.LockoutEnd is { } end && end > now ? end : null, a.AccessFailedCount))];
    }
}
