using System.Diagnostics;
using System.Globalization;

namespace OneToOne.Evaluation.Engine;

/// <summary>`evaluate --dataset DIR` over a folder of CSV files, or `evaluate --from DATE --to DATE [--organisation ODS]`
/// over the live database (through <see cref="IEvaluationDatasetSource"/>), both with `--format json|csv`
/// `[--effect INSTRUMENT] [--resamples N] [--seed N] [--output FILE] [--timings]`. Exit codes: 0 done, 1 the data has
/// problems (listed on the error stream with file and line), 2 the command line is wrong or the live source is missing
/// (docs/evaluation.md).</summary>
internal static class EvaluateCommand
{
    public const int Ok = 0;
    public const int BadData = 1;
    public const int BadUsage = 2;

    /// <summary>Problems printed; the rest are counted.</summary>
    public const int ProblemsShown = 50;

    public const string Usage =
        "Usage: evaluate --dataset DIR [--format json|csv] [--effect INSTRUMENT] [--resamples N] [--seed N] [--output FILE] [--timings]\n" +
        "       evaluate --from YYYY-MM-DD --to YYYY-MM-DD [--organisation ODS] [--format json|csv] [--effect INSTRUMENT] [--resamples N] [--seed N] [--output FILE] [--timings] [--export DIR]";

