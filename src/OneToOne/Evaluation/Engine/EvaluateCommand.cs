namespace OneToOne.Evaluation.Engine;

/// <summary>`evaluate --from DATE --to DATE --format json|csv` over the live database, or `evaluate --dataset DIR
/// --format json|csv [--effect INSTRUMENT]` over a folder of CSV files.</summary>
internal static class EvaluateCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter console, TextWriter error)
    {
        _ = services;
        _ = args;
        _ = console;
        await error.WriteLineAsync("evaluate is being built (issue 5).");
        return 2;
    }
}
