using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Workforce.Pages.Roles;

[Authorize(Policy = Policies.Admin)]
internal sealed class IndexModel(OneToOneDb db) : PageModel
{
    public IReadOnlyList<StaffRole> StaffRoles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        StaffRoles = await db.StaffRoles.AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct);
}
