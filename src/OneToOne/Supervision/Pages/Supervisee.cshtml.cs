using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Worklists;

namespace OneToOne.Supervision.Pages;

/// <summary>The supervisee's caseload as their supervisor reviews it (the caseload query of Worklists), with their
/// supervision sessions and open requests for sign-off. Only their supervisor today, or the team lead.</summary>
[Authorize(Policy = Policies.TeamView)]
internal sealed class SuperviseeModel(Supervisors supervisors, Caseloads caseloads, SupervisionSessions sessions, SignOffDecisions decisions,
    AuditTrail audit, OneToOneDb db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid StaffId { get; set; }

    public WorkerCaseload Caseload { get; private set; } = null!;

    public IReadOnlyList<SessionRow> Sessions { get; private set; } = [];

    public IReadOnlyList<SignOffRow> PendingSignOffs { get; private set; } = [];

    public IActionResult OnPost() => NotFound();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await supervisors.MaySuperviseAsync(StaffId, ct) || await caseloads.ForStaffAsync(StaffId, ct) is not { } caseload)
        {
            return NotFound();
        }

        Caseload = caseload;
        Sessions = await sessions.SessionsForAsync(StaffId, true, 20, ct);
        PendingSignOffs = [.. (await decisions.QueueAsync(false, 1000, ct)).Where(r => r.RequestedByStaffId == StaffId)];
        audit.Record("caseload.view", "StaffMember", StaffId, null,
            string.Create(CultureInfo.InvariantCulture, $"{caseload.Entries.Count} people (supervision)"));
        await db.SaveChangesAsync(ct);
        return Page();
    }
}
