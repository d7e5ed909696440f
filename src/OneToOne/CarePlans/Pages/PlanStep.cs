using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Data;

namespace OneToOne.CarePlans.Pages;

/// <summary>A confirm-and-post step on the whole plan (agree, review, lock, unlock). The form carries the plan's
/// Version, so a step taken on a plan someone else has just changed gets the conflict message and changes nothing.</summary>
internal abstract class PlanStepModel(CarePlanner planner, OneToOneDb db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public Guid Version { get; set; }

    public CarePlan Plan { get; private set; } = null!;

    public Person Person { get; private set; } = null!;

    public abstract string Heading { get; }

    public abstract string Explanation { get; }

    public abstract string Button { get; }

    protected CarePlanner Planner => planner;

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

        try
        {
            var (change, success) = await RunAsync(Plan, Version, ct);
            if (change.SentForSignOff)
            {
                TempData["Success"] = CarePlanRules.SentForSignOff;
                return Redirect($"/people/{Person.Id}/plan");
            }

            if (!change.Done)
            {
                PlanPages.AddErrors(ModelState, change.Errors, "");
                return Page();
            }

            TempData["Success"] = success;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", Concurrency.ConflictMessage);
            await LoadAsync(ct);
            return Page();
        }

        return Redirect($"/people/{Person.Id}/plan");
    }

    protected abstract Task<(PlanChange Change, string Success)> RunAsync(CarePlan plan, Guid version, CancellationToken ct);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await planner.LoadAsync(Id, ct) is not var (plan, person))
        {
            return false;
        }

        (Plan, Person) = (plan, person);
        return true;
    }
}
