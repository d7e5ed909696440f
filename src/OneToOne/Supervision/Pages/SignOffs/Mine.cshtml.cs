using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Supervision.Pages.SignOffs;

/// <summary>What the signed-in worker has asked to be signed off, and where each request stands.</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class MineModel(SignOffDecisions decisions, CurrentUser user, AuditTrail audit, OneToOneDb db) : PageModel
{
    public const int Shown = 100;

    public IReadOnlyList<SignOffRow> Requests { get; private set; } = [];

    public IActionResult OnPost() => NotFound();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Requests = await decisions.MineAsync(Shown, ct);
        if (user.StaffMemberId is { } me && Requests.Count > 0)
        {
            audit.Record("signoff.mine.view", "StaffMember", me, null, string.Create(CultureInfo.InvariantCulture, $"{Requests.Count} requests"));
            await db.SaveChangesAsync(ct);
        }
    }
}
