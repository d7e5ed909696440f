using System.Globalization;
using System.Text;
using OneToOne.People;
using OneToOne.Referrals;

namespace OneToOne.Evaluation.Live;

/// <summary>The cohort fields as the evaluation names them, and what counts as programme level.</summary>
public static class LiveFilters
{
    /// <summary>Age bands at the end of the period. Ten-year bands from 40, with everyone younger together: few people under
    /// 40 are referred, and a finer split would mostly produce suppressed cells.</summary>
    public static readonly IReadOnlyList<(string Band, int From, int To)> AgeBands =
    [
        ("Under 40", 0, 39),
        ("40-49", 40, 49),
        ("50-59", 50, 59),
        ("60-69", 60, 69),
        ("70-79", 70, 79),
        ("80 and over", 80, 200),
    ];

    public const string NotRecorded = "Not recorded";

    /// <summary>Programme level: all organisations together and no cohort field narrowing the people (the period and the
    /// comparator choice do not split). Only here are figures exact; everywhere else small-number suppression applies.</summary>
    public static bool IsProgrammeLevel(EvaluationFilter filter) =>
        filter.Organisation is null && filter.PathwayLevel is null && filter.TumourSite is null && filter.StaffRole is null
        && filter.AgeBand is null && filter.Sex is null && filter.Ethnicity is null;

    public static int AgeOn(DateOnly dateOfBirth, DateOnly on)
    {
        var age = on.Year - dateOfBirth.Year;
        return dateOfBirth > on.AddYears(-age) ? age - 1 : age;
    }

    public static string AgeBand(DateOnly dateOfBirth, DateOnly on)
    {
        var age = AgeOn(dateOfBirth, on);
        foreach (var (band, from, to) in AgeBands)
        {
            if (age >= from && age <= to)
            {
                return band;
            }
        }

        return NotRecorded;
    }

    public static string SexText(Sex sex) => sex switch
    {
        Sex.Female => "Female",
        Sex.Male => "Male",
        Sex.NotSpecified => "Not specified",
        _ => "Not known",
    };

    public static string LevelText(PathwayLevel? level) => level?.DisplayName() ?? "Not triaged";

    public static string TumourSiteText(string? code) => TumourSites.NameOf(code);

    /// <summary>The broad ethnic group of an NHS ethnic category code ("Not stated" for Z, 99 and no record). Evaluations
    /// use the five broad groups, never the eighteen codes: finer cells would be small and identifying.</summary>
    public static string EthnicityText(string? code) => Ethnicities.GroupOf(code);

    /// <summary>The query string that reproduces a filter (links from the dashboard to organisations and downloads keep it).</summary>
    public static string QueryString(EvaluationFilter filter, Comparator comparator, bool includeOrganisation = true)
    {
        var query = new StringBuilder();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Append(query.Length == 0 ? '?' : '&').Append("Filter.").Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        Add("From", filter.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("To", filter.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (includeOrganisation)
        {
            Add("Organisation", filter.Organisation);
        }

        Add("PathwayLevel", filter.PathwayLevel);
        Add("TumourSite", filter.TumourSite);
        Add("StaffRole", filter.StaffRole);
        Add("AgeBand", filter.AgeBand);
        Add("Sex", filter.Sex);
        Add("Ethnicity", filter.Ethnicity);
        Add("Compare", ComparatorValue(comparator));
        return query.ToString();
    }

    /// <summary>The form value of a comparator: "earlier", "none" or an organisation's ODS code.</summary>
    public static string ComparatorValue(Comparator comparator) => comparator.Kind switch
    {
        ComparatorKind.None => "none",
        ComparatorKind.Organisation => comparator.Organisation ?? "earlier",
        _ => "earlier",
    };

    public static Comparator ParseComparator(string? value) => value switch
    {
        null or "" or "earlier" => Comparator.Default,
        "none" => new Comparator(ComparatorKind.None),
        _ => new Comparator(ComparatorKind.Organisation, value),
    };
}
