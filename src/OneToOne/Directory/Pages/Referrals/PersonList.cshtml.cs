using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;

namespace OneToOne.ServiceDirectory.Pages.Referrals;

[Authorize(Policy = Policies.PersonRecords)]
internal sealed class PersonListModel(OneToOneDb db, AuditTrail audit, TimeProvider clock) : PageModel
{
    public Person Person { get; private set; } = null!;

    public List<ServiceReferral> Referrals { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid personId, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            return NotFound();
        }

        Person = person;
        Today = UkTime.Today(clock);
        Referrals = await db.Set<ServiceReferral>().AsNoTracking().Include(r => r.Service)
            .Where(r => r.PersonId == personId).OrderByDescending(r => r.SentAt).ToListAsync(ct);
        await audit.ViewedAsync("Person", person.Id, person.Id, ct, $"service referrals; {Referrals.Count}");
        return Page();
    }
}
