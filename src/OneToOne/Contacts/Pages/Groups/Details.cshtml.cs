using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using PeopleSearch = OneToOne.People.Pages.IndexModel;

namespace OneToOne.Contacts.Pages.Groups;

/// <summary>A session's details and register: find a person (NHS number or family name), add them, or remove them.</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class DetailsModel(OneToOneDb db, ContactLog log, ContactQueries queries, AuditTrail audit) : PageModel
{
    public const string ConflictMessage = "This register was changed by someone else while you were looking at it. Reload the page to see their changes.";

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty]
    public Guid Version { get; set; }

    [BindProperty]
    public Guid PersonId { get; set; }

    public GroupSession Session { get; private set; } = null!;

    public string FacilitatorName { get; private set; } = "";

    public IReadOnlyList<AttendeeRow> Attendees { get; private set; } = [];

    public IReadOnlyList<PeopleSearch.PersonRow> Results { get; private set; } = [];

    public bool Searched { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (!string.IsNullOrWhiteSpace(Search))
        {
            Searched = true;
            var (rows, error) = await PeopleSearch.SearchAsync(db, Search, ct);
            if (error is not null)
            {
                ModelState.AddModelError(nameof(Search), error);
            }
            else
            {
                Results = rows;
                audit.Record("person.search", "Organisation", db.TenantId, null,
                    string.Create(CultureInfo.InvariantCulture, $"{rows.Count} people; group register"));
            }
        }

        audit.Record("group.view", "GroupSession", Session.Id, null,
            string.Create(CultureInfo.InvariantCulture, $"{Attendees.Count} attendees"));
        await db.SaveChangesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        try
        {
            var (result, _) = await log.AddAttendeeAsync(Id, PersonId, Version, ct);
            switch (result)
            {
                case AttendanceResult.SessionNotFound or AttendanceResult.PersonNotFound:
                    return NotFound();
                case AttendanceResult.Duplicate:
                    return await ErrorAsync(ContactLog.DuplicateAttendee, ct);
                case AttendanceResult.NotStarted:
                    return await ErrorAsync(ContactLog.NotStartedMessage, ct);
                default:
                    break;
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ErrorAsync(ConflictMessage, ct);
        }

        TempData["Success"] = "Attendance recorded";
        return Redirect($"/groups/{Id}");
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        try
        {
            var result = await log.RemoveAttendeeAsync(Id, PersonId, Version, ct);
            if (result != AttendanceResult.Removed)
            {
                return NotFound();
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ErrorAsync(ConflictMessage, ct);
        }

        TempData["Success"] = "Attendance removed";
        return Redirect($"/groups/{Id}");
    }

    private async Task<IActionResult> ErrorAsync(string message, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        ModelState.AddModelError(nameof(Search), message);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var session = await db.Set<GroupSession>().AsNoTracking().FirstOrDefaultAsync(g => g.Id == Id, ct);
        if (session is null)
        {
            return false;
        }

        Session = session;
        // The version stays the one the user saw after a failed POST, so a conflict keeps being reported until they reload.
        if (Version == Guid.Empty || Request.Method == HttpMethods.Get)
        {
            Version = session.Version;
        }

        FacilitatorName = await db.Staff.Where(s => s.Id == session.FacilitatorStaffId).Select(s => s.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        Attendees = await queries.AttendeesAsync(Id, ct);
        return true;
    }
}
