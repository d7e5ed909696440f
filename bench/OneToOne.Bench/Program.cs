using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;

// Benchmark tools for `evaluate --dataset` (bench/evaluation-dataset.sh):
//   generate DIR [--people N] [--seed N]   a synthetic dataset in the format of docs/evaluation.md
//   duckdb DIR [--check RESULT.json]       the same aggregates in DuckDB, timed; with --check, compared with evaluate's JSON
return args switch
{
    ["generate", var dir, .. var rest] => Generator.Run(dir, Option(rest, "--people") ?? 1_000_000, Option(rest, "--seed") ?? 2014),
    ["duckdb", var dir, .. var rest] => DuckDbAggregates.Run(dir, Text(rest, "--check")),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("Usage: generate DIR [--people N] [--seed N] | duckdb DIR [--check RESULT.json]");
    return 2;
}

static int? Option(string[] args, string name) =>
    Text(args, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;

static string? Text(string[] args, string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

/// <summary>A national-size synthetic dataset: about 4 contacts and 3 responses a person (distress at baseline for
/// everyone, at follow-up for 80%; confidence at baseline for 70% and follow-up for about half), 70% in the intervention
/// cohort, whose distress falls by about 2 points against about 0.5 in the comparator.</summary>
internal static class Generator
{
    private static readonly string[] Organisations = [.. Enumerable.Range(1, 20).Select(i => "RX" + (char)('A' + (i % 26)) + i.ToString("00", CultureInfo.InvariantCulture))];
    private static readonly string[] Sites = ["Breast", "Lung", "Colorectal", "Prostate", "Haematological", "Skin", "Gynaecological", "Head and neck"];
    private static readonly string[] Ages = ["18-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80+"];
    private static readonly string[] Sexes = ["Female", "Male"];
    private static readonly string[] Ethnicities = ["White British", "White other", "Asian British", "Black British", "Mixed", "Other", "Not stated"];
    private static readonly string[] Modes = ["Face to face", "Telephone", "Video", "Group", "Email"];
    private static readonly int[] Durations = [10, 15, 20, 30, 45, 60, 90];
    private const string SupportWorker = "Support worker";
    private const string Coordinator = "\"Band 4, care coordinator\"";
    private const string Nurse = "Clinical nurse specialist";

    public static int Run(string dir, int people, int seed)
    {
        Directory.CreateDirectory(dir);
        var clock = Stopwatch.StartNew();
        var rng = new Random(seed);
        File.WriteAllText(Path.Combine(dir, "instruments.csv"),
            "instrument,min,max,higher_is_better,minimal_important_difference\ndistress,0,10,false,1\nconfidence,0,10,true,1\n");
        File.WriteAllText(Path.Combine(dir, "unit_costs.csv"),
            $"staff_role,cost_per_hour\n{SupportWorker},34\n{Coordinator},38.25\n{Nurse},71.5\n");

        long contacts = 0, responses = 0;
        using var p = Open(dir, "people.csv");
        using var c = Open(dir, "contacts.csv");
        using var r = Open(dir, "responses.csv");
        p.Write("person_key,organisation,cohort,pathway_level,tumour_site,age_band,sex,ethnicity\n");
        c.Write("person_key,date,mode,duration_minutes,staff_role\n");
        r.Write("person_key,instrument,timepoint,score\n");
        Span<char> key = stackalloc char[8];
        for (var i = 1; i <= people; i++)
        {
            key[0] = 'P';
            i.TryFormat(key[1..], out _, "0000000", CultureInfo.InvariantCulture);
            var intervention = rng.NextDouble() < 0.7;
            p.Write(key);
            p.Write(',');
            p.Write(Organisations[rng.Next(Organisations.Length)]);
            p.Write(intervention ? ",intervention," : ",comparator,");
            Int(p, rng.Next(1, 4));
            p.Write(',');
            p.Write(Sites[rng.Next(Sites.Length)]);
            p.Write(',');
            p.Write(Ages[rng.Next(Ages.Length)]);
            p.Write(',');
            p.Write(Sexes[rng.Next(Sexes.Length)]);
            p.Write(',');
            p.Write(Ethnicities[rng.Next(Ethnicities.Length)]);
            p.Write('\n');

            var n = rng.Next(0, 9); // mean 4
            for (var k = 0; k < n; k++)
            {
                c.Write(key);
                c.Write(",2024-");
                Int2(c, rng.Next(1, 13));
                c.Write('-');
                Int2(c, rng.Next(1, 29));
                c.Write(',');
                c.Write(Modes[rng.Next(Modes.Length)]);
                c.Write(',');
                Int(c, Durations[rng.Next(Durations.Length)]);
                c.Write(',');
                var roll = rng.NextDouble();
                c.Write(intervention ? (roll < 0.7 ? SupportWorker : roll < 0.85 ? Coordinator : Nurse) : (roll < 0.8 ? Nurse : SupportWorker));
                c.Write('\n');
            }

            contacts += n;
            var gain = intervention ? 2.0 : 0.5;
            var distress = rng.Next(2, 10);
            responses += Response(r, key, "distress", "baseline", distress);
            if (rng.NextDouble() < 0.8)
            {
                responses += Response(r, key, "distress", "followup", Clamp(distress - gain + ((rng.NextDouble() * 5) - 2.5)));
            }

            if (rng.NextDouble() < 0.7)
            {
                var confidence = rng.Next(1, 9);
                responses += Response(r, key, "confidence", "baseline", confidence);
                if (rng.NextDouble() < 0.72)
                {
                    responses += Response(r, key, "confidence", "followup", Clamp(confidence + (gain * 0.8) + ((rng.NextDouble() * 5) - 2.5)));
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"GENERATE people={people} contacts={contacts} responses={responses} seconds={clock.Elapsed.TotalSeconds:F1} dir={dir}"));
        return 0;
    }

    private static StreamWriter Open(string dir, string name) =>
        new(Path.Combine(dir, name), false, new UTF8Encoding(false), 1 << 20);

    private static int Clamp(double score) => (int)Math.Clamp(Math.Round(score), 0, 10);

    private static int Response(StreamWriter w, ReadOnlySpan<char> key, string instrument, string timepoint, int score)
    {
        w.Write(key);
        w.Write(',');
        w.Write(instrument);
        w.Write(',');
        w.Write(timepoint);
        w.Write(',');
        Int(w, score);
        w.Write('\n');
        return 1;
    }

    private static void Int(StreamWriter w, int value)
    {
        Span<char> digits = stackalloc char[11];
        value.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        w.Write(digits[..written]);
    }

    private static void Int2(StreamWriter w, int value)
    {
        Span<char> digits = stackalloc char[2];
        value.TryFormat(digits, out _, "00", CultureInfo.InvariantCulture);
        w.Write(digits);
    }
}

/// <summary>DuckDB (in memory, all cores) loading the same CSV files and computing what `evaluate` computes besides its
/// tests and bootstrap: each person's cost, cost per cohort, paired means and changes (with the SD of change) per
/// instrument over the intervention cohort, and cost and effect per cohort among people with distress at baseline and
/// follow-up.</summary>
internal static class DuckDbAggregates
{
    public static int Run(string dir, string? check)
    {
        string F(string name) => Path.Combine(dir, name).Replace("'", "''", StringComparison.Ordinal);
        var total = Stopwatch.StartNew();
        using var db = new DuckDBConnection("DataSource=:memory:");
        db.Open();

        var clock = Stopwatch.StartNew();
        Execute(db, $$"""
            CREATE TABLE people AS SELECT * FROM read_csv('{{F("people.csv")}}', header = true, columns = {'person_key': 'VARCHAR', 'organisation': 'VARCHAR', 'cohort': 'VARCHAR', 'pathway_level': 'VARCHAR', 'tumour_site': 'VARCHAR', 'age_band': 'VARCHAR', 'sex': 'VARCHAR', 'ethnicity': 'VARCHAR'});
            CREATE TABLE contacts AS SELECT * FROM read_csv('{{F("contacts.csv")}}', header = true, columns = {'person_key': 'VARCHAR', 'date': 'DATE', 'mode': 'VARCHAR', 'duration_minutes': 'DOUBLE', 'staff_role': 'VARCHAR'});
            CREATE TABLE responses AS SELECT * FROM read_csv('{{F("responses.csv")}}', header = true, columns = {'person_key': 'VARCHAR', 'instrument': 'VARCHAR', 'timepoint': 'VARCHAR', 'score': 'DOUBLE'});
            CREATE TABLE unit_costs AS SELECT * FROM read_csv('{{F("unit_costs.csv")}}', header = true, columns = {'staff_role': 'VARCHAR', 'cost_per_hour': 'DOUBLE'});
            CREATE TABLE instruments AS SELECT * FROM read_csv('{{F("instruments.csv")}}', header = true, columns = {'instrument': 'VARCHAR', 'min': 'DOUBLE', 'max': 'DOUBLE', 'higher_is_better': 'BOOLEAN', 'minimal_important_difference': 'DOUBLE'});
            """);
        var load = clock.Elapsed.TotalSeconds;

        clock.Restart();
        Execute(db, """
            CREATE TABLE person_cost AS
              SELECT p.person_key, p.cohort, COALESCE(SUM(c.duration_minutes / 60.0 * u.cost_per_hour), 0) AS cost
              FROM people p LEFT JOIN contacts c ON c.person_key = p.person_key LEFT JOIN unit_costs u ON u.staff_role = c.staff_role
              GROUP BY p.person_key, p.cohort;
            CREATE TABLE wide AS
              SELECT person_key, instrument,
                MAX(score) FILTER (WHERE timepoint = 'baseline') AS b,
                MAX(score) FILTER (WHERE timepoint = 'followup') AS f,
                MAX(score) FILTER (WHERE timepoint = 'discharge') AS d
              FROM responses GROUP BY person_key, instrument;
            """);
        var costs = Query(db, "SELECT cohort, COUNT(*), SUM(cost), AVG(cost) FROM person_cost GROUP BY cohort ORDER BY cohort");
        var outcomes = Query(db, """
            SELECT w.instrument, 'followup', COUNT(*), AVG(b), AVG(f), AVG(f - b), STDDEV_SAMP(f - b)
              FROM wide w JOIN people p USING (person_key) WHERE p.cohort = 'intervention' AND b IS NOT NULL AND f IS NOT NULL GROUP BY w.instrument
            UNION ALL
            SELECT w.instrument, 'discharge', COUNT(*), AVG(b), AVG(d), AVG(d - b), STDDEV_SAMP(d - b)
              FROM wide w JOIN people p USING (person_key) WHERE p.cohort = 'intervention' AND b IS NOT NULL AND d IS NOT NULL GROUP BY w.instrument
            ORDER BY 1, 2
            """);
        var ce = Query(db, """
            SELECT pc.cohort, COUNT(*), AVG(pc.cost), AVG(CASE WHEN i.higher_is_better THEN f - b ELSE b - f END)
              FROM wide w JOIN person_cost pc USING (person_key) JOIN instruments i USING (instrument)
              WHERE w.instrument = 'distress' AND b IS NOT NULL AND f IS NOT NULL GROUP BY pc.cohort ORDER BY pc.cohort
            """);
        var aggregate = clock.Elapsed.TotalSeconds;

        foreach (var row in costs.Concat(outcomes).Concat(ce))
        {
            Console.WriteLine("  " + string.Join(" | ", row.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"DUCKDB version={db.ServerVersion} load_seconds={load:F3} aggregate_seconds={aggregate:F3} total_seconds={total.Elapsed.TotalSeconds:F3}"));
        return check is null ? 0 : Compare(check, costs, outcomes, ce);
    }

    /// <summary>Compares DuckDB's figures with evaluate's JSON: the largest relative difference, and every value off by more
    /// than 1e-9.</summary>
    private static int Compare(string file, List<object?[]> costs, List<object?[]> outcomes, List<object?[]> ce)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var root = json.RootElement;
        var worst = 0.0;
        var compared = 0;
        var bad = 0;
        void Same(string what, double duck, double ours)
        {
            var diff = Math.Abs(duck - ours) / Math.Max(1e-12, Math.Abs(duck));
            worst = Math.Max(worst, diff);
            compared++;
            if (diff > 1e-9)
            {
                bad++;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  DIFFERENT {what}: duckdb {duck:R} evaluate {ours:R}"));
            }
        }

        static double D(object? v) => Convert.ToDouble(v, CultureInfo.InvariantCulture);
        var costJson = root.GetProperty("costs");
        Same("total cost", costs.Sum(r => D(r[2])), costJson.GetProperty("totalCost").GetDouble());
        foreach (var row in costs)
        {
            var cohort = (string)row[0]!;
            Same("people " + cohort, D(row[1]), root.GetProperty(cohort + "People").GetDouble());
            Same("mean cost " + cohort, D(row[3]), costJson.GetProperty(cohort == "intervention" ? "meanCostIntervention" : "meanCostComparator").GetDouble());
        }

        foreach (var row in outcomes)
        {
            var o = root.GetProperty("outcomes").EnumerateArray()
                .Single(x => x.GetProperty("instrument").GetString() == (string)row[0]! && x.GetProperty("to").GetString() == (string)row[1]!);
            var label = row[0] + " " + row[1];
            Same(label + " pairs", D(row[2]), o.GetProperty("pairs").GetDouble());
            Same(label + " meanBefore", D(row[3]), o.GetProperty("meanBefore").GetDouble());
            Same(label + " meanAfter", D(row[4]), o.GetProperty("meanAfter").GetDouble());
            Same(label + " meanChange", D(row[5]), o.GetProperty("meanChange").GetDouble());
            Same(label + " effectSize (mean/SD)", D(row[5]) / D(row[6]), o.GetProperty("effectSize").GetDouble());
        }

        var ceJson = root.GetProperty("costEffectiveness");
        foreach (var row in ce)
        {
            var suffix = (string)row[0]! == "intervention" ? "Intervention" : "Comparator";
            Same("CE people " + suffix, D(row[1]), ceJson.GetProperty(((string)row[0]!) + "People").GetDouble());
            Same("CE mean cost " + suffix, D(row[2]), ceJson.GetProperty("meanCost" + suffix).GetDouble());
            Same("CE mean effect " + suffix, D(row[3]), ceJson.GetProperty("meanEffect" + suffix).GetDouble());
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CHECK compared={compared} different={bad} max_relative_difference={worst:E2}"));
        return bad == 0 ? 0 : 1;
    }

    private static void Execute(DuckDBConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<object?[]> Query(DuckDBConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
