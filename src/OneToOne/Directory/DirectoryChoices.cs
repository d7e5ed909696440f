using Microsoft.AspNetCore.Mvc.Rendering;
using OneToOne.Assessments;

namespace OneToOne.ServiceDirectory;

/// <summary>Choice lists for the directory's forms, built from the concern catalogue.</summary>
internal static class DirectoryChoices
{
    /// <summary>Concern items grouped by domain, for a select with optgroups.</summary>
    public static IEnumerable<(ConcernCatalogue.Domain Domain, IReadOnlyList<ConcernCatalogue.Item> Items)> ConcernGroups() =>
        ConcernCatalogue.Domains.Select(d => (d, (IReadOnlyList<ConcernCatalogue.Item>)[.. ConcernCatalogue.Items.Where(i => i.DomainCode == d.Code && !i.RedFlag)]));

    /// <summary>Category checkboxes: each domain ("all of ...") then its items.</summary>
    public static IEnumerable<SelectListItem> CategoryItems(ConcernCatalogue.Domain domain) =>
        [new SelectListItem($"Any {domain.Name.ToLowerInvariant()}", domain.Code),
         .. ConcernCatalogue.Items.Where(i => i.DomainCode == domain.Code && !i.RedFlag).Select(i => new SelectListItem(i.Text, i.Code))];

    public static string CategoryText(string code) =>
        ConcernCatalogue.FindItem(code)?.Text ?? (ConcernCatalogue.FindDomain(code) is { } d ? "Any " + d.Name.ToLowerInvariant() : code);

    public static IEnumerable<SelectListItem> HowToUseItems() =>
    [
        new(DirectoryRules.HowToUseText(HowToUse.SignpostOnly), nameof(HowToUse.SignpostOnly)),
        new(DirectoryRules.HowToUseText(HowToUse.Referral), nameof(HowToUse.Referral)),
    ];
}
