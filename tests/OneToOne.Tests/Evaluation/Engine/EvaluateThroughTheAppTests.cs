using System.Text.Json;
using OneToOne.Platform;
using OneToOne.Tests.Infrastructure;
using static OneToOne.Tests.Evaluation.Engine.EvaluateCommandKit;

namespace OneToOne.Tests.Evaluation.Engine;

/// <summary>`evaluate --dataset` through the app's own command dispatch (Commands.RunAsync, as `dotnet OneToOne.dll
/// evaluate ...` runs it), with the app's real service provider and configuration.</summary>
public sealed class EvaluateThroughTheAppTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private async Task<Run> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Commands.RunAsync(app.Services, args, output, error);
        return new Run(code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task The_evaluate_verb_evaluates_the_sample_dataset()
    {
        var run = await RunAsync("evaluate", "--dataset", SampleDirectory(), "--format", "json", "--resamples", "200", "--seed", "42");

        Assert.Equal(0, run.Code);
        using var json = JsonDocument.Parse(run.Out);
        var ce = json.RootElement.GetProperty("costEffectiveness");
        // tests/data/evaluation-sample/expected.py: ICER 3.492078189300409, its 95% interval from -35.2556 to 26.4550.
        Assert.Equal(3.492078189300409, ce.GetProperty("icer").GetDouble(), 12);
        Assert.Equal(-35.255587009803904, ce.GetProperty("icerCi95Lower").GetDouble(), 9);
    }

    [Fact]
    public async Task The_evaluate_verb_refuses_bad_data_with_exit_code_1()
    {
        using var copy = new SampleCopy();
        copy.SetField("responses.csv", 2, 2, "week6");

        var run = await RunAsync("evaluate", "--dataset", copy.Path);

        Assert.Equal(1, run.Code);
        Assert.Contains("responses.csv line 2: timepoint 'week6' is not baseline, followup or discharge", run.Error, StringComparison.Ordinal);
    }
}
