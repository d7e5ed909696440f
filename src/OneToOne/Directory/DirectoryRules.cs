using System.Net.Mail;
using System.Text.RegularExpressions;
using OneToOne.Assessments;

namespace OneToOne.ServiceDirectory;

/// <summary>The directory's pure rules: areas, districts, concern codes, contact checks, response deadlines.</summary>
internal static partial class DirectoryRules
{
    public const string NationwideWord = "nationwide";

    [GeneratedRegex("^[A-Z]{1,2}[0-9][A-Z0-9]?$", RegexOptions.CultureInvariant)]
    private static partial Regex DistrictPattern();

    [GeneratedRegex("^[A-Z]{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex AreaPattern();

    /// <summary>"ls6 " -> "LS6"; a full postcode "LS6 2AB" -> "LS6"; null when it is not a district, area or postcode.</summary>
    public static string? NormaliseDistrict(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var compact = text.Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
        if (DistrictPattern().IsMatch(compact) || AreaPattern().IsMatch(compact))
        {
            return compact;
        }

        // A full postcode: the inward code is always digit-letter-letter.
        if (compact.Length is >= 5 and <= 7 && char.IsAsciiDigit(compact[^3]) && char.IsAsciiLetter(compact[^2]) && char.IsAsciiLetter(compact[^1]))
        {
            var outward = compact[..^3];
            return DistrictPattern().IsMatch(outward) ? outward : null;
        }

        return null;
    }

    /// <summary>The postcode area of a district: its leading letters ("LS6" -> "LS").</summary>
    public static string AreaOf(string district) => new([.. district.TakeWhile(char.IsAsciiLetter)]);

    /// <summary>The area rows that serve a district: the district itself and its whole postcode area.</summary>
    public static string[] AreaKeysFor(string district)
    {
        var area = AreaOf(district);
        return area.Length == 0 || string.Equals(area, district, StringComparison.Ordinal) ? [district] : [district, area];
    }

    public sealed record AreaParse(bool Nationwide, IReadOnlyList<string> Districts, IReadOnlyList<string> Invalid);

    /// <summary>The admin form's areas: "nationwide", or districts/areas separated by commas, semicolons or new lines.</summary>
    public static AreaParse ParseAreas(string? text)
    {
        var parts = (text ?? "").Split([',', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Any(p => string.Equals(p, NationwideWord, StringComparison.OrdinalIgnoreCase)))
        {
            return new AreaParse(true, [], [.. parts.Where(p => !string.Equals(p, NationwideWord, StringComparison.OrdinalIgnoreCase))]);
        }

        var districts = new List<string>();
        var invalid = new List<string>();
        foreach (var part in parts)
        {
            var d = NormaliseDistrict(part);
            if (d is null)
            {
                invalid.Add(part);
            }
            else if (!districts.Contains(d, StringComparer.Ordinal))
            {
                districts.Add(d);
            }
        }

        return new AreaParse(false, districts, invalid);
    }

    /// <summary>The area rows to store: the nationwide key alone, or the districts.</summary>
    public static IReadOnlyList<string> AreaRows(bool nationwide, IEnumerable<string> districts) =>
        nationwide ? [DirectoryServiceArea.NationwideKey] : [.. districts.Where(d => d != DirectoryServiceArea.NationwideKey).Distinct(StringComparer.Ordinal)];

    public static string FormatAreas(bool nationwide, IEnumerable<string> districts) =>
        nationwide ? NationwideWord : string.Join(", ", districts.Where(d => d != DirectoryServiceArea.NationwideKey).Order(StringComparer.Ordinal));

    public static bool IsConcernCode(string? code) =>
        code is not null && (ConcernCatalogue.FindItem(code) is not null || ConcernCatalogue.FindDomain(code) is not null);

    /// <summary>The codes a service must carry to be found for an item: the item itself, or its whole domain.</summary>
    public static (string Item, string Domain)? SearchCodes(string? itemCode) =>
        itemCode is not null && ConcernCatalogue.FindItem(itemCode) is { } item ? (item.Code, item.DomainCode) : null;

    public static bool IsEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > 254 || email.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        return MailAddress.TryCreate(email, out var parsed)
            && string.Equals(parsed.Address, email, StringComparison.OrdinalIgnoreCase)
            && parsed.Host.Contains('.', StringComparison.Ordinal);
    }

    public static bool IsWebsite(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    public static string HowToUseText(HowToUse how) => how switch
    {
        HowToUse.Referral => "Referral: the service accepts or declines",
        _ => "Signpost only: give the person the details",
    };

    public static string StatusText(ServiceReferralStatus s) => s switch
    {
        ServiceReferralStatus.Sent => "Sent",
        ServiceReferralStatus.Accepted => "Accepted",
        ServiceReferralStatus.Declined => "Declined",
        ServiceReferralStatus.OutcomeRecorded => "Outcome recorded",
        _ => "Withdrawn",
    };

    /// <summary>Overdue when still unanswered after its response day has ended.</summary>
    public static bool IsOverdue(ServiceReferralStatus status, DateOnly dueOn, DateOnly today) =>
        status == ServiceReferralStatus.Sent && today > dueOn;
}
