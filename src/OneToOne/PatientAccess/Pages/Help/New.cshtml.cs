using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.PatientAccess.Pages.Help;

/// <summary>A member of staff logs a request for help the person made by phone. The same rules as online: only while
/// supported or in open access; a red flag goes to a registered practitioner the same working day.</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class NewModel(OneToOneDb db, AuditTrail audit, HelpRequests help) : PageModel
{
    [BindProperty]
    public HelpRequestInput Input { get; set; } = new();

    public Person Person { get; private set; } = null!;

    public HelpState State { get; private set; } = null!;

    public bool MayAsk => State.Eligibility is HelpEligibility.ActiveEpisode or HelpEligibility.OpenAccess;

    public async Task<IActionResult> OnGetAsync(Guid personId, CancellationToken ct)
    {
        if (!await LoadAsync(personId, ct))
        {
            return NotFound();
        }

        Input = HelpForm.Defaults(Person);
        await audit.ViewedAsync("Person", personId, personId, ct, "log a request for help");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid personId, CancellationToken ct)
    {
        if (!await LoadAsync(personId, ct))
        {
            return NotFound();
        }

        ModelState.Clear();
        if (!MayAsk)
        {
            return Page();
        }

        var (input, errors) = HelpRequestRules.Check(Input, forPerson: false);
        if (input is null)
        {
            foreach (var e in errors)
            {
                ModelState.AddModelError(e.Field, e.Message);
            }

            return Page();
        }

        var request = await help.CreateAsync(personId, input, HelpRequestChannel.Phone, ct);
        await db.SaveChangesAsync(ct);
        TempData["Success"] = input.RedFlag
            ? "Request logged. It reports a possible red flag, so it has gone to a registered practitioner to answer today"
            : "Request logged for the team to answer";
        return Redirect($"/help-requests/{request!.Id}");
    }

    private async Task<bool> LoadAsync(Guid personId, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            return false;
        }

        Person = person;
        State = await help.StateAsync(personId, ct);
        return true;
    }
}
