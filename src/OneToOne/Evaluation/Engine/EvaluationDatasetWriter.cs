using System.Globalization;
using System.Text;

namespace OneToOne.Evaluation.Engine;

/// <summary>Writes a dataset as the five CSV files `evaluate --dataset` reads (docs/evaluation.md), so the live data can be
/// evaluated elsewhere, or by another tool from the same files (`evaluate --from --to --export DIR`). UTF-8 without a
/// byte-order mark, a header row, ISO dates, numbers in the invariant culture, fields quoted when they need it.</summary>
internal static class EvaluationDatasetWriter
{
    public static void Write(EvaluationDataset data, string directory)
    {
        ArgumentNullException.ThrowIfNull(data);
        Directory.CreateDirectory(directory);
        Write(directory, EvaluationDatasetReader.PeopleFile, "person_key,organisation,cohort,pathway_level,tumour_site,age_band,sex,ethnicity",
            data.People, p => [p.PersonKey, p.Organisation, p.Cohort == Cohort.Comparator ? "comparator" : "intervention", p.PathwayLevel,
                p.TumourSite, p.AgeBand, p.Sex, p.Ethnicity]);
        Write(directory, EvaluationDatasetReader.ContactsFile, "person_key,date,mode,duration_minutes,staff_role",
            data.Contacts, c => [c.PersonKey, c.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.Mode, Number(c.DurationMinutes), c.StaffRole]);
        Write(directory, EvaluationDatasetReader.ResponsesFile, "person_key,instrument,timepoint,score",
            data.Responses, r => [r.PersonKey, r.Instrument, EvaluationFrameBuilder.TimepointName(r.Timepoint), Number(r.Score)]);
        Write(directory, EvaluationDatasetReader.UnitCostsFile, "staff_role,cost_per_hour",
            data.UnitCosts.OrderBy(u => u.Key, StringComparer.Ordinal), u => [u.Key, Number(u.Value)]);
        Write(directory, EvaluationDatasetReader.InstrumentsFile, "instrument,min,max,higher_is_better,minimal_important_difference",
            data.Instruments, i => [i.Code, Number(i.Min), Number(i.Max), i.HigherIsBetter ? "true" : "false", Number(i.MinimalImportantDifference)]);
    }

    private static void Write<T>(string directory, string file, string header, IEnumerable<T> rows, Func<T, string?[]> fields)
    {
        using var writer = new StreamWriter(Path.Combine(directory, file), false, new UTF8Encoding(false), 1 << 16);
        writer.Write(header);
        writer.Write('\n');
        var line = new StringBuilder();
        foreach (var row in rows)
        {
            line.Clear();
            var values = fields(row);
            for (var i = 0; i < values.Length; i++)
            {
                if (i > 0)
                {
                    line.Append(',');
                }

                Field(line, values[i]);
            }

            line.Append('\n');
            writer.Write(line);
        }
    }

    /// <summary>RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.</summary>
    private static void Field(StringBuilder line, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(value);
            return;
        }

        line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
