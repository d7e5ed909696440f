using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OneToOne.Assessments;

/// <summary>What a questionnaire is for. The same engine carries the HNA, outcome (PROM) and experience (PREM) questionnaires.</summary>
public enum InstrumentKind
{
    Assessment = 0,
    Outcome = 1,
    Experience = 2,
}

public enum AnswerType
{
    /// <summary>A whole number between the item's Min and Max (0-10 unless set).</summary>
    Scale0To10 = 0,
    /// <summary>One of the item's Options.</summary>
    Choice = 1,
    Text = 2,
    /// <summary>Stored as 1 (yes) or 0 (no).</summary>
    YesNo = 3,
}

/// <summary>One question. Concern items carry a DomainCode from <see cref="ConcernCatalogue"/> (or a new one).</summary>
public sealed record InstrumentItem
{
    public required string Code { get; init; }
    public required string Text { get; init; }
    public string? DomainCode { get; init; }
    public AnswerType AnswerType { get; init; } = AnswerType.Scale0To10;
    public int Min { get; init; }
    public int Max { get; init; } = 10;
    /// <summary>A score at or above this flags the concern; null uses the instrument's DefaultConcernThreshold.</summary>
    public int? Threshold { get; init; }
    public bool RedFlag { get; init; }
    /// <summary>A score at or above this raises the red flag: 1 means any non-zero answer.</summary>
    public int RedFlagAt { get; init; } = 1;
    public bool Required { get; init; }
    public string? Hint { get; init; }
    /// <summary>A Choice item's options; for a Scale0To10 item, optional words for each point from Min to Max (stored as the score).</summary>
    public List<string> Options { get; init; } = [];

    /// <summary>True when a scale names its points, so a form shows words rather than numbers.</summary>
    [JsonIgnore]
    public bool HasPointLabels => AnswerType == AnswerType.Scale0To10 && Options.Count > 0 && Options.Count == Max - Min + 1;

    /// <summary>How a score reads: the point's words for a labelled scale, yes or no, else the number.</summary>
    public string ScoreText(int score) =>
        HasPointLabels && score >= Min && score <= Max ? Options[score - Min]
        : AnswerType == AnswerType.YesNo ? (score == 1 ? "Yes" : "No")
        : score.ToString(CultureInfo.InvariantCulture);

    [JsonIgnore]
    public bool IsScored => AnswerType is AnswerType.Scale0To10 or AnswerType.YesNo;

    [JsonIgnore]
    public int EffectiveMin => AnswerType == AnswerType.YesNo ? 0 : Min;

    [JsonIgnore]
    public int EffectiveMax => AnswerType == AnswerType.YesNo ? 1 : Max;
}

/// <summary>One page of the questionnaire.</summary>
public sealed record InstrumentSection
{
    public required string Code { get; init; }
    public required string Title { get; init; }
    public string? Hint { get; init; }
    public List<InstrumentItem> Items { get; init; } = [];
}

public sealed record ScoringSettings
{
    /// <summary>The distress thermometer item, if the instrument has one. It is not counted as a concern.</summary>
    public string? DistressItemCode { get; init; }
    /// <summary>Distress at or above this is flagged (DOMAIN.md: 4 or more is commonly treated as significant).
    /// Assessments:DistressThreshold in configuration overrides it for a deployment.</summary>
    public int DistressThreshold { get; init; } = 4;
    /// <summary>A concern scored at or above this is flagged unless the item sets its own Threshold.</summary>
    public int DefaultConcernThreshold { get; init; } = 7;
    /// <summary>How many top concerns the person may pick (0 turns the step off).</summary>
    public int TopConcernsMax { get; init; } = 3;
}

/// <summary>An instrument's whole definition, stored as JSON on <see cref="Instrument"/> so that administrators
/// can publish a new version without code.</summary>
public sealed record InstrumentDefinition
{
    public List<InstrumentSection> Sections { get; init; } = [];
    public ScoringSettings Scoring { get; init; } = new();

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public IEnumerable<InstrumentItem> AllItems => Sections.SelectMany(s => s.Items);

