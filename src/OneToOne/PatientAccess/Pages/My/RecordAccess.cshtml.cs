using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.PatientAccess.Pages.My;

internal sealed record AccessRow(DateTimeOffset At, string Who, string? Name, string Organisation, string What);

/// <summary>"Who has looked at my record", from the audit trail: when, the role and organisation of who it was, and
/// whether they looked or changed something. Staff names only when PersonAccess:ShowStaffNamesInAccessLog is on (see
/// <see cref="PersonAccessOptions.ShowStaffNamesInAccessLog"/>). The person's own actions are left out.</summary>
internal sealed class RecordAccessModel(OneToOneDb db, PersonAccessOptions options) : PersonPage(db)
{
    public const int PageSize = 50;

    public IReadOnlyList<AccessRow> Rows { get; private set; } = [];

    public bool ShowNames => options.ShowStaffNamesInAccessLog;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public bool HasMore { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadMeAsync(ct) is { } stop)
        {
            return stop;
        }

        PageNumber = Math.Max(1, PageNumber);
        var id = Me.Id;
        var rows = await (from e in Db.AuditEvents.AsNoTracking()
                          where e.PersonId == id && e.Role != PersonAudit.Role
                          join o in Db.Organisations on e.OrganisationId equals o.Id
                          orderby e.Sequence descending
                          select new { e.OccurredAt, e.Role, e.UserName, e.Action, Organisation = o.Name })
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        HasMore = rows.Count > PageSize;
        Rows = [.. rows.Take(PageSize).Select(r => new AccessRow(r.OccurredAt, WhoText(r.Role),
            ShowNames && Roles.StaffRoles.Contains(r.Role) ? r.UserName : null, r.Organisation, WhatText(r.Action)))];
        await AuditViewAsync("who has looked at my record", ct);
        return Page();
    }

    public static string WhoText(string role) => role switch
    {
        "System" => "Automatic process",
        Roles.ApiClient => "Another system (for example a hospital system)",
        _ => Roles.DisplayName(role),
    };

    public static string WhatText(string action) =>
        action == "view" ? "Looked at your record"
        : action.StartsWith("person.sign-in", StringComparison.Ordinal) ? "Signing in"
        : "Added to or changed your record";
}
