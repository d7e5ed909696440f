using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;

namespace OneToOne.Contacts.Pages.Groups;

[Authorize(Policy = Policies.PersonRecords)]
internal sealed class NewModel(OneToOneDb db, ContactLog log, CurrentUser user, TimeProvider clock) : PageModel
{
    [BindProperty]
    public GroupForm Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> Facilitators { get; private set; } = [];

    public sealed class GroupForm
    {
        [Display(Name = "Title")]
        public string? Title { get; set; }

        [Display(Name = "What kind of session is it?")]
        public string? Kind { get; set; }

        [Display(Name = "Date")]
        public DateOnly? Date { get; set; }

        [Display(Name = "Start time")]
        public string? Time { get; set; }

        [Display(Name = "Duration in minutes")]
        public string? DurationMinutes { get; set; }

        [Display(Name = "Location (optional)")]
        public string? Location { get; set; }

        [Display(Name = "Facilitator")]
        public Guid? FacilitatorStaffId { get; set; }

        [Display(Name = "What does it address?")]
        public List<string> Addressed { get; set; } = [];

        [Display(Name = "Description (optional)")]
        public string? Description { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.Date = UkTime.Today(clock);
        Input.DurationMinutes = "60";
        Input.FacilitatorStaffId = user.StaffMemberId;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var input = new GroupSessionInput
        {
            Title = Input.Title,
            Kind = Input.Kind,
            Date = Input.Date,
            Time = Input.Time,
            DurationMinutes = Input.DurationMinutes,
            Location = Input.Location,
            FacilitatorStaffId = Input.FacilitatorStaffId,
            Description = Input.Description,
            Addressed = Input.Addressed,
        };
        if (!ModelState.IsValid)
        {
            PeopleChoices.AddTo(ModelState, ContactRules.Check(input, clock.GetUtcNow()).Errors, "Input.");
            await LoadAsync(ct);
            return Page();
        }

        var (session, errors) = await log.CreateSessionAsync(input, ct);
        if (session is null)
        {
            PeopleChoices.AddTo(ModelState, errors, "Input.");
            await LoadAsync(ct);
            return Page();
        }

        TempData["Success"] = "Group session added";
        return Redirect($"/groups/{session.Id}");
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Facilitators = await db.Staff.AsNoTracking().Where(s => s.Active).OrderBy(s => s.DisplayName).ThenBy(s => s.Id)
            .Select(s => new SelectListItem(s.DisplayName, s.Id.ToString("D", CultureInfo.InvariantCulture)))
            .ToListAsync(ct);
}
