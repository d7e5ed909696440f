using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneToOne.Assessments;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;
using OneToOne.Referrals;
using OneToOne.Supervision;

namespace OneToOne.CarePlans;

/// <summary>A plan with its concerns and actions, read together for pages, the API, print and snapshots.</summary>
public sealed record PlanView(CarePlan Plan, IReadOnlyList<CarePlanConcern> Concerns, IReadOnlyList<CarePlanAction> Actions)
{
    public IEnumerable<CarePlanAction> ActionsFor(Guid concernId) => Actions.Where(a => a.ConcernId == concernId);
}

/// <summary>The outcome of a change: either done, or refused with field errors (nothing saved).</summary>
internal sealed record PlanChange(bool Done, IReadOnlyList<FieldError> Errors, bool SentForSignOff = false)
{
    public static readonly PlanChange Ok = new(true, []);

    /// <summary>Nothing changed on the plan yet: a request for sign-off was queued (the plan has a clinical action).</summary>
    public static readonly PlanChange AwaitingSignOff = new(false, [], SentForSignOff: true);

    public static PlanChange Refused(string field, string message) => new(false, [new FieldError(field, message)]);
}

/// <summary>Every change to a plan goes through here, so the lock, the draft-again rule, the concurrency check and the
/// audit are applied the same way from pages and the API. A stale expected Version throws DbUpdateConcurrencyException.</summary>
internal sealed class CarePlanner(OneToOneDb db, AuditTrail audit, CurrentUser user, TimeProvider clock, SignOffs signOffs)
{
    public const string NoAssessment = "There is no submitted assessment to build the plan from";
    public const string AlreadyHasPlan = "The person already has a care plan";

