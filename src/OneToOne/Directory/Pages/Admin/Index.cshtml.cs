using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.ServiceDirectory.Pages.Admin;

[Authorize(Policy = Policies.Admin)]
internal sealed class IndexModel(OneToOneDb db) : PageModel
{
    private const int Shown = 200;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public List<DirectoryService> Services { get; private set; } = [];

    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.Set<DirectoryService>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            // Case-insensitive on both databases: ToLower on each side (names are short; this is an admin list).
            var q = Q.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(); culture does not apply
            query = query.Where(s => s.Name.ToLower().Contains(q));
#pragma warning restore CA1304, CA1311, CA1862
        }

        Total = await query.CountAsync(ct);
        Services = await query.OrderBy(s => s.Name).Take(Shown).ToListAsync(ct);
    }
}
