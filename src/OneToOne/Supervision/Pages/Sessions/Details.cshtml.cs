using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;

namespace OneToOne.Supervision.Pages.Sessions;

/// <summary>A supervision session, for its supervisor, its supervisee and the team lead; the supervisor (or team
/// lead) adds the actions agreed and marks them done.</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class DetailsModel(SupervisionSessions sessions, AuditTrail audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public ActionForm Input { get; set; } = new();

    public SessionView View { get; private set; } = null!;

    public sealed class ActionForm
    {
        [Display(Name = "Action agreed")]
        public string? Description { get; set; }

        [Display(Name = "Who will do it?")]
        public SupervisionActionOwner? Owner { get; set; }

        [Display(Name = "Due date (optional)")]
        public DateOnly? DueOn { get; set; }
    }

    public IEnumerable<SelectListItem> Owners() =>
    [
        new(View.SuperviseeName + " (supervisee)", nameof(SupervisionActionOwner.Supervisee)),
        new(View.SupervisorName + " (supervisor)", nameof(SupervisionActionOwner.Supervisor)),
    ];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        await audit.ViewedAsync("SupervisionSession", Id, null, ct,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{View.People.Count} people shown"));
        return Page();
    }

    public IActionResult OnPost() => NotFound();

    public async Task<IActionResult> OnPostAddActionAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || !View.MayEdit)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var errors = await sessions.AddActionAsync(View.Session, new ActionInput(Input.Description, Input.Owner, Input.DueOn), ct);
        if (errors.Count > 0)
        {
            PeopleChoices.AddTo(ModelState, errors, "Input.");
            return Page();
        }

        TempData["Success"] = Input.DueOn is null ? "Action added" : "Action added, and on its owner's worklist";
        return Redirect(SupervisionUrls.Session(Id));
    }

    public async Task<IActionResult> OnPostDoneAsync(Guid actionId, CancellationToken ct)
    {
        if (!await LoadAsync(ct) || !View.MayEdit)
        {
            return NotFound();
        }

        if (!await sessions.CompleteActionAsync(View.Session, actionId, ct))
        {
            return NotFound();
        }

        TempData["Success"] = "Action marked as done";
        return Redirect(SupervisionUrls.Session(Id));
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var view = await sessions.FindAsync(Id, ct);
        if (view is null)
        {
            return false;
        }

        View = view;
        return true;
    }
}
