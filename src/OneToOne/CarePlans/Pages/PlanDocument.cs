using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneToOne.People;
using OneToOne.Platform.Audit;

namespace OneToOne.CarePlans.Pages;

/// <summary>A read-only page about one plan (versions, print copy, GP letter): loads the plan, its person and
/// contents, and audits the view.</summary>
internal abstract class PlanDocumentModel(CarePlanner planner, AuditTrail audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public PlanView View { get; private set; } = null!;

    public Person Person { get; private set; } = null!;

    public string? KeyWorkerName { get; private set; }

    protected abstract string AuditDetail { get; }

    protected CarePlanner Planner => planner;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await planner.LoadAsync(Id, ct) is not var (plan, person))
        {
            return NotFound();
        }

        Person = person;
        View = await planner.ViewAsync(plan, ct);
        KeyWorkerName = await planner.KeyWorkerNameAsync(person.Id, ct);
        await LoadMoreAsync(ct);
        await audit.ViewedAsync("Person", person.Id, person.Id, ct, AuditDetail);
        return Page();
    }

    protected virtual Task LoadMoreAsync(CancellationToken ct) => Task.CompletedTask;
}
