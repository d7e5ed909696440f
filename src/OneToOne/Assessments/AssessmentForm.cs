using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace OneToOne.Assessments;

/// <summary>One section of questions as a form shows it: the worker's pages and the person's link pages share it.</summary>
public sealed record QuestionsView(InstrumentSection Section, IReadOnlyDictionary<string, string?> Values, string FieldPrefix = "Answers");

/// <summary>Turns posted form fields into answers, the same way for the worker's and the person's pages.</summary>
internal static class AssessmentForm
{
    public const string ConflictMessage = "This assessment was changed by someone else while you were editing. Reload the page to see their changes.";

    /// <summary>Plain field names (no brackets), read straight from the form rather than bound to a dictionary.</summary>
    public const string FieldPrefix = "answer-";

    public static string FieldName(string code) => FieldPrefix + code;

    /// <summary>The posted answers, by item code.</summary>
    public static Dictionary<string, string?> Posted(IFormCollection form) =>
        form.Where(f => f.Key.StartsWith(FieldPrefix, StringComparison.Ordinal))
            .ToDictionary(f => f.Key[FieldPrefix.Length..], f => (string?)f.Value.ToString(), StringComparer.Ordinal);

    /// <summary>Answers posted for a section. Items left blank clear their answer; unparseable scores are errors.</summary>
    public static Dictionary<string, AnswerValue> Parse(InstrumentDefinition definition, InstrumentSection section, IDictionary<string, string?> posted, ModelStateDictionary modelState)
    {
        var changes = new Dictionary<string, AnswerValue>(StringComparer.Ordinal);
        // An unticked radio posts nothing, so every item of the section is read: absent means "no answer".
        var fields = section.Items.ToDictionary(i => i.Code, i => posted.TryGetValue(i.Code, out var v) ? v : null, StringComparer.Ordinal);
        foreach (var (code, raw) in posted.Where(p => !fields.ContainsKey(p.Key)))
        {
            fields[code] = raw;
        }

        foreach (var (code, raw) in fields)
        {
            var item = definition.FindItem(code);
            if (item is null)
            {
                modelState.AddModelError("", $"\"{code}\" is not a question in this assessment");
                continue;
            }

            if (item.IsScored)
            {
                if (AssessmentEngine.TryParseScore(raw, out var score))
                {
                    changes[code] = new AnswerValue(score);
                }
                else
                {
                    modelState.AddModelError(FieldName(code), $"{item.Text}: the score must be a whole number");
                }
            }
            else
            {
                changes[code] = new AnswerValue(null, raw);
            }
        }

        return changes;
    }

    public static void AddErrors(ModelStateDictionary modelState, AnswerErrors errors)
    {
        foreach (var (code, message) in errors.Errors)
        {
            modelState.AddModelError(code is "" ? "" : code == AnswerErrors.TopConcernsKey ? "TopConcerns" : FieldName(code), message);
        }
    }

    /// <summary>What to show in each field: what was posted (after an error) or what is stored.</summary>
    public static Dictionary<string, string?> Values(LoadedResponse loaded, IDictionary<string, string?>? posted = null)
    {
        var values = loaded.Answers.ToDictionary(
            a => a.Key,
            a => a.Value.Score?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? a.Value.Text,
            StringComparer.Ordinal);
        foreach (var (k, v) in posted ?? new Dictionary<string, string?>())
        {
            values[k] = v;
        }

        return values;
    }

    /// <summary>Concerns scored above 0, in instrument order: the choices for "what matters most".</summary>
    public static List<InstrumentItem> ScoredConcerns(LoadedResponse loaded) =>
        loaded.Definition.ConcernItems.Where(i => loaded.Answers.TryGetValue(i.Code, out var a) && a.Score > 0).ToList();
}
