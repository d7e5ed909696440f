using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Escalations.Pages;

/// <summary>The practitioner's escalation queue: sent to them, to their team's queue or taken by them (a team lead:
/// every open one), soonest due - so overdue - first; and the open escalations the user raised.</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class IndexModel(OneToOneDb db, EscalationActions actions, AuditTrail audit, CurrentUser user, TimeProvider clock) : PageModel
{
    public IReadOnlyList<EscalationRow> Queue { get; private set; } = [];

    public IReadOnlyList<EscalationRow> Raised { get; private set; } = [];

    public bool TakesEscalations { get; private set; }

    public bool IsTeamLead { get; private set; }

    public DateTimeOffset Now => clock.GetUtcNow();

    public EscalationOptions Options => actions.Options;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var who = await actions.ResponderAsync(ct);
        TakesEscalations = who.IsRegisteredPractitioner || who.IsTeamLead;
        IsTeamLead = who.IsTeamLead;
        if (TakesEscalations)
        {
            Queue = await actions.QueueAsync(who, ct);
        }

        Raised = await actions.RaisedByMeAsync(ct);
        // A list of people: one audit event for the page (no names in it).
        audit.Record("escalations.view", "StaffMember", user.StaffMemberId ?? user.UserId ?? Guid.Empty, null,
            $"{Queue.Count} in queue; {Raised.Count} raised");
        await db.SaveChangesAsync(ct);
    }
}