    public InstrumentItem? FindItem(string code) => AllItems.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.Ordinal));

    /// <summary>Concern items: scored items other than the distress thermometer.</summary>
    public IEnumerable<InstrumentItem> ConcernItems =>
        AllItems.Where(i => i.AnswerType == AnswerType.Scale0To10 && !string.Equals(i.Code, Scoring.DistressItemCode, StringComparison.Ordinal));

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses and validates; returns the definition or the reasons it cannot be published.</summary>
    public static (InstrumentDefinition? Definition, List<string> Errors) Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return (null, ["Enter the instrument definition"]);
        }

        InstrumentDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize<InstrumentDefinition>(json, Json);
        }
        catch (JsonException e)
        {
            return (null, [Describe(e)]);
        }

        if (definition is null)
        {
            return (null, ["Enter the instrument definition"]);
        }

        var errors = definition.Validate();
        return (errors.Count == 0 ? definition : null, errors);
    }

    private static string Describe(JsonException e)
    {
        var where = string.IsNullOrEmpty(e.Path) ? "" : " at " + e.Path;
        var message = e.Message.Contains("could not be converted to OneToOne.Assessments.AnswerType", StringComparison.Ordinal)
            ? "Unknown answer type" + where + ": use Scale0To10, Choice, Text or YesNo"
            : e.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? "Unknown field" + where
                : "The definition is not valid JSON" + where;
        return message;
    }

    public List<string> Validate()
    {
        var errors = new List<string>();
        if (Sections.Count == 0)
        {
            errors.Add("The definition needs at least one section");
        }

        var sectionCodes = new HashSet<string>(StringComparer.Ordinal);
        var itemCodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in Sections)
        {
            if (!ValidCode(section.Code))
            {
                errors.Add($"Section code \"{section.Code}\" must be 1 to 50 lower-case letters, digits or hyphens");
            }
            else if (!sectionCodes.Add(section.Code))
            {
                errors.Add($"Duplicate section code \"{section.Code}\"");
            }

            if (string.IsNullOrWhiteSpace(section.Title))
            {
                errors.Add($"Section \"{section.Code}\" needs a title");
            }

            if (section.Items.Count == 0)
            {
                errors.Add($"Section \"{section.Code}\" needs at least one item");
            }

            foreach (var item in section.Items)
            {
                ValidateItem(item, itemCodes, errors);
            }
        }

        var s = Scoring;
        if (s.DistressItemCode is { } distress)
        {
            var item = FindItem(distress);
            if (item is null)
            {
                errors.Add($"The distress item \"{distress}\" is not an item of the instrument");
            }
            else if (item.AnswerType != AnswerType.Scale0To10)
            {
                errors.Add($"The distress item \"{distress}\" must have the answer type Scale0To10");
            }
            else if (s.DistressThreshold < item.Min || s.DistressThreshold > item.Max)
            {
                errors.Add(F($"Distress threshold {s.DistressThreshold} must be between {item.Min} and {item.Max}"));
            }
        }

        if (s.DefaultConcernThreshold is < 0 or > 10)
        {
            errors.Add(F($"Default concern threshold {s.DefaultConcernThreshold} must be between 0 and 10"));
        }

        if (s.TopConcernsMax is < 0 or > 10)
        {
            errors.Add(F($"Top concerns maximum {s.TopConcernsMax} must be between 0 and 10"));
        }

        return errors;
    }

    private static void ValidateItem(InstrumentItem item, HashSet<string> itemCodes, List<string> errors)
    {
        if (!ValidCode(item.Code))
        {
            errors.Add($"Item code \"{item.Code}\" must be 1 to 50 lower-case letters, digits or hyphens");
            return;
        }

        if (!itemCodes.Add(item.Code))
        {
            errors.Add($"Duplicate item code \"{item.Code}\"");
        }

        if (string.IsNullOrWhiteSpace(item.Text) || item.Text.Length > 300)
        {
            errors.Add($"Item \"{item.Code}\" needs text of 300 characters or fewer");
        }

        if (!Enum.IsDefined(item.AnswerType))
        {
            errors.Add($"Item \"{item.Code}\" has an unknown answer type");
        }

        if (item.DomainCode is { } domain && !ValidCode(domain))
        {
            errors.Add($"Item \"{item.Code}\" has a domain code that is not lower-case letters, digits or hyphens");
        }

        if (item.AnswerType == AnswerType.Scale0To10)
        {
            if (item.Min < 0 || item.Max > 10 || item.Min >= item.Max)
            {
                errors.Add(F($"Item \"{item.Code}\" range {item.Min} to {item.Max} must lie within 0 to 10, lowest first"));
            }

            if (item.Threshold is { } t && (t < item.Min || t > item.Max))
            {
                errors.Add(F($"Item \"{item.Code}\" threshold {t} is outside its range {item.Min} to {item.Max}"));
            }

            if (item.RedFlag && (item.RedFlagAt < Math.Max(item.Min, 1) || item.RedFlagAt > item.Max))
            {
                errors.Add(F($"Item \"{item.Code}\" red flag score {item.RedFlagAt} is outside its range {Math.Max(item.Min, 1)} to {item.Max}"));
            }

            // A scale may name its points (e.g. 1 "Very difficult" to 5 "Very easy"): then every point needs its words.
            if (item.Options.Count > 0 && item.Min < item.Max && item.Options.Count != item.Max - item.Min + 1)
            {
                errors.Add(F($"Item \"{item.Code}\" has {item.Options.Count} words for its points but {item.Max - item.Min + 1} points ({item.Min} to {item.Max}): give one for each point, lowest first"));
            }
            else if (item.Options.Any(string.IsNullOrWhiteSpace) || item.Options.Distinct(StringComparer.Ordinal).Count() != item.Options.Count)
            {
                errors.Add($"Item \"{item.Code}\" needs different words for each point");
            }
        }
        else if (item.Threshold is not null)
        {
            errors.Add($"Item \"{item.Code}\" has a threshold but is not a 0 to 10 scale");
        }

        if (item.AnswerType == AnswerType.YesNo && item.RedFlag && item.RedFlagAt != 1)
        {
            errors.Add($"Item \"{item.Code}\" is yes or no: its red flag is raised by yes (1)");
        }

        if (item.RedFlag && item.AnswerType is AnswerType.Text or AnswerType.Choice)
        {
            errors.Add($"Item \"{item.Code}\" can only be a red flag if it is scored (Scale0To10 or YesNo)");
        }

        if (item.AnswerType == AnswerType.Choice && (item.Options.Count < 2 || item.Options.Distinct(StringComparer.Ordinal).Count() != item.Options.Count))
        {
            errors.Add($"Item \"{item.Code}\" needs at least two different options");
        }
    }

    private static bool ValidCode(string? code) =>
        !string.IsNullOrEmpty(code) && code.Length <= 50 && code.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
