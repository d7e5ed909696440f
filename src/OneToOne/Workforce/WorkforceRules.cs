using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using OneToOne.Platform.Auth;
using OneToOne.Referrals;

namespace OneToOne.Workforce;

/// <summary>The workforce's pure rules: code formats, the shape of a role, and normalising what administrators type.</summary>
public static partial class WorkforceRules
{
    /// <summary>The skills a worker can be matched on (the signposting areas in DOMAIN.md).</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Skills =
    [
        ("benefits", "Benefits and money advice"),
        ("work", "Work"),
        ("housing", "Housing"),
        ("carers", "Carers"),
        ("physical-activity", "Physical activity"),
        ("psychological-support", "Psychological support"),
        ("transport", "Transport"),
    ];

    /// <summary>The sign-in roles a staff role may give its holders: the clinical and support roles.
    /// Evaluator and Administrator are granted to accounts directly, never through a workforce role.</summary>
    public static readonly IReadOnlyList<string> SignInRoles = [Roles.SupportWorker, Roles.RegisteredPractitioner, Roles.TeamLead];

    public const int MaxLanguages = 20;

    [GeneratedRegex("^[A-Z0-9]{3,5}$", RegexOptions.CultureInvariant)]
    private static partial Regex OdsPattern();

    [GeneratedRegex("^[A-Z]{1,2}[0-9][0-9A-Z]?$", RegexOptions.CultureInvariant)]
    private static partial Regex DistrictPattern();

    [GeneratedRegex("^[a-z][a-z '-]{0,49}$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();

    public static string Normalise(string? code) => (code ?? "").Trim().ToUpperInvariant();

    /// <summary>An ODS code after upper-casing: 3 to 5 letters or digits (e.g. RR8, 8HV48).</summary>
    public static bool IsOdsCode(string normalised) => OdsPattern().IsMatch(normalised);

    /// <summary>A postcode district after upper-casing (e.g. LS6, M1, SW1A, EC1V).</summary>
    public static bool IsPostcodeDistrict(string normalised) => DistrictPattern().IsMatch(normalised);

    public const string NonRegisteredLevels = "A role that is not registered may only carry supported self-management, not shared care or complex case management";
    public const string NonRegisteredSupervision = "A role that is not registered may not supervise";

    /// <summary>What is wrong with a role's shape, by field ("Levels", "MaySupervise"); empty when sound.
    /// A non-registered role works within supported self-management only (DOMAIN.md), so it may not hold
    /// shared care or complex cases, nor supervise.</summary>
    public static IReadOnlyList<(string Field, string Message)> RoleProblems(bool registered, IReadOnlyCollection<PathwayLevel> levels, bool maySupervise)
    {
        var problems = new List<(string, string)>();
        if (registered)
        {
            return problems;
        }

        if (levels.Contains(PathwayLevel.SharedCare) || levels.Contains(PathwayLevel.ComplexCaseManagement))
        {
            problems.Add(("Levels", NonRegisteredLevels));
        }

        if (maySupervise)
        {
            problems.Add(("MaySupervise", NonRegisteredSupervision));
        }

        return problems;
    }

    /// <summary>Splits "English, Polish ,welsh" into distinct lower-case names; null when any name is not a plausible language name.</summary>
    public static List<string>? ParseLanguages(string? text)
    {
        var names = (text ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => MultipleSpaces().Replace(n.ToLowerInvariant(), " "))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return names.Count <= MaxLanguages && names.All(n => LanguagePattern().IsMatch(n)) ? names : null;
    }

    [GeneratedRegex(" {2,}", RegexOptions.CultureInvariant)]
    private static partial Regex MultipleSpaces();

    public static string FormatLanguages(IEnumerable<string> languages) => string.Join(", ", languages);

    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnpqrstuvwxyz";
    private const string Digits = "23456789";

    /// <summary>A one-time password: 20 characters without look-alikes (no O/0, l/1), always with an
    /// upper-case letter, a lower-case letter and a digit, so it meets the account password rules.</summary>
    public static string TemporaryPassword()
    {
        const string all = Upper + Lower + Digits;
        var chars = new char[20];
        chars[0] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
        chars[1] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
        chars[2] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
        for (var i = 3; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        // Groups of five are easier to read out and type.
        var text = new string(chars);
        return string.Join('-', Enumerable.Range(0, 4).Select(i => text.Substring(i * 5, 5)));
    }

    public static string Band(int band) => "Band " + band.ToString(CultureInfo.InvariantCulture);
}
