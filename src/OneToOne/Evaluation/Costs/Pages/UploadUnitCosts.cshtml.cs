using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneToOne.Platform.Auth;

namespace OneToOne.Evaluation.Costs.Pages;

/// <summary>Loads a table of rates (PSSRU-style) from a CSV file: every row is checked, and the rates are added all
/// together or not at all.</summary>
[Authorize(Policy = Policies.Admin)]
// Our own 1 MB check gives the clear message; the server's limits sit above it so it is reached.
[RequestSizeLimit(UnitCosts.MaxBytes * 4)]
[RequestFormLimits(MultipartBodyLengthLimit = UnitCosts.MaxBytes * 4)]
internal sealed class UploadUnitCostsModel(UnitCosts costs) : PageModel
{
    [BindProperty]
    public IFormFile? CsvFile { get; set; }

    public UnitCostSaveResult? Result { get; private set; }

    public void OnGet()
    {
    }

    public FileContentResult OnGetTemplate() =>
        File(Encoding.UTF8.GetBytes(UnitCosts.Template()), "text/csv", "unit-costs-template.csv");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (CsvFile is null)
        {
            ModelState.AddModelError(nameof(CsvFile), "Select a CSV file");
            return Page();
        }

        await using var stream = CsvFile.OpenReadStream();
        Result = await costs.ImportAsync(stream, CsvFile.Length, ct);
        if (Result.FileError is not null)
        {
            ModelState.AddModelError(nameof(CsvFile), Result.FileError);
            return Page();
        }

        if (Result.Errors.Count > 0)
        {
            var rows = Result.Errors.Select(e => e.Row).Distinct().Count();
            ModelState.AddModelError(nameof(CsvFile), string.Create(CultureInfo.InvariantCulture,
                $"The file has problems in {rows} {(rows == 1 ? "row" : "rows")}, listed below: nothing was added. Fix them and upload the whole file again."));
            return Page();
        }

        TempData["Success"] = string.Create(CultureInfo.InvariantCulture,
            $"{Result.Added} {(Result.Added == 1 ? "rate" : "rates")} added; {Result.Closed} earlier {(Result.Closed == 1 ? "rate now ends" : "rates now end")} the day before the new one");
        return Redirect("/admin/unit-costs");
    }
}
