using Microsoft.EntityFrameworkCore;
using OneToOne.Assessments;
using OneToOne.CarePlans;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;

namespace OneToOne.ServiceDirectory;

internal sealed class DirectoryOptions
{
    public const string Section = "Directory";

    /// <summary>Working days a service has to accept or decline a referral before it shows as overdue.</summary>
    public int ResponseWorkingDays { get; set; } = 10;
}

/// <summary>A care plan action as a referral starts from it: the service that owns it and the concern it is for.</summary>
internal sealed record PlanActionRef(Guid Id, string Description, ActionOwnerKind OwnerKind, Guid? ServiceId, string ConcernItemCode);

/// <summary>The closed loop of a referral to a service, shared by the pages and the API. Each change writes its
/// audit event and saves with the caller's Version (a conflict throws DbUpdateConcurrencyException: a form error on
/// pages, 409 from the API). Field keys are PascalCase: pages prefix "Input.", the API camelCases them.</summary>
internal sealed class ServiceReferrals(OneToOneDb db, AuditTrail audit, CurrentUser user, TimeProvider clock, WorkingDayCalendar calendar, DirectoryOptions options)
{
    public const string SignpostOnlyMessage = "This service does not take referrals: it is signpost only, so give the person its details instead";
    public const string ChooseServiceMessage = "Choose a service";
    public const string ChooseConcernMessage = "Choose the concern this referral is for";
    public const string DeclineReasonMessage = "Enter why the service declined the referral";
    public const string OutcomeMessage = "Enter what came of the referral";
    public const string RescoreMessage = "The new score must be a whole number from 0 to 10";
    public const string ActionNotFoundMessage = "The plan action was not found in this person's care plan";
    public const string ActionNotServiceMessage = "This plan action is not done by a service from the directory, so it cannot be referred";
    public const string ActionOtherServiceMessage = "The service must be the one the plan action names";
    public const string ActionOtherConcernMessage = "The concern must be the one the plan action is for";
    public const string ActionAlreadyReferredMessage = "A referral from this plan action is already open (sent or accepted): see it on the plan";

    /// <summary>The action when it is on this person's plan; null for an unknown id, another person's plan or another
    /// organisation's (the tenancy filter), so a guessed id never reveals anything.</summary>
    public Task<PlanActionRef?> FindPlanActionAsync(Guid personId, Guid actionId, CancellationToken ct) =>
        (from a in db.Set<CarePlanAction>()
         join p in db.Set<CarePlan>() on a.PlanId equals p.Id
         join c in db.Set<CarePlanConcern>() on a.ConcernId equals c.Id
         where a.Id == actionId && p.PersonId == personId
         select new PlanActionRef(a.Id, a.Description, a.OwnerKind, a.ServiceId, c.ItemCode))
        .AsNoTracking().FirstOrDefaultAsync(ct);

    public DateOnly DueOn(DateTimeOffset sentAt) =>
        calendar.AddWorkingDays(DateOnly.FromDateTime(UkTime.ToUk(sentAt).DateTime), options.ResponseWorkingDays);

    public async Task<(ServiceReferral? Referral, IReadOnlyList<FieldError> Errors)> SendAsync(
        Person person, Guid? serviceId, string? concernItemCode, string? note, Guid? carePlanActionId, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (carePlanActionId is { } actionId)
        {
            // From a plan action: the action fills in what it names, and must agree with what the caller sent.
            var action = await FindPlanActionAsync(person.Id, actionId, ct);
            if (action is null)
            {
                return (null, [new FieldError("CarePlanActionId", ActionNotFoundMessage)]);
            }

            if (action.OwnerKind != ActionOwnerKind.Service || action.ServiceId is null)
            {
                return (null, [new FieldError("CarePlanActionId", ActionNotServiceMessage)]);
            }

            serviceId ??= action.ServiceId;
            concernItemCode ??= action.ConcernItemCode;
            if (serviceId != action.ServiceId)
            {
                errors.Add(new FieldError("ServiceId", ActionOtherServiceMessage));
            }

            if (!string.Equals(concernItemCode, action.ConcernItemCode, StringComparison.Ordinal))
            {
                errors.Add(new FieldError("ConcernItemCode", ActionOtherConcernMessage));
            }

            if (await db.Set<ServiceReferral>().AnyAsync(r => r.PersonId == person.Id && r.CarePlanActionId == actionId
                    && (r.Status == ServiceReferralStatus.Sent || r.Status == ServiceReferralStatus.Accepted), ct))
            {
                errors.Add(new FieldError("CarePlanActionId", ActionAlreadyReferredMessage));
            }

            if (errors.Count > 0)
            {
                return (null, errors);
            }
        }

        if (concernItemCode is null || ConcernCatalogue.FindItem(concernItemCode) is null)
        {
            errors.Add(new FieldError("ConcernItemCode", ChooseConcernMessage));
        }

        DirectoryService? service = null;
        if (serviceId is null)
        {
            errors.Add(new FieldError("ServiceId", ChooseServiceMessage));
        }
        else
        {
            service = await db.Set<DirectoryService>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == serviceId && s.Active, ct);
            if (service is null)
            {
                errors.Add(new FieldError("ServiceId", "The service was not found in the directory, or is no longer active"));
            }
            else if (service.HowToUse != HowToUse.Referral)
            {
                errors.Add(new FieldError("ServiceId", SignpostOnlyMessage));
            }
        }

        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (text?.Length > ServiceReferral.TextMax)
        {
            errors.Add(new FieldError("Note", PersonRules.TooLong("Note", ServiceReferral.TextMax)));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var now = clock.GetUtcNow();
        var referral = new ServiceReferral
        {
            PersonId = person.Id,
            ServiceId = service!.Id,
            ConcernItemCode = concernItemCode!,
            CarePlanActionId = carePlanActionId,
            Status = ServiceReferralStatus.Sent,
            Note = text,
            SentAt = now,
            SentByStaffId = user.StaffMemberId,
            SentByName = user.Name,
            ResponseDueOn = DueOn(now),
        };
        db.Add(referral);
        audit.Record("service-referral.send", "ServiceReferral", referral.Id, person.Id,
            $"service {service.Id}; concern {referral.ConcernItemCode}" + (carePlanActionId is { } a ? $"; plan action {a}" : ""));
        await db.SaveChangesAsync(ct);
        return (referral, []);
    }

