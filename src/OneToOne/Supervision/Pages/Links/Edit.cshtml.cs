using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Supervision.Pages.Links;

/// <summary>Sets a member of staff's supervisor from a date (ending the current one the day before), or ends a
/// supervision period. Another organisation's staff member is a 404.</summary>
[Authorize(Roles = Roles.Administrator + "," + Roles.TeamLead)]
internal sealed class EditModel(OneToOneDb db, SupervisionLinkEditor editor) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid StaffId { get; set; }

    [BindProperty]
    public LinkInput Input { get; set; } = new();

    [BindProperty]
    public EndInput End { get; set; } = new();

    public string StaffName { get; private set; } = "";

    public IReadOnlyList<LinkRow> History { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Supervisors { get; private set; } = [];

    public LinkRow? Current { get; private set; }

    public sealed class LinkInput
    {
        [Display(Name = "Supervisor")]
        public Guid? SupervisorStaffId { get; set; }

        [Display(Name = "Supervision starts on")]
        public DateOnly? EffectiveFrom { get; set; }

        [Display(Name = "Supervision ends on (optional)")]
        public DateOnly? EffectiveTo { get; set; }
    }

    public sealed class EndInput
    {
        public Guid LinkId { get; set; }

        public Guid Version { get; set; }

        [Display(Name = "Last day of supervision")]
        public DateOnly? EndOn { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input.EffectiveFrom = editor.Today;
        Input.SupervisorStaffId = Current?.SupervisorStaffId;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        ModelState.Remove("End.EndOn");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var errors = await editor.SetAsync(StaffId, Input.SupervisorStaffId, Input.EffectiveFrom, Input.EffectiveTo, ct);
        if (errors.Count > 0)
        {
            PeopleChoices.AddTo(ModelState, errors, "Input.");
            await LoadAsync(ct);
            return Page();
        }

        TempData["Success"] = $"Supervisor set for {StaffName}";
        return Redirect("/supervision/links");
    }

    public async Task<IActionResult> OnPostEndAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Input.", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var errors = await editor.EndAsync(StaffId, End.LinkId, End.Version, End.EndOn, ct);
        if (errors.Count > 0)
        {
            PeopleChoices.AddTo(ModelState, errors, "End.");
            await LoadAsync(ct);
            return Page();
        }

        TempData["Success"] = $"Supervision of {StaffName} ends on {Platform.Time.UkTime.Format(End.EndOn)}";
        return Redirect("/supervision/links");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var name = await db.Staff.Where(s => s.Id == StaffId).Select(s => s.DisplayName).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return false;
        }

        StaffName = name;
        History = await editor.HistoryAsync(StaffId, ct);
        var today = editor.Today;
        Current = History.FirstOrDefault(l => l.From <= today && (l.To is null || l.To >= today));
        Supervisors = [.. (await editor.ChoicesAsync(StaffId, ct)).Select(c => new SelectListItem($"{c.Name} ({c.Role})", c.StaffId.ToString()))];
        return true;
    }
}
