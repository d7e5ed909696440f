using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Data;

namespace OneToOne.Assessments;

/// <summary>A red flag raised by a person's latest submitted assessment, for the record and the caseload.</summary>
public sealed record RedFlagNotice(Guid PersonId, Guid ResponseId, DateTimeOffset SubmittedAt, IReadOnlyList<string> ItemCodes)
{
    public IEnumerable<string> ItemTexts => ItemCodes.Select(ConcernCatalogue.ItemText);
}

/// <summary>Red flags show "at once": they are read from the submitted responses, with no job in between.</summary>
public static class RedFlags
{
    /// <summary>For each person whose latest submitted assessment (per instrument) raised red flags.</summary>
    public static async Task<Dictionary<Guid, RedFlagNotice>> ForPeopleAsync(OneToOneDb db, IReadOnlyCollection<Guid> personIds, CancellationToken ct)
    {
        if (personIds.Count == 0)
        {
            return [];
        }

        var ids = personIds.ToList();
        var latest = await db.Set<AssessmentResponse>().AsNoTracking()
            .Where(r => ids.Contains(r.PersonId) && r.Status == ResponseStatus.Submitted)
            .Select(r => new { r.Id, r.PersonId, r.InstrumentCode, r.SubmittedAt, r.HasRedFlags, r.RedFlags })
            .ToListAsync(ct);
        var notices = new Dictionary<Guid, RedFlagNotice>();
        foreach (var person in latest.GroupBy(r => r.PersonId))
        {
            var flagged = person.GroupBy(r => r.InstrumentCode, StringComparer.Ordinal)
                .Select(g => g.OrderByDescending(r => r.SubmittedAt).First())
                .Where(r => r.HasRedFlags)
                .OrderByDescending(r => r.SubmittedAt)
                .FirstOrDefault();
            if (flagged is not null)
            {
                notices[person.Key] = new RedFlagNotice(person.Key, flagged.Id, flagged.SubmittedAt!.Value, flagged.RedFlags);
            }
        }

        return notices;
    }
}
