using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace OneToOne.Platform.Auth.Pages;

/// <summary>The second step of sign-in for accounts with an authenticator app.</summary>
[AllowAnonymous]
[EnableRateLimiting(AuthModule.SignInRateLimit)]
internal sealed class TwoFactorModel(SignInManager<StaffAccount> signIn) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the 6-digit security code")]
    [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "The security code must be 6 numbers")]
    [Display(Name = "Security code")]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Platform/Auth/Pages/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("/Platform/Auth/Pages/SignIn");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var code = Code.Replace(" ", "", StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect(SignInModel.SafeReturnUrl(ReturnUrl));
        }

        ModelState.AddModelError(nameof(Code), result.IsLockedOut
            ? "This account is locked after too many wrong codes. Try again in 15 minutes."
            : "The security code is not right. Check your authenticator app and try again");
        return Page();
    }
}
