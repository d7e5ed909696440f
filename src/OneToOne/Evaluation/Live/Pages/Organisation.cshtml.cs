using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;

namespace OneToOne.Evaluation.Live.Pages;

/// <summary>One organisation's dashboard: always below programme level, so every figure is through small-number suppression.
/// Organisations are programme reference data, so the route names one by its ODS code for any evaluator.</summary>
[Authorize(Policy = Policies.Evaluation)]
internal sealed class OrganisationModel(FilterChoices choices, LiveEvaluation evaluation, TimeProvider clock, OneToOneDb db) : PageModel
{
    private static readonly string[] OrganisationLevelTables = ["by-organisation", "escalation-funnel"];

    [BindProperty(SupportsGet = true)]
    public FilterInput Filter { get; set; } = new();

    public FilterChoices Choices => choices;

    public EvaluationReport? Report { get; private set; }

    public string Ods { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string Query { get; private set; } = "";

    public FilterForm Form => new(Filter, choices, "/evaluation/organisations/" + Uri.EscapeDataString(Ods), ShowOrganisation: false, Open: !ModelState.IsValid);

    public TableView View(ReportTable table) => new(table, Report?.Funnel, LinkRows: false, Query);

    public IEnumerable<ReportTable> Tables => Report?.Tables.Where(t => !OrganisationLevelTables.Contains(t.Id)) ?? [];

    public async Task<IActionResult> OnGetAsync(string ods, CancellationToken ct)
    {
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.OdsCode == ods).Select(o => new { o.Id, o.OdsCode, o.Name }).FirstOrDefaultAsync(ct);
        if (organisation is null)
        {
            return NotFound();
        }

        Ods = organisation.OdsCode;
        Name = organisation.Name;
        await choices.LoadAsync(ct);
        if (choices.Build(Filter, UkTime.Today(clock), ModelState, organisation.OdsCode) is { } built)
        {
            Report = await evaluation.ReportAsync(built.Filter, built.Comparator, "evaluation.view", organisation.Id, ct);
            Query = LiveFilters.QueryString(built.Filter, built.Comparator);
            Filter.From = built.Filter.From;
            Filter.To = built.Filter.To;
        }

        return Page();
    }
}
