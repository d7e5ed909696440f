using OneToOne.Evaluation;
using OneToOne.Evaluation.Engine;

namespace OneToOne.Tests.Evaluation.Engine;

/// <summary>`evaluate --from --to --export DIR` writes the live dataset as the CSV files `evaluate --dataset` reads: what is
/// written must read back to exactly the same evaluation.</summary>
public sealed class EvaluationDatasetWriterTests
{
    private static EvaluationDataset Sample()
    {
        var people = new List<EvaluationPerson>();
        var contacts = new List<EvaluationContact>();
        var responses = new List<EvaluationResponse>();
        for (var i = 0; i < 12; i++)
        {
            var key = $"p{i:D2}";
            var cohort = i < 7 ? Cohort.Intervention : Cohort.Comparator;
            people.Add(new EvaluationPerson(key, "Y0A01", cohort, "SharedCare", i % 2 == 0 ? "breast" : null, "60-69", "Female", "White, \"British\""));
            contacts.Add(new EvaluationContact(key, new DateOnly(2026, 3, 1 + i), "Phone", 20.5 + i, i % 3 == 0 ? "Band 4, support worker" : "Nurse"));
            responses.Add(new EvaluationResponse(key, "distress", EvaluationTimepoint.Baseline, 7 - (i % 3)));
            responses.Add(new EvaluationResponse(key, "distress", EvaluationTimepoint.Followup, 4 + (i % 4) + (cohort == Cohort.Comparator ? 2 : 0)));
        }

        return new EvaluationDataset
        {
            People = people,
            Contacts = contacts,
            Responses = responses,
            UnitCosts = new(StringComparer.Ordinal) { ["Band 4, support worker"] = 38.25, ["Nurse"] = 64 },
            Instruments = [new EvaluationInstrument("distress", 0, 10, false, 1)],
        };
    }

    [Fact]
    public void A_written_dataset_reads_back_to_the_same_evaluation()
    {
        var data = Sample();
        var directory = Path.Combine(Path.GetTempPath(), "onetoone-export-" + Guid.NewGuid().ToString("N"));
        try
        {
            EvaluationDatasetWriter.Write(data, directory);
            var (frame, problems) = EvaluationDatasetReader.Read(directory);
            Assert.True(frame is not null, string.Join("; ", problems.Report(10)));

            var settings = new EvaluationSettings { BootstrapResamples = 100, Seed = 7 };
            var direct = EvaluationOutput.Json(EvaluationEngine.Evaluate(data, settings), settings);
            var readBack = EvaluationOutput.Json(EvaluationEngine.Evaluate(frame, settings), settings);
            Assert.Equal(direct, readBack);
            Assert.Equal((12, 7, 12), (EvaluationEngine.Evaluate(frame, settings).People, EvaluationEngine.Evaluate(frame, settings).InterventionPeople,
                EvaluationEngine.Evaluate(frame, settings).Contacts));

            // A comma or a quote in a value is quoted, RFC 4180 style.
            Assert.Contains("\"Band 4, support worker\",38.25", File.ReadAllText(Path.Combine(directory, "unit_costs.csv")), StringComparison.Ordinal);
            Assert.Contains("\"White, \"\"British\"\"\"", File.ReadAllText(Path.Combine(directory, "people.csv")), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
