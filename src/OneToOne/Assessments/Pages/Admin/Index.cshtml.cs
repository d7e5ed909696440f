using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Assessments.Pages.Admin;

[Authorize(Policy = Policies.Admin)]
internal sealed class IndexModel(OneToOneDb db) : PageModel
{
    public List<Instrument> Instruments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Instruments = await db.Set<Instrument>().AsNoTracking().OrderBy(i => i.Code).ThenByDescending(i => i.Version).ToListAsync(ct);
}
