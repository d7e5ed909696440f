using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OneToOne.Evaluation.Engine;

/// <summary>The evaluate command's outputs (docs/evaluation.md, "Output"): JSON with camelCase names and explicit nulls,
/// and a long CSV (section,instrument,from,to,measure,parameter,value) carrying the same measures under the same names.</summary>
internal static class EvaluationOutput
{
    public const string CsvHeader = "section,instrument,from,to,measure,parameter,value";

    public static void WriteJson(Stream stream, EvaluationResult result, EvaluationSettings settings)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("people", result.People);
        json.WriteNumber("interventionPeople", result.InterventionPeople);
        json.WriteNumber("comparatorPeople", result.ComparatorPeople);
        json.WriteNumber("contacts", result.Contacts);
        json.WriteNumber("responses", result.Responses);

        json.WriteStartObject("settings");
        json.WriteString("effectInstrument", settings.EffectInstrument);
        json.WriteNumber("bootstrapResamples", settings.BootstrapResamples);
        json.WriteNumber("seed", settings.Seed);
        json.WriteStartArray("willingnessToPay");
        foreach (var lambda in settings.WillingnessToPay)
        {
            json.WriteNumberValue(lambda);
        }

        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteStartObject("costs");
        json.WriteNumber("totalCost", result.Costs?.TotalCost ?? 0);
        Number(json, "meanCostIntervention", result.Costs?.MeanCostIntervention);
        Number(json, "meanCostComparator", result.Costs?.MeanCostComparator);
        json.WriteEndObject();

        json.WriteStartArray("outcomes");
        foreach (var o in result.Outcomes)
        {
            json.WriteStartObject();
            json.WriteString("instrument", o.Instrument);
            json.WriteString("from", o.From);
            json.WriteString("to", o.To);
            json.WriteNumber("pairs", o.Pairs);
            foreach (var (name, value) in OutcomeMeasures(o))
            {
                Number(json, name, value);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();

        var ce = result.CostEffectiveness;
        json.WriteStartObject("costEffectiveness");
        json.WriteString("instrument", ce.Instrument);
        json.WriteString("from", "baseline");
        json.WriteString("to", "followup");
        json.WriteNumber("interventionPeople", ce.InterventionPeople);
        json.WriteNumber("comparatorPeople", ce.ComparatorPeople);
        foreach (var (name, value) in CostEffectivenessMeasures(ce))
        {
            Number(json, name, value);
        }

        json.WriteNumber("bootstrapResamples", ce.BootstrapResamples);
        json.WriteNumber("undefinedIcerResamples", ce.UndefinedIcerResamples);
        json.WriteStartArray("acceptability");
        foreach (var point in ce.Acceptability)
        {
            json.WriteStartObject();
            json.WriteNumber("willingnessToPay", point.WillingnessToPay);
            Number(json, "probability", point.Probability);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static string Json(EvaluationResult result, EvaluationSettings settings)
    {
        using var buffer = new MemoryStream();
        WriteJson(buffer, result, settings);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void WriteCsv(TextWriter writer, EvaluationResult result, EvaluationSettings settings)
    {
        writer.Write(CsvHeader + "\n");
        void Row(string section, string instrument, string from, string to, string measure, string parameter, string value) =>
            writer.Write(string.Join(",", Field(section), Field(instrument), Field(from), Field(to), Field(measure), Field(parameter), Field(value)) + "\n");

        Row("summary", "", "", "", "people", "", Text(result.People));
        Row("summary", "", "", "", "interventionPeople", "", Text(result.InterventionPeople));
        Row("summary", "", "", "", "comparatorPeople", "", Text(result.ComparatorPeople));
        Row("summary", "", "", "", "contacts", "", Text(result.Contacts));
        Row("summary", "", "", "", "responses", "", Text(result.Responses));
        Row("settings", "", "", "", "effectInstrument", "", settings.EffectInstrument);
        Row("settings", "", "", "", "bootstrapResamples", "", Text(settings.BootstrapResamples));
        Row("settings", "", "", "", "seed", "", Text(settings.Seed));
        Row("costs", "", "", "", "totalCost", "", Text(result.Costs?.TotalCost ?? 0));
        Row("costs", "", "", "", "meanCostIntervention", "", Text(result.Costs?.MeanCostIntervention));
        Row("costs", "", "", "", "meanCostComparator", "", Text(result.Costs?.MeanCostComparator));
        foreach (var o in result.Outcomes)
        {
            Row("outcome", o.Instrument, o.From, o.To, "pairs", "", Text(o.Pairs));
            foreach (var (name, value) in OutcomeMeasures(o))
            {
                Row("outcome", o.Instrument, o.From, o.To, name, "", Text(value));
            }
        }

        var ce = result.CostEffectiveness;
        Row("costEffectiveness", ce.Instrument, "baseline", "followup", "interventionPeople", "", Text(ce.InterventionPeople));
        Row("costEffectiveness", ce.Instrument, "baseline", "followup", "comparatorPeople", "", Text(ce.ComparatorPeople));
        foreach (var (name, value) in CostEffectivenessMeasures(ce))
        {
            Row("costEffectiveness", ce.Instrument, "baseline", "followup", name, "", Text(value));
        }

        Row("costEffectiveness", ce.Instrument, "baseline", "followup", "bootstrapResamples", "", Text(ce.BootstrapResamples));
        Row("costEffectiveness", ce.Instrument, "baseline", "followup", "undefinedIcerResamples", "", Text(ce.UndefinedIcerResamples));
        foreach (var point in ce.Acceptability)
        {
            Row("acceptability", ce.Instrument, "baseline", "followup", "probability", Text(point.WillingnessToPay), Text(point.Probability));
        }
    }

    public static string Csv(EvaluationResult result, EvaluationSettings settings)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteCsv(writer, result, settings);
        return writer.ToString();
    }

    private static IEnumerable<(string Name, double? Value)> OutcomeMeasures(OutcomeResult o) =>
    [
        ("meanBefore", o.MeanBefore), ("meanAfter", o.MeanAfter), ("meanChange", o.MeanChange),
        ("ci95Lower", o.Ci95Lower), ("ci95Upper", o.Ci95Upper), ("tTestP", o.TTestP), ("wilcoxonP", o.WilcoxonP),
        ("effectSize", o.EffectSize), ("improvedShare", o.ImprovedShare),
    ];

    private static IEnumerable<(string Name, double? Value)> CostEffectivenessMeasures(CostEffectivenessResult ce) =>
    [
        ("meanCostIntervention", ce.MeanCostIntervention), ("meanCostComparator", ce.MeanCostComparator),
        ("meanEffectIntervention", ce.MeanEffectIntervention), ("meanEffectComparator", ce.MeanEffectComparator),
        ("incrementalCost", ce.IncrementalCost), ("incrementalEffect", ce.IncrementalEffect), ("icer", ce.Icer),
        ("icerCi95Lower", ce.IcerCi95Lower), ("icerCi95Upper", ce.IcerCi95Upper),
        ("incrementalCostCi95Lower", ce.IncrementalCostCi95Lower), ("incrementalCostCi95Upper", ce.IncrementalCostCi95Upper),
        ("incrementalEffectCi95Lower", ce.IncrementalEffectCi95Lower), ("incrementalEffectCi95Upper", ce.IncrementalEffectCi95Upper),
    ];

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>Shortest text that reads back as the same double ("R"), invariant culture; empty for null.</summary>
    private static string Text(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
