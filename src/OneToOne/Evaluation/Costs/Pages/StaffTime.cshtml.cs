using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;

namespace OneToOne.Evaluation.Costs.Pages;

/// <summary>A team lead records, for each member of their team, the days worked and lost in a month (the evaluation's
/// staff time). One form for the whole team; each row carries its record's Version, and the month saves in one transaction.</summary>
[Authorize(Roles = Roles.TeamLead)]
internal sealed class StaffTimeModel(OneToOneDb db, AuditTrail audit, CurrentUser user, TimeProvider clock) : PageModel
{
    public const string ConflictMessage = "This record was changed by someone else while you were editing. Reload the page to see their changes.";
    public const int MonthsShown = 24;

    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty]
    public List<RowForm> Rows { get; set; } = [];

    public sealed class RowForm
    {
        public Guid StaffMemberId { get; set; }
        public Guid? Version { get; set; }
        public string? DaysWorked { get; set; }
        public string? DaysLost { get; set; }
        public string? LostReason { get; set; }
    }

    public sealed record StaffRow(Guid Id, string Name, string Role);

    public DateOnly Chosen { get; private set; }
    public string? TeamName { get; private set; }
    public List<StaffRow> StaffList { get; private set; } = [];
    public Dictionary<Guid, StaffRow> Staff { get; private set; } = [];
    public List<SelectListItem> MonthChoices { get; private set; } = [];
    public bool CanRecord { get; private set; }

    public static IEnumerable<SelectListItem> Reasons => StaffTimeRules.LostReasons.Select(r => new SelectListItem(r, r));

    public string MonthText => StaffTimeRules.MonthText(Chosen);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (TeamName is not null && CanRecord)
        {
            var records = await RecordsAsync(ct);
            Rows = [.. StaffList.Select(s => records.TryGetValue(s.Id, out var r)
                ? new RowForm { StaffMemberId = s.Id, Version = r.Version, DaysWorked = Days(r.DaysWorked), DaysLost = Days(r.DaysLost), LostReason = r.LostReason }
                : new RowForm { StaffMemberId = s.Id })];
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (TeamName is null)
        {
            return NotFound();
        }

        if (!CanRecord)
        {
            return Page();
        }

        // Every row must be a member of the lead's team: another team's or organisation's staff member is not found.
        if (Rows.Any(r => !Staff.ContainsKey(r.StaffMemberId)) || Rows.Select(r => r.StaffMemberId).Distinct().Count() != Rows.Count)
        {
            return NotFound();
        }

        ModelState.Clear();
        var checkedRows = new List<(RowForm Row, StaffTimeValues Values)>();
        for (var i = 0; i < Rows.Count; i++)
        {
            var row = Rows[i];
            var (values, errors) = StaffTimeRules.Check(Staff[row.StaffMemberId].Name, Chosen, row.DaysWorked, row.DaysLost, row.LostReason);
            foreach (var e in errors)
            {
                ModelState.AddModelError(string.Create(CultureInfo.InvariantCulture, $"Rows[{i}].{e.Field}"), e.Message);
            }

            if (values is not null)
            {
                checkedRows.Add((row, values));
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var records = await RecordsAsync(ct, track: true);
        var now = clock.GetUtcNow();
        var month = StaffTimeRules.MonthValue(Chosen);
        var changed = 0;
        foreach (var (row, values) in checkedRows)
        {
            records.TryGetValue(row.StaffMemberId, out var record);
            if ((record is null) != (row.Version is null))
            {
                // Someone else recorded (or cleared) this month since the page was loaded.
                ModelState.AddModelError("", ConflictMessage);
                return Page();
            }

            if (record is null)
            {
                if (values.IsBlank)
                {
                    continue;
                }

                db.Add(new StaffTimeRecord
                {
                    StaffMemberId = row.StaffMemberId, Month = Chosen, DaysWorked = values.DaysWorked!.Value, DaysLost = values.DaysLost,
                    LostReason = values.LostReason, UpdatedAt = now,
                });
            }
            else
            {
                db.Entry(record).Property(x => x.Version).OriginalValue = row.Version!.Value;
                if (values.IsBlank)
                {
                    db.Remove(record);
                }
                else if (record.DaysWorked != values.DaysWorked || record.DaysLost != values.DaysLost || record.LostReason != values.LostReason)
                {
                    record.DaysWorked = values.DaysWorked!.Value;
                    record.DaysLost = values.DaysLost;
                    record.LostReason = values.LostReason;
                    record.UpdatedAt = now;
                }
                else
                {
                    continue;
                }
            }

            changed++;
            audit.Record(values.IsBlank ? "staff-time.clear" : "staff-time.record", "StaffMember", row.StaffMemberId, null,
                values.IsBlank ? month : string.Create(CultureInfo.InvariantCulture, $"{month}: {values.DaysWorked} days worked, {values.DaysLost} lost{(values.LostReason is null ? "" : " (" + values.LostReason + ")")}"));
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A changed Version (DbUpdateConcurrencyException) or a record created at the same moment (the unique index).
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", ConflictMessage);
            return Page();
        }

        TempData["Success"] = changed == 0
            ? $"Nothing changed for {MonthText}"
            : $"Staff time for {MonthText} saved";
        return Redirect("/team/staff-time?month=" + month);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = UkTime.Today(clock);
        MonthChoices = [.. StaffTimeRules.Months(today, MonthsShown).Select(m => new SelectListItem(StaffTimeRules.MonthText(m), StaffTimeRules.MonthValue(m)))];
        var parsed = string.IsNullOrWhiteSpace(Month) ? StaffTimeRules.FirstOfMonth(today) : StaffTimeRules.ParseMonth(Month);
        CanRecord = true;
        if (parsed is null)
        {
            ModelState.AddModelError(nameof(Month), "Select a month from the list");
            CanRecord = false;
        }
        else if (StaffTimeRules.CheckMonth(parsed.Value, today) is { } error)
        {
            ModelState.AddModelError(nameof(Month), error);
            CanRecord = false;
        }

        Chosen = parsed ?? StaffTimeRules.FirstOfMonth(today);
        Month = StaffTimeRules.MonthValue(Chosen);
        if (MonthChoices.All(m => m.Value != Month))
        {
            MonthChoices.Add(new SelectListItem(StaffTimeRules.MonthText(Chosen), Month));
        }

        var team = user.StaffMemberId is { } me
            ? await db.Staff.AsNoTracking().Where(s => s.Id == me && s.TeamId != null).Select(s => new { Id = s.TeamId!.Value, s.Team!.Name }).FirstOrDefaultAsync(ct)
            : null;
        if (team is null)
        {
            return;
        }

        TeamName = team.Name;
        var chosen = Chosen;
        var recorded = db.Set<StaffTimeRecord>().Where(r => r.Month == chosen).Select(r => r.StaffMemberId);
        StaffList = [.. (await db.Staff.AsNoTracking()
                .Where(s => s.TeamId == team.Id && (s.Active || recorded.Contains(s.Id)))
                .Select(s => new StaffRow(s.Id, s.DisplayName, s.Role!.Name))
                .ToListAsync(ct))
            .OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Id)];
        Staff = StaffList.ToDictionary(s => s.Id);
    }

    private async Task<Dictionary<Guid, StaffTimeRecord>> RecordsAsync(CancellationToken ct, bool track = false)
    {
        var ids = Staff.Keys.ToList();
        var chosen = Chosen;
        var query = db.Set<StaffTimeRecord>().Where(r => r.Month == chosen && ids.Contains(r.StaffMemberId));
        return await (track ? query : query.AsNoTracking()).ToDictionaryAsync(r => r.StaffMemberId, ct);
    }

    private static string Days(decimal d) => d.ToString("0.#", CultureInfo.InvariantCulture);
}
