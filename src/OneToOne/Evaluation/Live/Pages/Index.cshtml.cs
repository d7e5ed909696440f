using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Time;

namespace OneToOne.Evaluation.Live.Pages;

/// <summary>The programme dashboard: every organisation together, exact at programme level, with each organisation (and each
/// other split) through small-number suppression.</summary>
[Authorize(Policy = Policies.Evaluation)]
internal sealed class IndexModel(FilterChoices choices, LiveEvaluation evaluation, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public FilterInput Filter { get; set; } = new();

    public FilterChoices Choices => choices;

    public EvaluationReport? Report { get; private set; }

    public string Query { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        await choices.LoadAsync(ct);
        if (choices.Build(Filter, UkTime.Today(clock), ModelState) is { } built)
        {
            Report = await evaluation.ReportAsync(built.Filter, built.Comparator, "evaluation.view", Guid.Empty, ct);
            Query = LiveFilters.QueryString(built.Filter, built.Comparator);
            Filter.From = built.Filter.From;
            Filter.To = built.Filter.To;
        }
    }

    public FilterForm Form => new(Filter, choices, "/evaluation", ShowOrganisation: true, Open: !ModelState.IsValid);

    /// <summary>A table with its chart; organisations' rows link to their own dashboards.</summary>
    public TableView View(ReportTable table) =>
        new(table, Report?.Funnel, table.Id is "by-organisation" or "escalation-funnel", OrganisationQuery);

    /// <summary>The query without the organisation, for links to one organisation's page.</summary>
    public string OrganisationQuery => Report is null ? "" : LiveFilters.QueryString(Report.Filter, Report.Comparator, includeOrganisation: false);
}
