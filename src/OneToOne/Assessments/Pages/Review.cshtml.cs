using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Assessments.Pages;

/// <summary>Check the answers, pick what matters most, submit.</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class ReviewModel(OneToOneDb db, AssessmentEngine engine, AuditTrail audit) : PageModel
{
    [BindProperty]
    public List<string> TopConcerns { get; set; } = [];

    [BindProperty]
    public Guid Version { get; set; }

    public LoadedResponse Loaded { get; private set; } = null!;
    public string Name { get; private set; } = "";
    public List<SelectListItem> Choices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, track: false, ct) is { } stop)
        {
            return stop;
        }

        Version = Loaded.Response.Version;
        TopConcerns = Loaded.Response.TopConcerns;
        BuildChoices();
        await audit.ViewedAsync("AssessmentResponse", id, Loaded.Response.PersonId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, track: true, ct) is { } stop)
        {
            return stop;
        }

        BuildChoices();
        var errors = engine.Apply(Loaded, new Dictionary<string, AnswerValue>(), TopConcerns) ?? engine.Submit(Loaded);
        if (errors is not null)
        {
            AssessmentForm.AddErrors(ModelState, errors);
            return Page();
        }

        db.Entry(Loaded.Response).Property(x => x.Version).OriginalValue = Version;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", AssessmentForm.ConflictMessage);
            return Page();
        }

        TempData["Success"] = "Assessment submitted";
        return Redirect($"/assessments/{id}/summary");
    }

    private void BuildChoices() =>
        Choices = AssessmentForm.ScoredConcerns(Loaded).Select(i => new SelectListItem(i.Text, i.Code)).ToList();

    private async Task<IActionResult?> LoadAsync(Guid id, bool track, CancellationToken ct)
    {
        var loaded = await engine.LoadAsync(id, ct, track);
        if (loaded is null)
        {
            return NotFound();
        }

        if (loaded.Response.Status == ResponseStatus.Submitted)
        {
            return Redirect($"/assessments/{id}/summary");
        }

        Loaded = loaded;
        Name = await db.People.Where(p => p.Id == loaded.Response.PersonId).Select(p => p.GivenName + " " + p.FamilyName).FirstAsync(ct);
        return null;
    }
}
