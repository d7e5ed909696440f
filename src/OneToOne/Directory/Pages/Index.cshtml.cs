using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneToOne.Assessments;
using OneToOne.Platform.Data;

namespace OneToOne.ServiceDirectory.Pages;

/// <summary>Directory search: reference data with no personal data, so any signed-in user (the fallback policy).</summary>
internal sealed class IndexModel(OneToOneDb db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Concern { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? District { get; set; }

    // "page" is Razor Pages' route value, so paging uses p.
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public string? ConcernError { get; private set; }

    public string? DistrictError { get; private set; }

    public ServiceSearchPage? Results { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Concern is null && District is null)
        {
            return;
        }

        if (ConcernCatalogue.FindItem(Concern ?? "") is null)
        {
            ConcernError = "Choose a concern";
            ModelState.AddModelError(nameof(Concern), ConcernError);
        }

        if (!string.IsNullOrWhiteSpace(District) && DirectoryRules.NormaliseDistrict(District) is null)
        {
            DistrictError = "Enter a postcode district such as LS6, or a full postcode";
            ModelState.AddModelError(nameof(District), DistrictError);
        }

        if (ConcernError is null && DistrictError is null)
        {
            Results = await DirectorySearch.SearchAsync(db, Concern, District, PageNumber, ct);
        }
    }
}
