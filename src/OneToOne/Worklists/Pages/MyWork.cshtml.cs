using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Worklists.Pages;

/// <summary>What is due and overdue for me, and in my team's queue; each task links to where the work is done.</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class MyWorkModel(WorkViews views, CurrentUser user, AuditTrail audit, OneToOneDb db) : PageModel
{
    public MyWorkView? Work { get; private set; }

    public bool IsTeamLead => user.IsInRole(Roles.TeamLead);

    public IActionResult OnPost() => NotFound();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (user.StaffMemberId is not { } staffId)
        {
            return Page();
        }

        Work = await views.MyWorkAsync(staffId, user.Role, ct);
        if (Work is null)
        {
            return NotFound();
        }

        audit.Record("mywork.view", "StaffMember", staffId, null,
            string.Create(CultureInfo.InvariantCulture, $"{Work.Mine.Total} tasks, team queue {Work.Team?.Total ?? 0}"));
        await db.SaveChangesAsync(ct);
        return Page();
    }
}
