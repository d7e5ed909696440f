using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;

namespace OneToOne.Supervision.Pages.SignOffs;

/// <summary>One sign-off request: what is asked, about whom, by whom; approve or return it (those who may), or
/// follow its status (the requester).</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class DetailsModel(SignOffDecisions decisions, AuditTrail audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public DecisionInput Input { get; set; } = new();

    public SignOffView View { get; private set; } = null!;

    public sealed class DecisionInput
    {
        [Display(Name = "Comment")]
        public string? Comment { get; set; }

        public Guid Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input.Version = View.Request.Version;
        await audit.ViewedAsync("SignOffRequest", Id, View.Request.PersonId, ct);
        return Page();
    }

    /// <summary>A post must say what it decides.</summary>
    public IActionResult OnPost() => NotFound();

    public Task<IActionResult> OnPostApproveAsync(CancellationToken ct) =>
        DecideAsync(v => decisions.ApproveAsync(v.Request, Input.Version, ct), "Request approved", ct);

    public Task<IActionResult> OnPostReturnAsync(CancellationToken ct) =>
        DecideAsync(v => decisions.ReturnAsync(v.Request, Input.Version, Input.Comment, ct), "Request returned with your comment", ct);

    private async Task<IActionResult> DecideAsync(Func<SignOffView, Task<DecisionResult>> decide, string success, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var result = await decide(View);
        if (result.Outcome == DecisionOutcome.Done)
        {
            TempData["Success"] = success;
            return Redirect(SupervisionUrls.SignOff(Id));
        }

        // Nothing was stored: show the request as it is now, with why.
        await LoadAsync(ct);
        if (result.Outcome == DecisionOutcome.Invalid)
        {
            PeopleChoices.AddTo(ModelState, result.Errors, "Input.");
        }
        else
        {
            ModelState.AddModelError("", result.Message ?? "");
        }

        return new PageResult
        {
            StatusCode = result.Outcome switch
            {
                DecisionOutcome.NotAllowed => StatusCodes.Status403Forbidden,
                DecisionOutcome.AlreadyDone or DecisionOutcome.Conflict => StatusCodes.Status409Conflict,
                DecisionOutcome.ActionFailed => StatusCodes.Status422UnprocessableEntity,
                _ => StatusCodes.Status400BadRequest,
            },
        };
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var view = await decisions.FindAsync(Id, ct);
        if (view is null)
        {
            return false;
        }

        View = view;
        return true;
    }
}
