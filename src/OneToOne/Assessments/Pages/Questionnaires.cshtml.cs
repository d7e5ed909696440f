using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using OneToOne.Evaluation;
using OneToOne.PatientAccess;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;
using OneToOne.Referrals;

namespace OneToOne.Assessments.Pages;

/// <summary>The outcome and experience questionnaires of a person's episode: where each stands at baseline, follow-up and
/// discharge, and offering one, either completed with the worker now or sent as a link to the person's own device.</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class QuestionnairesModel(
    OneToOneDb db, AssessmentEngine engine, QuestionnaireLinks links, AuditTrail audit, CurrentUser user, EvaluationOptions options,
    PatientAccessOptions linkOptions, TimeProvider clock) : PageModel
{
    public const string WithWorker = "worker";
    public const string ByLink = "link";
    private static readonly InstrumentKind[] Kinds = [InstrumentKind.Outcome, InstrumentKind.Experience];

    [BindProperty]
    public string? Questionnaire { get; set; }

    [BindProperty]
    public Timepoint? Timepoint { get; set; }

    [BindProperty]
    public string? How { get; set; }

    public Guid PersonId { get; private set; }
    public string Name { get; private set; } = "";
    public string? Destination { get; private set; }
    public bool HasOpenEpisode { get; private set; }
    public List<(Instrument Instrument, IReadOnlyList<TimepointOffer> Plan)> Plans { get; private set; } = [];
    public int FollowUpMonths => options.FollowUpMonths;

    private Person _person = null!;
    private Guid? _referralId;
    private List<OfferedResponse> _responses = [];

    public List<SelectListItem> QuestionnaireChoices => [.. Plans.Select(p => new SelectListItem(p.Instrument.Name, p.Instrument.Code))];

    public static List<SelectListItem> TimepointChoices =>
        [.. QuestionnaireSchedule.Timepoints.Select(t => new SelectListItem(QuestionnaireSchedule.TimepointText(t), t.ToString()))];

    public List<SelectListItem> HowChoices =>
    [
        new("With me now (I will read the questions to them or they will use my device)", WithWorker),
        new(Destination is null ? "Send a link to their phone or email (the record has neither)" : $"Send a link to {Destination}", ByLink),
    ];

    public async Task<IActionResult> OnGetAsync(Guid personId, CancellationToken ct)
    {
        if (!await LoadAsync(personId, ct))
        {
            return NotFound();
        }

        if (Plans.Count > 0)
        {
            var chosen = Plans.FirstOrDefault(p => p.Instrument.Code == EvaluationInstruments.OutcomesCode);
            if (chosen.Instrument is null)
            {
                chosen = Plans[0];
            }

            Questionnaire = chosen.Instrument.Code;
            Timepoint = QuestionnaireSchedule.Suggest(chosen.Plan);
        }

        await audit.ViewedAsync("Person", personId, personId, ct, "questionnaires");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid personId, CancellationToken ct)
    {
        if (!await LoadAsync(personId, ct))
        {
            return NotFound();
        }

        var instrument = Plans.Select(p => p.Instrument).FirstOrDefault(i => i.Code == Questionnaire);
        if (instrument is null)
        {
            ModelState.AddModelError(nameof(Questionnaire), "Select which questionnaire to offer");
        }

        if (Timepoint is not { } timepoint || !QuestionnaireSchedule.Timepoints.Contains(timepoint))
        {
            ModelState.AddModelError(nameof(Timepoint), "Select when in the person's support this is");
        }
        else if (instrument is not null && !QuestionnaireSchedule.IsAsked(instrument.Code, timepoint))
        {
            ModelState.AddModelError(nameof(Timepoint), QuestionnaireSchedule.ExperienceNotAtBaseline);
        }
        else if (instrument is not null && _responses.Any(r => r.InstrumentCode == instrument.Code && r.Timepoint == timepoint && r.SubmittedAt is not null))
        {
            ModelState.AddModelError(nameof(Timepoint),
                $"The {instrument.Name.ToLower(CultureInfo.GetCultureInfo("en-GB"))} has already been completed at {QuestionnaireSchedule.TimepointText(timepoint).ToLower(CultureInfo.GetCultureInfo("en-GB"))} in this episode");
        }

        var destination = QuestionnaireLinks.Destination(_person);
        if (How is not (WithWorker or ByLink))
        {
            ModelState.AddModelError(nameof(How), "Select how the person will answer");
        }
        else if (How == ByLink && destination is null)
        {
            ModelState.AddModelError(nameof(How), PatientLinks.NoContactMessage);
        }
        else if (How == ByLink && await TooManyLinksAsync(ct))
        {
            ModelState.AddModelError(nameof(How), PatientLinks.TooManyLinksMessage.Replace("5", linkOptions.LinksPerPersonPerDay.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var at = Timepoint!.Value;
        var detail = $"{instrument!.Code} v{instrument.Version}; {at}";
        if (How == WithWorker)
        {
            var response = engine.Start(personId, instrument, at, CompletionMode.WithWorker, user.StaffMemberId, _referralId);
            audit.Record("assessment.start", "AssessmentResponse", response.Id, personId, detail);
            await db.SaveChangesAsync(ct);
            return Redirect($"/assessments/{response.Id}");
        }

        var (to, channel) = destination!.Value;
        var sent = links.Send(personId, instrument, at, _referralId, (to, channel), user.StaffMemberId);
        audit.Record("questionnaire.link.send", "AssessmentResponse", sent.Id, personId, detail + "; " + channel);
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"{instrument.Name} sent to {PatientLinks.Mask(to, channel)}";
        return Redirect($"/people/{personId}/questionnaires");
    }

    private async Task<bool> TooManyLinksAsync(CancellationToken ct)
    {
        var since = clock.GetUtcNow().AddDays(-1);
        return await db.Set<AssessmentLink>().CountAsync(l => l.PersonId == PersonId && l.CreatedAt > since, ct) >= linkOptions.LinksPerPersonPerDay;
    }

    private async Task<bool> LoadAsync(Guid personId, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            return false;
        }

        _person = person;
        PersonId = personId;
        Name = person.GivenName + " " + person.FamilyName;
        Destination = QuestionnaireLinks.Destination(person) is { } d ? PatientLinks.Mask(d.To, d.Channel) : null;

        // The episode: the latest referral (open, or the one the person was last discharged from).
        var referral = await db.Referrals.AsNoTracking().Where(r => r.PersonId == personId)
            .OrderByDescending(r => r.CreatedAt).Select(r => new { r.Id, r.Status, r.CreatedAt }).FirstOrDefaultAsync(ct);
        HasOpenEpisode = referral is not null && Referral.OpenStatuses.Contains(referral.Status);
        _referralId = HasOpenEpisode ? referral!.Id : null;
        var instruments = await links.ActiveAsync(Kinds, ct);
        var codes = instruments.Select(i => i.Code).Append(EvaluationInstruments.OutcomesCode).Distinct().ToList();
        var query = db.Set<AssessmentResponse>().AsNoTracking().Where(r => r.PersonId == personId && codes.Contains(r.InstrumentCode));
        if (referral is not null)
        {
            var since = referral.CreatedAt;
            query = query.Where(r => r.StartedAt >= since);
        }

        _responses = await query.Select(r => new OfferedResponse(r.InstrumentCode, r.Timepoint, r.StartedAt, r.SubmittedAt)).ToListAsync(ct);
        var today = UkTime.Today(clock);
        Plans = [.. instruments
            .OrderBy(i => i.Kind).ThenBy(i => i.Name, StringComparer.Ordinal)
            .Select(i => (i, QuestionnaireSchedule.Plan(i.Code, _responses, options.FollowUpMonths, today)))];
        return true;
    }
}
