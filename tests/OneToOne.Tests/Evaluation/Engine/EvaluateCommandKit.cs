using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.Evaluation.Engine;

namespace OneToOne.Tests.Evaluation.Engine;

/// <summary>Runs the evaluate command as the CLI does (EvaluateCommand.RunAsync with the console and error streams
/// captured), over the committed sample dataset or a broken copy of it.</summary>
internal static class EvaluateCommandKit
{
    public sealed record Run(int Code, string Out, string Error);

    /// <summary>tests/data/evaluation-sample, found by walking up from the test binaries.</summary>
    public static string SampleDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "data", "evaluation-sample");
            if (File.Exists(Path.Combine(candidate, "people.csv")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/data/evaluation-sample");
    }

    public static IServiceProvider Services(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? more = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        more?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public static async Task<Run> RunAsync(IServiceProvider services, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await EvaluateCommand.RunAsync(services, args, output, error);
        return new Run(code, output.ToString(), error.ToString());
    }

    public static Task<Run> RunAsync(params string[] args) => RunAsync(Services(), args);

    /// <summary>A copy of the sample in a new temporary folder (deleted on dispose).</summary>
    public sealed class SampleCopy : IDisposable
    {
        public SampleCopy()
        {
            Directory.CreateDirectory(Path);
            foreach (var file in System.IO.Directory.GetFiles(SampleDirectory(), "*.csv"))
            {
                System.IO.File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
            }
        }

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "o2o-eval-" + Guid.NewGuid().ToString("N"));

        public string File(string name) => System.IO.Path.Combine(Path, name);

        /// <summary>Changes one field of one line (1-based; the line must have no quoted field), keeping the line endings.</summary>
        public void SetField(string file, int line, int field, string value) =>
            EditLine(file, line, text =>
            {
                var fields = text.Split(',');
                fields[field] = value;
                return string.Join(',', fields);
            });

        public void EditLine(string file, int line, Func<string, string> edit)
        {
            var path = File(file);
            var text = System.IO.File.ReadAllText(path);
            var lines = text.Split('\n');
            var crlf = lines[line - 1].EndsWith('\r');
            var body = crlf ? lines[line - 1][..^1] : lines[line - 1];
            lines[line - 1] = edit(body) + (crlf ? "\r" : "");
            System.IO.File.WriteAllText(path, string.Join('\n', lines));
        }

        public string Line(string file, int line) => System.IO.File.ReadAllText(File(file)).Split('\n')[line - 1].TrimEnd('\r');

        public void Append(string file, string line)
        {
            var text = System.IO.File.ReadAllText(File(file));
            var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
            System.IO.File.WriteAllText(File(file), text + line + newline);
        }

        public int LineCount(string file) => System.IO.File.ReadAllText(File(file)).TrimEnd('\n', '\r').Split('\n').Length;

        public void Dispose()
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
    }
}
