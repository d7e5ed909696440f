using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;
using OneToOne.ServiceDirectory;

namespace OneToOne.CarePlans.Pages;

/// <summary>Add an action to one concern of the plan: what, who (with services from the directory for this concern
/// near the person) and by when.</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class NewActionModel(OneToOneDb db, CarePlanner planner, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid ConcernId { get; set; }

    [BindProperty]
    public Guid Version { get; set; }

    [BindProperty]
    public ActionForm Input { get; set; } = new();

    public CarePlan Plan { get; private set; } = null!;

    public Person Person { get; private set; } = null!;

    public CarePlanConcern Concern { get; private set; } = null!;

    public IReadOnlyList<ServiceHit> Services { get; private set; } = [];

    public IEnumerable<SelectListItem> ServiceItems =>
        Services.Select(s => new SelectListItem(
            $"{s.Name} ({s.ProviderOrganisationName}): {(s.HowToUse == HowToUse.Referral ? "takes referrals" : "signpost only")}{(s.Local ? "" : ", nationwide")}",
            s.Id.ToString()));

    /// <summary>Where the services were searched for: the person's postcode district.</summary>
    public string Area => Person.PostcodeDistrict is { Length: > 0 } d ? d : "the person's area (no postcode recorded)";

    public sealed class ActionForm
    {
        public string? Description { get; set; }
        public ActionOwnerKind? OwnerKind { get; set; }
        public string? OwnerName { get; set; }
        public Guid? ServiceId { get; set; }
        public DateOnly? DueOn { get; set; }
        public bool Clinical { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Version = Plan.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var input = new CarePlanRules.ActionInput(Input.Description, Input.OwnerKind, Input.OwnerName, Input.ServiceId, Input.DueOn,
            Input.Clinical);
        if (!ModelState.IsValid)
        {
            PlanPages.AddErrors(ModelState, CarePlanRules.CheckAction(input, UkTime.Today(clock)), "Input.");
            return Page();
        }

        try
        {
            var (_, change) = await planner.AddActionAsync(Plan, Version, Concern.Id, input, ct);
            if (!change.Done)
            {
                PlanPages.AddErrors(ModelState, change.Errors, "Input.");
                return Page();
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", Concurrency.ConflictMessage);
            return Page();
        }

        TempData["Success"] = "Action added";
        return Redirect($"/people/{Person.Id}/plan");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await planner.LoadAsync(Id, ct) is not var (plan, person))
        {
            return false;
        }

        var concern = await db.Set<CarePlanConcern>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == ConcernId && c.PlanId == plan.Id, ct);
        if (concern is null)
        {
            return false;
        }

        (Plan, Person, Concern) = (plan, person, concern);
        var search = await DirectorySearch.SearchAsync(db, concern.ItemCode, person.Postcode, 1, ct);
        Services = search?.Items ?? [];
        return true;
    }
}
