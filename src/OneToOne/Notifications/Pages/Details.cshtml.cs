using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Notifications.Pages;

/// <summary>One message in full, for administrators only: opening it is audited against the person it was sent to
/// (it is their personal data). A failed or rejected message can be sent again from here.</summary>
[Authorize(Policy = Policies.Admin)]
internal sealed class DetailsModel(OneToOneDb db, AuditTrail audit) : PageModel
{
    public const string NotRetryableMessage = "This message is no longer failed, so it was not sent again. Reload the page to see where it is now.";

    public OutboxMessage Message { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid messageId, CancellationToken ct)
    {
        var message = await db.Set<OutboxMessage>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, ct);
        if (message is null)
        {
            return NotFound();
        }

        Message = message;
        await audit.ViewedAsync("OutboxMessage", message.Id, message.PersonId, ct, detail: message.Template);
        return Page();
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid messageId, CancellationToken ct)
    {
        var message = await db.Set<OutboxMessage>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, ct);
        if (message is null)
        {
            return NotFound();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Conditional: only a message that is still failed goes back in the queue (a second click, or another administrator, changes nothing).
        var retried = await db.Set<OutboxMessage>()
            .Where(m => m.Id == messageId && (m.Status == OutboxStatus.Failed || m.Status == OutboxStatus.PermanentFailure))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(m => m.ClaimId, (Guid?)null), ct);
        if (retried == 0)
        {
            await transaction.RollbackAsync(ct);
            ModelState.AddModelError("", NotRetryableMessage);
            Message = message;
            return Page();
        }

        audit.Record("outbox.retry", "OutboxMessage", message.Id, message.PersonId,
            string.Create(CultureInfo.InvariantCulture, $"{message.Status} after {message.Attempts} attempts"));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TempData["Success"] = "The message will be sent again within a minute";
        return RedirectToPage(new { messageId });
    }
}
