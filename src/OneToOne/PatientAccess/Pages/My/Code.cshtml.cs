using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace OneToOne.PatientAccess.Pages.My;

/// <summary>Step 2: the 6-digit code. Right: a person session starts. Wrong, expired, used or too many tries: a message
/// (the same for an address we do not know, where no code can ever be right).</summary>
[AllowAnonymous]
[EnableRateLimiting(PersonAccessModule.SignInRateLimit)]
internal sealed class CodeModel(PersonSignIn signIn, PersonAccessOptions options) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public int Minutes => options.CodeValidMinutes;

    /// <summary>The code can no longer work: offer a new one rather than another try.</summary>
    public bool Finished { get; private set; }

    public IActionResult OnGet() => signIn.ChallengeFromCookie(HttpContext) is null ? Redirect("/my/sign-in") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (signIn.ChallengeFromCookie(HttpContext) is not { } challenge)
        {
            return Redirect("/my/sign-in");
        }

        ModelState.Clear();
        var code = PersonAccessRules.CleanCode(Code);
        if (string.IsNullOrWhiteSpace(Code))
        {
            ModelState.AddModelError(nameof(Code), PersonAccessRules.CodeRequired);
            return Page();
        }

        if (code is null)
        {
            ModelState.AddModelError(nameof(Code), PersonAccessRules.CodeFormat);
            return Page();
        }

        var (result, organisation, person) = await signIn.VerifyAsync(challenge, code, ct);
        switch (result)
        {
            case CodeCheck.SignedIn:
                PersonSignIn.ClearChallengeCookie(HttpContext);
                await PersonSessions.SignInAsync(HttpContext, organisation, person);
                return Redirect("/my");
            case CodeCheck.Missing:
                return Redirect("/my/sign-in");
            default:
                Finished = result is not CodeCheck.Wrong;
                ModelState.AddModelError(nameof(Code), result switch
                {
                    CodeCheck.Expired => PersonAccessRules.CodeExpired,
                    CodeCheck.Used => PersonAccessRules.CodeUsed,
                    CodeCheck.Locked => PersonAccessRules.CodeLocked,
                    _ => PersonAccessRules.CodeWrong,
                });
                return Page();
        }
    }
}
