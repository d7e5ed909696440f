using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using OneToOne.Allocation;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Supervision;

namespace OneToOne.Referrals.Pages;

/// <summary>Move an episode to another level of support, with a reason; hand over to a new key worker when the current
/// one's role may not carry the new level (the candidates are ranked for that level). A support worker's change goes
/// to their supervisor for sign-off when the service requires it.</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class ChangeLevelModel(OneToOneDb db, LevelChanger changer, SignOffs signOffs, AuditTrail audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>A level chosen before (a GET with ?level=), so the candidates for it can be shown.</summary>
    [BindProperty(SupportsGet = true, Name = "level")]
    public string? LevelQuery { get; set; }

    [BindProperty]
    public ChangeLevelForm Input { get; set; } = new();

    public Referral Referral { get; private set; } = null!;

    public CurrentKeyWorker? KeyWorker { get; private set; }

    public PathwayLevel? ChosenLevel { get; private set; }

    public IReadOnlyList<RankedCandidate> Candidates { get; private set; } = [];

    public bool CanChange => TriageRules.LevelChangeStatuses.Contains(Referral.Status);

    public bool NeedsSignOff => signOffs.IsRequired(SignOffKinds.LevelChange);

    public sealed class ChangeLevelForm
    {
        [Display(Name = "New level of support")]
        public string? Level { get; set; }

        [Display(Name = "Why is the level changing?")]
        public string? Reason { get; set; }

        [Display(Name = "New key worker")]
        public Guid? NewKeyWorkerId { get; set; }

        public Guid Version { get; set; }
    }

    public IEnumerable<SelectListItem> LevelItems() =>
        Enum.GetValues<PathwayLevel>().Select(l => new SelectListItem(l.DisplayName() + (l == Referral.Level ? " (current)" : ""), l.ToString()));

    public IEnumerable<SelectListItem> KeyWorkerItems() =>
        Candidates.Where(c => c.Eligible).Select((c, i) => new SelectListItem(
            string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {c.Staff.DisplayName} ({c.Staff.RoleName}), score {c.Score:0.#}"), c.Staff.StaffId.ToString()));

    /// <summary>Whether the current key worker may keep the person at the chosen level.</summary>
    public bool KeyWorkerMayStay => KeyWorker is null || ChosenLevel is not { } l || KeyWorker.LevelsMayCarry.Contains(l);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input.Version = Referral.Version;
        Input.Level = LevelChangeRules.ParseLevel(LevelQuery)?.ToString();
        await ChooseLevelAsync(Input.Level, ct);
        await audit.ViewedAsync("Referral", Referral.Id, Referral.PersonId, ct, "change level");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        LevelChangeOutcome outcome;
        try
        {
            outcome = await changer.ChangeAsync(Referral, new LevelChangeInput(Input.Level, Input.Reason, Input.NewKeyWorkerId), Input.Version, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            outcome = new LevelChangeOutcome(LevelChangeResult.Invalid, [new FieldError("", Concurrency.ConflictMessage)]);
        }

        switch (outcome.Result)
        {
            case LevelChangeResult.SentForSignOff:
                TempData["Success"] = "Sent to your supervisor for sign-off. The level changes when they approve it.";
                return Redirect($"/people/{Referral.PersonId}");
            case LevelChangeResult.Changed:
                TempData["Success"] = $"Level of support changed to {Referral.Level!.Value.DisplayName().ToLowerInvariant()}"
                    + (outcome.NewKeyWorkerName is { } name ? $". {name} is the new key worker" : "");
                return Redirect($"/people/{Referral.PersonId}");
            default:
                PeopleChoices.AddTo(ModelState, outcome.Errors, "Input.");
                // Reload: a refused change may have been staged on the tracked referral before the checks failed.
                await LoadAsync(ct, reload: true);
                await ChooseLevelAsync(Input.Level, ct);
                return Page();
        }
    }

    private async Task ChooseLevelAsync(string? level, CancellationToken ct)
    {
        ChosenLevel = LevelChangeRules.ParseLevel(level);
        if (ChosenLevel is { } l && CanChange && KeyWorker is not null && l != Referral.Level)
        {
            Candidates = await changer.CandidatesAsync(Referral, l, ct);
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct, bool reload = false)
    {
        if (reload)
        {
            db.ChangeTracker.Clear();
        }

        var referral = await changer.FindAsync(Id, ct);
        if (referral is null)
        {
            return false;
        }

        Referral = referral;
        KeyWorker = await changer.CurrentKeyWorkerAsync(referral, ct);
        return true;
    }
}
