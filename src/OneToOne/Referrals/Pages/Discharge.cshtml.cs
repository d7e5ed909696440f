using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;
using OneToOne.Supervision;

namespace OneToOne.Referrals.Pages;

/// <summary>Discharging an episode, and afterwards what was done (with the letter to the GP).</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class DischargeModel(Discharges discharges, AuditTrail audit, CurrentUser user, SignOffs signOffs, OneToOneDb db,
    PatientAccess.PersonAccessOptions options, TimeProvider clock) : PageModel
{
    [BindProperty]
    public DischargeInput Input { get; set; } = new();

    [BindProperty]
    public Guid Version { get; set; }

    public DischargeView View { get; private set; } = null!;

    public bool CanDischarge { get; private set; }

    public bool NeedsSignOff => signOffs.IsRequired(SignOffKinds.Discharge);

    public DateOnly OpenAccessUntil => PatientAccess.PersonAccessRules.OpenAccessEnds(UkTime.Today(clock), options.OpenAccessMonths);

    public List<SelectListItem> Reasons => [.. DischargeRules.Reasons.Select(r => new SelectListItem(r.Text, r.Reason.ToString()))];

    public List<SelectListItem> FinalChoices => [.. DischargeRules.FinalChoices.Select(c => new SelectListItem(c.Text, c.Choice.ToString()))];

    public List<SelectListItem> QuestionnaireChoices => [.. View.Questionnaires.Select(q => new SelectListItem(
        $"{q.Name} ({(q.Kind == Assessments.InstrumentKind.Outcome ? "outcomes" : "experience")})", q.Code))];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (View.CompletedFinal is not null)
        {
            Input.FinalAssessment = FinalAssessmentChoice.Completed;
        }

        await audit.ViewedAsync("Referral", id, View.Person.Id, ct, "discharge");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        ModelState.Clear();
        DischargeOutcome outcome;
        try
        {
            outcome = await discharges.RequestAsync(View, Input, Version, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id, ct);
            ModelState.AddModelError("", Pages.DetailsModel.ConflictMessage);
            return Page();
        }

        if (outcome.Errors.Count > 0)
        {
            foreach (var e in outcome.Errors)
            {
                ModelState.AddModelError(e.Field, e.Message);
            }

            return Page();
        }

        TempData["Success"] = outcome.SentForSignOff
            ? "Sent to your supervisor for sign-off. The discharge happens when a registered practitioner approves it"
            : "Discharged";
        return Redirect($"/referrals/{id}/discharge");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var view = await discharges.LoadAsync(id, ct);
        if (view is null)
        {
            return false;
        }

        View = view;
        CanDischarge = ReferralActions.CanDischarge(view.Referral, user) && view.Pending is null;
        // The form's Version on a post (the stale check); the row's on a first view.
        if (HttpMethods.IsGet(Request.Method))
        {
            Version = view.Referral.Version;
        }

        return true;
    }
}
