using System.Globalization;

namespace OneToOne.Evaluation.Engine;

/// <summary>Reads `evaluate --dataset DIR`: people.csv, contacts.csv, responses.csv, unit_costs.csv and instruments.csv
/// (docs/evaluation.md, "The dataset"). Columns are found by name (case and surrounding spaces ignored; others
/// ignored); values are trimmed of surrounding spaces. Every problem is reported with its file and line, and a dataset
/// with any problem gives no frame: the evaluation never runs over rows it had to skip.</summary>
internal static class EvaluationDatasetReader
{
    public const string PeopleFile = "people.csv";
    public const string ContactsFile = "contacts.csv";
    public const string ResponsesFile = "responses.csv";
    public const string UnitCostsFile = "unit_costs.csv";
    public const string InstrumentsFile = "instruments.csv";

    private static readonly string[] InstrumentColumns = ["instrument", "min", "max", "higher_is_better", "minimal_important_difference"];
    private static readonly string[] UnitCostColumns = ["staff_role", "cost_per_hour"];
    private static readonly string[] PeopleColumns = ["person_key", "organisation", "cohort", "pathway_level", "tumour_site", "age_band", "sex", "ethnicity"];
    private static readonly string[] ContactColumns = ["person_key", "date", "mode", "duration_minutes", "staff_role"];
    private static readonly string[] ResponseColumns = ["person_key", "instrument", "timepoint", "score"];

    private delegate string? RowHandler(Row row);

    public static (EvaluationFrame? Frame, EvaluationProblems Problems) Read(string directory)
    {
        var problems = new EvaluationProblems();
        var builder = new EvaluationFrameBuilder();

        builder.InstrumentsKnown = ForEachRow(directory, InstrumentsFile, InstrumentColumns, problems, row =>
        {
            string? problem = null;
            var min = Number(row[1], "min", ref problem);
            var max = Number(row[2], "max", ref problem);
            var higher = Boolean(row[3], "higher_is_better", ref problem);
            var mid = Number(row[4], "minimal_important_difference", ref problem);
            return Join(problem, builder.AddInstrument(row[0], min, max, higher, mid));
        });

        builder.UnitCostsKnown = ForEachRow(directory, UnitCostsFile, UnitCostColumns, problems, row =>
        {
            string? problem = null;
            var cost = Number(row[1], "cost_per_hour", ref problem);
            return Join(problem, builder.AddUnitCost(row[0], cost));
        });

        builder.PeopleKnown = ForEachRow(directory, PeopleFile, PeopleColumns, problems, row =>
        {
            string? problem = null;
            var cohort = ParseCohort(row[2], ref problem);
            return Join(problem, builder.AddPerson(row[0], row[1], cohort, row.Line));
        });

        // Contacts and responses touch different parts of the builder (costs; scores) and only read its lookups, so the two
        // largest files are read side by side once the people are in. Their problems are kept apart and listed in file order.
        builder.ClosePeople();
        var contactProblems = new EvaluationProblems();
        var responseProblems = new EvaluationProblems();
        bool ReadContacts() => ForEachRow(directory, ContactsFile, ContactColumns, contactProblems, row =>
        {
            string? problem = null;
            var date = row[1];
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                problem = Join(problem, date.IsEmpty ? "date is empty" : $"date {EvaluationFrameBuilder.Show(date)} is not an ISO date (YYYY-MM-DD)");
            }

            var minutes = Number(row[3], "duration_minutes", ref problem);
            return Join(problem, builder.AddContact(row[0], row[2], minutes, row[4]));
        });

        bool ReadResponses() => ForEachRow(directory, ResponsesFile, ResponseColumns, responseProblems, row =>
        {
            string? problem = null;
            var timepoint = ParseTimepoint(row[2], ref problem);
            var score = Number(row[3], "score", ref problem);
            return Join(problem, builder.AddResponse(row[0], row[1], timepoint, score));
        });

        Parallel.Invoke(() => ReadContacts(), () => ReadResponses());
        problems.AddRange(contactProblems);
        problems.AddRange(responseProblems);

