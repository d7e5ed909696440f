using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.CarePlans.Pages;

/// <summary>Every version of the plan agreed with the person, newest first, each as it was agreed.</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class VersionsModel(CarePlanner planner, AuditTrail audit, OneToOneDb db) : PlanDocumentModel(planner, audit)
{
    public IReadOnlyList<(CarePlanVersion Version, JsonElement Snapshot)> Versions { get; private set; } = [];

    protected override string AuditDetail => "care plan versions";

    protected override async Task LoadMoreAsync(CancellationToken ct)
    {
        var rows = await db.Set<CarePlanVersion>().AsNoTracking().Where(v => v.PlanId == Id).OrderByDescending(v => v.Number).ToListAsync(ct);
        Versions = [.. rows.Select(v => (v, JsonDocument.Parse(v.SnapshotJson).RootElement.Clone()))];
    }
}