    private static readonly string[] ValueOptions = ["--dataset", "--from", "--to", "--organisation", "--format", "--effect", "--resamples", "--seed", "--output", "--export"];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter console, TextWriter error)
    {
        var (options, usageProblem) = Parse(args);
        if (usageProblem is not null)
        {
            await error.WriteLineAsync(usageProblem);
            await error.WriteLineAsync(Usage);
            return BadUsage;
        }

        var configured = services.GetService<IConfiguration>()?.GetSection(EvaluationOptions.Section).Get<EvaluationOptions>() ?? new EvaluationOptions();
        var settings = new EvaluationSettings
        {
            EffectInstrument = options.Effect ?? EvaluationSettings.DefaultEffectInstrument,
            BootstrapResamples = options.Resamples ?? configured.BootstrapResamples,
            Seed = options.Seed ?? configured.BootstrapSeed,
        };

        var clock = Stopwatch.StartNew();
        EvaluationFrame frame;
        if (options.Dataset is { } directory)
        {
            if (!Directory.Exists(directory))
            {
                await error.WriteLineAsync("No such folder: " + directory);
                return BadUsage;
            }

            var (read, problems) = EvaluationDatasetReader.Read(directory);
            if (read is null)
            {
                await ReportAsync(error, problems);
                return BadData;
            }

            frame = read;
        }
        else
        {
            var source = services.GetService<IEvaluationDatasetSource>();
            if (source is null)
            {
                await error.WriteLineAsync("The live evaluation is not available in this build: no IEvaluationDatasetSource is registered " +
                    "(Evaluation/Live). Use `evaluate --dataset DIR` to evaluate a folder of CSV files.");
                return BadUsage;
            }

            var filter = new EvaluationFilter(options.From!.Value, options.To!.Value, options.Organisation);
            try
            {
                if (options.Export is null && source is IEvaluationFrameSource frames)
                {
                    frame = await frames.LoadFrameAsync(filter, CancellationToken.None);
                }
                else
                {
                    var dataset = await source.LoadAsync(filter, CancellationToken.None);
                    frame = EvaluationFrameBuilder.FromDataset(dataset);
                    if (options.Export is { } exportTo)
                    {
                        // Written only once the data has passed the checks, so `evaluate --dataset` reads it back as it is.
                        EvaluationDatasetWriter.Write(dataset, exportTo);
                        await error.WriteLineAsync($"Wrote the de-identified dataset as CSV files to {exportTo}.");
                    }
                }
            }
            catch (EvaluationDataException e)
            {
                await ReportAsync(error, e.Problems);
                return BadData;
            }
        }

        var readSeconds = clock.Elapsed.TotalSeconds;
        if (frame.IndexOfInstrument(settings.EffectInstrument) < 0)
        {
            await error.WriteLineAsync($"The effect instrument '{settings.EffectInstrument}' is not among the instruments " +
                $"({string.Join(", ", frame.Instruments.Select(i => i.Code))}): choose one with --effect INSTRUMENT.");
            return BadUsage;
        }

        clock.Restart();
        var result = EvaluationEngine.Evaluate(frame, settings);
        var evaluateSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        if (options.Output is { } file)
        {
            await using (var stream = File.Create(file))
            {
                if (options.Format == "csv")
                {
                    await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
                    EvaluationOutput.WriteCsv(writer, result, settings);
                }
                else
                {
                    EvaluationOutput.WriteJson(stream, result, settings);
                }
            }

            await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Evaluated {result.People:N0} people ({result.Contacts:N0} contacts, {result.Responses:N0} responses); wrote {options.Format} to {file}."));
        }
        else
        {
            await console.WriteAsync(options.Format == "csv" ? EvaluationOutput.Csv(result, settings) : EvaluationOutput.Json(result, settings) + "\n");
        }

        if (options.Timings)
        {
            // One machine-readable line for bench/evaluation-dataset.sh, on the error stream so the output stays clean.
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"EVALUATE read_seconds={readSeconds:F3} evaluate_seconds={evaluateSeconds:F3} write_seconds={clock.Elapsed.TotalSeconds:F3} people={result.People} contacts={result.Contacts} responses={result.Responses} resamples={result.CostEffectiveness.BootstrapResamples} gc_pause_seconds={GC.GetTotalPauseDuration().TotalSeconds:F3} gen2_collections={GC.CollectionCount(2)}"));
        }

        return Ok;
    }

    private static async Task ReportAsync(TextWriter error, EvaluationProblems problems)
    {
        foreach (var line in problems.Report(ProblemsShown))
        {
            await error.WriteLineAsync(line);
        }

        await error.WriteLineAsync("Nothing was evaluated: correct the data and run again.");
    }

    internal sealed record Options(
        string? Dataset, DateOnly? From, DateOnly? To, string? Organisation, string Format, string? Effect, int? Resamples, int? Seed,
        string? Output, bool Timings, string? Export = null);

    /// <summary>Reads the command line; the second value is what is wrong with it (null when nothing is).</summary>
    internal static (Options Options, string? Problem) Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var timings = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg == "--timings")
            {
                timings = true;
            }
            else if (ValueOptions.Contains(arg, StringComparer.Ordinal))
            {
                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return (Empty, $"{arg} needs a value.");
                }

                if (!values.TryAdd(arg, args[++i]))
                {
                    return (Empty, $"{arg} is given more than once.");
                }
            }
            else
            {
                return (Empty, $"Unknown argument '{arg}'.");
            }
        }

        string? Value(string name) => values.GetValueOrDefault(name);
        var format = Value("--format") ?? "json";
        if (format is not ("json" or "csv"))
        {
            return (Empty, $"--format must be json or csv, not '{format}'.");
        }

        int? resamples = null, seed = null;
        if (Value("--resamples") is { } r)
        {
            if (!int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 1_000_000)
            {
                return (Empty, $"--resamples must be a whole number from 0 to 1000000, not '{r}'.");
            }

            resamples = n;
        }

        if (Value("--seed") is { } s)
        {
            if (!int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            {
                return (Empty, $"--seed must be a whole number, not '{s}'.");
            }

            seed = n;
        }

        var effect = Value("--effect");
        if (effect is not null && string.IsNullOrWhiteSpace(effect))
        {
            return (Empty, "--effect needs an instrument.");
        }

        var dataset = Value("--dataset");
        DateOnly? from = null, to = null;
        if (dataset is not null)
        {
            if (values.ContainsKey("--from") || values.ContainsKey("--to") || values.ContainsKey("--organisation") || values.ContainsKey("--export"))
            {
                return (Empty, "--dataset evaluates a folder of CSV files: it takes no --from, --to or --organisation (nor --export).");
            }
        }
        else
        {
            if (Value("--from") is not { } f || Value("--to") is not { } t)
            {
                return (Empty, "Give --dataset DIR, or --from DATE and --to DATE for the live database.");
            }

            if (!DateOnly.TryParseExact(f, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var fd))
            {
                return (Empty, $"--from must be a date as YYYY-MM-DD, not '{f}'.");
            }

            if (!DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var td))
            {
                return (Empty, $"--to must be a date as YYYY-MM-DD, not '{t}'.");
            }

            if (td < fd)
            {
                return (Empty, "--to must not be before --from.");
            }

            (from, to) = (fd, td);
        }

        return (new Options(dataset, from, to, Value("--organisation"), format, effect, resamples, seed, Value("--output"), timings, Value("--export")), null);
    }

    private static Options Empty => new(null, null, null, null, "json", null, null, null, null, false);
}
