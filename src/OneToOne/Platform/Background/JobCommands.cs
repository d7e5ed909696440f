using System.Globalization;

namespace OneToOne.Platform.Background;

/// <summary>`jobs list` and `jobs run NAME`: a pass from the command line, under the job's lease, with its elapsed
/// time (the benchmark times the scheduler's passes this way).</summary>
internal static class JobCommands
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter console)
    {
        var runner = services.GetRequiredService<JobRunner>();
        switch (args)
        {
            case ["jobs", "list", ..]:
                foreach (var (name, interval) in await runner.JobsAsync())
                {
                    await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{name}\tevery {interval}"));
                }

                return 0;
            case ["jobs", "run", var name, ..]:
                if (!(await runner.NamesAsync()).Contains(name, StringComparer.Ordinal))
                {
                    await Console.Error.WriteLineAsync($"No job is named '{name}'. Try: jobs list");
                    return 2;
                }

                var node = services.GetRequiredService<SchedulerNode>();
                var result = await runner.RunLeasedAsync(name, "cli:" + node.Id, node.LeaseFor);
                var outcome = !result.Ran ? "not run" : result.Succeeded ? "succeeded" : "FAILED";
                await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: {outcome} in {result.Elapsed.TotalSeconds:0.000} s ({result.Elapsed.TotalMilliseconds:0} ms): {result.Summary}"));
                return !result.Ran ? 3 : result.Succeeded ? 0 : 1;
            default:
                await Console.Error.WriteLineAsync("Usage: jobs list | jobs run NAME");
                return 2;
        }
    }
}
