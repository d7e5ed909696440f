using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Platform.Admin.Pages.Audit;

/// <summary>Searches the organisation's audit trail, newest first, 50 a page. Every filter narrows on a
/// leading index column after OrganisationId (OccurredAt, PersonId or UserId), and the page asks for one row more
/// than it shows instead of counting, so the search stays fast on millions of rows. The search is itself audited.</summary>
[Authorize(Policy = Policies.Admin)]
internal sealed class IndexModel(OneToOneDb db, AuditTrail audit) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public AuditFilter Filter { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];

    public bool HasNextPage { get; private set; }

    public AuditVerification.Result? Verification { get; private set; }

    public sealed class AuditFilter
    {
        [Display(Name = "From")]
        public DateOnly? From { get; set; }

        [Display(Name = "To")]
        public DateOnly? To { get; set; }

        [StringLength(256, ErrorMessage = "User must be 256 characters or fewer")]
        [Display(Name = "User (email or name contains)")]
        public string? User { get; set; }

        [StringLength(64, ErrorMessage = "Action must be 64 characters or fewer")]
        [Display(Name = "Action")]
        public string? Action { get; set; }

        [StringLength(64, ErrorMessage = "Record type must be 64 characters or fewer")]
        [Display(Name = "Record type")]
        public string? EntityType { get; set; }

        [StringLength(64, ErrorMessage = "Record ID must be 64 characters or fewer")]
        [Display(Name = "Record ID")]
        public string? RecordId { get; set; }

        [StringLength(36, ErrorMessage = "Enter a person ID in the correct format, like 0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")]
        [Display(Name = "Person ID")]
        public string? PersonId { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        Guid? personId = null;
        if (!string.IsNullOrWhiteSpace(Filter.PersonId))
        {
            if (Guid.TryParse(Filter.PersonId.Trim(), out var parsed))
            {
                personId = parsed;
            }
            else if (ModelState.GetFieldValidationState("Filter.PersonId") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
            {
                ModelState.AddModelError("Filter.PersonId", "Enter a person ID in the correct format, like 0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
            }
        }

        if (Filter is { From: { } from, To: { } to } && to < from)
        {
            ModelState.AddModelError("Filter.To", "The 'to' date must be the same as or after the 'from' date");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var query = db.AuditEvents.AsNoTracking();
        var used = new List<string>();
        if (Filter.From is { } fromDate)
        {
            var start = UkMidnightUtc(fromDate);
            query = query.Where(e => e.OccurredAt >= start);
            used.Add("from " + fromDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (Filter.To is { } toDate)
        {
            var end = UkMidnightUtc(toDate.AddDays(1));
            query = query.Where(e => e.OccurredAt < end);
            used.Add("to " + toDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrWhiteSpace(Filter.User))
        {
            // Match the organisation's accounts and API clients first, then use the (OrganisationId, UserId, OccurredAt) index.
            // An organisation has hundreds of accounts, not millions: matching them in memory is cheap and provider-neutral.
            var text = Filter.User.Trim();
            var accountIds = (await db.InOrganisation().AsNoTracking().Select(u => new { u.Id, u.Email, u.DisplayName }).ToListAsync(ct))
                .Where(u => (u.Email ?? "").Contains(text, StringComparison.OrdinalIgnoreCase) || u.DisplayName.Contains(text, StringComparison.OrdinalIgnoreCase))
                .Select(u => u.Id);
            var clientIds = (await db.ApiClients.AsNoTracking().Select(c => new { c.Id, c.Name }).ToListAsync(ct))
                .Where(c => c.Name.Contains(text, StringComparison.OrdinalIgnoreCase)).Select(c => c.Id);
            var ids = accountIds.Concat(clientIds).Select(id => (Guid?)id).ToList();
            query = query.Where(e => ids.Contains(e.UserId));
            used.Add("user");
        }

        if (!string.IsNullOrWhiteSpace(Filter.Action))
        {
            var action = Filter.Action.Trim().ToLowerInvariant();
            query = query.Where(e => e.Action == action);
            used.Add("action " + action);
        }

        if (!string.IsNullOrWhiteSpace(Filter.EntityType))
        {
            var type = Filter.EntityType.Trim();
            query = query.Where(e => e.EntityType == type);
            used.Add("record type " + type);
        }

        if (!string.IsNullOrWhiteSpace(Filter.RecordId))
        {
            var recordId = Guid.TryParse(Filter.RecordId.Trim(), out var g) ? g.ToString() : Filter.RecordId.Trim();
            query = query.Where(e => e.EntityId == recordId);
            used.Add("record id");
        }

        if (personId is { } person)
        {
            query = query.Where(e => e.PersonId == person);
            used.Add("person");
        }

        var rows = await query.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Sequence)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        HasNextPage = rows.Count > PageSize;
        Events = [.. rows.Take(PageSize)];

        // Searching someone's trail is itself an access to their record: the person id goes on the event.
        audit.Record("audit.search", "AuditEvent", Guid.Empty, personId, string.Create(CultureInfo.InvariantCulture,
            $"{(used.Count == 0 ? "no filters" : string.Join("; ", used))}; page {PageNumber}; {Events.Count} shown"));
        await db.SaveChangesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        Verification = await AuditVerification.VerifyOrganisationAsync(db, ct);
        audit.Record("audit.verify", "AuditEvent", Guid.Empty, detail: string.Create(CultureInfo.InvariantCulture,
            $"{Verification.Events} events, {Verification.Breaks.Count} breaks"));
        await db.SaveChangesAsync(ct);
        return Page();
    }

    public string PageLink(int page)
    {
        static string? Part(DateOnly? date, Func<DateOnly, int> part) =>
            date is { } d ? part(d).ToString(CultureInfo.InvariantCulture) : null;
        // Dates go back as the date input's own parts, so the same binder reads them.
        var query = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Filter.From.Day"] = Part(Filter.From, d => d.Day),
            ["Filter.From.Month"] = Part(Filter.From, d => d.Month),
            ["Filter.From.Year"] = Part(Filter.From, d => d.Year),
            ["Filter.To.Day"] = Part(Filter.To, d => d.Day),
            ["Filter.To.Month"] = Part(Filter.To, d => d.Month),
            ["Filter.To.Year"] = Part(Filter.To, d => d.Year),
            ["Filter.User"] = Filter.User,
            ["Filter.Action"] = Filter.Action,
            ["Filter.EntityType"] = Filter.EntityType,
            ["Filter.RecordId"] = Filter.RecordId,
            ["Filter.PersonId"] = Filter.PersonId,
            ["pageNumber"] = page.ToString(CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/admin/audit",
            query.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)));
    }

    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>The UTC instant a UK calendar day starts (00:00 GMT or BST).</summary>
    internal static DateTimeOffset UkMidnightUtc(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, London), TimeSpan.Zero);
    }
}
