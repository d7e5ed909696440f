using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Platform.Admin.Pages.ApiClients;

/// <summary>The organisation's API clients; revoking one stops its token at once.</summary>
[Authorize(Policy = Policies.Admin)]
internal sealed class IndexModel(OneToOneDb db, AuditTrail audit, TimeProvider clock) : PageModel
{
    public IReadOnlyList<ApiClient> Clients { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Clients = await db.ApiClients.AsNoTracking().OrderBy(c => c.RevokedAt != null).ThenBy(c => c.Name).ToListAsync(ct);

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        var client = await db.ApiClients.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return NotFound();
        }

        if (client.RevokedAt is null)
        {
            client.RevokedAt = clock.GetUtcNow();
            audit.Record("apiclient.revoke", "ApiClient", client.Id, detail: "token " + client.TokenPrefix);
            await db.SaveChangesAsync(ct);
        }

        TempData["Success"] = "Token revoked: " + client.Name + " can no longer call the API";
        return Redirect("/admin/api-clients");
    }
}
