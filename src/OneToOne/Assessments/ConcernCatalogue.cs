namespace OneToOne.Assessments;

/// <summary>The concern domains and items of the holistic needs assessment (DOMAIN.md, step 4). These codes
/// are the shared language of the assessment, the care plan, contacts ("what it addressed") and the service
/// directory's categories. The shipped HNA instrument is built from this list; administrators can publish new
/// instrument versions with more items (the codes here are the defaults, not a closed set).</summary>
public static class ConcernCatalogue
{
    public sealed record Domain(string Code, string Name);

    public sealed record Item(string Code, string DomainCode, string Text, bool RedFlag = false);

    public static readonly IReadOnlyList<Domain> Domains =
    [
        new("physical", "Physical concerns"),
        new("practical", "Practical concerns"),
        new("family", "Family and relationship concerns"),
        new("emotional", "Emotional concerns"),
        new("spiritual", "Spiritual or religious concerns"),
        new("lifestyle", "Lifestyle, information and support"),
    ];

    public static readonly IReadOnlyList<Item> Items =
    [
        new("pain", "physical", "Pain"),
        new("fatigue", "physical", "Tiredness, exhaustion or fatigue"),
        new("sleep", "physical", "Sleep problems"),
        new("eating", "physical", "Eating or appetite"),
        new("getting-around", "physical", "Getting around (walking)"),
        new("memory", "physical", "Memory or concentration"),
        new("breathing", "physical", "Breathlessness"),
        new("new-lump", "physical", "A new lump or swelling", RedFlag: true),
        new("unexplained-bleeding", "physical", "Unexplained bleeding", RedFlag: true),
        new("money", "practical", "Money or housing"),
        new("work", "practical", "Work or education"),
        new("caring", "practical", "Caring responsibilities"),
        new("transport", "practical", "Transport or parking"),
        new("partner", "family", "Relationship with my partner"),
        new("children", "family", "Relationship with my children"),
        new("worry", "emotional", "Worry, fear or anxiety"),
        new("sadness", "emotional", "Sadness or depression"),
        new("anger", "emotional", "Anger or frustration"),
        new("loneliness", "emotional", "Loneliness or isolation"),
        new("self-harm", "emotional", "Thoughts of harming myself", RedFlag: true),
        new("meaning", "spiritual", "Loss of meaning or purpose in life"),
        new("faith", "spiritual", "Loss of faith or other spiritual concerns"),
        new("diet", "lifestyle", "Diet and nutrition"),
        new("exercise", "lifestyle", "Exercise and activity"),
        new("smoking", "lifestyle", "Smoking"),
        new("information", "lifestyle", "Information about my cancer or treatment"),
    ];

    private static readonly Dictionary<string, Item> ByCode = Items.ToDictionary(i => i.Code, StringComparer.Ordinal);
    private static readonly Dictionary<string, Domain> DomainByCode = Domains.ToDictionary(d => d.Code, StringComparer.Ordinal);

    public static Item? FindItem(string code) => ByCode.GetValueOrDefault(code);

    public static Domain? FindDomain(string code) => DomainByCode.GetValueOrDefault(code);

    public static string DomainName(string code) => FindDomain(code)?.Name ?? code;

    public static string ItemText(string code) => FindItem(code)?.Text ?? code;
}
