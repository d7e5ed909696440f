using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OneToOne.Assessments;
using OneToOne.Platform.Data;

namespace OneToOne.PatientAccess.Pages.My;

internal sealed record DueQuestionnaire(Guid ResponseId, string Name, DateTimeOffset StartedAt);

/// <summary>Questionnaires the team has sent the person that are not finished. Starting one opens the questionnaire pages
/// (/a/...) with a fresh short-lived link: the person is signed in, so the link's date-of-birth step is skipped.</summary>
internal sealed class QuestionnairesModel(OneToOneDb db, QuestionnaireLinks links, PatientLinks patientLinks) : PersonPage(db)
{
    public IReadOnlyList<DueQuestionnaire> Due { get; private set; } = [];

    [BindProperty]
    public Guid ResponseId { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadMeAsync(ct) is { } stop)
        {
            return stop;
        }

        var id = Me.Id;
        Due = await (from r in Db.Set<AssessmentResponse>()
                     where r.PersonId == id && r.Status == ResponseStatus.InProgress && r.Mode == CompletionMode.PersonOnline
                     join i in Db.Set<Instrument>() on r.InstrumentId equals i.Id
                     orderby r.StartedAt
                     select new DueQuestionnaire(r.Id, i.Name, r.StartedAt)).ToListAsync(ct);
        await AuditViewAsync("questionnaires", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadMeAsync(ct) is { } stop)
        {
            return stop;
        }

        var id = Me.Id;
        var responseId = ResponseId;
        // Only the person's own unfinished online questionnaire: anything else is not found.
        if (!await Db.Set<AssessmentResponse>().AnyAsync(r => r.Id == responseId && r.PersonId == id
                && r.Status == ResponseStatus.InProgress && r.Mode == CompletionMode.PersonOnline, ct))
        {
            return NotFound();
        }

        var token = links.LinkForSignedInPerson(id, responseId);
        var linkId = links.LinkIdFor(token);
        PersonAudit.Record(Db, Db.TenantId, id, "questionnaire.open", "AssessmentResponse", responseId, "from own pages");
        await Db.SaveChangesAsync(ct);
        patientLinks.SetSession(HttpContext, token, linkId);
        return Redirect($"/a/{token}/0");
    }
}
