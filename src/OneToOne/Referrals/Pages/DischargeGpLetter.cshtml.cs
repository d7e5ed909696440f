using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Assessments;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Referrals.Pages;

/// <summary>The discharge letter to the GP, print-friendly (the care plan's GP letter layout): only with the person's
/// consent to share with their GP, judged now (consent withdrawn since the discharge means no letter).</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class DischargeGpLetterModel(OneToOneDb db, AuditTrail audit, Discharges discharges) : PageModel
{
    public const string NoConsent = "The person has not agreed to share information with their GP";

    public Referral Referral { get; private set; } = null!;

    public Person Person { get; private set; } = null!;

    public Discharge Discharge { get; private set; } = null!;

    public AssessmentResponse? Final { get; private set; }

    public string? KeyWorkerName { get; private set; }

    public string Service { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        await audit.ViewedAsync("Person", Person.Id, Person.Id, ct, "discharge GP letter");
        return Page();
    }

    /// <summary>Records that the letter went to the GP.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !Person.ConsentToShareWithGp)
        {
            return NotFound();
        }

        await discharges.MarkGpLetterSentAsync(Discharge, ct);
        TempData["Success"] = "Recorded that the letter was sent to the GP";
        return Redirect($"/referrals/{id}/discharge");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var referral = await db.Referrals.AsNoTracking().Include(r => r.Person).Include(r => r.KeyWorker).FirstOrDefaultAsync(r => r.Id == id, ct);
        var discharge = referral is null ? null
            : await db.Set<Discharge>().Where(d => d.ReferralId == id && d.Status == DischargeStatus.Done).OrderByDescending(d => d.DischargedAt).FirstOrDefaultAsync(ct);
        if (referral is null || discharge is null)
        {
            return false;
        }

        Referral = referral;
        Person = referral.Person!;
        Discharge = discharge;
        KeyWorkerName = referral.KeyWorker?.DisplayName;
        Service = await db.Organisations.Where(o => o.Id == referral.OrganisationId).Select(o => o.Name).FirstAsync(ct);
        if (discharge.FinalAssessmentResponseId is { } final)
        {
            Final = await db.Set<AssessmentResponse>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == final && a.Status == ResponseStatus.Submitted, ct);
        }

        return true;
    }
}
