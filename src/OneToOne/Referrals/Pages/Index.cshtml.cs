using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;

namespace OneToOne.Referrals.Pages;

[Authorize(Policy = Policies.TeamView)]
internal sealed class IndexModel(OneToOneDb db, AuditTrail audit, TimeProvider clock, WorkingDayCalendar calendar) : PageModel
{
    public ReferralStatus Status { get; private set; } = ReferralStatus.Received;

    public int PageNumber { get; private set; } = 1;

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + ReferralQueue.PageSize - 1) / ReferralQueue.PageSize);

    public DateOnly Today { get; private set; }

    public WorkingDayCalendar Calendar => calendar;

    public Dictionary<ReferralStatus, int> Counts { get; private set; } = [];

    public IReadOnlyList<ReferralQueue.Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(string? status, [FromQuery(Name = "p")] int? pageNumber, CancellationToken ct)
    {
        if (Enum.TryParse<ReferralStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s))
        {
            Status = s;
        }

        PageNumber = Math.Max(1, pageNumber ?? 1);
        Today = UkTime.Today(clock);
        Counts = await ReferralQueue.CountsAsync(db, Status, ct);
        Total = Counts.GetValueOrDefault(Status);
        Rows = await ReferralQueue.PageAsync(db, Status, PageNumber, ct);
        audit.Record("referral.queue.view", "Organisation", db.TenantId, null,
            string.Create(CultureInfo.InvariantCulture, $"{Status}; page {PageNumber}; {Rows.Count} referrals"));
        await db.SaveChangesAsync(ct);
    }
}
