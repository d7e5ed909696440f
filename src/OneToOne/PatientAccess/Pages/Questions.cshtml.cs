using Microsoft.AspNetCore.Mvc;
using OneToOne.Assessments;

namespace OneToOne.PatientAccess.Pages;

/// <summary>One section of the questionnaire on the person's own device; each step is saved, so closing the page
/// and opening the link again resumes (after the date of birth).</summary>
internal sealed class QuestionsModel(PatientLinks links) : PatientPage(links)
{
    public Dictionary<string, string?> Answers { get; private set; } = new(StringComparer.Ordinal);

    public LoadedResponse Loaded { get; private set; } = null!;
    public int Section { get; private set; }
    public QuestionsView Questions { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string token, int section, CancellationToken ct)
    {
        if (await LoadAsync(token, section, ct) is { } stop)
        {
            return stop;
        }

        Questions = new QuestionsView(Loaded.Definition.Sections[section], AssessmentForm.Values(Loaded));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, int section, CancellationToken ct)
    {
        if (await LoadAsync(token, section, ct) is { } stop)
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

        if (Resolved.Engine!.Apply(Loaded, changes, null) is { } errors)
        {
            AssessmentForm.AddErrors(ModelState, errors);
            return Page();
        }

        Resolved.Audit!.Record("assessment.answer", "AssessmentResponse", Loaded.Response.Id, Loaded.Response.PersonId, $"section {current.Code}; by the person online");
        await Resolved.Db!.SaveChangesAsync(ct);
        return Redirect(section + 1 < Loaded.Definition.Sections.Count ? $"/a/{token}/{section + 1}" : $"/a/{token}/check");
    }

    private async Task<IActionResult?> LoadAsync(string token, int section, CancellationToken ct)
    {
        if (await RequireSessionAsync(token, ct) is { } stop)
        {
            return stop;
        }

        var loaded = await Resolved.Engine!.LoadAsync(Resolved.Link!.ResponseId, ct);
        if (loaded is null || section < 0 || section >= loaded.Definition.Sections.Count)
        {
            return NotFound();
        }

        Loaded = loaded;
        Section = section;
        return null;
    }
}
