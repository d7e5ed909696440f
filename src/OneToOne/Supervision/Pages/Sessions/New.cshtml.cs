using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Time;

namespace OneToOne.Supervision.Pages.Sessions;

/// <summary>Records a supervision session: first whom (unless the link says), then the date, the people discussed
/// from their caseload, and notes. Actions agreed are added on the session's page.</summary>
[Authorize(Policy = Policies.TeamView)]
internal sealed class NewModel(SupervisionSessions sessions, Supervisors supervisors, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? SuperviseeId { get; set; }

    [BindProperty]
    public SessionForm Input { get; set; } = new();

    public IReadOnlyList<(Guid StaffId, string Name)> Supervisable { get; private set; } = [];

    public string? SuperviseeName { get; private set; }

    public IReadOnlyList<SelectListItem> Caseload { get; private set; } = [];

    public sealed class SessionForm
    {
        [Display(Name = "Who did you supervise?")]
        public Guid? SuperviseeStaffId { get; set; }

        [Display(Name = "Date of the session")]
        public DateOnly? HeldOn { get; set; }

        [Display(Name = "People discussed")]
        public List<Guid> PeopleDiscussed { get; set; } = [];

        [Display(Name = "Notes")]
        public string? Notes { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Supervisable = await supervisors.SupervisableAsync(ct);
        if (SuperviseeId is null && Supervisable.Count == 1)
        {
            SuperviseeId = Supervisable[0].StaffId;
        }

        Input.SuperviseeStaffId = SuperviseeId;
        Input.HeldOn = UkTime.Today(clock);
        await LoadCaseloadAsync(SuperviseeId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Supervisable = await supervisors.SupervisableAsync(ct);
        SuperviseeId = Input.SuperviseeStaffId;
        await LoadCaseloadAsync(SuperviseeId, ct);
        var (session, errors) = await sessions.RecordAsync(
            new SessionInput(Input.HeldOn, Input.SuperviseeStaffId, Input.PeopleDiscussed, Input.Notes), ct);
        if (session is null || !ModelState.IsValid)
        {
            PeopleChoices.AddTo(ModelState, errors, "Input.");
            if (errors.Any(e => e.Field == "SuperviseeStaffId"))
            {
                // Back to choosing whom: the caseload shown belongs to someone they may not record for.
                SuperviseeName = null;
            }

            return Page();
        }

        TempData["Success"] = "Supervision session recorded. Add the actions you agreed.";
        return Redirect(SupervisionUrls.Session(session.Id));
    }

    private async Task LoadCaseloadAsync(Guid? superviseeId, CancellationToken ct)
    {
        if (superviseeId is not { } id || !await supervisors.MaySuperviseAsync(id, ct))
        {
            return;
        }

        SuperviseeName = Supervisable.FirstOrDefault(s => s.StaffId == id).Name;
        if (SuperviseeName is null)
        {
            return;
        }

        Caseload = [.. (await sessions.CaseloadAsync(id, ct)).Select(p => new SelectListItem($"{p.Name} (NHS number {NhsNumber.Format(p.NhsNumber)})", p.PersonId.ToString()))];
    }
}
