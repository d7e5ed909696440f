namespace OneToOne.People;

/// <summary>The coded list of tumour sites (broad groups used in cancer services' reporting).</summary>
public static class TumourSites
{
    public static readonly IReadOnlyList<(string Code, string Name)> All =
    [
        ("breast", "Breast"),
        ("lung", "Lung"),
        ("colorectal", "Colorectal"),
        ("prostate", "Prostate"),
        ("urological", "Urological (other than prostate)"),
        ("gynaecological", "Gynaecological"),
        ("haematological", "Haematological"),
        ("head-and-neck", "Head and neck"),
        ("upper-gi", "Upper gastrointestinal"),
        ("skin", "Skin (including melanoma)"),
        ("brain-cns", "Brain and central nervous system"),
        ("sarcoma", "Sarcoma"),
        ("other", "Other"),
        ("unknown-primary", "Cancer of unknown primary"),
    ];

    private static readonly Dictionary<string, string> ByCode = All.ToDictionary(x => x.Code, x => x.Name, StringComparer.Ordinal);

    public static bool IsKnown(string? code) => code is not null && ByCode.ContainsKey(code);

    public static string NameOf(string? code) => code is not null && ByCode.TryGetValue(code, out var name) ? name : "Not recorded";
}
