using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Assessments.Pages;

/// <summary>One section of the questionnaire, completed with the person. Each "Save and continue" keeps the answers.</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class FillModel(OneToOneDb db, AssessmentEngine engine, AuditTrail audit) : PageModel
{
    public Dictionary<string, string?> Answers { get; private set; } = new(StringComparer.Ordinal);

    [BindProperty]
    public Guid Version { get; set; }

    public LoadedResponse Loaded { get; private set; } = null!;
    public int Section { get; private set; }
    public QuestionsView Questions { get; private set; } = null!;
    public string Name { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, int section, CancellationToken ct)
    {
        if (await LoadAsync(id, section, track: false, ct) is { } stop)
        {
            return stop;
        }

        Version = Loaded.Response.Version;
        Questions = new QuestionsView(Loaded.Definition.Sections[section], AssessmentForm.Values(Loaded));
        await audit.ViewedAsync("AssessmentResponse", id, Loaded.Response.PersonId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, int section, CancellationToken ct)
    {
        if (await LoadAsync(id, section, track: true, ct) is { } stop)
        {
            return stop;
        }

        Answers = AssessmentForm.Posted(Request.Form);
        var current = Loaded.Definition.Sections[section];
        Questions = new QuestionsView(current, AssessmentForm.Values(Loaded, Answers));
        var changes = AssessmentForm.Parse(Loaded.Definition, current, Answers, ModelState);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (engine.Apply(Loaded, changes, null) is { } errors)
        {
            AssessmentForm.AddErrors(ModelState, errors);
            return Page();
        }

        db.Entry(Loaded.Response).Property(x => x.Version).OriginalValue = Version;
        audit.Record("assessment.answer", "AssessmentResponse", id, Loaded.Response.PersonId, $"section {current.Code}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", AssessmentForm.ConflictMessage);
            return Page();
        }

        return Redirect(section + 1 < Loaded.Definition.Sections.Count ? $"/assessments/{id}/{section + 1}" : $"/assessments/{id}/review");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, int section, bool track, CancellationToken ct)
    {
        var loaded = await engine.LoadAsync(id, ct, track);
        if (loaded is null || section < 0 || section >= loaded.Definition.Sections.Count)
        {
            return NotFound();
        }

        if (loaded.Response.Status == ResponseStatus.Submitted)
        {
            return Redirect($"/assessments/{id}/summary");
        }

        Loaded = loaded;
        Section = section;
        Name = await db.People.Where(p => p.Id == loaded.Response.PersonId).Select(p => p.GivenName + " " + p.FamilyName).FirstAsync(ct);
        return null;
    }
}
