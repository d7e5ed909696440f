using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;

namespace OneToOne.Referrals.Pages;

[Authorize(Policy = Policies.PersonRecords)]
internal sealed class DetailsModel(OneToOneDb db, AuditTrail audit, CurrentUser user, ReferralActions actions, TimeProvider clock, WorkingDayCalendar calendar) : PageModel
{
    public const string ConflictMessage = "This referral was changed by someone else while you were looking at it. Reload the page to see their changes.";

    public Referral Referral { get; private set; } = null!;

    public Person Person { get; private set; } = null!;

    public StratificationSuggestion Suggestion { get; private set; } = null!;

    public IReadOnlyList<TriageDecision> Decisions { get; private set; } = [];

    public Referral? LinkedTo { get; private set; }

    public IReadOnlyList<Referral> LinkedHere { get; private set; } = [];

    public TriageDeadline.Status? Due { get; private set; }

    public CurrentUser CurrentUser => user;

    [BindProperty]
    public Guid Version { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        await audit.ViewedAsync("Referral", Referral.Id, Referral.PersonId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostFirstContactAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        try
        {
            var error = await actions.RecordFirstContactAsync(Referral, Version, ct);
            if (error is not null)
            {
                ModelState.AddModelError("", error);
                return Page();
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(id, ct);
        }

        TempData["Success"] = "First contact recorded: the referral is now active";
        return Redirect($"/referrals/{id}");
    }

    private async Task<IActionResult> ConflictAsync(Guid id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await LoadAsync(id, ct);
        ModelState.AddModelError("", ConflictMessage);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var referral = await db.Referrals.Include(r => r.Person).Include(r => r.KeyWorker).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null)
        {
            return false;
        }

        Referral = referral;
        Person = referral.Person!;
        Suggestion = ReferralRules.Suggest(referral);
        Decisions = await db.TriageDecisions.AsNoTracking().Where(d => d.ReferralId == id)
            .OrderByDescending(d => d.DecidedAt).ThenByDescending(d => d.Id).ToListAsync(ct);
        if (referral.LinkedToReferralId is { } linked)
        {
            LinkedTo = await db.Referrals.AsNoTracking().FirstOrDefaultAsync(r => r.Id == linked, ct);
        }

        LinkedHere = await db.Referrals.AsNoTracking().Where(r => r.LinkedToReferralId == id).OrderBy(r => r.ReceivedOn).ToListAsync(ct);
        if (referral.Status == ReferralStatus.Received)
        {
            Due = TriageDeadline.Describe(UkTime.Today(clock), referral.TriageDueOn, calendar);
        }

        if (!ModelState.ContainsKey(nameof(Version)) || ModelState[nameof(Version)]!.Errors.Count == 0)
        {
            Version = referral.Version;
        }

        return true;
    }
}
