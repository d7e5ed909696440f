using Microsoft.AspNetCore.Mvc;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;

namespace OneToOne.PatientAccess.Pages.My;

/// <summary>"Ask for help": while supported, or inside the open-access period after discharge. Outside those, the page
/// says why not and what to do instead, and nothing is stored.</summary>
internal sealed class HelpModel(OneToOneDb db, HelpRequests help) : PersonPage(db)
{
    [BindProperty]
    public HelpRequestInput Input { get; set; } = new();

    public HelpState State { get; private set; } = null!;

    public bool MayAsk => State.Eligibility is HelpEligibility.ActiveEpisode or HelpEligibility.OpenAccess;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadMeAsync(ct) is { } stop)
        {
            return stop;
        }

        State = await help.StateAsync(Me.Id, ct);
        Input = HelpForm.Defaults(Me);
        await AuditViewAsync("ask for help", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadMeAsync(ct) is { } stop)
        {
            return stop;
        }

        State = await help.StateAsync(Me.Id, ct);
        ModelState.Clear();
        if (!MayAsk)
        {
            PersonAudit.Record(Db, Db.TenantId, Me.Id, "help-request.refused", "Person", Me.Id, State.Eligibility.ToString());
            await Db.SaveChangesAsync(ct);
            return Page();
        }

        var (input, errors) = HelpRequestRules.Check(Input, forPerson: true);
        if (input is null)
        {
            foreach (var e in errors)
            {
                ModelState.AddModelError(e.Field, e.Message);
            }

            return Page();
        }

        var request = await help.CreateAsync(Me.Id, input, HelpRequestChannel.Online, ct);
        await Db.SaveChangesAsync(ct);
        TempData["HelpDue"] = UkTime.Format(DateOnly.FromDateTime(UkTime.ToUk(request!.DueAt).DateTime));
        TempData["HelpRedFlag"] = input.RedFlag;
        return Redirect("/my/help/sent");
    }
}
