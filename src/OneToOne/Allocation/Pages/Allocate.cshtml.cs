using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Referrals;

namespace OneToOne.Allocation.Pages;

[Authorize(Policy = Policies.Allocate)]
internal sealed class AllocateModel(Candidates candidates, KeyWorkerAllocator allocator, AuditTrail audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public AllocateInput Input { get; set; } = new();

    public CandidateList List { get; private set; } = null!;

    public sealed class AllocateInput
    {
        [Display(Name = "Key worker")]
        public Guid? StaffMemberId { get; set; }

        [StringLength(Referral.ReasonMax, ErrorMessage = "Reason must be 2000 characters or fewer")]
        [Display(Name = "Reason for this choice (optional)")]
        public string? Reason { get; set; }

        public Guid Version { get; set; }
    }

    public IEnumerable<SelectListItem> Choices => List.Eligible.Select((c, i) => new SelectListItem(
        string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {c.Staff.DisplayName} ({c.Staff.RoleName}), score {c.Score:0.#}"),
        c.Staff.StaffId.ToString()));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var list = await candidates.ForReferralAsync(Id, ct);
        if (list is null)
        {
            return NotFound();
        }

        List = list;
        Input.Version = list.Referral.Version;
        Input.StaffMemberId = list.Eligible.FirstOrDefault()?.Staff.StaffId;
        await audit.ViewedAsync("Referral", list.Referral.Id, list.Referral.PersonId, ct, "allocate");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Input.StaffMemberId is null)
        {
            ModelState.AddModelError("Input.StaffMemberId", "Choose a key worker");
        }

        if (ModelState.IsValid)
        {
            var outcome = await allocator.AllocateAsync(Id, Input.StaffMemberId!.Value, Input.Reason, Input.Version, ct);
            switch (outcome.Result)
            {
                case AllocationResult.NotFound:
                    return NotFound();
                case AllocationResult.Allocated:
                    TempData["Success"] = $"{outcome.KeyWorkerName} is now the key worker";
                    return Redirect($"/referrals/{Id}");
                default:
                    ModelState.AddModelError("Input.StaffMemberId", outcome.Message!);
                    break;
            }
        }

        var list = await candidates.ForReferralAsync(Id, ct);
        if (list is null)
        {
            return NotFound();
        }

        // The list is redrawn as it is now; the version stays the one the user saw, so a conflict keeps
        // being reported until they reload.
        List = list;
        return Page();
    }

    public static string Units(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
