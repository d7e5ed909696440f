using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.Evaluation;
using OneToOne.Evaluation.Engine;
using static OneToOne.Tests.Evaluation.Engine.EvaluateCommandKit;

namespace OneToOne.Tests.Evaluation.Engine;

/// <summary>`evaluate --dataset tests/data/evaluation-sample` end to end, its output checked against values computed
/// independently by tests/data/evaluation-sample/expected.py (Python's csv and statistics modules, mpmath for Student's
/// t, its own Wilcoxon and its own SplitMix64/xoshiro256** bootstrap): `python3 expected.py 200 42`.</summary>
public sealed class EvaluateSampleTests
{
    private static readonly string[] OutcomeFields =
        ["instrument", "from", "to", "pairs", "meanBefore", "meanAfter", "meanChange", "ci95Lower", "ci95Upper", "tTestP", "wilcoxonP", "effectSize", "improvedShare"];

    private static readonly string[] CostEffectivenessFields =
        ["instrument", "interventionPeople", "comparatorPeople", "meanCostIntervention", "meanCostComparator", "incrementalCost", "incrementalEffect", "icer", "icerCi95Lower", "icerCi95Upper"];

    private static Task<Run> EvaluateSample(params string[] more) =>
        RunAsync(["--dataset", SampleDirectory(), "--resamples", "200", "--seed", "42", .. more]);

    private static void Close(double? expected, JsonElement actual, double relative = 1e-9)
    {
        if (expected is null)
        {
            Assert.Equal(JsonValueKind.Null, actual.ValueKind);
            return;
        }

        var value = actual.GetDouble();
        Assert.True(Math.Abs(expected.Value - value) <= Math.Abs(expected.Value) * relative, $"expected {expected:R}, got {value:R}");
    }

