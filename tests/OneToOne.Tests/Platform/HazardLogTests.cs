using System.Text.RegularExpressions;

namespace OneToOne.Tests.Platform;

/// <summary>The clinical safety file names the tests that show each mitigation working (DCB0129): every name it
/// gives must be a real test in this repository, so a renamed or deleted test cannot leave the log vouching for it.</summary>
public sealed partial class HazardLogTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void Every_test_the_hazard_log_names_exists()
    {
        var log = File.ReadAllText(Path.Combine(Root, "docs", "clinical-safety", "hazard-log.md"));
        var sources = System.IO.Directory.EnumerateFiles(Path.Combine(Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();
        var classes = sources.SelectMany(s => ClassName().Matches(s).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        var methods = sources.SelectMany(s => TestMethod().Matches(s).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);

        var named = Named().Matches(log).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
        Assert.True(named.Count > 40, $"The hazard log names only {named.Count} tests.");
        var missing = named.Where(name =>
        {
            var parts = name.Split('.');
            return parts.Length == 1
                ? !classes.Contains(parts[0]) && !methods.Contains(parts[0])
                : !classes.Contains(parts[0]) || !methods.Contains(parts[1]);
        }).ToList();
        Assert.True(missing.Count == 0, "The hazard log names tests that do not exist: " + string.Join(", ", missing));
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OneToOne.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("OneToOne.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>`Class.Method` or `ClassOrMethod` in backticks, in the tests column (identifiers that look like tests).</summary>
    [GeneratedRegex(@"`([A-Z][A-Za-z0-9]*Tests(?:\.[A-Za-z0-9_]+)?|[A-Z][a-z]+(?:_[A-Za-z0-9]+){3,})`", RegexOptions.CultureInvariant)]
    private static partial Regex Named();

    [GeneratedRegex(@"\bclass\s+([A-Za-z0-9_]+)", RegexOptions.CultureInvariant)]
    private static partial Regex ClassName();

    [GeneratedRegex(@"\b(?:Task|void)\s+([A-Za-z0-9_]+)\s*\(", RegexOptions.CultureInvariant)]
    private static partial Regex TestMethod();
}
