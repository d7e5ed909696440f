using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace OneToOne.PatientAccess.Pages;

[EnableRateLimiting(PatientAccessModule.DateOfBirthRateLimit)]
internal sealed class StartModel(PatientLinks links) : PatientPage(links)
{
    public const string InvalidMessage = "This link is not valid";
    public const string ExpiredMessage = "This link has expired";
    public const string UsedMessage = "This link has already been used";
    public const string LockedMessage = "This link has been locked";
    public const string WrongDateMessage = "The date of birth does not match our records";

    [BindProperty]
    public DateOnly? DateOfBirth { get; set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        var resolved = await ResolveAsync(token, ct);
        if (resolved.State != LinkState.Open)
        {
            return Closed(resolved.State);
        }

        return Links.HasSession(HttpContext, resolved.Link!.Id) ? Redirect($"/a/{token}/0") : Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        var resolved = await ResolveAsync(token, ct);
        if (resolved.State != LinkState.Open)
        {
            return Closed(resolved.State);
        }

        if (DateOfBirth is null)
        {
            if (ModelState.ErrorCount == 0)
            {
                ModelState.AddModelError(nameof(DateOfBirth), "Enter your date of birth");
            }

            return Page();
        }

        if (!await Links.VerifyAsync(resolved, DateOfBirth.Value, ct))
        {
            if (resolved.Link!.LockedAt is not null)
            {
                return Closed(LinkState.Locked);
            }

            ModelState.AddModelError(nameof(DateOfBirth), WrongDateMessage);
            return Page();
        }

        Links.SetSession(HttpContext, token, resolved.Link!.Id);
        return Redirect($"/a/{token}/0");
    }

    public LinkState? ClosedState { get; private set; }

    private PageResult Closed(LinkState state)
    {
        ClosedState = state;
        ModelState.Clear();
        var page = Page();
        page.StatusCode = state switch
        {
            LinkState.Invalid => StatusCodes.Status404NotFound,
            LinkState.Locked => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status410Gone,
        };
        return page;
    }
}
