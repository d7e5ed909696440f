using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneToOne.Platform.Auth;

namespace OneToOne.Referrals.Pages;

[Authorize(Policy = Policies.RecordReferrals)]
// Our own 5 MB check gives the clear message; the server's limits sit above it so it is reached.
[RequestSizeLimit(ReferralCsvImport.MaxBytes * 4)]
[RequestFormLimits(MultipartBodyLengthLimit = ReferralCsvImport.MaxBytes * 4)]
internal sealed class UploadModel(ReferralCsvImport import) : PageModel
{
    [BindProperty]
    public IFormFile? CsvFile { get; set; }

    public CsvImportResult? Result { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (CsvFile is null)
        {
            ModelState.AddModelError(nameof(CsvFile), "Select a CSV file");
            return Page();
        }

        await using var stream = CsvFile.OpenReadStream();
        Result = await import.ImportAsync(stream, CsvFile.Length, ct);
        if (Result.FileError is not null)
        {
            ModelState.AddModelError(nameof(CsvFile), Result.FileError);
        }

        return Page();
    }
}