    public async Task<IReadOnlyList<FieldError>> RespondAsync(ServiceReferral referral, bool? accepted, string? reason, Guid? version, CancellationToken ct)
    {
        if (referral.Status != ServiceReferralStatus.Sent)
        {
            return [new FieldError("", $"This referral is {DirectoryRules.StatusText(referral.Status).ToLowerInvariant()}: only a sent referral can be accepted or declined")];
        }

        if (accepted is null)
        {
            return [new FieldError("Accepted", "Select whether the service accepted or declined the referral")];
        }

        var text = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (accepted == false && text is null)
        {
            return [new FieldError("Reason", DeclineReasonMessage)];
        }

        if (text?.Length > ServiceReferral.TextMax)
        {
            return [new FieldError("Reason", PersonRules.TooLong("Reason", ServiceReferral.TextMax))];
        }

        UseVersion(referral, version);
        referral.Status = accepted.Value ? ServiceReferralStatus.Accepted : ServiceReferralStatus.Declined;
        referral.RespondedAt = clock.GetUtcNow();
        referral.DeclineReason = accepted.Value ? null : text;
        audit.Record("service-referral.response", "ServiceReferral", referral.Id, referral.PersonId, referral.Status.ToString());
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>The outcome, and optionally the concern's new score at once (the API sends both; the page asks next).</summary>
    public async Task<IReadOnlyList<FieldError>> RecordOutcomeAsync(ServiceReferral referral, string? outcome, int? rescore, Guid? version, CancellationToken ct)
    {
        if (referral.Status != ServiceReferralStatus.Accepted)
        {
            return [new FieldError("", "An outcome can only be recorded for a referral the service accepted")];
        }

        var errors = new List<FieldError>();
        var text = string.IsNullOrWhiteSpace(outcome) ? null : outcome.Trim();
        if (text is null)
        {
            errors.Add(new FieldError("Outcome", OutcomeMessage));
        }
        else if (text.Length > ServiceReferral.TextMax)
        {
            errors.Add(new FieldError("Outcome", PersonRules.TooLong("Outcome", ServiceReferral.TextMax)));
        }

        if (rescore is < 0 or > 10)
        {
            errors.Add(new FieldError("Rescore", RescoreMessage));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        UseVersion(referral, version);
        var now = clock.GetUtcNow();
        referral.Status = ServiceReferralStatus.OutcomeRecorded;
        referral.Outcome = text;
        referral.OutcomeAt = now;
        if (rescore is { } score)
        {
            referral.RescoreScore = score;
            referral.RescoredAt = now;
        }

        audit.Record("service-referral.outcome", "ServiceReferral", referral.Id, referral.PersonId, rescore is null ? "no re-score yet" : $"re-scored {rescore}");
        await db.SaveChangesAsync(ct);
        return [];
    }

    public async Task<IReadOnlyList<FieldError>> RescoreAsync(ServiceReferral referral, int? score, Guid? version, CancellationToken ct)
    {
        if (referral.Status != ServiceReferralStatus.OutcomeRecorded)
        {
            return [new FieldError("", "The concern can be re-scored once the outcome is recorded")];
        }

        if (score is null or < 0 or > 10)
        {
            return [new FieldError("Rescore", RescoreMessage)];
        }

        UseVersion(referral, version);
        referral.RescoreScore = score;
        referral.RescoredAt = clock.GetUtcNow();
        audit.Record("service-referral.rescore", "ServiceReferral", referral.Id, referral.PersonId, $"re-scored {score}");
        await db.SaveChangesAsync(ct);
        return [];
    }

    public async Task<IReadOnlyList<FieldError>> WithdrawAsync(ServiceReferral referral, Guid? version, CancellationToken ct)
    {
        if (referral.Status is not (ServiceReferralStatus.Sent or ServiceReferralStatus.Accepted))
        {
            return [new FieldError("", "Only a sent or accepted referral can be withdrawn")];
        }

        UseVersion(referral, version);
        referral.Status = ServiceReferralStatus.Withdrawn;
        audit.Record("service-referral.withdraw", "ServiceReferral", referral.Id, referral.PersonId);
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>The organisation's unanswered referrals past their response day, oldest deadline first.</summary>
    public Task<List<ServiceReferral>> OverdueAsync(CancellationToken ct)
    {
        var today = UkTime.Today(clock);
        return db.Set<ServiceReferral>().AsNoTracking().Include(r => r.Service)
            .Where(r => r.Status == ServiceReferralStatus.Sent && r.ResponseDueOn < today)
            .OrderBy(r => r.ResponseDueOn).ThenBy(r => r.SentAt)
            .Take(500)
            .ToListAsync(ct);
    }

    private void UseVersion(ServiceReferral referral, Guid? version)
    {
        if (version is { } v)
        {
            db.Entry(referral).Property(x => x.Version).OriginalValue = v;
        }
    }
}
