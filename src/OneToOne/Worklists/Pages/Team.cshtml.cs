using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneToOne.Platform.Auth;

namespace OneToOne.Worklists.Pages;

/// <summary>Who holds how much: each active worker's open people by level and weighted caseload against capacity.</summary>
[Authorize(Policy = Policies.TeamView)]
internal sealed class TeamModel(Caseloads caseloads) : PageModel
{
    public TeamOverview Overview { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Overview = await caseloads.TeamAsync(ct);
}
