using System.Globalization;

namespace OneToOne.Evaluation.Engine;

/// <summary>Checks a dataset row by row and builds the <see cref="EvaluationFrame"/>. Instruments, unit costs and people
/// come first; the first contact or response closes the list of people. Each Add method returns the row's problems
/// (null when the row is good and was added) so the caller can say where they are: the CSV reader names the file and
/// line, <see cref="FromDataset"/> the list and item. A row with a problem is not added; a key whose own row was refused
/// (a person with a bad cohort, a role with a bad cost, a bad instrument) is remembered so that the rows referring to it
/// are not reported again as "unknown".</summary>
internal sealed class EvaluationFrameBuilder
{
    private const int ShownValueLength = 40;

    private readonly Dictionary<string, int> _instrumentIndex = new(StringComparer.Ordinal);
    private readonly List<EvaluationInstrument> _instruments = [];
    private readonly Dictionary<string, double> _unitCosts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _people = new(StringComparer.Ordinal);
    private readonly HashSet<string> _refused = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _peopleLookup;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _instrumentLookup;
    private readonly Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> _unitCostLookup;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _refusedLookup;

    private byte[] _cohorts = new byte[1024];
    private int[] _personLines = new int[1024];
    private string[] _keys = new string[1024];
    private int _personCount;
    private double[] _costs = [];
    private double[]?[][] _scores = [];
    private bool _peopleClosed;
    private bool _keyOrdered;
    private int _contacts;
    private int _responses;

