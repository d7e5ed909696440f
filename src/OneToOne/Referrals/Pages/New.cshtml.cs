using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneToOne.People;
using OneToOne.Platform.Auth;

namespace OneToOne.Referrals.Pages;

[Authorize(Policy = Policies.RecordReferrals)]
internal sealed class NewModel(ReferralIntake intake) : PageModel
{
    [BindProperty]
    public ReferralForm Input { get; set; } = new();

    public sealed class ReferralForm
    {
        public PersonDetails Person { get; set; } = new();

        public ReferralDetails Referral { get; set; } = new();
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await intake.RecordAsync(Input.Person, Input.Referral, IntakeChannel.Page, ct);
        if (!result.Succeeded)
        {
            PeopleChoices.AddTo(ModelState, result.Errors, "Input.");
            return Page();
        }

        var referral = result.Referral!;
        TempData["Success"] = result.Outcome == IntakeOutcome.Linked
            ? result.Message
            : "Referral recorded" + (result.PersonDetailsDiffer
                ? ". The NHS number matched an existing record whose name or date of birth differ from what you entered: the record was kept. Check it is the right person."
                : "");
        return Redirect($"/referrals/{referral.Id}");
    }
}
