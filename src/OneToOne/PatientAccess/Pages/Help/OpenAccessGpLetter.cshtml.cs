using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Worklists;

namespace OneToOne.PatientAccess.Pages.Help;

/// <summary>The letter to the GP when an open-access period has ended (print-friendly, the care plan letter's layout), only
/// with consent to share; recording it as sent completes the team's task.</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class OpenAccessGpLetterModel(OneToOneDb db, AuditTrail audit, WorkTasks tasks, TimeProvider clock) : PageModel
{
    public OpenAccessPeriod Period { get; private set; } = null!;

    public Person Person { get; private set; } = null!;

    public int Requests { get; private set; }

    public string Service { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        await audit.ViewedAsync("Person", Person.Id, Person.Id, ct, "open access GP letter");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !Person.ConsentToShareWithGp)
        {
            return NotFound();
        }

        Period.GpLetterSentAt ??= clock.GetUtcNow();
        await tasks.CompleteAsync(WorkTaskKind.OpenAccessEnding, Period.Id, ct);
        audit.Record("open-access.gp-letter-sent", "OpenAccessPeriod", Period.Id, Person.Id);
        await db.SaveChangesAsync(ct);
        TempData["Success"] = "Recorded that the letter was sent to the GP";
        return Redirect($"/people/{Person.Id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var period = await db.Set<OpenAccessPeriod>().FirstOrDefaultAsync(p => p.Id == id && p.Status == OpenAccessStatus.Ended, ct);
        var person = period is null ? null : await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == period.PersonId, ct);
        if (period is null || person is null)
        {
            return false;
        }

        Period = period;
        Person = person;
        Requests = await db.Set<HelpRequest>().CountAsync(r => r.PeriodId == id, ct);
        Service = await db.Organisations.Where(o => o.Id == period.OrganisationId).Select(o => o.Name).FirstAsync(ct);
        return true;
    }
}
