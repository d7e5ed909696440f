namespace OneToOne.ServiceDirectory;

/// <summary>Maps Open Referral UK taxonomy terms (their ids or names, from any vocabulary) to concern codes.
/// Pure: the import calls it per term; a term that matches nothing falls back to the lifestyle domain with a warning,
/// so an imported service is never unfindable. Keywords are matched as lower-case substrings of the term, which
/// covers both readable names ("Debt advice") and slug-like ids ("bccsl:benefits-advice").</summary>
internal static class TaxonomyMapping
{
    public const string FallbackCode = "lifestyle";

    // Order matters only for readability; every rule that matches contributes its codes.
    private static readonly (string[] Keywords, string[] Codes)[] Rules =
    [
        (["benefit", "debt", "money", "financ", "welfare"], ["money"]),
        (["housing", "homeless", "accommodation"], ["money"]),
        (["carer", "caring"], ["caring"]),
        (["mental health", "mental-health", "counselling", "counseling", "psycholog", "anxiety", "depression"], ["worry", "sadness"]),
        (["exercise", "physical activity", "physical-activity", "walking", "sport", "fitness"], ["exercise"]),
        (["transport", "travel", "parking"], ["transport"]),
        (["employment", "work", "job", "career"], ["work"]),
        (["bereavement", "spiritual", "chaplain", "faith"], ["meaning"]),
        (["diet", "nutrition", "food"], ["diet"]),
        (["smoking", "tobacco", "stop smoking"], ["smoking"]),
        (["loneliness", "isolation", "befriend"], ["loneliness"]),
        (["fatigue"], ["fatigue"]),
        (["pain"], ["pain"]),
        (["information", "advice line", "helpline"], ["information"]),
    ];

    public sealed record Result(IReadOnlyList<string> Codes, bool UsedFallback);

    /// <summary>The concern codes for one term; empty when nothing matches.</summary>
    public static IReadOnlyList<string> CodesFor(string? term)
    {
        if (string.IsNullOrWhiteSpace(term))
        {
            return [];
        }

        var lower = term.ToLowerInvariant();
        return [.. Rules.Where(r => r.Keywords.Any(k => lower.Contains(k, StringComparison.Ordinal)))
            .SelectMany(r => r.Codes).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The codes for all of a service's terms; the lifestyle domain when none maps.</summary>
    public static Result Map(IEnumerable<string?> terms)
    {
        var codes = terms.SelectMany(CodesFor).Distinct(StringComparer.Ordinal).ToList();
        return codes.Count == 0 ? new Result([FallbackCode], true) : new Result(codes, false);
    }
}
