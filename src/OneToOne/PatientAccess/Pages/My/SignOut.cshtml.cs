using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OneToOne.PatientAccess.Pages.My;

/// <summary>Ends the person's session (only theirs: a staff session in the same browser is not touched).</summary>
[Authorize(Policy = PersonSessions.Policy)]
internal sealed class SignOutModel : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(PersonSessions.Scheme);
        TempData["Success"] = "You have signed out";
        return Redirect("/my/sign-in");
    }
}
