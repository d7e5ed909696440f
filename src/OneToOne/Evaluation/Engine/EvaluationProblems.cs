using System.Globalization;

namespace OneToOne.Evaluation.Engine;

/// <summary>The problems found in a dataset, in the order found: every one is counted, the first
/// <see cref="Kept"/> are kept word for word.</summary>
public sealed class EvaluationProblems
{
    public const int Kept = 1000;

    private readonly List<string> _messages = [];

    public int Count { get; private set; }

    public IReadOnlyList<string> Messages => _messages;

    /// <summary>Adds "FILE line N: PROBLEM" (nothing when problem is null). Line 0 means the file as a whole.</summary>
    public void Add(string file, int line, string? problem)
    {
        if (problem is null)
        {
            return;
        }

        Add(line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{file} line {line}: {problem}") : file + ": " + problem);
    }

    public void Add(string message)
    {
        Count++;
        if (_messages.Count < Kept)
        {
            _messages.Add(message);
        }
    }

    /// <summary>Adds another list's problems after these (its count, and its kept messages while there is room).</summary>
    public void AddRange(EvaluationProblems other)
    {
        foreach (var m in other._messages)
        {
            Add(m);
        }

        Count += other.Count - other._messages.Count;
    }

    /// <summary>The report printed to the error stream: the first <paramref name="shown"/> problems and how many more.</summary>
    public IEnumerable<string> Report(int shown)
    {
        yield return Count == 1 ? "The dataset has a problem:" : string.Create(CultureInfo.InvariantCulture, $"The dataset has {Count} problems:");
        foreach (var m in _messages.Take(shown))
        {
            yield return "  " + m;
        }

        if (Count > shown)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"  ... and {Count - shown} more (the first {shown} are shown).");
        }
    }
}

/// <summary>A dataset the engine refuses, with every problem found: the evaluation never runs over data it had to skip.</summary>
public sealed class EvaluationDataException : Exception
{
    public EvaluationDataException(EvaluationProblems problems)
        : base(problems.Messages.Count > 0 ? "The evaluation data has problems: " + problems.Messages[0] : "The evaluation data has problems.") =>
        Problems = problems;

    public EvaluationDataException()
        : this(new EvaluationProblems())
    {
    }

    public EvaluationDataException(string message)
        : base(message) => Problems = new EvaluationProblems();

    public EvaluationDataException(string message, Exception innerException)
        : base(message, innerException) => Problems = new EvaluationProblems();

    public EvaluationProblems Problems { get; }
}
