using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OneToOne.Platform.Auth.Pages;

/// <summary>Turns on TOTP for the signed-in account; required for administrators.</summary>
internal sealed class TwoFactorSetupModel(UserManager<StaffAccount> users, SignInManager<StaffAccount> signIn) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the 6-digit security code")]
    [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "The security code must be 6 numbers")]
    [Display(Name = "Security code")]
    public string Code { get; set; } = "";

    public string FormattedKey { get; private set; } = "";
    public string AuthenticatorUri { get; private set; } = "";
    public bool Required => User.IsInRole(Roles.Administrator);

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadKeyAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (ModelState.IsValid)
        {
            var code = Code.Replace(" ", "", StringComparison.Ordinal);
            if (await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                await users.SetTwoFactorEnabledAsync(user, true);
                await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
                TempData["Success"] = "Two-factor sign-in is on. You will need a code from your app each time you sign in.";
                return LocalRedirect("/");
            }

            ModelState.AddModelError(nameof(Code), "The security code is not right. Check the key in your app and try again");
        }

        await LoadKeyAsync();
        return Page();
    }

    private async Task LoadKeyAsync()
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Not signed in.");
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }

        var formatted = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            formatted.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        FormattedKey = formatted.ToString().TrimEnd().ToLowerInvariant();
        AuthenticatorUri = $"otpauth://totp/OneToOne:{Uri.EscapeDataString(user.Email ?? "")}?secret={key}&issuer=OneToOne&digits=6";
    }
}
