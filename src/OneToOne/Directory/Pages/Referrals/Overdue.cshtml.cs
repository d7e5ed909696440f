using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.ServiceDirectory.Pages.Referrals;

/// <summary>The organisation's unanswered referrals past their response day (a referral that sits unanswered is a hazard).</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class OverdueModel(OneToOneDb db, AuditTrail audit, ServiceReferrals actions) : PageModel
{
    public sealed record Row(ServiceReferral Referral, string PersonName);

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var referrals = await actions.OverdueAsync(ct);
        var personIds = referrals.Select(r => r.PersonId).Distinct().ToList();
        var names = await db.People.Where(p => personIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.GivenName + " " + p.FamilyName, ct);
        Rows = [.. referrals.Select(r => new Row(r, names.GetValueOrDefault(r.PersonId, "")))];
        audit.Record("service-referral.overdue.view", "Organisation", db.TenantId, null, $"{Rows.Count} referrals");
        await db.SaveChangesAsync(ct);
    }
}
