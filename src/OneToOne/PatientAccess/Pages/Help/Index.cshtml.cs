using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.PatientAccess.Pages.Help;

internal sealed record HelpRow(Guid Id, Guid PersonId, string PersonName, DateTimeOffset CreatedAt, DateTimeOffset DueAt, bool RedFlag,
    HelpRequestChannel Channel, HelpRequestStatus Status, HelpOutcome? Outcome, string Owner, bool InOpenAccess);

/// <summary>Requests for help from people (online or logged from a phone call): open ones first, red flags and the
/// soonest due at the top, then those answered in the last 30 days.</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class IndexModel(OneToOneDb db, AuditTrail audit, TimeProvider clock, CurrentUser user) : PageModel
{
    public IReadOnlyList<HelpRow> Open { get; private set; } = [];

    public IReadOnlyList<HelpRow> Answered { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        var since = Now.AddDays(-30);
        var rows = await (from r in db.Set<HelpRequest>().AsNoTracking()
                          where r.Status == HelpRequestStatus.Open || r.AnsweredAt >= since
                          join p in db.People on r.PersonId equals p.Id
                          join s in db.Staff on r.AssignedToStaffId equals s.Id into staff
                          from s in staff.DefaultIfEmpty()
                          join t in db.Teams on r.AssignedToTeamId equals t.Id into teams
                          from t in teams.DefaultIfEmpty()
                          select new HelpRow(r.Id, p.Id, p.GivenName + " " + p.FamilyName, r.CreatedAt, r.DueAt, r.RedFlag, r.Channel, r.Status, r.Outcome,
                              s != null ? s.DisplayName : t != null ? t.Name + " (team)" : "Nobody", r.PeriodId != null))
            .Take(500).ToListAsync(ct);
        Open = [.. rows.Where(r => r.Status == HelpRequestStatus.Open).OrderByDescending(r => r.RedFlag).ThenBy(r => r.DueAt).ThenBy(r => r.Id)];
        Answered = [.. rows.Where(r => r.Status != HelpRequestStatus.Open).OrderByDescending(r => r.CreatedAt)];
        audit.Record("help-requests.view", "StaffMember", user.StaffMemberId ?? Guid.Empty, null, $"{Open.Count} open, {Answered.Count} answered");
        await db.SaveChangesAsync(ct);
    }
}
