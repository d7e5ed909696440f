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
        // A join from the person's plan (indexed by PersonId) rather than EXISTS over every version: the latter made
        // SQLite and PostgreSQL scan all agreed versions in the organisation before filtering to this person.
        var versions = await (
                from p in db.Set<CarePlan>().AsNoTracking()
                where p.PersonId == personId
                join v in db.Set<CarePlanVersion>().AsNoTracking() on p.Id equals v.PlanId
                orderby v.Number descending
                select new { v.PlanId, v.Number, v.AgreedAt, v.AgreedByName })
            .Take(100)
            .ToListAsync(ct);
        return versions.Select(v => new TimelineEntry(
            v.AgreedAt,
            "Care plan",
            string.Create(CultureInfo.InvariantCulture, $"Care and support plan version {v.Number} agreed"),
            "Agreed with " + v.AgreedByName,
            $"/plans/{v.PlanId}/versions")).ToList();
    }
}