        return (problems.Count == 0 ? builder.Build() : null, problems);
    }

    /// <summary>Reads one file, calling the handler for each record with its required columns in the order given. False
    /// when the file could not be read at all (missing, empty, a missing column, not UTF-8).</summary>
    private static bool ForEachRow(string directory, string file, string[] columns, EvaluationProblems problems, RowHandler handler)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            problems.Add(file, 0, "the file is missing");
            return false;
        }

        using var csv = new CsvRecordReader(path);
        if (!csv.Read())
        {
            problems.Add(file, 0, "the file is empty (it needs a header row: " + string.Join(",", columns) + ")");
            return false;
        }

        if (csv.Problem is not null)
        {
            problems.Add(file, csv.Line, "the header row is " + csv.Problem);
            return false;
        }

        var headerCount = csv.FieldCount;
        var map = new int[columns.Length];
        var missing = new List<string>();
        for (var c = 0; c < columns.Length; c++)
        {
            map[c] = -1;
            for (var f = 0; f < headerCount; f++)
            {
                if (csv[f].Trim().Equals(columns[c], StringComparison.OrdinalIgnoreCase))
                {
                    if (map[c] >= 0)
                    {
                        problems.Add(file, csv.Line, $"the column '{columns[c]}' appears more than once");
                        return false;
                    }

                    map[c] = f;
                }
            }

            if (map[c] < 0)
            {
                missing.Add(columns[c]);
            }
        }

        if (missing.Count > 0)
        {
            problems.Add(file, csv.Line, (missing.Count == 1 ? "missing column " : "missing columns ") +
                string.Join(", ", missing.Select(m => "'" + m + "'")) + " (the header has " + HeaderText(csv) + ")");
            return false;
        }

        var row = new Row(csv, map);
        while (csv.Read())
        {
            if (csv.Problem is not null)
            {
                problems.Add(file, csv.Line, csv.Problem);
                continue;
            }

            if (csv.FieldCount != headerCount)
            {
                problems.Add(file, csv.Line, string.Create(CultureInfo.InvariantCulture,
                    $"the row has {csv.FieldCount} fields but the header has {headerCount}"));
                continue;
            }

            problems.Add(file, csv.Line, handler(row));
        }

        return true;
    }

    private static string HeaderText(CsvRecordReader csv)
    {
        var names = new List<string>(csv.FieldCount);
        for (var f = 0; f < csv.FieldCount; f++)
        {
            names.Add(csv[f].ToString());
        }

        return string.Join(",", names);
    }

    private static double? Number(ReadOnlySpan<char> text, string column, ref string? problem)
    {
        if (text.IsEmpty)
        {
            problem = Join(problem, column + " is empty");
            return null;
        }

        // Float: digits, one point, sign, exponent; no thousands separators. NaN and infinity parse but are refused.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        problem = Join(problem, $"{column} {EvaluationFrameBuilder.Show(text)} is not a number");
        return null;
    }

    private static bool? Boolean(ReadOnlySpan<char> text, string column, ref string? problem)
    {
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        problem = Join(problem, $"{column} {EvaluationFrameBuilder.Show(text)} is not true or false");
        return null;
    }

    private static Cohort? ParseCohort(ReadOnlySpan<char> text, ref string? problem)
    {
        if (text.Equals("intervention", StringComparison.OrdinalIgnoreCase))
        {
            return Cohort.Intervention;
        }

        if (text.Equals("comparator", StringComparison.OrdinalIgnoreCase))
        {
            return Cohort.Comparator;
        }

        problem = Join(problem, $"cohort {EvaluationFrameBuilder.Show(text)} is not intervention or comparator");
        return null;
    }

    private static EvaluationTimepoint? ParseTimepoint(ReadOnlySpan<char> text, ref string? problem)
    {
        if (text.Equals("baseline", StringComparison.OrdinalIgnoreCase))
        {
            return EvaluationTimepoint.Baseline;
        }

        if (text.Equals("followup", StringComparison.OrdinalIgnoreCase))
        {
            return EvaluationTimepoint.Followup;
        }

        if (text.Equals("discharge", StringComparison.OrdinalIgnoreCase))
        {
            return EvaluationTimepoint.Discharge;
        }

        problem = Join(problem, $"timepoint {EvaluationFrameBuilder.Show(text)} is not baseline, followup or discharge");
        return null;
    }

    private static string? Join(string? a, string? b) => a is null ? b : b is null ? a : a + "; " + b;

    /// <summary>The current record's required columns, trimmed, by their position in the file's column list.</summary>
    private sealed class Row(CsvRecordReader csv, int[] map)
    {
        public int Line => csv.Line;

        public ReadOnlySpan<char> this[int column] => csv[map[column]].Trim();
    }
}
