using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Assessments.Pages;

[Authorize(Policy = Policies.PersonRecords)]
internal sealed class PersonModel(OneToOneDb db, AssessmentEngine engine, AuditTrail audit, CurrentUser user) : PageModel
{
    [BindProperty]
    public Timepoint? Timepoint { get; set; }

    public Guid PersonId { get; private set; }
    public string Name { get; private set; } = "";
    public List<AssessmentResponse> Responses { get; private set; } = [];
    public RedFlagNotice? RedFlag { get; private set; }
    public Dictionary<string, string> InstrumentNames { get; private set; } = new(StringComparer.Ordinal);

    public string InstrumentName(string code) => InstrumentNames.GetValueOrDefault(code, code);

    public static IEnumerable<SelectListItem> Timepoints =>
    [
        new("Baseline (start of support)", nameof(Assessments.Timepoint.Baseline)),
        new("Review (needs have changed or at a review)", nameof(Assessments.Timepoint.Review)),
        new("Before discharge", nameof(Assessments.Timepoint.Discharge)),
        new("Another time", nameof(Assessments.Timepoint.Adhoc)),
    ];

    public async Task<IActionResult> OnGetAsync(Guid personId, CancellationToken ct)
    {
        if (!await LoadAsync(personId, ct))
        {
            return NotFound();
        }

        await audit.ViewedAsync("Person", personId, personId, ct, "assessments");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid personId, CancellationToken ct)
    {
        if (!await LoadAsync(personId, ct))
        {
            return NotFound();
        }

        if (Timepoint is null || !Enum.IsDefined(Timepoint.Value))
        {
            ModelState.AddModelError(nameof(Timepoint), "Select when in the person's support this assessment is");
            return Page();
        }

        var instrument = await engine.ActiveInstrumentAsync(AssessmentDefaults.HnaCode, ct);
        if (instrument is null)
        {
            ModelState.AddModelError("", "No holistic needs assessment is published. Ask an administrator to publish one.");
            return Page();
        }

        var response = engine.Start(personId, instrument, Timepoint.Value, CompletionMode.WithWorker, user.StaffMemberId, null);
        audit.Record("assessment.start", "AssessmentResponse", response.Id, personId, $"{instrument.Code} v{instrument.Version}");
        await db.SaveChangesAsync(ct);
        return Redirect($"/assessments/{response.Id}");
    }

    private async Task<bool> LoadAsync(Guid personId, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new { p.GivenName, p.FamilyName }).FirstOrDefaultAsync(ct);
        if (person is null)
        {
            return false;
        }

        PersonId = personId;
        Name = person.GivenName + " " + person.FamilyName;
        Responses = await db.Set<AssessmentResponse>().AsNoTracking().Where(r => r.PersonId == personId)
            .OrderByDescending(r => r.StartedAt).ToListAsync(ct);
        RedFlag = (await RedFlags.ForPeopleAsync(db, [personId], ct)).GetValueOrDefault(personId);
        InstrumentNames = await db.Set<Instrument>().AsNoTracking().Where(i => i.Active).ToDictionaryAsync(i => i.Code, i => i.Name, StringComparer.Ordinal, ct);
        return true;
    }
}
