using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneToOne.Platform.Auth;

namespace OneToOne.Platform;

/// <summary>Sends each user to the page they start their day on.</summary>
internal sealed class HomeModel : PageModel
{
    public IActionResult OnGet() => Redirect(StartPage(User.IsInRole));

    public static string StartPage(Func<string, bool> isInRole) =>
        isInRole(Roles.SupportWorker) ? "/caseload"
        : isInRole(Roles.RegisteredPractitioner) || isInRole(Roles.TeamLead) ? "/referrals"
        : isInRole(Roles.Administrator) ? "/admin"
        : isInRole(Roles.Evaluator) ? "/evaluation"
        : "/account/access-denied";
}
