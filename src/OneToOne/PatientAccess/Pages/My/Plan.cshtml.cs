using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OneToOne.CarePlans;
using OneToOne.Platform.Data;

namespace OneToOne.PatientAccess.Pages.My;

/// <summary>The person's plan as last agreed with them (not a draft the team is still working on).</summary>
internal sealed class PlanModel(OneToOneDb db) : PersonPage(db)
{
    public CarePlanVersion? Agreed { get; private set; }

    public JsonElement Snapshot { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadMeAsync(ct) is { } stop)
        {
            return stop;
        }

        var id = Me.Id;
        Agreed = await (from v in Db.Set<CarePlanVersion>()
                        join p in Db.Set<CarePlan>() on v.PlanId equals p.Id
                        where p.PersonId == id
                        orderby v.AgreedAt descending, v.Number descending
                        select v).AsNoTracking().FirstOrDefaultAsync(ct);
        if (Agreed is not null)
        {
            Snapshot = JsonDocument.Parse(Agreed.SnapshotJson).RootElement.Clone();
        }

        await AuditViewAsync("plan", ct);
        return Page();
    }

    public static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
