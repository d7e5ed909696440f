using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Supervision.Pages.CaseAudit;

/// <summary>The closed episodes sampled for the signed-in supervisor (or their team) to audit, by month.</summary>
[Authorize(Policy = Policies.TeamView)]
internal sealed class IndexModel(CaseAudits audits, CurrentUser user, AuditTrail audit, OneToOneDb db) : PageModel
{
    public IReadOnlyList<CaseAuditRow> Items { get; private set; } = [];

    public IActionResult OnPost() => NotFound();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Items = await audits.ForMeAsync(ct);
        if (user.StaffMemberId is { } me && Items.Count > 0)
        {
            audit.Record("caseaudit.list.view", "StaffMember", me, null, string.Create(CultureInfo.InvariantCulture, $"{Items.Count} cases"));
            await db.SaveChangesAsync(ct);
        }
    }
}
