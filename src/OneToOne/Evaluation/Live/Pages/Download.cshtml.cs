using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;

namespace OneToOne.Evaluation.Live.Pages;

/// <summary>The dashboard's tables as CSV or XLSX: the same cells the page shows, after disclosure control. Audited as a
/// download (one event, the filter only).</summary>
[Authorize(Policy = Policies.Evaluation)]
internal sealed class DownloadModel(FilterChoices choices, LiveEvaluation evaluation, TimeProvider clock, OneToOneDb db) : PageModel
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [BindProperty(SupportsGet = true)]
    public FilterInput Filter { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "format")]
    public string? Format { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Format is not ("csv" or "xlsx"))
        {
            return NotFound();
        }

        await choices.LoadAsync(ct);
        if (choices.Build(Filter, UkTime.Today(clock), ModelState) is not { } built)
        {
            return BadRequest();
        }

        var auditedId = built.Filter.Organisation is { } ods
            ? await db.Organisations.AsNoTracking().Where(o => o.OdsCode == ods).Select(o => o.Id).FirstAsync(ct)
            : Guid.Empty;
        var report = await evaluation.ReportAsync(built.Filter, built.Comparator, "evaluation.download." + Format, auditedId, ct);
        var name = string.Create(CultureInfo.InvariantCulture,
            $"evaluation-{built.Filter.Organisation ?? "programme"}-{built.Filter.From:yyyy-MM-dd}-to-{built.Filter.To:yyyy-MM-dd}.{Format}");
        return Format == "csv"
            ? File(Downloads.Csv(report), "text/csv; charset=utf-8", name)
            : File(Downloads.Xlsx(report), XlsxType, name);
    }
}
