using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Assessments;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.ServiceDirectory.Pages.Referrals;

/// <summary>Refer in three steps, each a plain GET so it works without JavaScript: choose the concern, choose a
/// service from the search for the person's postcode district, then confirm with a note (the only POST). From a care
/// plan action (?actionId=) the action's service and concern are already chosen, and the referral remembers the action.</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class NewModel(OneToOneDb db, ServiceReferrals actions, DirectoryOptions options) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Concern { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? ServiceId { get; set; }

    /// <summary>The care plan action the referral is sent from, when there is one.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? ActionId { get; set; }

    public PlanActionRef? Action { get; private set; }

    [BindProperty]
    public ReferInput Input { get; set; } = new();

    public Person Person { get; private set; } = null!;

    public string District => Person.PostcodeDistrict;

    public string? ConcernError { get; private set; }

    public ServiceSearchPage? Results { get; private set; }

    public DirectoryService? Service { get; private set; }

    public int ResponseWorkingDays => options.ResponseWorkingDays;

    public sealed class ReferInput
    {
        public Guid? ServiceId { get; set; }

        public string? ConcernItemCode { get; set; }

        public Guid? CarePlanActionId { get; set; }

        [Display(Name = "Note for the service")]
        public string? Note { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid personId, CancellationToken ct)
    {
        if (!await LoadPersonAsync(personId, ct))
        {
            return NotFound();
        }

        if (ActionId is { } actionId)
        {
            // Another person's or organisation's action is simply not found.
            Action = await actions.FindPlanActionAsync(Person.Id, actionId, ct);
            if (Action is null)
            {
                return NotFound();
            }

            if (Action.OwnerKind != CarePlans.ActionOwnerKind.Service || Action.ServiceId is null)
            {
                ModelState.AddModelError("", ServiceReferrals.ActionNotServiceMessage);
                Action = null;
            }
            else
            {
                Concern = Action.ConcernItemCode;
                ServiceId = Action.ServiceId;
            }
        }

        if (Concern is null)
        {
            return Page();
        }

        if (ConcernCatalogue.FindItem(Concern) is null)
        {
            ConcernError = "Choose a concern";
            ModelState.AddModelError(nameof(Concern), ConcernError);
            return Page();
        }

        if (ServiceId is { } serviceId)
        {
            Service = await db.Set<DirectoryService>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == serviceId && s.Active, ct);
            if (Service is { HowToUse: not HowToUse.Referral })
            {
                ModelState.AddModelError("", ServiceReferrals.SignpostOnlyMessage);
                Service = null;
                Action = null;
            }
        }

        if (Service is null)
        {
            Results = await DirectorySearch.SearchAsync(db, Concern, District, 1, ct);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid personId, CancellationToken ct)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            return NotFound();
        }

        Person = person;
        var (referral, errors) = await actions.SendAsync(person, Input.ServiceId, Input.ConcernItemCode, Input.Note, Input.CarePlanActionId, ct);
        if (referral is null)
        {
            // Errors about the hidden choices go to the summary; the note's error stays on its field.
            foreach (var e in errors)
            {
                ModelState.AddModelError(e.Field == "Note" ? "Input.Note" : "", e.Message);
            }

            Concern = ConcernCatalogue.FindItem(Input.ConcernItemCode ?? "")?.Code;
            Service = errors.Any(e => e.Field != "Note") ? null
                : await db.Set<DirectoryService>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == Input.ServiceId, ct);
            Action = Service is null || Input.CarePlanActionId is not { } actionId ? null
                : await actions.FindPlanActionAsync(person.Id, actionId, ct);
            if (Service is null && Concern is not null)
            {
                Results = await DirectorySearch.SearchAsync(db, Concern, District, 1, ct);
            }

            return Page();
        }

        if (referral.CarePlanActionId is not null)
        {
            // Sent from the plan: back to the plan, where the action now shows the referral's status.
            var name = await db.Set<DirectoryService>().Where(s => s.Id == referral.ServiceId).Select(s => s.Name).FirstAsync(ct);
            TempData["Success"] = $"Referral sent to {name}";
            return Redirect($"/people/{person.Id}/plan");
        }

        TempData["Success"] = "Referral sent";
        return Redirect($"/service-referrals/{referral.Id}");
    }

    private async Task<bool> LoadPersonAsync(Guid personId, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            return false;
        }

        Person = person;
        return true;
    }
}
