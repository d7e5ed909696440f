using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Assessments.Pages;

[Authorize(Policy = Policies.PersonRecords)]
internal sealed class SummaryModel(OneToOneDb db, AssessmentEngine engine, AuditTrail audit) : PageModel
{
    public LoadedResponse Loaded { get; private set; } = null!;
    public string Name { get; private set; } = "";
    public AssessmentResponse? Previous { get; private set; }
    public List<ConcernChange> Changes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var loaded = await engine.LoadAsync(id, ct, track: false);
        if (loaded is null)
        {
            return NotFound();
        }

        if (loaded.Response.Status != ResponseStatus.Submitted)
        {
            return Redirect($"/assessments/{id}");
        }

        Loaded = loaded;
        Name = await db.People.Where(p => p.Id == loaded.Response.PersonId).Select(p => p.GivenName + " " + p.FamilyName).FirstAsync(ct);
        (Previous, Changes) = await engine.ChangesSinceLastAsync(loaded, ct);
        await audit.ViewedAsync("AssessmentResponse", id, loaded.Response.PersonId, ct, "summary");
        return Page();
    }

    public string ItemText(string code) => code == AssessmentScorer.DistressFlag
        ? "Distress"
        : Loaded.Definition.FindItem(code)?.Text ?? code;
}
