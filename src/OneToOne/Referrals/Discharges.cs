using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneToOne.Assessments;
using OneToOne.Notifications;
using OneToOne.PatientAccess;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;
using OneToOne.Supervision;
using OneToOne.Worklists;

namespace OneToOne.Referrals;

/// <summary>Everything the discharge page shows about one episode.</summary>
internal sealed record DischargeView(
    Referral Referral,
    Person Person,
    AssessmentResponse? CompletedFinal,
    IReadOnlyList<Instrument> Questionnaires,
    IReadOnlyList<WorkTask> OpenTasks,
    Discharge? Pending,
    SignOffRequest? Returned,
    Discharge? Done)
{
    public bool HasContact => QuestionnaireLinks.Destination(Person) is not null;
}

internal sealed record DischargeOutcome(bool Done, bool SentForSignOff, IReadOnlyList<FieldError> Errors);

/// <summary>Discharge (DOMAIN.md step 10): a reason, the final assessment, outcome and experience questionnaires, the
/// letter to the GP, the open tasks of the episode cancelled, and the open-access period that follows. A support worker's
/// discharge waits for a registered practitioner's sign-off when configured; it is then applied by
/// <see cref="DischargeSignOffAction"/> in the approver's unit of work.</summary>
internal sealed class Discharges(
    OneToOneDb db, AuditTrail audit, CurrentUser user, TimeProvider clock, WorkingDayCalendar calendar, WorkTasks tasks, SignOffs signOffs,
    Notifier notifier, QuestionnaireLinks links, PersonAccessOptions options, PatientAccessOptions linkOptions, IHttpContextAccessor http)
{
    public const string OpenAccessTemplate = "discharge-open-access";
    public const string ReviewKey = "discharge";

    /// <summary>Work that a discharge never cancels: an escalation or a request for help must still be answered, and a
    /// sign-off is closed by its own decision. They stay with their owners.</summary>
    public static readonly WorkTaskKind[] KeptKinds = [WorkTaskKind.Escalation, WorkTaskKind.HelpRequest, WorkTaskKind.SignOff];

    private static readonly InstrumentKind[] QuestionnaireKinds = [InstrumentKind.Outcome, InstrumentKind.Experience];

    public async Task<DischargeView?> LoadAsync(Guid referralId, CancellationToken ct)
    {
        var referral = await db.Referrals.Include(r => r.Person).Include(r => r.KeyWorker).FirstOrDefaultAsync(r => r.Id == referralId, ct);
        if (referral is null)
        {
            return null;
        }

        var since = referral.ActivatedAt ?? referral.AllocatedAt ?? referral.CreatedAt;
        var completed = await db.Set<AssessmentResponse>().AsNoTracking()
            .Where(a => a.PersonId == referral.PersonId && a.Timepoint == Timepoint.Discharge && a.Status == ResponseStatus.Submitted && a.SubmittedAt >= since
                && a.InstrumentCode == AssessmentDefaults.HnaCode)
            .OrderByDescending(a => a.SubmittedAt).FirstOrDefaultAsync(ct);
        var openTasks = await db.Set<WorkTask>().AsNoTracking()
            .Where(t => t.PersonId == referral.PersonId && t.Status == WorkTaskStatus.Open).OrderBy(t => t.DueAt).ToListAsync(ct);
        var discharges = await db.Set<Discharge>().Where(d => d.ReferralId == referralId).OrderByDescending(d => d.RequestedAt).ToListAsync(ct);
        var signOffIds = discharges.Where(d => d.SignOffRequestId != null).Select(d => d.SignOffRequestId!.Value).ToList();
        var requests = await db.Set<SignOffRequest>().AsNoTracking().Where(s => signOffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var pending = discharges.FirstOrDefault(d => d.Status == DischargeStatus.AwaitingSignOff
            && d.SignOffRequestId is { } s && requests.TryGetValue(s, out var r) && r.Status != SignOffStatus.Returned);
        var latest = discharges.FirstOrDefault();
        var returned = latest?.SignOffRequestId is { } last && requests.TryGetValue(last, out var lr) && lr.Status == SignOffStatus.Returned ? lr : null;
        return new DischargeView(referral, referral.Person!, completed, await links.ActiveAsync(QuestionnaireKinds, ct), openTasks, pending, returned,
            discharges.FirstOrDefault(d => d.Status == DischargeStatus.Done));
    }

    /// <summary>Discharges now, or sends the discharge for sign-off. Saves (with the referral's Version when applied).</summary>
    public async Task<DischargeOutcome> RequestAsync(DischargeView view, DischargeInput input, Guid? version, CancellationToken ct)
    {
        var referral = view.Referral;
        if (!ReferralActions.CanDischarge(referral, user))
        {
            return new DischargeOutcome(false, false, [new FieldError("", DischargeRules.NotDischargeable)]);
        }

        if (view.Pending is not null)
        {
            return new DischargeOutcome(false, false, [new FieldError("", DischargeRules.AwaitingSignOff)]);
        }

        var errors = DischargeRules.Check(input, new DischargeContext(view.CompletedFinal is not null, view.HasContact,
            view.Questionnaires.Select(q => q.Code).ToHashSet(StringComparer.Ordinal)));
        if (errors.Count > 0)
        {
            return new DischargeOutcome(false, false, errors);
        }

        var now = clock.GetUtcNow();
        var discharge = new Discharge
        {
            ReferralId = referral.Id,
            PersonId = referral.PersonId,
            Reason = input.Reason!.Value,
            ReasonDetail = string.IsNullOrWhiteSpace(input.ReasonDetail) ? null : input.ReasonDetail.Trim(),
            FinalAssessment = input.FinalAssessment!.Value,
            FinalAssessmentResponseId = input.FinalAssessment == FinalAssessmentChoice.Completed ? view.CompletedFinal!.Id : null,
            Questionnaires = [.. input.Questionnaires.Where(q => !string.IsNullOrWhiteSpace(q)).Distinct(StringComparer.Ordinal)],
            RequestedByStaffId = user.StaffMemberId,
            RequestedByName = user.Name,
            RequestedAt = now,
        };
        db.Add(discharge);

        // An earlier request the supervisor returned is finished with.
        foreach (var old in await db.Set<Discharge>().Where(d => d.ReferralId == referral.Id && d.Status == DischargeStatus.AwaitingSignOff).ToListAsync(ct))
        {
            old.Status = DischargeStatus.NotApplied;
        }

        if (signOffs.IsRequired(SignOffKinds.Discharge))
        {
            discharge.Status = DischargeStatus.AwaitingSignOff;
            var request = await signOffs.RequestAsync(SignOffKinds.Discharge, referral.Id, referral.PersonId,
                "Discharge: " + DischargeRules.ReasonText(discharge.Reason), JsonSerializer.Serialize(new DischargePayload(discharge.Id)), ct);
            discharge.SignOffRequestId = request.Id;
            audit.Record("referral.discharge.sign-off-requested", "Referral", referral.Id, referral.PersonId, discharge.Reason.ToString());
            await db.SaveChangesAsync(ct);
            return new DischargeOutcome(false, true, []);
        }

        if (version is { } v)
        {
            db.Entry(referral).Property(x => x.Version).OriginalValue = v;
        }

        await ApplyAsync(discharge, referral, view.Person, ct);
        await db.SaveChangesAsync(ct);
        return new DischargeOutcome(true, false, []);
    }

    /// <summary>Applies an approved discharge (the approver's unit of work; the caller saves). An episode that is no longer
    /// open is left alone and the request marked not applied.</summary>
    public async Task ApplyApprovedAsync(SignOffRequest approved, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<DischargePayload>(approved.Payload);
        var discharge = payload is null ? null : await db.Set<Discharge>().FirstOrDefaultAsync(d => d.Id == payload.DischargeId, ct);
        if (discharge is null || discharge.Status != DischargeStatus.AwaitingSignOff)
        {
            return;
        }

        var referral = await db.Referrals.FirstAsync(r => r.Id == discharge.ReferralId, ct);
        if (referral.Status is not (ReferralStatus.Allocated or ReferralStatus.Active))
        {
            discharge.Status = DischargeStatus.NotApplied;
            audit.Record("referral.discharge.not-applied", "Referral", referral.Id, referral.PersonId, $"episode is {referral.Status}");
            return;
        }

        discharge.ApprovedByName = user.Name;
        var person = await db.People.FirstAsync(p => p.Id == referral.PersonId, ct);
        await ApplyAsync(discharge, referral, person, ct);
    }

    private async Task ApplyAsync(Discharge discharge, Referral referral, Person person, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = UkTime.Today(clock);
        var reasonText = DischargeRules.ReasonText(discharge.Reason) + (discharge.ReasonDetail is null ? "" : ": " + discharge.ReasonDetail);
        referral.Status = ReferralStatus.Discharged;
        referral.DischargedAt = now;
        referral.OutcomeReason = reasonText.Length <= Referral.ReasonMax ? reasonText : reasonText[..Referral.ReasonMax];
        foreach (var assignment in await db.KeyWorkerAssignments.Where(a => a.ReferralId == referral.Id && a.EndedAt == null).ToListAsync(ct))
        {
            assignment.EndedAt = now;
        }

        discharge.Status = DischargeStatus.Done;
        discharge.DischargedAt = now;
        discharge.GpConsent = person.ConsentToShareWithGp;

        var open = await db.Set<WorkTask>().Where(t => t.PersonId == person.Id && t.Status == WorkTaskStatus.Open && !KeptKinds.Contains(t.Kind)).ToListAsync(ct);
        foreach (var task in open)
        {
            await tasks.CancelAsync(task.Kind, task.SourceId, ct, task.Key);
        }

        discharge.CancelledTasks = open.Count;
        var keyWorker = referral.KeyWorkerId;
        var team = keyWorker is { } kw ? await db.Staff.Where(s => s.Id == kw).Select(s => s.TeamId).FirstOrDefaultAsync(ct) : null;
        var destination = QuestionnaireLinks.Destination(person);
        if (discharge.FinalAssessment == FinalAssessmentChoice.Sent && destination is { } to
            && await links.ActiveAsync([InstrumentKind.Assessment], ct) is var assessments
            && assessments.FirstOrDefault(i => i.Code == AssessmentDefaults.HnaCode) is { } hna)
        {
            var response = links.Send(person.Id, hna, Timepoint.Discharge, referral.Id, to, user.StaffMemberId);
            discharge.FinalAssessmentResponseId = response.Id;
            var due = PersonAccessRules.EndOfUkDay(calendar.AddWorkingDays(today, options.DischargeAssessmentReviewWorkingDays));
            await tasks.EnsureAsync(new WorkTaskSpec(WorkTaskKind.AssessmentReview, referral.Id, "Before discharge: review the assessment sent to the person",
                $"/people/{person.Id}/assessments", due, person.Id, keyWorker, keyWorker is null ? team ?? await AnyTeamAsync(ct) : null, ReviewKey), ct);
        }

        if (destination is { } dest)
        {
            var active = await links.ActiveAsync(QuestionnaireKinds, ct);
            foreach (var instrument in active.Where(i => discharge.Questionnaires.Contains(i.Code)))
            {
                links.Send(person.Id, instrument, Timepoint.Discharge, referral.Id, dest, user.StaffMemberId);
            }
        }

        // An earlier open-access period still open (the person came back through a new referral) is superseded.
        foreach (var earlier in await db.Set<OpenAccessPeriod>().Where(p => p.PersonId == person.Id && p.Status == OpenAccessStatus.Open).ToListAsync(ct))
        {
            earlier.Status = OpenAccessStatus.Reopened;
            earlier.EndedAt = now;
        }

        if (DischargeRules.OffersOpenAccess(discharge.Reason))
        {
            var period = new OpenAccessPeriod
            {
                PersonId = person.Id,
                ReferralId = referral.Id,
                StartsOn = today,
                EndsOn = PersonAccessRules.OpenAccessEnds(today, options.OpenAccessMonths),
                Status = OpenAccessStatus.Open,
                FormerKeyWorkerId = keyWorker,
                TeamId = team,
                CreatedAt = now,
            };
            db.Add(period);
            discharge.OpenAccessUntil = period.EndsOn;
            if (destination is { } d)
            {
                var service = await db.Organisations.Where(o => o.Id == db.TenantId).Select(o => o.Name).FirstAsync(ct);
                notifier.Queue(new NotificationRequest(OpenAccessTemplate, d.Channel, d.To, new Dictionary<string, string>
                {
                    ["service"] = service,
                    ["until"] = UkTime.Format(period.EndsOn),
                    ["url"] = (linkOptions.BaseUrl?.TrimEnd('/') ?? (http.HttpContext?.Request is { } r ? $"{r.Scheme}://{r.Host}" : "")) + "/my",
                }, person.Id));
            }
        }

        audit.Record("referral.discharge", "Referral", referral.Id, person.Id,
            $"{discharge.Reason}; final assessment {discharge.FinalAssessment}; {discharge.Questionnaires.Count} questionnaires; "
            + $"{discharge.CancelledTasks} tasks cancelled; open access {(discharge.OpenAccessUntil is { } until ? "until " + UkTime.Iso(until) : "none")}"
            + (discharge.ApprovedByName is null ? "" : "; signed off"));
    }

    private Task<Guid?> AnyTeamAsync(CancellationToken ct) =>
        db.Teams.Where(t => t.Active).OrderBy(t => t.Name).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);

    public async Task<string?> MarkGpLetterSentAsync(Discharge discharge, CancellationToken ct)
    {
        discharge.GpLetterSentAt ??= clock.GetUtcNow();
        audit.Record("referral.discharge.gp-letter-sent", "Referral", discharge.ReferralId, discharge.PersonId);
        await db.SaveChangesAsync(ct);
        return null;
    }
}

internal sealed record DischargePayload(Guid DischargeId);

/// <summary>Supervision's approve step calls this for a discharge a support worker asked for.</summary>
internal sealed class DischargeSignOffAction(Discharges discharges) : ISignOffAction
{
    public string Kind => SignOffKinds.Discharge;

    public Task ApplyAsync(SignOffRequest approved, CancellationToken ct) => discharges.ApplyApprovedAsync(approved, ct);
}
