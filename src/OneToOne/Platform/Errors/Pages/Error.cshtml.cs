using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OneToOne.Platform.Errors.Pages;

/// <summary>NHS.UK-styled error pages for people; API routes get ProblemDetails instead.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
internal sealed class ErrorModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Code { get; set; }

    public string Title => Code switch
    {
        404 => "Page not found",
        403 => "You do not have access to this page",
        429 => "Too many attempts",
        _ => "Sorry, there is a problem with the service",
    };

    public void OnGet()
    {
    }

    public void OnPost()
    {
    }
}
