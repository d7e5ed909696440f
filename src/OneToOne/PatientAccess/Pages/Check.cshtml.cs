using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using OneToOne.Assessments;

namespace OneToOne.PatientAccess.Pages;

internal sealed class CheckModel(PatientLinks links, TimeProvider clock) : PatientPage(links)
{
    [BindProperty]
    public List<string> TopConcerns { get; set; } = [];

    public LoadedResponse Loaded { get; private set; } = null!;
    public List<SelectListItem> Choices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        if (await LoadAsync(token, ct) is { } stop)
        {
            return stop;
        }

        TopConcerns = Loaded.Response.TopConcerns;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        if (await LoadAsync(token, ct) is { } stop)
        {
            return stop;
        }

        var engine = Resolved.Engine!;
        var errors = engine.Apply(Loaded, new Dictionary<string, AnswerValue>(), TopConcerns) ?? engine.Submit(Loaded);
        if (errors is not null)
        {
            AssessmentForm.AddErrors(ModelState, errors);
            return Page();
        }

        // Submitting uses the link up, in the same save as the answers: a link is never half used.
        Resolved.Link!.UsedAt = clock.GetUtcNow();
        await Resolved.Db!.SaveChangesAsync(ct);
        Response.Cookies.Delete(PatientLinks.CookieName, new CookieOptions { Path = "/a/" + token });
        return Redirect("/a/done");
    }

    private async Task<IActionResult?> LoadAsync(string token, CancellationToken ct)
    {
        if (await RequireSessionAsync(token, ct) is { } stop)
        {
            return stop;
        }

        Loaded = (await Resolved.Engine!.LoadAsync(Resolved.Link!.ResponseId, ct))!;
        Choices = AssessmentForm.ScoredConcerns(Loaded).Select(i => new SelectListItem(i.Text, i.Code)).ToList();
        return null;
    }
}
