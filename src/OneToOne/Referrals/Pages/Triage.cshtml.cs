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

namespace OneToOne.Referrals.Pages;

[Authorize(Policy = Policies.Triage)]
internal sealed class TriageModel(OneToOneDb db, AuditTrail audit, ReferralActions actions) : PageModel
{
    [BindProperty]
    public TriageInput Input { get; set; } = new();

    public Referral Referral { get; private set; } = null!;

    public StratificationSuggestion Suggestion { get; private set; } = null!;

    public bool IsDecision => TriageRules.IsDecision(Referral.Status);

    public bool CanTriage => TriageRules.CanTriage(Referral.Status);

    public sealed class TriageInput
    {
        [Display(Name = "Decision")]
        public TriageChoice? Decision { get; set; }

        [Display(Name = "Pathway level")]
        public PathwayLevel? Level { get; set; }

        [Display(Name = "Where the referral was redirected to")]
        public string? RedirectedTo { get; set; }

        [Display(Name = "Reason")]
        public string? Reason { get; set; }

        public Guid Version { get; set; }
    }

    public static IEnumerable<SelectListItem> Decisions() =>
    [
        new("Accept at a pathway level", nameof(TriageChoice.Accept)),
        new("Decline", nameof(TriageChoice.Decline)),
        new("Redirect to another service", nameof(TriageChoice.Redirect)),
    ];

    public IEnumerable<SelectListItem> Levels() =>
        Enum.GetValues<PathwayLevel>().Select(l => new SelectListItem(
            l.DisplayName() + (l == Suggestion.Level ? " (suggested)" : "") + (l == Referral.Level ? " (current)" : ""), l.ToString()));

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input = new TriageInput
        {
            Version = Referral.Version,
            Level = IsDecision ? Suggestion.Level : null,
        };
        await audit.ViewedAsync("Referral", Referral.Id, Referral.PersonId, ct, "triage");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var wasDecision = IsDecision;
        var request = new TriageRequest(wasDecision ? Input.Decision : TriageChoice.Accept, Input.Level, Input.Reason, Input.RedirectedTo);
        try
        {
            var errors = await actions.TriageAsync(Referral, request, Input.Version, ct);
            if (errors.Count > 0)
            {
                PeopleChoices.AddTo(ModelState, errors, "Input.");
                return Page();
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", DetailsModel.ConflictMessage);
            return Page();
        }

        TempData["Success"] = wasDecision
            ? Referral.Status switch
            {
                ReferralStatus.Accepted => $"Referral accepted at {Referral.Level!.Value.DisplayName().ToLowerInvariant()}",
                ReferralStatus.Declined => "Referral declined",
                _ => "Referral redirected",
            }
            : $"Pathway level changed to {Referral.Level!.Value.DisplayName().ToLowerInvariant()}";
        return Redirect($"/referrals/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var referral = await db.Referrals.Include(r => r.Person).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null)
        {
            return false;
        }

        Referral = referral;
        Suggestion = ReferralRules.Suggest(referral);
        return true;
    }
}
