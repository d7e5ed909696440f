using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Worklists.Pages;

/// <summary>No one lost: active people with no contact and nothing scheduled for longer than the configured period,
/// and open referrals past their triage deadline.</summary>
[Authorize(Policy = Policies.TeamView)]
internal sealed class SafetyModel(WorkViews views, CurrentUser user, AuditTrail audit, OneToOneDb db) : PageModel
{
    public SafetyView Report { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Report = await views.SafetyAsync(ct);
        audit.Record("report.safety.view", "Organisation", user.OrganisationId ?? Guid.Empty, null,
            string.Create(CultureInfo.InvariantCulture, $"{Report.LostTotal} without contact, {Report.PastTriageTotal} past triage"));
        await db.SaveChangesAsync(ct);
    }
}
