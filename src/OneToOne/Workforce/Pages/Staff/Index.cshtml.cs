using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Workforce.Pages.Staff;

/// <summary>The organisation's staff, filtered by team and role.</summary>
[Authorize(Policy = Policies.Admin)]
internal sealed class IndexModel(OneToOneDb db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "team")]
    public Guid? Team { get; set; }

    [BindProperty(SupportsGet = true, Name = "role")]
    public Guid? Role { get; set; }

    public sealed record Row(Guid Id, string Name, string Email, string Role, string? Team, decimal Hours, decimal Capacity, bool HasAccount, bool Active);

    public IReadOnlyList<Row> Staff { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Teams { get; private set; } = [];

    public IReadOnlyList<SelectListItem> StaffRoles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Teams = (await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
            .Select(t => new SelectListItem(t.Name, t.Id.ToString(), t.Id == Team)).ToList();
        StaffRoles = (await db.StaffRoles.AsNoTracking().OrderBy(r => r.Name).Select(r => new { r.Id, r.Name }).ToListAsync(ct))
            .Select(r => new SelectListItem(r.Name, r.Id.ToString(), r.Id == Role)).ToList();
        var query = db.Staff.AsNoTracking();
        if (Team is { } team)
        {
            query = query.Where(s => s.TeamId == team);
        }

        if (Role is { } role)
        {
            query = query.Where(s => s.StaffRoleId == role);
        }

        Staff = await query.OrderBy(s => s.DisplayName)
            .Select(s => new Row(s.Id, s.DisplayName, s.Email, s.Role!.Name, s.Team != null ? s.Team.Name : null,
                s.HoursPerWeek, s.CaseloadCapacity, s.AccountId != null, s.Active))
            .ToListAsync(ct);
    }
}
