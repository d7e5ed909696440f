using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Data;

namespace OneToOne.CarePlans;

/// <summary>Each agreed version of the person's care and support plan, on their record's timeline.</summary>
internal sealed class CarePlanTimelineSource : IPersonTimelineSource
{
    public async Task<IReadOnlyList<TimelineEntry>> EntriesAsync(OneToOneDb db, Guid personId, CancellationToken ct)
    {
        var versions = await db.Set<CarePlanVersion>().AsNoTracking()
            .Where(v => db.Set<CarePlan>().Any(p => p.Id == v.PlanId && p.PersonId == personId))
            .OrderByDescending(v => v.Number)
            .Take(100)
            .Select(v => new { v.PlanId, v.Number, v.AgreedAt, v.AgreedByName })
            .ToListAsync(ct);
        return versions.Select(v => new TimelineEntry(
            v.AgreedAt,
            "Care plan",
            string.Create(CultureInfo.InvariantCulture, $"Care and support plan version {v.Number} agreed"),
            "Agreed with " + v.AgreedByName,
            $"/plans/{v.PlanId}/versions")).ToList();
    }
}
