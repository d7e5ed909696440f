using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Assessments.Pages.Admin;

/// <summary>Publishes a new version of an instrument from its JSON definition, without code.</summary>
[Authorize(Policy = Policies.Admin)]
internal sealed class NewVersionModel(OneToOneDb db, AuditTrail audit, CurrentUser user) : PageModel
{
    public const string ConflictMessage = "Someone else published a version of this questionnaire while you were editing. Reload the page and try again.";

    [BindProperty]
    [Required(ErrorMessage = "Enter the questionnaire's name")]
    [StringLength(200, ErrorMessage = "Name must be 200 characters or fewer")]
    public string? Name { get; set; }

    [BindProperty]
    public string? Definition { get; set; }

    public Instrument Current { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is null)
        {
            return NotFound();
        }

        Name = Current.Name;
        Definition = Current.Definition.ToJson();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is null)
        {
            return NotFound();
        }

        var (definition, errors) = InstrumentDefinition.Parse(Definition);
        foreach (var error in errors)
        {
            ModelState.AddModelError(nameof(Definition), error);
        }

        if (!ModelState.IsValid || definition is null)
        {
            return Page();
        }

        var latest = await db.Set<Instrument>().Where(i => i.Code == code).MaxAsync(i => i.Version, ct);
        var active = await db.Set<Instrument>().Where(i => i.Code == code && i.Active).ToListAsync(ct);
        active.ForEach(i => i.Active = false);
        var published = new Instrument
        {
            Code = code,
            Version = latest + 1,
            Name = Name!.Trim(),
            Kind = Current.Kind,
            DefinitionJson = definition.ToJson(),
            PublishedAt = db.Clock.GetUtcNow(),
            PublishedBy = user.Name,
            Active = true,
        };
        db.Set<Instrument>().Add(published);
        if (user.OrganisationId is not null)
        {
            audit.Record("instrument.publish", "Instrument", published.Id, null, $"{code} v{published.Version}");
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique (Code, Version) index: another administrator published the same number first.
            ModelState.AddModelError("", ConflictMessage);
            return Page();
        }

        TempData["Success"] = $"Version {published.Version} of {published.Name} published";
        return Redirect("/admin/instruments");
    }

    private async Task<Instrument?> LoadAsync(string code, CancellationToken ct)
    {
        var current = await db.Set<Instrument>().AsNoTracking().FirstOrDefaultAsync(i => i.Code == code && i.Active, ct);
        if (current is not null)
        {
            Current = current;
        }

        return current;
    }
}
