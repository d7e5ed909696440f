using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Worklists.Pages;

/// <summary>A team lead's view of the team's breaches: work that passed its deadline without being done, escalated
/// to them (or to their team's other leads) by the breach pass, with who holds it and how late it is.</summary>
[Authorize(Roles = Roles.TeamLead)]
internal sealed class TeamBreachesModel(WorkViews views, CurrentUser user, AuditTrail audit, OneToOneDb db) : PageModel
{
    public TeamBreachesView? Breaches { get; private set; }

    public IActionResult OnPost() => NotFound();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (user.StaffMemberId is not { } staffId)
        {
            return Page();
        }

        Breaches = await views.TeamBreachesAsync(staffId, ct);
        if (Breaches is null)
        {
            return NotFound();
        }

        audit.Record("team.breaches.view", "StaffMember", staffId, null, string.Create(CultureInfo.InvariantCulture, $"{Breaches.Total} breaches"));
        await db.SaveChangesAsync(ct);
        return Page();
    }
}
