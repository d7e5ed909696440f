using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Data;

namespace OneToOne.ServiceDirectory;

public sealed record ServiceHit(Guid Id, string Name, string ProviderOrganisationName, string? Description, HowToUse HowToUse,
    bool Nationwide, string? Phone, string? Email, string? Website, bool ItemMatch, bool Local);

public sealed record ServiceSearchPage(string Concern, string? District, int Page, int PageSize, int Total, IReadOnlyList<ServiceHit> Items);

/// <summary>Finds the services for one concern near one person. Written to start from the two child indexes:
/// (Code, ServiceId) gives the services for the item or its domain, (District, ServiceId) the local ones, so the
/// services table is only read by primary key for the candidates (under 20 ms over 20,000 services: bench/README.md).</summary>
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
        var areaKeys = normalised is null ? [] : DirectoryRules.AreaKeysFor(normalised);
        var codes = new[] { item, domain };
        var categories = db.Set<DirectoryServiceCategory>();
        var areas = db.Set<DirectoryServiceArea>();

        var matching = categories.Where(c => codes.Contains(c.Code)).Select(c => c.ServiceId);
        var local = areas.Where(a => areaKeys.Contains(a.District)).Select(a => a.ServiceId);
        var candidates = db.Set<DirectoryService>().AsNoTracking()
            .Where(s => s.Active && matching.Contains(s.Id) && (s.Nationwide || local.Contains(s.Id)));

        var total = await candidates.CountAsync(ct);
        var pageNumber = Math.Max(1, page);
        var rows = await candidates
            .Select(s => new
            {
                s.Id, s.Name, s.ProviderOrganisationName, s.Description, s.HowToUse, s.Nationwide, s.Phone, s.Email, s.Website,
                ItemMatch = categories.Any(c => c.ServiceId == s.Id && c.Code == item),
                Local = local.Contains(s.Id),
            })
            .OrderByDescending(s => s.ItemMatch).ThenByDescending(s => s.Local).ThenBy(s => s.Name).ThenBy(s => s.Id)
            .Skip((pageNumber - 1) * PageSize).Take(PageSize)
            .ToListAsync(ct);
        return new ServiceSearchPage(item, normalised, pageNumber, PageSize, total,
            [.. rows.Select(r => new ServiceHit(r.Id, r.Name, r.ProviderOrganisationName, r.Description, r.HowToUse, r.Nationwide,
                r.Phone, r.Email, r.Website, r.ItemMatch, r.Local))]);
    }
}
