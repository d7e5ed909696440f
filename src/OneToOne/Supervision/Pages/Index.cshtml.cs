using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneToOne.Platform.Auth;

namespace OneToOne.Supervision.Pages;

/// <summary>Supervision at a glance: your supervisor, the people you supervise, your sessions, and what waits for
/// you (sign-offs, case audit).</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class IndexModel(Supervisors supervisors, SupervisionSessions sessions, SignOffDecisions decisions, CaseAudits audits, CurrentUser user) : PageModel
{
    public const int SessionsShown = 10;

    public bool HasStaffRecord { get; private set; }

    public SupervisorRow? MySupervisor { get; private set; }

    public IReadOnlyList<SuperviseeRow> Supervisees { get; private set; } = [];

    public IReadOnlyList<SessionRow> Sessions { get; private set; } = [];

    public int PendingSignOffs { get; private set; }

    public int CasesToReview { get; private set; }

    public bool MayDecide => user.IsAnyRole(Roles.RegisteredPractitioner, Roles.TeamLead);

    public bool IsTeamLead => user.IsInRole(Roles.TeamLead);

    public IActionResult OnPost() => NotFound();

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (user.StaffMemberId is not { } me)
        {
            return;
        }

        HasStaffRecord = true;
        MySupervisor = await supervisors.SupervisorOfAsync(me, ct);
        Supervisees = await supervisors.SuperviseesOfAsync(me, ct);
        Sessions = await sessions.SessionsForAsync(me, false, SessionsShown, ct);
        if (MayDecide)
        {
            PendingSignOffs = (await decisions.QueueAsync(false, 1000, ct)).Count;
            CasesToReview = (await audits.ForMeAsync(ct)).Count(r => r.ReviewedAt is null);
        }
    }
}