    [Fact]
    public async Task The_sample_evaluates_to_json_with_the_documented_fields_and_explicit_nulls()
    {
        var run = await EvaluateSample("--format", "json");

        Assert.Equal(0, run.Code);
        Assert.Equal("", run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal(38, root.GetProperty("people").GetInt32());
        Assert.Equal(24, root.GetProperty("interventionPeople").GetInt32());
        Assert.Equal(14, root.GetProperty("comparatorPeople").GetInt32());
        Assert.Equal(67, root.GetProperty("contacts").GetInt32());
        Assert.Equal(446, root.GetProperty("responses").GetInt32());
        foreach (var outcome in root.GetProperty("outcomes").EnumerateArray())
        {
            Assert.All(OutcomeFields, f => Assert.True(outcome.TryGetProperty(f, out _), "outcome lacks " + f));
        }

        var rating = root.GetProperty("outcomes").EnumerateArray().First(o => o.GetProperty("instrument").GetString() == "rating");
        Assert.Equal(JsonValueKind.Null, rating.GetProperty("meanChange").ValueKind); // explicit null, not omitted
        var ce = root.GetProperty("costEffectiveness");
        Assert.All(CostEffectivenessFields, f => Assert.True(ce.TryGetProperty(f, out _), "costEffectiveness lacks " + f));
    }

    [Theory]
    // instrument, to, pairs, meanBefore, meanAfter, meanChange, ci95Lower, ci95Upper, tTestP, wilcoxonP, effectSize, improvedShare
    [InlineData("distress", "followup", 19, 5.7894736842105265, 3.8421052631578947, -1.9473684210526316, -2.656351619783623, -1.2383852223216403, 1.8088786440877885e-05, 0.0006670423308632323, -1.3238699252371318, 0.7894736842105263)]
    [InlineData("distress", "discharge", 16, 5.875, 3.25, -2.625, -3.1710214638369494, -2.0789785361630506, 3.6215788445874944e-08, 0.00041447090978774526, -2.5617376914898995, 1.0)]
    [InlineData("concerns", "followup", 19, 13.526315789473685, 9.473684210526315, -4.052631578947368, -5.159607948756333, -2.9456552091384025, 4.271290712436405e-07, 0.00020569766744138462, -1.7645416369991007, 0.8947368421052632)]
    [InlineData("concerns", "discharge", 16, 14.3125, 10.3125, -4.0, -5.456057236898532, -2.543942763101468, 3.163281156259661e-05, 0.0010269828788596058, -1.4638501094227998, 0.75)]
    [InlineData("severity", "followup", 19, 4.7894736842105265, 3.8289473684210527, -0.9605263157894737, -1.3586768008337426, -0.5623758307452047, 8.008285415991678e-05, 0.000316966424894094, -1.1627735800420849, 0.47368421052631576)]
    [InlineData("severity", "discharge", 16, 4.875, 3.96875, -0.90625, -1.3775521461475098, -0.43494785385249035, 0.000949164108242991, 0.004006673322594967, -1.024621978943302, 0.5)]
    [InlineData("confidence", "followup", 19, 4.368421052631579, 6.157894736842105, 1.7894736842105263, 1.1974420209106247, 2.381505347510428, 5.544794649826816e-06, 0.0004220877979874693, 1.4568455720521079, 0.8421052631578947)]
    [InlineData("confidence", "discharge", 16, 4.625, 6.4375, 1.8125, 1.1607865727699096, 2.4642134272300904, 2.7723250138579163e-05, 0.0009714068418440469, 1.4819597617263582, 0.875)]
    [InlineData("wellbeing", "followup", 19, 4.368421052631579, 6.315789473684211, 1.9473684210526316, 1.4528626844835253, 2.441874157621738, 1.5135162744350956e-07, 0.00016546338113654357, 1.898059951357535, 0.9473684210526315)]
    [InlineData("wellbeing", "discharge", 16, 4.5, 6.5, 2.0, 1.2217046691418505, 2.7782953308581497, 6.371813592403326e-05, 0.0015289495899746264, 1.3693063937629153, 0.8125)]
    [InlineData("rating", "followup", 0, null, null, null, null, null, null, null, null, null)]
    [InlineData("rating", "discharge", 0, null, null, null, null, null, null, null, null, null)]
    public async Task Each_outcome_of_the_sample_matches_the_independent_computation(string instrument, string to, int pairs,
        double? meanBefore, double? meanAfter, double? meanChange, double? ci95Lower, double? ci95Upper, double? tTestP,
        double? wilcoxonP, double? effectSize, double? improvedShare)
    {
        var run = await EvaluateSample();
        using var json = JsonDocument.Parse(run.Out);
        var o = json.RootElement.GetProperty("outcomes").EnumerateArray()
            .Single(x => x.GetProperty("instrument").GetString() == instrument && x.GetProperty("to").GetString() == to);

        Assert.Equal("baseline", o.GetProperty("from").GetString());
        Assert.Equal(pairs, o.GetProperty("pairs").GetInt32());
        Close(meanBefore, o.GetProperty("meanBefore"), 1e-13);
        Close(meanAfter, o.GetProperty("meanAfter"), 1e-13);
        Close(meanChange, o.GetProperty("meanChange"), 1e-13);
        Close(ci95Lower, o.GetProperty("ci95Lower"), 1e-11);
        Close(ci95Upper, o.GetProperty("ci95Upper"), 1e-11);
        Close(tTestP, o.GetProperty("tTestP"), 1e-9);
        Close(wilcoxonP, o.GetProperty("wilcoxonP"), 1e-9);
        Close(effectSize, o.GetProperty("effectSize"), 1e-12);
        Close(improvedShare, o.GetProperty("improvedShare"), 1e-15);
    }

    [Fact]
    public async Task Costs_and_cost_effectiveness_of_the_sample_match_the_independent_computation()
    {
        var run = await EvaluateSample();
        using var json = JsonDocument.Parse(run.Out);
        var costs = json.RootElement.GetProperty("costs");
        Close(2035.458333333333, costs.GetProperty("totalCost"), 1e-13);
        Close(51.295138888888886, costs.GetProperty("meanCostIntervention"), 1e-13);
        Close(57.455357142857146, costs.GetProperty("meanCostComparator"), 1e-13);

        var ce = json.RootElement.GetProperty("costEffectiveness");
        Assert.Equal("distress", ce.GetProperty("instrument").GetString());
        Assert.Equal(19, ce.GetProperty("interventionPeople").GetInt32());
        Assert.Equal(13, ce.GetProperty("comparatorPeople").GetInt32());
        Close(59.35087719298245, ce.GetProperty("meanCostIntervention"), 1e-13);
        Close(53.625, ce.GetProperty("meanCostComparator"), 1e-13);
        Close(1.9473684210526316, ce.GetProperty("meanEffectIntervention"), 1e-13);
        Close(0.3076923076923077, ce.GetProperty("meanEffectComparator"), 1e-13);
        Close(5.725877192982452, ce.GetProperty("incrementalCost"), 1e-12);
        Close(1.639676113360324, ce.GetProperty("incrementalEffect"), 1e-12);
        Close(3.492078189300409, ce.GetProperty("icer"), 1e-12);
        // The bootstrap: 200 resamples, seed 42, the same draws in Python.
        Assert.Equal(200, ce.GetProperty("bootstrapResamples").GetInt32());
        Close(-35.255587009803904, ce.GetProperty("icerCi95Lower"), 1e-9);
        Close(26.455002675086746, ce.GetProperty("icerCi95Upper"), 1e-9);
        Close(-44.21091008771932, ce.GetProperty("incrementalCostCi95Lower"), 1e-9);
        Close(41.10345394736841, ce.GetProperty("incrementalCostCi95Upper"), 1e-9);
        Close(0.8294534412955467, ce.GetProperty("incrementalEffectCi95Lower"), 1e-9);
        Close(2.603643724696356, ce.GetProperty("incrementalEffectCi95Upper"), 1e-9);
        Assert.Equal(0, ce.GetProperty("undefinedIcerResamples").GetInt32());
        var curve = ce.GetProperty("acceptability").EnumerateArray()
            .ToDictionary(p => p.GetProperty("willingnessToPay").GetDouble(), p => p.GetProperty("probability").GetDouble());
        Assert.Equal(0.425, curve[0]);
        Assert.Equal(1.0, curve[50]);
        Assert.Equal(1.0, curve[20000]);
    }

    [Fact]
    public async Task The_csv_format_carries_the_same_measures_in_long_form_with_empty_values_for_nulls()
    {
        var run = await EvaluateSample("--format", "csv");

        Assert.Equal(0, run.Code);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(EvaluationOutput.CsvHeader, lines[0]);
        Assert.Contains("summary,,,,people,,38", lines);
        Assert.Contains("settings,,,,seed,,42", lines);
        Assert.Contains("outcome,distress,baseline,followup,pairs,,19", lines);
        Assert.Contains("outcome,distress,baseline,followup,meanChange,,-1.9473684210526316", lines);
        Assert.Contains("outcome,rating,baseline,discharge,tTestP,,", lines);
        Assert.Contains("costEffectiveness,distress,baseline,followup,comparatorPeople,,13", lines);
        Assert.Contains("acceptability,distress,baseline,followup,probability,0,0.425", lines);
        Assert.All(lines, l => Assert.Equal(6, l.Count(c => c == ','))); // seven columns, nothing here needs quoting
        // Every outcome measure of the JSON appears once per outcome.
        Assert.Equal(12 * 10, lines.Count(l => l.StartsWith("outcome,", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_same_data_and_seed_give_byte_identical_output()
    {
        var first = await EvaluateSample();
        var second = await EvaluateSample();
        Assert.Equal(first.Out, second.Out);
    }

    [Fact]
    public async Task Bootstrap_settings_come_from_configuration_unless_given_on_the_command_line()
    {
        var services = Services(new Dictionary<string, string?>
        {
            ["Evaluation:BootstrapResamples"] = "30",
            ["Evaluation:BootstrapSeed"] = "5",
        });
        var configured = await RunAsync(services, "--dataset", SampleDirectory());
        var overridden = await RunAsync(services, "--dataset", SampleDirectory(), "--resamples", "40");

        using var a = JsonDocument.Parse(configured.Out);
        using var b = JsonDocument.Parse(overridden.Out);
        Assert.Equal(30, a.RootElement.GetProperty("settings").GetProperty("bootstrapResamples").GetInt32());
        Assert.Equal(5, a.RootElement.GetProperty("settings").GetProperty("seed").GetInt32());
        Assert.Equal(30, a.RootElement.GetProperty("costEffectiveness").GetProperty("bootstrapResamples").GetInt32());
        Assert.Equal(40, b.RootElement.GetProperty("costEffectiveness").GetProperty("bootstrapResamples").GetInt32());
        Assert.Equal(5, b.RootElement.GetProperty("settings").GetProperty("seed").GetInt32());
    }

    [Fact]
    public async Task The_effect_instrument_can_be_chosen_and_an_unknown_one_is_a_usage_error()
    {
        var confidence = await EvaluateSample("--effect", "confidence");
        using var json = JsonDocument.Parse(confidence.Out);
        var ce = json.RootElement.GetProperty("costEffectiveness");
        Assert.Equal("confidence", ce.GetProperty("instrument").GetString());
        // Confidence is higher-is-better: the intervention's mean effect is its mean change, +1.789... (see above).
        Close(1.7894736842105263, ce.GetProperty("meanEffectIntervention"), 1e-13);

        var unknown = await EvaluateSample("--effect", "mood");
        Assert.Equal(2, unknown.Code);
        Assert.Contains("The effect instrument 'mood' is not among the instruments (distress, concerns, severity, confidence, wellbeing, rating)", unknown.Error, StringComparison.Ordinal);
        Assert.Equal("", unknown.Out);
    }

    [Fact]
    public async Task Output_can_go_to_a_file()
    {
        var file = Path.Combine(Path.GetTempPath(), "o2o-eval-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            var run = await EvaluateSample("--format", "csv", "--output", file);
            Assert.Equal(0, run.Code);
            Assert.Contains("Evaluated 38 people (67 contacts, 446 responses); wrote csv to " + file, run.Out, StringComparison.Ordinal);
            Assert.StartsWith(EvaluationOutput.CsvHeader + "\n", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Timings_are_one_machine_readable_line_on_the_error_stream()
    {
        var run = await EvaluateSample("--timings");
        Assert.Equal(0, run.Code);
        Assert.Matches(@"^EVALUATE read_seconds=\d+\.\d{3} evaluate_seconds=\d+\.\d{3} write_seconds=\d+\.\d{3} people=38 contacts=67 responses=446 resamples=200 gc_pause_seconds=\d+\.\d{3} gen2_collections=\d+\n$", run.Error.Replace("\r", "", StringComparison.Ordinal));
        using var _ = JsonDocument.Parse(run.Out);
    }

    [Theory]
    [InlineData(new[] { "--format", "json" }, "Give --dataset DIR, or --from DATE and --to DATE")]
    [InlineData(new[] { "--dataset" }, "--dataset needs a value.")]
    [InlineData(new[] { "--dataset", "x", "--format", "xml" }, "--format must be json or csv, not 'xml'.")]
    [InlineData(new[] { "--dataset", "x", "--colour", "red" }, "Unknown argument '--colour'.")]
    [InlineData(new[] { "--dataset", "x", "--resamples", "-3" }, "--resamples must be a whole number from 0 to 1000000")]
    [InlineData(new[] { "--dataset", "x", "--seed", "abc" }, "--seed must be a whole number")]
    [InlineData(new[] { "--dataset", "x", "--from", "2024-01-01" }, "it takes no --from, --to or --organisation")]
    [InlineData(new[] { "--from", "2024-01-01" }, "Give --dataset DIR, or --from DATE and --to DATE")]
    [InlineData(new[] { "--from", "01/01/2024", "--to", "2024-12-31" }, "--from must be a date as YYYY-MM-DD")]
    [InlineData(new[] { "--from", "2024-12-31", "--to", "2024-01-01" }, "--to must not be before --from.")]
    [InlineData(new[] { "--dataset", "/nonexistent/o2o-eval" }, "No such folder: /nonexistent/o2o-eval")]
    public async Task A_wrong_command_line_is_a_usage_error_with_exit_code_2(string[] args, string message)
    {
        var run = await RunAsync(args);
        Assert.Equal(2, run.Code);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task The_live_form_without_a_registered_source_says_so_and_fails()
    {
        var run = await RunAsync("--from", "2024-01-01", "--to", "2024-12-31", "--format", "json");
        Assert.Equal(2, run.Code);
        Assert.Contains("no IEvaluationDatasetSource is registered", run.Error, StringComparison.Ordinal);
    }

    private sealed class FakeSource(EvaluationDataset data) : IEvaluationDatasetSource
    {
        public EvaluationFilter? Filter { get; private set; }

        public Task<EvaluationDataset> LoadAsync(EvaluationFilter filter, CancellationToken ct)
        {
            Filter = filter;
            return Task.FromResult(data);
        }
    }

    private static EvaluationDataset Live(bool broken = false) => new()
    {
        People = [new("A", "RXA01", Cohort.Intervention), new("B", "RXA01", Cohort.Intervention), new("C", "RXA01", Cohort.Comparator)],
        Contacts = [new(broken ? "Z" : "A", new DateOnly(2024, 3, 1), "Telephone", 30, "Support worker")],
        Responses =
        [
            new("A", "distress", EvaluationTimepoint.Baseline, 7), new("A", "distress", EvaluationTimepoint.Followup, 4),
            new("B", "distress", EvaluationTimepoint.Baseline, 6), new("B", "distress", EvaluationTimepoint.Followup, 5),
            new("C", "distress", EvaluationTimepoint.Baseline, 6), new("C", "distress", EvaluationTimepoint.Followup, 6),
        ],
        UnitCosts = new(StringComparer.Ordinal) { ["Support worker"] = 34 },
        Instruments = [new("distress", 0, 10, false, 1)],
    };

    [Fact]
    public async Task The_live_form_evaluates_what_the_registered_source_loads_for_the_period_and_organisation()
    {
        var source = new FakeSource(Live());
        var services = Services(more: s => s.AddSingleton<IEvaluationDatasetSource>(source));

        var run = await RunAsync(services, "--from", "2024-01-01", "--to", "2024-12-31", "--organisation", "RXA01", "--format", "csv");

        Assert.Equal(0, run.Code);
        Assert.Equal(new EvaluationFilter(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), "RXA01"), source.Filter);
        // A 7->4 and B 6->5: mean change -2; A's 30 minutes at 34/h = 17.
        Assert.Contains("outcome,distress,baseline,followup,meanChange,,-2", run.Out.Split('\n'));
        Assert.Contains("costs,,,,totalCost,,17", run.Out.Split('\n'));
    }

    [Fact]
    public async Task The_live_form_refuses_data_that_breaks_the_rules_with_exit_code_1()
    {
        var services = Services(more: s => s.AddSingleton<IEvaluationDatasetSource>(new FakeSource(Live(broken: true))));
        var run = await RunAsync(services, "--from", "2024-01-01", "--to", "2024-12-31");
        Assert.Equal(1, run.Code);
        Assert.Contains("contacts item 1: person_key 'Z' is not in people.csv", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }
}
