using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.PatientAccess.Pages.Help;

/// <summary>One request for help, and the answer: advice given, re-opened to the caseload (a new episode linked to the
/// old one), or referred on. Answering completes the request's task. A red flag is answered by a registered practitioner.</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class DetailsModel(OneToOneDb db, AuditTrail audit, HelpRequests help, CurrentUser user) : PageModel
{
    public const string ConflictMessage = "This request was changed by someone else while you were looking at it. Reload the page to see their changes.";

    [BindProperty]
    public HelpAnswerInput Answer { get; set; } = new();

    [BindProperty]
    public Guid Version { get; set; }

    public HelpRequest HelpRequest { get; private set; } = null!;

    public Person Person { get; private set; } = null!;

    public HelpState State { get; private set; } = null!;

    public string Owner { get; private set; } = "";

    public OpenAccessPeriod? Period { get; private set; }

    public bool IsRegistered { get; private set; }

    public bool MayAnswer => HelpRequest.Status == HelpRequestStatus.Open && (!HelpRequest.RedFlag || IsRegistered);

    public List<SelectListItem> Outcomes =>
    [
        .. Enum.GetValues<HelpOutcome>()
            .Where(o => o != HelpOutcome.Reopened || (HelpRequest.PeriodId is not null && State.OpenEpisode is null))
            .Select(o => new SelectListItem(HelpRequestRules.OutcomeText(o), o.ToString())),
    ];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        await audit.ViewedAsync("HelpRequest", id, Person.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        ModelState.Clear();
        var errors = HelpRequestRules.CheckAnswer(HelpRequest, Answer, IsRegistered, State.OpenEpisode is not null);
        if (errors.Count > 0)
        {
            foreach (var e in errors)
            {
                ModelState.AddModelError(e.Field, e.Message);
            }

            return Page();
        }

        try
        {
            await help.AnswerAsync(HelpRequest, Answer, Version, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id, ct);
            ModelState.AddModelError("", ConflictMessage);
            return Page();
        }

        TempData["Success"] = HelpRequest.Outcome == HelpOutcome.Reopened
            ? "Answered: re-opened to the caseload as a new episode"
            : "Answered";
        return Redirect($"/help-requests/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var request = await db.Set<HelpRequest>().FirstOrDefaultAsync(r => r.Id == id, ct);
        var person = request is null ? null : await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == request.PersonId, ct);
        if (request is null || person is null)
        {
            return false;
        }

        HelpRequest = request;
        Person = person;
        State = await help.StateAsync(person.Id, ct);
        Period = request.PeriodId is { } pid ? await db.Set<OpenAccessPeriod>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid, ct) : null;
        Owner = request.AssignedToStaffId is { } staff
            ? await db.Staff.Where(s => s.Id == staff).Select(s => s.DisplayName).FirstOrDefaultAsync(ct) ?? "Unknown"
            : request.AssignedToTeamId is { } team
                ? (await db.Teams.Where(t => t.Id == team).Select(t => t.Name).FirstOrDefaultAsync(ct) ?? "Unknown") + " (team queue)"
                : "Nobody";
        // A registered professional by their workforce role (data), whatever part of the app their sign-in reaches.
        IsRegistered = user.StaffMemberId is { } me && await db.Staff.AnyAsync(s => s.Id == me && s.Role!.Registered, ct);
        // The form's Version on a post (the stale check); the row's on a first view.
        if (HttpMethods.IsGet(Request.Method))
        {
            Version = request.Version;
        }

        return true;
    }
}
