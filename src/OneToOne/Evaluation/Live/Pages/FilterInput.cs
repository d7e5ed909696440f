using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Data;
using OneToOne.Referrals;

namespace OneToOne.Evaluation.Live.Pages;

/// <summary>The dashboards' filter, bound from the query string (a GET form, so every view is a link that can be shared).</summary>
public sealed class FilterInput
{
    /// <summary>The longest period (the earlier-period comparator doubles what is read).</summary>
    public const int MaxYears = 10;

    [Display(Name = "From")]
    public DateOnly? From { get; set; }

    [Display(Name = "To")]
    public DateOnly? To { get; set; }

    [Display(Name = "Organisation")]
    public string? Organisation { get; set; }

    [Display(Name = "Pathway level")]
    public string? PathwayLevel { get; set; }

    [Display(Name = "Tumour site")]
    public string? TumourSite { get; set; }

    [Display(Name = "Staff role")]
    public string? StaffRole { get; set; }

    [Display(Name = "Age band")]
    public string? AgeBand { get; set; }

    [Display(Name = "Sex")]
    public string? Sex { get; set; }

    [Display(Name = "Ethnicity")]
    public string? Ethnicity { get; set; }

    [Display(Name = "Compare with")]
    public string? Compare { get; set; }
}

/// <summary>The choices of the filter form and their checks.</summary>
internal sealed class FilterChoices(OneToOneDb db)
{
    public IReadOnlyList<(string Ods, string Name)> Organisations { get; private set; } = [];
    public IReadOnlyList<string> Roles { get; private set; } = [];

    public async Task LoadAsync(CancellationToken ct)
    {
        Organisations = (await db.Organisations.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.OdsCode, o.Name }).ToListAsync(ct))
            .Select(o => (o.OdsCode, o.Name)).ToList();
        Roles = await db.StaffRoles.AsNoTracking().OrderBy(r => r.Name).Select(r => r.Name).ToListAsync(ct);
    }

    public IEnumerable<SelectListItem> OrganisationItems() => Organisations.Select(o => new SelectListItem($"{o.Name} ({o.Ods})", o.Ods));

    public IEnumerable<SelectListItem> CompareItems() =>
    [
        new("The same length of time before the period", "earlier"),
        .. Organisations.Select(o => new SelectListItem($"{o.Name} ({o.Ods}), same period", o.Ods)),
        new("No comparison", "none"),
    ];

    public static IEnumerable<SelectListItem> LevelItems() =>
        Enum.GetValues<PathwayLevel>().Select(l => new SelectListItem(l.DisplayName(), l.ToString()));

    public static IEnumerable<SelectListItem> TumourSiteItems() => TumourSites.All.Select(t => new SelectListItem(t.Name, t.Code));

    public IEnumerable<SelectListItem> RoleItems() => Roles.Select(r => new SelectListItem(r, r));

    public static IEnumerable<SelectListItem> AgeBandItems() => LiveFilters.AgeBands.Select(a => new SelectListItem(a.Band, a.Band));

    public static IEnumerable<SelectListItem> SexItems() =>
        new[] { Sex.Female, Sex.Male, Sex.NotKnown, Sex.NotSpecified }
            .Select(s => new SelectListItem(LiveFilters.SexText(s), s.ToString()));

    public static IEnumerable<SelectListItem> EthnicityItems() => Ethnicities.Groups.Select(g => new SelectListItem(g, g));

    /// <summary>Checks the filter and turns it into the evaluation's; the default period is the twelve months to today.</summary>
    public (EvaluationFilter Filter, Comparator Comparator)? Build(FilterInput input, DateOnly today, ModelStateDictionary modelState, string? organisation = null)
    {
        var to = input.To ?? today;
        var from = input.From ?? to.AddYears(-1).AddDays(1);
        if (to < from)
        {
            modelState.AddModelError("Filter.To", "The 'to' date must be the same as or after the 'from' date");
        }
        else if (from < to.AddYears(-FilterInput.MaxYears))
        {
            modelState.AddModelError("Filter.From", $"The period must be {FilterInput.MaxYears} years or shorter");
        }

        string? Check(string? value, IEnumerable<string> allowed, string key, string message)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            if (!allowed.Contains(value, StringComparer.Ordinal))
            {
                modelState.AddModelError(key, message);
            }

            return value;
        }

        var odsCodes = Organisations.Select(o => o.Ods).ToList();
        var org = organisation ?? Check(input.Organisation, odsCodes, "Filter.Organisation", "Select an organisation from the list");
        var level = Check(input.PathwayLevel, Enum.GetNames<PathwayLevel>(), "Filter.PathwayLevel", "Select a pathway level from the list");
        var site = Check(input.TumourSite, TumourSites.All.Select(t => t.Code), "Filter.TumourSite", "Select a tumour site from the list");
        var role = Check(input.StaffRole, Roles, "Filter.StaffRole", "Select a staff role from the list");
        var age = Check(input.AgeBand, LiveFilters.AgeBands.Select(a => a.Band), "Filter.AgeBand", "Select an age band from the list");
        var sex = Check(input.Sex, Enum.GetNames<Sex>(), "Filter.Sex", "Select a sex from the list");
        var ethnicity = Check(input.Ethnicity, Ethnicities.Groups, "Filter.Ethnicity", "Select an ethnic group from the list");
        var compare = Check(input.Compare, ["earlier", "none", .. odsCodes], "Filter.Compare", "Select a comparison from the list");
        var comparator = LiveFilters.ParseComparator(compare);
        if (comparator.Kind == ComparatorKind.Organisation && comparator.Organisation == org)
        {
            modelState.AddModelError("Filter.Compare", "Compare with a different organisation from the one you are looking at");
        }

        if (!modelState.IsValid)
        {
            return null;
        }

        return (new EvaluationFilter(from, to, org, level, site, role, age, sex, ethnicity), comparator);
    }
}
