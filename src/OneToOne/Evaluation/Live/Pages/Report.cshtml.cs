using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;

namespace OneToOne.Evaluation.Live.Pages;

/// <summary>The printable evaluation report for a period (and, optionally, one organisation or other filter): the same tables
/// as the dashboards on a plain page for printing or saving as PDF.</summary>
[Authorize(Policy = Policies.Evaluation)]
internal sealed class ReportModel(FilterChoices choices, LiveEvaluation evaluation, TimeProvider clock, OneToOneDb db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public FilterInput Filter { get; set; } = new();

    public EvaluationReport? Report { get; private set; }

    public string Scope { get; private set; } = "All partner organisations";

    public string Query { get; private set; } = "";

    public DateOnly Today { get; private set; }

    public TableView View(ReportTable table) => new(table, Report?.Funnel, LinkRows: false, Query, SubHeading: true);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Today = UkTime.Today(clock);
        await choices.LoadAsync(ct);
        if (choices.Build(Filter, Today, ModelState) is not { } built)
        {
            // A report is reached from a dashboard's link; a bad address goes back to the dashboard's form.
            return BadRequest();
        }

        var auditedId = Guid.Empty;
        if (built.Filter.Organisation is { } ods)
        {
            var organisation = await db.Organisations.AsNoTracking().Where(o => o.OdsCode == ods).Select(o => new { o.Id, o.Name }).FirstAsync(ct);
            auditedId = organisation.Id;
            Scope = $"{organisation.Name} ({ods})";
        }

        Report = await evaluation.ReportAsync(built.Filter, built.Comparator, "evaluation.report", auditedId, ct);
        Query = LiveFilters.QueryString(built.Filter, built.Comparator);
        return Page();
    }
}
