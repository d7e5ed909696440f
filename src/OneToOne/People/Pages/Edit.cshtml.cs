using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;

namespace OneToOne.People.Pages;

[Authorize(Policy = Policies.PersonRecords)]
internal sealed class EditModel(OneToOneDb db, AuditTrail audit, TimeProvider clock) : PageModel
{
    public const string ConflictMessage = Platform.Data.Concurrency.ConflictMessage;
    public const string DuplicateNhsMessage = "Another person in your organisation already has this NHS number";

    [BindProperty]
    public PersonDetails Input { get; set; } = new();

    [BindProperty]
    public Guid Version { get; set; }

    public Guid PersonId { get; private set; }

    public string Name { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return NotFound();
        }

        PersonId = id;
        Name = person.FullName;
        Input = PersonDetails.From(person);
        Version = person.Version;
        await audit.ViewedAsync("Person", person.Id, person.Id, ct, "edit form");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return NotFound();
        }

        PersonId = id;
        Name = person.FullName;
        var (details, errors) = PersonRules.Check(Input, UkTime.Today(clock));
        PeopleChoices.AddTo(ModelState, errors, "Input.");
        if (details is not null && details.NhsNumber != person.NhsNumber
            && await db.People.AnyAsync(p => p.NhsNumber == details.NhsNumber && p.Id != id, ct))
        {
            ModelState.AddModelError("Input.NhsNumber", DuplicateNhsMessage);
        }

        if (!ModelState.IsValid || details is null)
        {
            return Page();
        }

        db.Entry(person).Property(x => x.Version).OriginalValue = Version;
        PersonRules.ApplyTo(person, details);
        person.UpdatedAt = clock.GetUtcNow();
        audit.Record("person.update", "Person", person.Id, person.Id);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", ConflictMessage);
            return Page();
        }
        catch (DbUpdateException)
        {
            // The unique (organisation, NHS number) index: someone else took the number since the check above.
            ModelState.AddModelError("Input.NhsNumber", DuplicateNhsMessage);
            return Page();
        }

        TempData["Success"] = "Details saved";
        return Redirect($"/people/{id}");
    }
}
