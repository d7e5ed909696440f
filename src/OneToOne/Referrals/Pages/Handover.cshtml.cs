using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Worklists;

namespace OneToOne.Referrals.Pages;

/// <summary>Where a Handover task points: why the person was handed over, and "I have taken over", which marks the new
/// key worker's handover task done. Only the key worker or a team lead may confirm.</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class HandoverModel(OneToOneDb db, AuditTrail audit, CurrentUser user) : PageModel
{
    public const string NotKeyWorker = "Only the new key worker or a team lead can confirm the handover";

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public Referral Referral { get; private set; } = null!;

    public IReadOnlyList<WorkTask> OpenTasks { get; private set; } = [];

    public TriageDecision? LastChange { get; private set; }

    public string? KeyWorkerName { get; private set; }

    public bool MayConfirm => user.IsInRole(Roles.TeamLead) || (user.StaffMemberId is { } me && me == Referral.KeyWorkerId);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        await audit.ViewedAsync("Referral", Id, Referral.PersonId, ct, "handover");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (!MayConfirm)
        {
            ModelState.AddModelError("", NotKeyWorker);
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        var now = db.Clock.GetUtcNow();
        foreach (var task in OpenTasks)
        {
            db.Attach(task);
            task.Status = WorkTaskStatus.Done;
            task.CompletedAt = now;
        }

        audit.Record("referral.handover-accepted", "Referral", Id, Referral.PersonId, $"{OpenTasks.Count} handover tasks done");
        await db.SaveChangesAsync(ct);
        TempData["Success"] = "Handover confirmed";
        return Redirect($"/people/{Referral.PersonId}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var referral = await db.Referrals.AsNoTracking().Include(r => r.Person).Include(r => r.KeyWorker).FirstOrDefaultAsync(r => r.Id == Id, ct);
        if (referral is null)
        {
            return false;
        }

        Referral = referral;
        KeyWorkerName = referral.KeyWorker?.DisplayName;
        OpenTasks = await db.Set<WorkTask>().AsNoTracking()
            .Where(t => t.Kind == WorkTaskKind.Handover && t.SourceId == Id && t.Status == WorkTaskStatus.Open).ToListAsync(ct);
        LastChange = (await db.TriageDecisions.AsNoTracking().Where(d => d.ReferralId == Id).ToListAsync(ct))
            .OrderByDescending(d => d.DecidedAt).FirstOrDefault();
        return true;
    }
}
