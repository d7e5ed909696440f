using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Supervision.Pages.SignOffs;

/// <summary>The sign-off queue: what the signed-in supervisor (or team lead, for the team) has to decide.</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class IndexModel(SignOffDecisions decisions, CurrentUser user, AuditTrail audit, OneToOneDb db) : PageModel
{
    public const int DecidedShown = 20;
    public const int PendingShown = 200;

    public IReadOnlyList<SignOffRow> Pending { get; private set; } = [];

    public IReadOnlyList<SignOffRow> Decided { get; private set; } = [];

    public bool HasStaffRecord => user.StaffMemberId is not null;

    public IActionResult OnPost() => NotFound();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // A support worker never decides: their page is the list of what they asked for.
        if (!user.IsAnyRole(Roles.RegisteredPractitioner, Roles.TeamLead))
        {
            return Redirect("/supervision/sign-offs/mine");
        }

        Pending = await decisions.QueueAsync(false, PendingShown, ct);
        Decided = await decisions.QueueAsync(true, DecidedShown, ct);
        if (user.StaffMemberId is { } me && Pending.Count + Decided.Count > 0)
        {
            audit.Record("signoff.queue.view", "StaffMember", me, null,
                string.Create(CultureInfo.InvariantCulture, $"{Pending.Count + Decided.Count} requests"));
            await db.SaveChangesAsync(ct);
        }

        return Page();
    }
}
