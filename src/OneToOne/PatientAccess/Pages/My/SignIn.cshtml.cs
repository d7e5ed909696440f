using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using OneToOne.Platform.Time;

namespace OneToOne.PatientAccess.Pages.My;

/// <summary>Step 1 of the person's sign-in: the contact details the team has for them and their date of birth. The
/// answer is the same whether or not the details match a record.</summary>
[AllowAnonymous]
[EnableRateLimiting(PersonAccessModule.SignInRateLimit)]
internal sealed class SignInModel(PersonSignIn signIn, TimeProvider clock, PersonAccessOptions options) : PageModel
{
    public const string DateOfBirthRequired = "Enter your date of birth";
    public const string DateOfBirthPast = "Your date of birth must be in the past";

    [BindProperty]
    public string? Contact { get; set; }

    [BindProperty]
    public DateOnly? DateOfBirth { get; set; }

    public bool CodeSignIn => string.Equals(options.SignInMethod, "code", StringComparison.OrdinalIgnoreCase);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CodeSignIn)
        {
            return NotFound();
        }

        var contact = PersonAccessRules.ParseContact(Contact);
        if (string.IsNullOrWhiteSpace(Contact))
        {
            ModelState.AddModelError(nameof(Contact), PersonAccessRules.ContactRequired);
        }
        else if (contact is null)
        {
            ModelState.AddModelError(nameof(Contact), PersonAccessRules.ContactFormat);
        }

        if (DateOfBirth is null && !(ModelState.TryGetValue(nameof(DateOfBirth), out var entry) && entry.Errors.Count > 0))
        {
            ModelState.AddModelError(nameof(DateOfBirth), DateOfBirthRequired);
        }
        else if (DateOfBirth is { } dob && (dob >= UkTime.Today(clock) || dob.Year < 1900))
        {
            ModelState.AddModelError(nameof(DateOfBirth), DateOfBirthPast);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var challenge = await signIn.RequestCodeAsync(contact!.Value, DateOfBirth!.Value, ct);
        signIn.SetChallengeCookie(HttpContext, challenge);
        return Redirect("/my/sign-in/code");
    }
}
