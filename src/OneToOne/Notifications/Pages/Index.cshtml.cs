using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Notifications.Pages;

/// <summary>The organisation's outbox for administrators, newest first, 50 a page: status, channel, a masked
/// recipient (never the whole address or number in a list), attempts and the last error. Failed messages are called
/// out at the top with a way to retry them all. The listing is audited.</summary>
[Authorize(Policy = Policies.Admin)]
internal sealed class IndexModel(OneToOneDb db, AuditTrail audit) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Guid Id, DateTimeOffset CreatedAt, string Channel, string To, string? Template, OutboxStatus Status, int Attempts, string? LastError);

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public bool HasNextPage { get; private set; }

    public int FailedCount { get; private set; }

    public OutboxStatus? StatusFilter { get; private set; }

    public IReadOnlyList<SelectListItem> StatusItems =>
        [new("All messages", ""), .. OutboxText.Filterable.Select(s => new SelectListItem(OutboxText.Status(s, 0), s.ToString(), s == StatusFilter))];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        StatusFilter = Enum.TryParse<OutboxStatus>(Status, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
        var outbox = db.Set<OutboxMessage>().AsNoTracking();
        FailedCount = await outbox.CountAsync(m => m.Status == OutboxStatus.Failed, ct);
        var query = StatusFilter is { } status ? outbox.Where(m => m.Status == status) : outbox;
        var rows = await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(m => new Row(m.Id, m.CreatedAt, m.Channel, m.To, m.Template, m.Status, m.Attempts, m.LastError))
            .ToListAsync(ct);
        HasNextPage = rows.Count > PageSize;
        Rows = [.. rows.Take(PageSize).Select(r => r with { To = RecipientMask.Mask(r.To, r.Channel) })];
        audit.Record("outbox.list", "OutboxMessage", Guid.Empty, detail: string.Create(CultureInfo.InvariantCulture,
            $"{StatusFilter?.ToString() ?? "all"}; page {PageNumber}; {Rows.Count} shown"));
        await db.SaveChangesAsync(ct);
        return Page();
    }

    /// <summary>Puts every Failed message back in the queue with a fresh set of attempts (after an outage, or once the provider's settings are fixed).</summary>
    public async Task<IActionResult> OnPostRetryFailedAsync(CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var count = await db.Set<OutboxMessage>().Where(m => m.Status == OutboxStatus.Failed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(m => m.ClaimId, (Guid?)null), ct);
        audit.Record("outbox.retry-failed", "OutboxMessage", Guid.Empty, detail: string.Create(CultureInfo.InvariantCulture, $"{count} messages"));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TempData["Success"] = count == 1 ? "1 failed message will be sent again" : string.Create(CultureInfo.InvariantCulture, $"{count} failed messages will be sent again");
        return RedirectToPage();
    }

    public string PageLink(int page)
    {
        var query = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["status"] = StatusFilter?.ToString(),
            ["pageNumber"] = page.ToString(CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/admin/outbox", query.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
