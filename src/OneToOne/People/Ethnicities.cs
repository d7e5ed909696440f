namespace OneToOne.People;

/// <summary>The NHS Data Dictionary "Ethnic Category" codes (the 2001 census categories, as NHS datasets still carry
/// them) and the five broad groups the evaluation reports by. A person's record holds the code; null is not recorded.</summary>
public static class Ethnicities
{
    /// <summary>The longest code ("99").</summary>
    public const int CodeMax = 2;

    public const string White = "White";
    public const string Mixed = "Mixed or multiple";
    public const string Asian = "Asian or Asian British";
    public const string Black = "Black, Black British, Caribbean or African";
    public const string Other = "Other ethnic group";

    /// <summary>The group for Z (the person chose not to say), 99 (not known) and no record at all.</summary>
    public const string NotStated = "Not stated";

    /// <summary>The codes in the Data Dictionary's order; the name says the broad group too, as "British" alone is ambiguous.</summary>
    public static readonly IReadOnlyList<(string Code, string Name, string Group)> All =
    [
        ("A", "White: British", White),
        ("B", "White: Irish", White),
        ("C", "White: any other White background", White),
        ("D", "Mixed: White and Black Caribbean", Mixed),
        ("E", "Mixed: White and Black African", Mixed),
        ("F", "Mixed: White and Asian", Mixed),
        ("G", "Mixed: any other mixed background", Mixed),
        ("H", "Asian or Asian British: Indian", Asian),
        ("J", "Asian or Asian British: Pakistani", Asian),
        ("K", "Asian or Asian British: Bangladeshi", Asian),
        ("L", "Asian or Asian British: any other Asian background", Asian),
        ("M", "Black or Black British: Caribbean", Black),
        ("N", "Black or Black British: African", Black),
        ("P", "Black or Black British: any other Black background", Black),
        ("R", "Other ethnic group: Chinese", Other),
        ("S", "Other ethnic group: any other ethnic group", Other),
        ("Z", "Not stated (the person chose not to say)", NotStated),
        ("99", "Not known", NotStated),
    ];

    /// <summary>The broad groups in the order they are listed (the census order, "Not stated" last).</summary>
    public static readonly IReadOnlyList<string> Groups = [White, Mixed, Asian, Black, Other, NotStated];

    private static readonly Dictionary<string, (string Name, string Group)> ByCode =
        All.ToDictionary(x => x.Code, x => (x.Name, x.Group), StringComparer.Ordinal);

    public static bool IsKnown(string? code) => code is not null && ByCode.ContainsKey(code);

    /// <summary>A code as stored: trimmed and in capitals ("a " -> "A"); null when blank. Says nothing of whether it is known.</summary>
    public static string? Normalise(string? code) => string.IsNullOrWhiteSpace(code) ? null : code.Trim().ToUpperInvariant();

    public static string NameOf(string? code) => code is not null && ByCode.TryGetValue(code, out var e) ? e.Name : "Not recorded";

    /// <summary>The broad group of a code; Z, 99, no record and an unknown code are all "Not stated".</summary>
    public static string GroupOf(string? code) => code is not null && ByCode.TryGetValue(code, out var e) ? e.Group : NotStated;
}