    /// <summary>The plan and its person, or null for an unknown id or another organisation's plan (the tenancy filter).</summary>
    public async Task<(CarePlan Plan, Person Person)?> LoadAsync(Guid planId, CancellationToken ct)
    {
        var plan = await db.Set<CarePlan>().FirstOrDefaultAsync(p => p.Id == planId, ct);
        var person = plan is null ? null : await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == plan.PersonId, ct);
        return plan is null || person is null ? null : (plan, person);
    }

    public Task<CarePlan?> CurrentPlanAsync(Guid personId, CancellationToken ct) =>
        db.Set<CarePlan>().Where(p => p.PersonId == personId).OrderByDescending(p => p.CreatedAt).FirstOrDefaultAsync(ct);

    public async Task<PlanView> ViewAsync(CarePlan plan, CancellationToken ct)
    {
        var concerns = await db.Set<CarePlanConcern>().Where(c => c.PlanId == plan.Id).OrderBy(c => c.Order).ToListAsync(ct);
        var actions = await db.Set<CarePlanAction>().Where(a => a.PlanId == plan.Id).OrderBy(a => a.DueOn).ThenBy(a => a.CreatedAt).ToListAsync(ct);
        return new PlanView(plan, concerns, actions);
    }

    /// <summary>Builds a draft from the latest submitted assessment's top concerns (the ones the person chose).</summary>
    public async Task<(CarePlan? Plan, string? Error)> CreateFromAssessmentAsync(Person person, CancellationToken ct)
    {
        if (await CurrentPlanAsync(person.Id, ct) is not null)
        {
            return (null, AlreadyHasPlan);
        }

        var assessment = await db.Set<AssessmentResponse>()
            .Where(r => r.PersonId == person.Id && r.Status == ResponseStatus.Submitted && r.InstrumentCode == AssessmentDefaults.HnaCode)
            .OrderByDescending(r => r.SubmittedAt).FirstOrDefaultAsync(ct);
        if (assessment is null)
        {
            return (null, NoAssessment);
        }

        var scores = await db.Set<AssessmentAnswer>().Where(a => a.ResponseId == assessment.Id && assessment.TopConcerns.Contains(a.ItemCode))
            .ToDictionaryAsync(a => a.ItemCode, a => a.Score, ct);
        var referralId = await db.Referrals.Where(r => r.PersonId == person.Id && Referral.OpenStatuses.Contains(r.Status))
            .OrderByDescending(r => r.ReceivedOn).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow();
        var plan = new CarePlan
        {
            PersonId = person.Id,
            ReferralId = assessment.ReferralId ?? referralId,
            AssessmentResponseId = assessment.Id,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(plan);
        var order = 0;
        foreach (var code in assessment.TopConcerns)
        {
            db.Add(new CarePlanConcern { PlanId = plan.Id, ItemCode = code, ScoreAtAssessment = scores.GetValueOrDefault(code), Order = order++ });
        }

        audit.Record("careplan.create", "CarePlan", plan.Id, person.Id, $"{assessment.TopConcerns.Count} concerns");
        await db.SaveChangesAsync(ct);
        return (plan, null);
    }

    public sealed record PlanEdit(Dictionary<Guid, string?> Goals, string? SelfManagementInfo, string? ContactInHours, string? ContactOutOfHours,
        DateOnly? ReviewDueOn, Dictionary<Guid, ActionStatus>? ActionStatuses = null);

    public async Task<PlanChange> EditAsync(CarePlan plan, Guid expectedVersion, PlanEdit edit, CancellationToken ct)
    {
        if (CarePlanRules.CheckCanChange(plan) is { } locked)
        {
            return PlanChange.Refused("", locked);
        }

        var errors = new List<FieldError>();
        var concerns = await db.Set<CarePlanConcern>().Where(c => c.PlanId == plan.Id).ToListAsync(ct);
        foreach (var c in concerns)
        {
            if (edit.Goals.TryGetValue(c.Id, out var goal))
            {
                if (goal?.Trim().Length > CarePlanConcern.GoalMax)
                {
                    errors.Add(new($"Goals[{c.Id}]", CarePlanRules.GoalTooLong));
                }

                c.Goal = string.IsNullOrWhiteSpace(goal) ? null : goal.Trim();
            }
        }

        Check(errors, "SelfManagementInfo", edit.SelfManagementInfo, CarePlan.TextMax, "Self-management information");
        Check(errors, "ContactInHours", edit.ContactInHours, CarePlan.ContactMax, "How to contact the team in hours");
        Check(errors, "ContactOutOfHours", edit.ContactOutOfHours, CarePlan.ContactMax, "How to get help out of hours");
        if (edit.ReviewDueOn is { } review && review < UkTime.Today(clock))
        {
            errors.Add(new("ReviewDueOn", "The review date must be today or in the future"));
        }

        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return new PlanChange(false, errors);
        }

        if (edit.ActionStatuses is { Count: > 0 } statuses)
        {
            var actions = await db.Set<CarePlanAction>().Where(a => a.PlanId == plan.Id).ToListAsync(ct);
            foreach (var a in actions)
            {
                if (statuses.TryGetValue(a.Id, out var s))
                {
                    a.Status = s;
                }
            }
        }

        plan.SelfManagementInfo = Trim(edit.SelfManagementInfo);
        plan.ContactInHours = Trim(edit.ContactInHours);
        plan.ContactOutOfHours = Trim(edit.ContactOutOfHours);
        plan.ReviewDueOn = edit.ReviewDueOn;
        return await SaveChangeAsync(plan, expectedVersion, "careplan.edit", null, ct);
    }

    public async Task<(CarePlanAction? Action, PlanChange Change)> AddActionAsync(CarePlan plan, Guid expectedVersion, Guid concernId,
        CarePlanRules.ActionInput input, CancellationToken ct)
    {
        if (CarePlanRules.CheckCanChange(plan) is { } locked)
        {
            return (null, PlanChange.Refused("", locked));
        }

        var concern = await db.Set<CarePlanConcern>().FirstOrDefaultAsync(c => c.Id == concernId && c.PlanId == plan.Id, ct);
        if (concern is null)
        {
            return (null, PlanChange.Refused("ConcernId", "Choose a concern from the plan"));
        }

        var errors = CarePlanRules.CheckAction(input, UkTime.Today(clock));
        string? ownerName = input.OwnerName?.Trim();
        if (errors.Count == 0 && input.OwnerKind == ActionOwnerKind.Service)
        {
            var service = await db.Set<ServiceDirectory.DirectoryService>().AsNoTracking()
                .FirstOrDefaultAsync(s => s.Id == input.ServiceId && s.Active, ct);
            if (service is null)
            {
                errors.Add(new("ServiceId", CarePlanRules.NoService));
            }
            else
            {
                ownerName = service.Name;
            }
        }
        else if (input.OwnerKind == ActionOwnerKind.KeyWorker && string.IsNullOrWhiteSpace(ownerName))
        {
            ownerName = await KeyWorkerNameAsync(plan.PersonId, ct);
        }

        if (errors.Count > 0)
        {
            return (null, new PlanChange(false, errors));
        }

        var action = new CarePlanAction
        {
            PlanId = plan.Id,
            ConcernId = concern.Id,
            Description = input.Description!.Trim(),
            OwnerKind = input.OwnerKind!.Value,
            OwnerName = input.OwnerKind == ActionOwnerKind.Person ? null : ownerName is { Length: > 0 } ? ownerName : null,
            ServiceId = input.OwnerKind == ActionOwnerKind.Service ? input.ServiceId : null,
            DueOn = input.DueOn!.Value,
            Clinical = input.Clinical,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(action);
        var change = await SaveChangeAsync(plan, expectedVersion, "careplan.action.add", $"action {action.Id}", ct);
        return (action, change);
    }

    /// <summary>Agrees the plan with the person. When a support worker agrees a plan holding a clinical action (and
    /// sign-off is configured for it), nothing is agreed yet: a request goes to their supervisor, and the plan is agreed
    /// as it was sent when they approve (<see cref="ApplyApprovedAsync"/>).</summary>
    public async Task<PlanChange> AgreeAsync(CarePlan plan, Guid expectedVersion, CancellationToken ct)
    {
        var view = await ViewAsync(plan, ct);
        if (CarePlanRules.CheckCanAgree(plan, view.Concerns.Select(c => (c.Goal, view.ActionsFor(c.Id).Count()))) is { } error)
        {
            return PlanChange.Refused("", error);
        }

        if (await signOffs.PendingAsync(SignOffKinds.ClinicalPlanAction, plan.Id, ct) is not null)
        {
            return PlanChange.Refused("", CarePlanRules.AwaitingSignOff);
        }

        var clinical = view.Actions.Where(a => a.Clinical && a.Status != ActionStatus.Cancelled).Select(a => a.Id).ToList();
        if (clinical.Count > 0 && signOffs.IsRequired(SignOffKinds.ClinicalPlanAction))
        {
            // Nothing on the plan changes, so check the version here: a request for a plan someone has just changed
            // would ask the supervisor to approve something the worker has not seen.
            if (plan.Version != expectedVersion)
            {
                throw new DbUpdateConcurrencyException(Concurrency.ConflictMessage);
            }

            await signOffs.RequestClinicalPlanAsync(plan.Id, plan.PersonId, clinical, plan.Version, ct);
            audit.Record("careplan.agree.sign-off-requested", "CarePlan", plan.Id, plan.PersonId, $"{clinical.Count} clinical actions");
            await db.SaveChangesAsync(ct);
            return PlanChange.AwaitingSignOff;
        }

        Agree(plan, expectedVersion, view, user.Name, null);
        await db.SaveChangesAsync(ct);
        return PlanChange.Ok;
    }

    /// <summary>Agrees a plan a supervisor has approved, in their unit of work (the caller saves). The plan must be as it
    /// was when sent: any change since refuses the approval, so nothing is agreed that the supervisor did not see.</summary>
    public async Task ApplyApprovedAsync(SignOffRequest approved, CancellationToken ct)
    {
        var payload = ClinicalPlanSignOff.Read(approved);
        var plan = await db.Set<CarePlan>().FirstOrDefaultAsync(p => p.Id == payload.PlanId, ct)
            ?? throw new SignOffActionFailedException("The plan no longer exists.");
        if (plan.Version != payload.PlanVersion)
        {
            throw new SignOffActionFailedException(CarePlanRules.ChangedSinceSignOffRequested);
        }

        if (CarePlanRules.CheckCanChange(plan) is { } locked)
        {
            throw new SignOffActionFailedException(locked);
        }

        // Agreed with the person by the worker who asked; the approver is named in the audit.
        Agree(plan, plan.Version, await ViewAsync(plan, ct), approved.RequestedByName, "signed off by " + user.Name);
    }

    private void Agree(CarePlan plan, Guid expectedVersion, PlanView view, string agreedByName, string? detail)
    {
        var now = clock.GetUtcNow();
        db.Entry(plan).Property(x => x.Version).OriginalValue = expectedVersion;
        plan.Status = CarePlanStatus.Agreed;
        plan.AgreedVersionNumber++;
        plan.UpdatedAt = now;
        db.Add(new CarePlanVersion
        {
            PlanId = plan.Id,
            Number = plan.AgreedVersionNumber,
            AgreedAt = now,
            AgreedByName = agreedByName,
            SnapshotJson = Snapshot(view),
        });
        audit.Record("careplan.agree", "CarePlan", plan.Id, plan.PersonId,
            $"version {plan.AgreedVersionNumber}" + (detail is null ? "" : "; " + detail));
    }

    public async Task<PlanChange> ReviewAsync(CarePlan plan, Guid expectedVersion, CancellationToken ct)
    {
        if (CarePlanRules.CheckCanReview(plan) is { } error)
        {
            return PlanChange.Refused("", error);
        }

        db.Entry(plan).Property(x => x.Version).OriginalValue = expectedVersion;
        plan.Status = CarePlanStatus.Reviewed;
        plan.UpdatedAt = clock.GetUtcNow();
        audit.Record("careplan.review", "CarePlan", plan.Id, plan.PersonId);
        await db.SaveChangesAsync(ct);
        return PlanChange.Ok;
    }

    public async Task<PlanChange> SetLockedAsync(CarePlan plan, Guid expectedVersion, bool locked, CancellationToken ct)
    {
        db.Entry(plan).Property(x => x.Version).OriginalValue = expectedVersion;
        var now = clock.GetUtcNow();
        plan.Locked = locked;
        plan.LockedAt = locked ? now : null;
        plan.UpdatedAt = now;
        audit.Record(locked ? "careplan.lock" : "careplan.unlock", "CarePlan", plan.Id, plan.PersonId);
        await db.SaveChangesAsync(ct);
        return PlanChange.Ok;
    }

    public async Task<string?> KeyWorkerNameAsync(Guid personId, CancellationToken ct)
    {
        var keyWorkerId = await db.Referrals.Where(r => r.PersonId == personId && r.KeyWorkerId != null && Referral.OpenStatuses.Contains(r.Status))
            .OrderByDescending(r => r.ReceivedOn).Select(r => r.KeyWorkerId).FirstOrDefaultAsync(ct);
        return keyWorkerId is null ? null
            : await db.Staff.Where(s => s.Id == keyWorkerId).Select(s => s.DisplayName).FirstOrDefaultAsync(ct);
    }

    public static string Snapshot(PlanView view) => JsonSerializer.Serialize(new
    {
        view.Plan.SelfManagementInfo,
        view.Plan.ContactInHours,
        view.Plan.ContactOutOfHours,
        view.Plan.ReviewDueOn,
        Concerns = view.Concerns.Select(c => new
        {
            c.ItemCode,
            Concern = ConcernCatalogue.ItemText(c.ItemCode),
            c.ScoreAtAssessment,
            c.Goal,
            Actions = view.ActionsFor(c.Id).Select(a => new
            {
                a.Description,
                Owner = CarePlanRules.OwnerText(a.OwnerKind, a.OwnerName),
                OwnerKind = a.OwnerKind.ToString(),
                a.ServiceId,
                a.DueOn,
                Status = a.Status.ToString(),
                a.Clinical,
            }),
        }),
    });

    private async Task<PlanChange> SaveChangeAsync(CarePlan plan, Guid expectedVersion, string action, string? detail, CancellationToken ct)
    {
        db.Entry(plan).Property(x => x.Version).OriginalValue = expectedVersion;
        CarePlanRules.Changed(plan, clock.GetUtcNow());
        audit.Record(action, "CarePlan", plan.Id, plan.PersonId, detail);
        await db.SaveChangesAsync(ct);
        return PlanChange.Ok;
    }

    private static void Check(List<FieldError> errors, string field, string? value, int max, string label)
    {
        if (value?.Trim().Length > max)
        {
            errors.Add(new(field, $"{label} must be {max} characters or fewer"));
        }
    }

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
