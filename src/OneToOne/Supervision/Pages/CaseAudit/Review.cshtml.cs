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
using OneToOne.Referrals;

namespace OneToOne.Supervision.Pages.CaseAudit;

/// <summary>One sampled episode: what it was, a link to the record, and "reviewed, with findings".</summary>
[Authorize(Policy = Policies.TeamView)]
internal sealed class ReviewModel(CaseAudits audits, OneToOneDb db, AuditTrail audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public ReviewForm Input { get; set; } = new();

    public CaseAuditItem Item { get; private set; } = null!;

    public Referral Referral { get; private set; } = null!;

    public string KeyWorkerName { get; private set; } = "";

    public sealed class ReviewForm
    {
        [Display(Name = "Findings")]
        public string? Findings { get; set; }

        [Display(Name = "Does the case need follow-up?")]
        public bool? FollowUpNeeded { get; set; }

        public Guid Version { get; set; }
    }

    public static IEnumerable<SelectListItem> YesNo() => PeopleChoices.YesNo();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input.Version = Item.Version;
        await audit.ViewedAsync("CaseAuditItem", Id, Item.PersonId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        DecisionResult result;
        try
        {
            result = await audits.ReviewAsync(Item, Input.Version, Input.Findings, Input.FollowUpNeeded, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(ct);
            ModelState.AddModelError("", Concurrency.ConflictMessage);
            return new PageResult { StatusCode = StatusCodes.Status409Conflict };
        }

        if (result.Outcome == DecisionOutcome.Invalid)
        {
            PeopleChoices.AddTo(ModelState, result.Errors, "Input.");
            return Page();
        }

        if (result.Outcome != DecisionOutcome.Done)
        {
            ModelState.AddModelError("", result.Message ?? "");
            return new PageResult { StatusCode = StatusCodes.Status409Conflict };
        }

        TempData["Success"] = "Case review recorded";
        return Redirect("/supervision/case-audit");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var item = await audits.FindForReviewAsync(Id, ct);
        if (item is null)
        {
            return false;
        }

        Item = item;
        Referral = await db.Referrals.Include(r => r.Person).AsNoTracking().FirstAsync(r => r.Id == item.ReferralId, ct);
        KeyWorkerName = await db.Staff.Where(s => s.Id == item.KeyWorkerStaffId).Select(s => s.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        return true;
    }
}
