using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;

namespace OneToOne.ServiceDirectory.Pages.Referrals;

[Authorize(Policy = Policies.PersonRecords)]
internal sealed class DetailsModel(OneToOneDb db, AuditTrail audit, ServiceReferrals actions, TimeProvider clock) : PageModel
{
    public const string ConflictMessage = "This record was changed by someone else while you were editing. Reload the page to see their changes.";

    [BindProperty]
    public ReferralInput Input { get; set; } = new();

    public ServiceReferral Referral { get; private set; } = null!;

    public string PersonName { get; private set; } = "";

    public bool Overdue => DirectoryRules.IsOverdue(Referral.Status, Referral.ResponseDueOn, UkTime.Today(clock));

    public sealed class ReferralInput
    {
        [Display(Name = "Did the service accept the referral?")]
        public bool? Accepted { get; set; }

        [Display(Name = "Reason the service declined")]
        public string? Reason { get; set; }

        [Display(Name = "Outcome")]
        public string? Outcome { get; set; }

        // A string, so "eleven" or "4.5" gets our message rather than the binder's.
        [Display(Name = "New score for the concern")]
        public string? Rescore { get; set; }

        public Guid Version { get; set; }
    }

    public static IEnumerable<SelectListItem> AcceptedItems() => [new("Accepted", "True"), new("Declined", "False")];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        await audit.ViewedAsync("ServiceReferral", Referral.Id, Referral.PersonId, ct);
        return Page();
    }

    public Task<IActionResult> OnPostRespondAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, r => actions.RespondAsync(r, Input.Accepted, Input.Reason, Input.Version, ct),
            r => r.Status == ServiceReferralStatus.Accepted ? "Referral accepted" : "Referral declined", ct);

    public Task<IActionResult> OnPostOutcomeAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, r => actions.RecordOutcomeAsync(r, Input.Outcome, null, Input.Version, ct),
            _ => "Outcome recorded: now re-score the concern", ct);

    public Task<IActionResult> OnPostRescoreAsync(Guid id, CancellationToken ct)
    {
        int? score = int.TryParse(Input.Rescore?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : null;
        if (score is null)
        {
            // -1 is outside 0-10, so the rule answers with its message.
            score = -1;
        }

        return ChangeAsync(id, r => actions.RescoreAsync(r, score, Input.Version, ct), _ => "Concern re-scored", ct);
    }

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, r => actions.WithdrawAsync(r, Input.Version, ct), _ => "Referral withdrawn", ct);

    private async Task<IActionResult> ChangeAsync(Guid id, Func<ServiceReferral, Task<IReadOnlyList<FieldError>>> change,
        Func<ServiceReferral, string> success, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        try
        {
            var errors = await change(Referral);
            if (errors.Count > 0)
            {
                PeopleChoices.AddTo(ModelState, errors, "Input.");
                return Page();
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id, ct);
            ModelState.AddModelError("", ConflictMessage);
            return Page();
        }

        TempData["Success"] = success(Referral);
        return Redirect($"/service-referrals/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var referral = await db.Set<ServiceReferral>().Include(r => r.Service).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null)
        {
            return false;
        }

        Referral = referral;
        PersonName = await db.People.Where(p => p.Id == referral.PersonId).Select(p => p.GivenName + " " + p.FamilyName).FirstAsync(ct);
        return true;
    }
}
