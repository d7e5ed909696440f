using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Data;

namespace OneToOne.ServiceDirectory.Pages;

internal sealed class DetailsModel(OneToOneDb db) : PageModel
{
    public DirectoryService Service { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var service = await db.Set<DirectoryService>().AsNoTracking().Include(s => s.Categories).Include(s => s.Areas)
            .AsSplitQuery().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (service is null)
        {
            return NotFound();
        }

        Service = service;
        return Page();
    }
}
