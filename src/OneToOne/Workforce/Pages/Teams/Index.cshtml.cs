using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Workforce.Pages.Teams;

/// <summary>The administrator's own organisation's teams (the tenancy filter scopes them).</summary>
[Authorize(Policy = Policies.Admin)]
internal sealed class IndexModel(OneToOneDb db) : PageModel
{
    public sealed record Row(Guid Id, string Name, string? Description, bool Active, int Staff);

    public IReadOnlyList<Row> Teams { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var counts = await db.Staff.Where(s => s.TeamId != null).GroupBy(s => s.TeamId)
            .Select(g => new { TeamId = g.Key!.Value, Count = g.Count() }).ToDictionaryAsync(x => x.TeamId, x => x.Count, ct);
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        Teams = [.. teams.Select(t => new Row(t.Id, t.Name, t.Description, t.Active, counts.GetValueOrDefault(t.Id)))];
    }
}
