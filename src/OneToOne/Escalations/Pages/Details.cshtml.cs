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

namespace OneToOne.Escalations.Pages;

/// <summary>One escalation: what and why, who it went to, its deadline (and breach), and the practitioner's steps:
/// acknowledge, record the outcome, close. Each step is offered only to those who may take it; a post from anyone
/// else is refused with a message (403) and nothing is stored.</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class DetailsModel(OneToOneDb db, EscalationActions actions, AuditTrail audit, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public Guid Version { get; set; }

    [BindProperty]
    public OutcomeForm Input { get; set; } = new();

    public EscalationView View { get; private set; } = null!;

    public Escalation Escalation => View.Escalation;

    public bool MayRespond { get; private set; }

    public DateTimeOffset Now => clock.GetUtcNow();

    public bool Overdue => Escalation.IsOpen && Escalation.DueAt < Now;

    public EscalationOptions Options => actions.Options;

    public sealed class OutcomeForm
    {
        [Display(Name = "Outcome")]
        public string? Outcome { get; set; }

        [Display(Name = "Note")]
        public string? Note { get; set; }
    }

    public static IEnumerable<SelectListItem> OutcomeItems() =>
        EscalationRules.Outcomes.Select(o => new SelectListItem(o.Text, o.Value.ToString()));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (Escalation.Outcome is { } outcome)
        {
            Input.Outcome = outcome.ToString();
            Input.Note = Escalation.OutcomeNote;
        }

        await audit.ViewedAsync("Escalation", Id, Escalation.PersonId, ct);
        return Page();
    }

    public Task<IActionResult> OnPostAcknowledgeAsync(CancellationToken ct) =>
        StepAsync((e, c) => actions.AcknowledgeAsync(e, Version, c), "Escalation acknowledged", ct);

    public Task<IActionResult> OnPostOutcomeAsync(CancellationToken ct) =>
        StepAsync((e, c) => actions.RecordOutcomeAsync(e, Input.Outcome, Input.Note, Version, c), "Outcome recorded", ct);

    public Task<IActionResult> OnPostCloseAsync(CancellationToken ct) =>
        StepAsync((e, c) => actions.CloseAsync(e, Version, c), "Escalation closed", ct);

    private async Task<IActionResult> StepAsync(Func<Escalation, CancellationToken, Task<StepOutcome>> step, string success, CancellationToken ct)
    {
        var escalation = await actions.FindAsync(Id, ct);
        if (escalation is null)
        {
            return NotFound();
        }

        StepOutcome outcome;
        try
        {
            outcome = await step(escalation, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            outcome = new StepOutcome(StepResult.WrongState, [new FieldError("", Concurrency.ConflictMessage)]);
        }

        if (outcome.Result == StepResult.Done)
        {
            TempData["Success"] = success;
            return Redirect(EscalationStaging.Link(Id));
        }

        // Show the escalation as it is now, with what was refused and why; nothing was stored.
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        PeopleChoices.AddTo(ModelState, outcome.Errors, "Input.");
        if (outcome.Result == StepResult.Forbidden)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }

        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var view = await actions.ViewAsync(Id, ct);
        if (view is null)
        {
            return false;
        }

        View = view;
        MayRespond = EscalationRules.MayRespond(view.Escalation, await actions.ResponderAsync(ct));
        if (Version == Guid.Empty)
        {
            Version = view.Escalation.Version;
        }

        return true;
    }
}
