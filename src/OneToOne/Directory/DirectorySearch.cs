using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Data;

namespace OneToOne.ServiceDirectory;

public sealed record ServiceHit(Guid Id, string Name, string ProviderOrganisationName, string? Description, HowToUse HowToUse,
    bool Nationwide, string? Phone, string? Email, string? Website, bool ItemMatch, bool Local);

public sealed record ServiceSearchPage(string Concern, string? District, int Page, int PageSize, int Total, IReadOnlyList<ServiceHit> Items);

/// <summary>Finds the services for one concern near one person. Starts from the (District, ServiceId) index: the
/// person's district, its postcode area and the nationwide key give a few hundred candidates at most; each is checked
/// against the (ServiceId, Code) primary key of the categories for the item or its domain. The matches (tens, rarely
/// hundreds) are ranked in memory, and only the page's 20 services are read in full. Under 20 ms over 20,000 services:
/// bench/README.md.</summary>
internal static class DirectorySearch
{
    public const int PageSize = 20;

    /// <summary>Null when the concern is not a known item code.</summary>
    public static async Task<ServiceSearchPage?> SearchAsync(OneToOneDb db, string? concernItemCode, string? district, int page, CancellationToken ct)
    {
        if (DirectoryRules.SearchCodes(concernItemCode) is not var (item, domain))
        {
            return null;
        }

        var normalised = DirectoryRules.NormaliseDistrict(district);
        string[] keys = normalised is null ? [DirectoryServiceArea.NationwideKey] : [.. DirectoryRules.AreaKeysFor(normalised), DirectoryServiceArea.NationwideKey];
        var codes = new[] { item, domain };
        var rows = await (
                from a in db.Set<DirectoryServiceArea>()
                where keys.Contains(a.District)
                join c in db.Set<DirectoryServiceCategory>() on a.ServiceId equals c.ServiceId
                where codes.Contains(c.Code)
                join s in db.Set<DirectoryService>() on a.ServiceId equals s.Id
                where s.Active
                select new { s.Id, s.Name, a.District, c.Code })
            .AsNoTracking().ToListAsync(ct);

        var ranked = rows.GroupBy(r => r.Id)
            .Select(g => new
            {
                Id = g.Key,
                g.First().Name,
                ItemMatch = g.Any(r => r.Code == item),
                Local = g.Any(r => r.District != DirectoryServiceArea.NationwideKey),
            })
            .OrderByDescending(r => r.ItemMatch).ThenByDescending(r => r.Local)
            .ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Id)
            .ToList();
        var pageNumber = Math.Max(1, page);
        var pageRows = ranked.Skip((pageNumber - 1) * PageSize).Take(PageSize).ToList();
        var ids = pageRows.Select(r => r.Id).ToList();
        var details = await db.Set<DirectoryService>().AsNoTracking().Where(s => ids.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, ct);
        return new ServiceSearchPage(item, normalised, pageNumber, PageSize, ranked.Count,
            [.. pageRows.Select(r => details[r.Id]).Select((s, i) => new ServiceHit(s.Id, s.Name, s.ProviderOrganisationName, s.Description,
                s.HowToUse, s.Nationwide, s.Phone, s.Email, s.Website, pageRows[i].ItemMatch, pageRows[i].Local))]);
    }
}
