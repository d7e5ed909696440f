using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Contacts.Pages;

/// <summary>Every contact with one person, newest first, group sessions among them.</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class IndexModel(OneToOneDb db, ContactQueries queries, AuditTrail audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid PersonId { get; set; }

    public Person Person { get; private set; } = null!;

    public IReadOnlyList<ContactRow> Contacts { get; private set; } = [];

    /// <summary>The page only reads; a POST is not a route here.</summary>
    public IActionResult OnPost() => NotFound();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == PersonId, ct);
        if (person is null)
        {
            return NotFound();
        }

        Person = person;
        Contacts = await queries.ForPersonAsync(PersonId, null, ct);
        await audit.ViewedAsync("Person", person.Id, person.Id, ct, "contacts");
        return Page();
    }
}
