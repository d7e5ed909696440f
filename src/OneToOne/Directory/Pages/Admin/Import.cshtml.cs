using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneToOne.Platform.Auth;

namespace OneToOne.ServiceDirectory.Pages.Admin;

[Authorize(Policy = Policies.Admin)]
// Our own 20 MB check gives the clear message; the server's limits sit above it so it is reached.
[RequestSizeLimit(HsdsImport.MaxBytes * 2)]
[RequestFormLimits(MultipartBodyLengthLimit = HsdsImport.MaxBytes * 2)]
internal sealed class ImportModel(HsdsImport import) : PageModel
{
    [BindProperty]
    public IFormFile? JsonFile { get; set; }

    public HsdsImportReport? Report { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (JsonFile is null)
        {
            ModelState.AddModelError(nameof(JsonFile), "Select a JSON file");
            return Page();
        }

        await using var stream = JsonFile.OpenReadStream();
        Report = await import.ImportAsync(stream, JsonFile.Length, ct);
        if (Report.FileError is not null)
        {
            ModelState.AddModelError(nameof(JsonFile), Report.FileError);
        }

        return Page();
    }
}
