using System.Globalization;
using Microsoft.Extensions.Options;
using OneToOne.Evaluation.Engine;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Data;

namespace OneToOne.Evaluation.Live;

/// <summary>One evaluation view: read the snapshot, run the engine, build the tables through disclosure control, and audit the
/// view as one event (what was looked at, never who was in it).</summary>
internal sealed class LiveEvaluation(LiveEvaluationReader reader, IOptions<EvaluationOptions> options, AuditTrail audit, OneToOneDb db)
{
    public async Task<EvaluationReport> ReportAsync(EvaluationFilter filter, Comparator comparator, string action, Guid auditedId, CancellationToken ct)
    {
        var snapshot = await reader.ReadAsync(filter, comparator, ct);
        var dataset = LiveDataset.ForDashboard(snapshot, out _, out var outOfRange);
        var result = EvaluationEngine.Evaluate(dataset, LiveDataset.Settings(options.Value));
        var report = ReportBuilder.Build(snapshot, result, DisclosureRules.From(options.Value));
        if (outOfRange > 0)
        {
            report = report with
            {
                Warnings = [.. report.Warnings, string.Create(CultureInfo.InvariantCulture,
                    $"{outOfRange} questionnaire scores were outside their instrument's range and were left out of the outcomes. Check the questionnaires' published versions against the evaluation's instrument table.")],
            };
        }

        audit.Record(action, "Evaluation", auditedId, null, Describe(filter, comparator, snapshot.ProgrammeLevel, snapshot.Intervention.Count()));
        await db.SaveChangesAsync(ct);
        return report;
    }

    /// <summary>The audit detail: the period, the filter and how many people were covered (a count, no one's details).</summary>
    internal static string Describe(EvaluationFilter filter, Comparator comparator, bool programmeLevel, int people)
    {
        var parts = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{filter.From:yyyy-MM-dd} to {filter.To:yyyy-MM-dd}"),
            programmeLevel ? "programme level" : "below programme level",
        };
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add($"{name} {value}");
            }
        }

        Add("organisation", filter.Organisation);
        Add("pathway level", filter.PathwayLevel);
        Add("tumour site", filter.TumourSite);
        Add("staff role", filter.StaffRole);
        Add("age band", filter.AgeBand);
        Add("sex", filter.Sex);
        Add("ethnic group", filter.Ethnicity);
        parts.Add("comparator " + LiveFilters.ComparatorValue(comparator));
        parts.Add(string.Create(CultureInfo.InvariantCulture, $"{people} people"));
        return string.Join("; ", parts);
    }
}