    public EvaluationFrameBuilder()
    {
        _peopleLookup = _people.GetAlternateLookup<ReadOnlySpan<char>>();
        _instrumentLookup = _instrumentIndex.GetAlternateLookup<ReadOnlySpan<char>>();
        _unitCostLookup = _unitCosts.GetAlternateLookup<ReadOnlySpan<char>>();
        _refusedLookup = _refused.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>False when the people could not be read at all (missing file or column): contacts and responses are then
    /// checked for everything but their person.</summary>
    public bool PeopleKnown { get; set; } = true;

    public bool InstrumentsKnown { get; set; } = true;

    public bool UnitCostsKnown { get; set; } = true;

    public int PersonCount => _personCount;

    /// <summary>Builds the frame of an in-memory dataset, with the same checks as the CSV files; throws
    /// <see cref="EvaluationDataException"/> listing every problem.</summary>
    public static EvaluationFrame FromDataset(EvaluationDataset data)
    {
        var problems = new EvaluationProblems();
        var builder = Start(data.Instruments, data.UnitCosts, problems);
        for (var i = 0; i < data.People.Count; i++)
        {
            var p = data.People[i];
            Item(problems, "people", i + 1, builder.AddPerson(p.PersonKey, p.Organisation, p.Cohort, i + 1));
        }

        for (var i = 0; i < data.Contacts.Count; i++)
        {
            var c = data.Contacts[i];
            Item(problems, "contacts", i + 1, builder.AddContact(c.PersonKey, c.Mode, c.DurationMinutes, c.StaffRole));
        }

        for (var i = 0; i < data.Responses.Count; i++)
        {
            var r = data.Responses[i];
            Item(problems, "responses", i + 1, builder.AddResponse(r.PersonKey, r.Instrument, r.Timepoint, r.Score));
        }

        return problems.Count > 0 ? throw new EvaluationDataException(problems) : builder.Build();
    }

    /// <summary>A builder with an in-memory dataset's instruments and unit costs added (their problems reported as list items):
    /// the start of <see cref="FromDataset"/>, and of a source that adds its people, contacts and responses itself.</summary>
    internal static EvaluationFrameBuilder Start(IReadOnlyList<EvaluationInstrument> instruments, IReadOnlyDictionary<string, double> unitCosts,
        EvaluationProblems problems)
    {
        var builder = new EvaluationFrameBuilder();
        for (var i = 0; i < instruments.Count; i++)
        {
            var x = instruments[i];
            Item(problems, "instruments", i + 1, builder.AddInstrument(x.Code, x.Min, x.Max, x.HigherIsBetter, x.MinimalImportantDifference));
        }

        var row = 0;
        foreach (var (role, cost) in unitCosts)
        {
            Item(problems, "unit costs", ++row, builder.AddUnitCost(role, cost));
        }

        return builder;
    }

    /// <summary>Records an in-memory item's problem, if any, as "list item N: problem".</summary>
    internal static void Item(EvaluationProblems problems, string list, int item, string? problem)
    {
        if (problem is not null)
        {
            problems.Add(Invariant($"{list} item {item}: {problem}"));
        }
    }

    public string? AddInstrument(ReadOnlySpan<char> code, double? min, double? max, bool? higherIsBetter, double? minimalImportantDifference)
    {
        string? problem = null;
        if (code.IsEmpty)
        {
            problem = Join(problem, "instrument is empty");
        }
        else if (_instrumentLookup.ContainsKey(code) || _refusedLookup.Contains(code))
        {
            problem = Join(problem, $"instrument {Show(code)} appears more than once");
        }

        if (min is { } lo && max is { } hi)
        {
            if (!double.IsFinite(lo) || !double.IsFinite(hi) || !(lo < hi))
            {
                problem = Join(problem, Invariant($"min {lo} must be less than max {hi}"));
            }
        }

        if (minimalImportantDifference is { } mid && !(double.IsFinite(mid) && mid >= 0))
        {
            problem = Join(problem, Invariant($"minimal_important_difference {mid} must not be negative"));
        }

        if (problem is not null || min is null || max is null || higherIsBetter is null || minimalImportantDifference is null)
        {
            RefuseKey(code);
            return problem;
        }

        var key = code.ToString();
        _instrumentIndex.Add(key, _instruments.Count);
        _instruments.Add(new EvaluationInstrument(key, min.Value, max.Value, higherIsBetter.Value, minimalImportantDifference.Value));
        return null;
    }

    public string? AddUnitCost(ReadOnlySpan<char> staffRole, double? costPerHour)
    {
        string? problem = null;
        if (staffRole.IsEmpty)
        {
            problem = Join(problem, "staff_role is empty");
        }
        else if (_unitCostLookup.ContainsKey(staffRole))
        {
            problem = Join(problem, $"staff_role {Show(staffRole)} appears more than once");
        }

        if (costPerHour is { } cost && !(double.IsFinite(cost) && cost >= 0))
        {
            problem = Join(problem, Invariant($"cost_per_hour {cost} is negative"));
        }

        if (problem is not null || costPerHour is null)
        {
            RefuseKey(staffRole);
            return problem;
        }

        _unitCosts.Add(staffRole.ToString(), costPerHour.Value);
        return null;
    }

    /// <summary>For a source that adds this many people in ordinal key order and then their rows by position only (the live
    /// frame): room is made for them at once, and a duplicate key can only be the person added just before, so no look-up
    /// by key is kept (a million keys in a dictionary, visited in key order all over memory, cost most of a second). Rows
    /// can then no longer be added by key.</summary>
    public void ExpectPeopleInKeyOrder(int count)
    {
        if (_personCount > 0 || _peopleClosed)
        {
            throw new InvalidOperationException("Say that people come in key order before adding the first.");
        }

        _keyOrdered = true;
        if (_cohorts.Length < count)
        {
            Array.Resize(ref _cohorts, count);
            Array.Resize(ref _personLines, count);
            Array.Resize(ref _keys, count);
        }
    }

    /// <summary>Adds a person; <paramref name="line"/> is where they are, for a later duplicate's report. A null cohort
    /// means the caller already found it unreadable.</summary>
    public string? AddPerson(ReadOnlySpan<char> personKey, ReadOnlySpan<char> organisation, Cohort? cohort, int line) =>
        AddPerson(personKey, null, organisation, cohort, line);

    /// <summary>Adds a person whose key is already a string (kept as it is, not copied).</summary>
    public string? AddPerson(string personKey, ReadOnlySpan<char> organisation, Cohort? cohort, int line) =>
        AddPerson(personKey, personKey, organisation, cohort, line);

    private string? AddPerson(ReadOnlySpan<char> personKey, string? keyString, ReadOnlySpan<char> organisation, Cohort? cohort, int line)
    {
        if (_peopleClosed)
        {
            throw new InvalidOperationException("People must all be added before the first contact or response.");
        }

        string? problem = null;
        var first = -1;
        if (personKey.IsEmpty)
        {
            problem = Join(problem, "person_key is empty");
        }
        else if (_keyOrdered ? IsLastAdded(personKey, out first) : _peopleLookup.TryGetValue(personKey, out first))
        {
            problem = Join(problem, Invariant($"person_key {Show(personKey)} appears more than once (first on line {_personLines[first]})"));
        }
        else
        {
            first = -1;
        }

        if (organisation.IsEmpty)
        {
            problem = Join(problem, "organisation is empty");
        }

        if (problem is not null || cohort is null)
        {
            if (first < 0)
            {
                RefuseKey(personKey);
            }

            return problem;
        }

        if (_personCount == _cohorts.Length)
        {
            Array.Resize(ref _cohorts, _cohorts.Length * 2);
            Array.Resize(ref _personLines, _personLines.Length * 2);
            Array.Resize(ref _keys, _keys.Length * 2);
        }

        var key = keyString ?? personKey.ToString();
        if (!_keyOrdered)
        {
            _people.Add(key, _personCount);
        }
        else if (_personCount > 0 && string.CompareOrdinal(_keys[_personCount - 1], key) > 0)
        {
            throw new InvalidOperationException("People said to come in key order came out of order.");
        }

        _keys[_personCount] = key;
        _cohorts[_personCount] = (byte)cohort.Value;
        _personLines[_personCount] = line;
        _personCount++;
        return null;
    }

    /// <summary>Adds a contact's cost to its person. A null duration means the caller found it unreadable (the other
    /// fields are still checked).</summary>
    public string? AddContact(ReadOnlySpan<char> personKey, ReadOnlySpan<char> mode, double? durationMinutes, ReadOnlySpan<char> staffRole)
    {
        ClosePeople();
        string? problem = null;
        var person = FindPerson(personKey, ref problem);
        return AddContact(person, problem, mode, durationMinutes, staffRole);
    }

    /// <summary>Adds a contact of the person added <paramref name="person"/>th (from 0), for a source that knows its people
    /// by position and so needs no look-up by key; the same checks otherwise.</summary>
    public string? AddContact(int person, ReadOnlySpan<char> mode, double? durationMinutes, ReadOnlySpan<char> staffRole)
    {
        ClosePeople();
        ArgumentOutOfRangeException.ThrowIfNegative(person);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(person, _personCount);
        return AddContact(person, null, mode, durationMinutes, staffRole);
    }

    private string? AddContact(int person, string? problem, ReadOnlySpan<char> mode, double? durationMinutes, ReadOnlySpan<char> staffRole)
    {
        if (mode.IsEmpty)
        {
            problem = Join(problem, "mode is empty");
        }

        if (durationMinutes is { } minutes && !(double.IsFinite(minutes) && minutes >= 0))
        {
            problem = Join(problem, Invariant($"duration_minutes {minutes} is negative"));
        }

        var rate = 0.0;
        var roleKnown = false;
        if (staffRole.IsEmpty)
        {
            problem = Join(problem, "staff_role is empty");
        }
        else if (_unitCostLookup.TryGetValue(staffRole, out rate))
        {
            roleKnown = true;
        }
        else if (UnitCostsKnown && !_refusedLookup.Contains(staffRole))
        {
            problem = Join(problem, $"staff_role {Show(staffRole)} has no unit cost in unit_costs.csv");
        }

        if (problem is null && person >= 0 && roleKnown && durationMinutes is { } d)
        {
            _costs[person] += d / 60.0 * rate;
            _contacts++;
        }

        return problem;
    }

    /// <summary>Adds a score. A null timepoint or score means the caller found it unreadable.</summary>
    public string? AddResponse(ReadOnlySpan<char> personKey, ReadOnlySpan<char> instrument, EvaluationTimepoint? timepoint, double? score)
    {
        ClosePeople();
        string? problem = null;
        var person = FindPerson(personKey, ref problem);
        return AddResponse(person, problem, instrument, timepoint, score);
    }

    /// <summary>Adds a score of the person added <paramref name="person"/>th (from 0); see <see cref="AddContact(int, ReadOnlySpan{char}, double?, ReadOnlySpan{char})"/>.</summary>
    public string? AddResponse(int person, ReadOnlySpan<char> instrument, EvaluationTimepoint? timepoint, double? score)
    {
        ClosePeople();
        ArgumentOutOfRangeException.ThrowIfNegative(person);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(person, _personCount);
        return AddResponse(person, null, instrument, timepoint, score);
    }

    private string? AddResponse(int person, string? problem, ReadOnlySpan<char> instrument, EvaluationTimepoint? timepoint, double? score)
    {
        var index = -1;
        if (instrument.IsEmpty)
        {
            problem = Join(problem, "instrument is empty");
        }
        else if (!_instrumentLookup.TryGetValue(instrument, out index))
        {
            index = -1;
            if (InstrumentsKnown && !_refusedLookup.Contains(instrument))
            {
                problem = Join(problem, $"instrument {Show(instrument)} is not in instruments.csv");
            }
        }

        if (score is { } s && !double.IsFinite(s))
        {
            problem = Join(problem, "score is not a finite number");
        }
        else if (score is { } v && index >= 0 && (v < _instruments[index].Min || v > _instruments[index].Max))
        {
            var i = _instruments[index];
            problem = Join(problem, Invariant($"score {v} is outside {i.Code}'s range {i.Min} to {i.Max}"));
        }

        if (person < 0 || index < 0 || timepoint is null || score is null)
        {
            return problem;
        }

        var column = _scores[index][(int)timepoint.Value];
        if (column is null)
        {
            column = new double[_personCount];
            Array.Fill(column, double.NaN);
            _scores[index][(int)timepoint.Value] = column;
        }

        if (!double.IsNaN(column[person]))
        {
            problem = Join(problem, $"a second {_instruments[index].Code} {TimepointName(timepoint.Value)} response for person_key {Show(_keys[person])}");
        }

        if (problem is null)
        {
            column[person] = score.Value;
            _responses++;
        }

        return problem;
    }

    public EvaluationFrame Build()
    {
        ClosePeople();
        return new EvaluationFrame
        {
            PersonCount = _personCount,
            Cohorts = _cohorts.AsSpan(0, _personCount).ToArray(),
            Costs = _costs,
            ContactCount = _contacts,
            ResponseCount = _responses,
            Instruments = [.. _instruments],
            Scores = _scores,
        };
    }

    public static string TimepointName(EvaluationTimepoint timepoint) => timepoint switch
    {
        EvaluationTimepoint.Baseline => "baseline",
        EvaluationTimepoint.Followup => "followup",
        EvaluationTimepoint.Discharge => "discharge",
        _ => throw new ArgumentOutOfRangeException(nameof(timepoint)),
    };

    /// <summary>A value from a file, quoted and cut short, for a problem report.</summary>
    public static string Show(ReadOnlySpan<char> value) =>
        value.Length <= ShownValueLength ? "'" + value.ToString() + "'" : "'" + value[..ShownValueLength].ToString() + "…'";

    /// <summary>Whether the key is the last person's (in key order, the only one it can repeat).</summary>
    private bool IsLastAdded(ReadOnlySpan<char> personKey, out int last)
    {
        last = _personCount - 1;
        return last >= 0 && personKey.SequenceEqual(_keys[last]);
    }

    private int FindPerson(ReadOnlySpan<char> personKey, ref string? problem)
    {
        if (_keyOrdered)
        {
            throw new InvalidOperationException("People added in key order have no look-up by key: add their rows by position.");
        }

        if (personKey.IsEmpty)
        {
            problem = Join(problem, "person_key is empty");
            return -1;
        }

        if (_peopleLookup.TryGetValue(personKey, out var person))
        {
            return person;
        }

        if (PeopleKnown && !_refusedLookup.Contains(personKey))
        {
            problem = Join(problem, $"person_key {Show(personKey)} is not in people.csv");
        }

        return -1;
    }

    /// <summary>Ends the list of people (the first contact or response does it too). After it, adding contacts and adding
    /// responses change disjoint state and only read the lookups: one thread may add contacts while another adds
    /// responses.</summary>
    public void ClosePeople()
    {
        if (_peopleClosed)
        {
            return;
        }

        _peopleClosed = true;
        _costs = new double[_personCount];
        _scores = new double[]?[_instruments.Count][];
        for (var i = 0; i < _scores.Length; i++)
        {
            _scores[i] = new double[]?[3];
        }
    }

    private void RefuseKey(ReadOnlySpan<char> key)
    {
        if (!key.IsEmpty)
        {
            _refusedLookup.Add(key);
        }
    }

    private static string Join(string? problem, string more) => problem is null ? more : problem + "; " + more;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
