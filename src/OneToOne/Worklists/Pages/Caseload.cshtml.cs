using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Worklists.Pages;

/// <summary>A key worker's own caseload, or (for team leads and registered practitioners) a colleague's.</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class CaseloadModel(Caseloads caseloads, CurrentUser user, AuditTrail audit, OneToOneDb db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? StaffId { get; set; }

    public WorkerCaseload? Caseload { get; private set; }

    public bool IsOwn { get; private set; }

    /// <summary>The page only reads; a POST is not a route here.</summary>
    public IActionResult OnPost() => NotFound();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var staffId = StaffId ?? user.StaffMemberId;
        IsOwn = staffId is not null && staffId == user.StaffMemberId;
        if (staffId is null)
        {
            // Signed in without a staff record: nothing to list, and the page says so.
            return Page();
        }

        if (!IsOwn && !user.IsAnyRole(Roles.TeamLead, Roles.RegisteredPractitioner))
        {
            // As the platform does for forbidden record routes: not found, never confirming the record.
            return NotFound();
        }

        Caseload = await caseloads.ForStaffAsync(staffId.Value, ct);
        if (Caseload is null)
        {
            return NotFound();
        }

        audit.Record("caseload.view", "StaffMember", staffId.Value, null,
            string.Create(CultureInfo.InvariantCulture, $"{Caseload.Entries.Count} people"));
        await db.SaveChangesAsync(ct);
        return Page();
    }
}
