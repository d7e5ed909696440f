using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneToOne.Platform.Auth;

namespace OneToOne.Supervision.Pages.Links;

/// <summary>Who supervises whom today: every active member of staff, support workers first.</summary>
[Authorize(Roles = Roles.Administrator + "," + Roles.TeamLead)]
internal sealed class IndexModel(SupervisionLinkEditor editor) : PageModel
{
    public IReadOnlyList<StaffSupervisionRow> Staff { get; private set; } = [];

    public IActionResult OnPost() => NotFound();

    public async Task OnGetAsync(CancellationToken ct) => Staff = await editor.StaffAsync(ct);
}
