using Microsoft.EntityFrameworkCore;
using OneToOne.Allocation;
using OneToOne.Notifications;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;
using OneToOne.Referrals;
using OneToOne.Worklists;

namespace OneToOne.PatientAccess;

/// <summary>Who supervises a member of staff. The Supervision module owns supervisor links: it registers its own
/// implementation, which replaces this default (which knows of none, so red flags go to the team's practitioners).</summary>
public interface ISupervisorLookup
{
    Task<Guid?> SupervisorOfAsync(Guid staffMemberId, CancellationToken ct);
}

internal sealed class NoSupervisorLookup : ISupervisorLookup
{
    public Task<Guid?> SupervisorOfAsync(Guid staffMemberId, CancellationToken ct) => Task.FromResult<Guid?>(null);
}

/// <summary>Where a person stands for asking for help.</summary>
internal sealed record HelpState(HelpEligibility Eligibility, Referral? OpenEpisode, OpenAccessPeriod? Period);

/// <summary>Requests for help: who may ask, where each goes (team queue, or a named registered practitioner for a red
/// flag), and how staff answer them. Everything is staged in the caller's unit of work with its WorkTask and audit row.</summary>
internal sealed class HelpRequests(
    OneToOneDb db, WorkTasks tasks, Notifier notifier, TimeProvider clock, WorkingDayCalendar calendar, PersonAccessOptions options,
    ISupervisorLookup supervisors, CurrentUser user, AuditTrail audit)
{
    public const string RedFlagTemplate = "help-request-red-flag";

    public async Task<HelpState> StateAsync(Guid personId, CancellationToken ct)
    {
        var open = await db.Referrals.Where(r => r.PersonId == personId && Referral.OpenStatuses.Contains(r.Status))
            .OrderByDescending(r => r.ReceivedOn).FirstOrDefaultAsync(ct);
        var period = await db.Set<OpenAccessPeriod>().Where(p => p.PersonId == personId)
            .OrderByDescending(p => p.StartsOn).ThenByDescending(p => p.CreatedAt).FirstOrDefaultAsync(ct);
        var eligibility = PersonAccessRules.Eligibility(open is not null, period?.Status, period?.EndsOn, UkTime.Today(clock));
        return new HelpState(eligibility, open, period);
    }

    /// <summary>Stores a checked request with its task (the caller saves). Null when the person may not ask now.</summary>
    public async Task<HelpRequest?> CreateAsync(Guid personId, CheckedHelpRequest input, HelpRequestChannel channel, CancellationToken ct)
    {
        var state = await StateAsync(personId, ct);
        if (state.Eligibility is not (HelpEligibility.ActiveEpisode or HelpEligibility.OpenAccess))
        {
            return null;
        }

        var (staffId, teamId) = await RouteAsync(state, input.RedFlag, ct);
        var due = calendar.AddWorkingDays(UkTime.Today(clock), input.RedFlag ? options.RedFlagWorkingDays : options.HelpRequestWorkingDays);
        var request = new HelpRequest
        {
            PersonId = personId,
            PeriodId = state.Eligibility == HelpEligibility.OpenAccess ? state.Period!.Id : null,
            ReferralId = state.OpenEpisode?.Id ?? state.Period?.ReferralId,
            About = input.About,
            RedFlag = input.RedFlag,
            ContactMethod = input.ContactMethod,
            ContactDetail = input.ContactDetail,
            BestTime = input.BestTime,
            Channel = channel,
            RecordedByStaffId = channel == HelpRequestChannel.Phone ? user.StaffMemberId : null,
            RecordedByName = channel == HelpRequestChannel.Phone ? user.Name : null,
            CreatedAt = clock.GetUtcNow(),
            DueAt = PersonAccessRules.EndOfUkDay(due),
            AssignedToStaffId = staffId,
            AssignedToTeamId = staffId is null ? teamId : null,
            Status = HelpRequestStatus.Open,
        };
        db.Add(request);
        var title = input.RedFlag
            ? "Urgent: a request for help reports a possible red-flag symptom"
            : state.Eligibility == HelpEligibility.OpenAccess ? "Request for help from a person in open access" : "Request for help from a person on the caseload";
        await tasks.EnsureAsync(new WorkTaskSpec(WorkTaskKind.HelpRequest, request.Id, title, $"/help-requests/{request.Id}", request.DueAt,
            personId, request.AssignedToStaffId, request.AssignedToTeamId), ct);
        if (input.RedFlag && staffId is { } practitioner
            && await db.Staff.Where(s => s.Id == practitioner).Select(s => s.Email).FirstOrDefaultAsync(ct) is { Length: > 0 } email)
        {
            notifier.Queue(new NotificationRequest(RedFlagTemplate, NotificationChannels.Email, email,
                new Dictionary<string, string> { ["link"] = $"/help-requests/{request.Id}", ["due"] = UkTime.Format(due) }, null, practitioner));
        }

        var detail = $"{channel}; red flag {(input.RedFlag ? "yes" : "no")}; {state.Eligibility}";
        if (channel == HelpRequestChannel.Online)
        {
            PersonAudit.Record(db, db.TenantId, personId, "help-request.create", "HelpRequest", request.Id, detail);
        }
        else
        {
            audit.Record("help-request.create", "HelpRequest", request.Id, personId, detail);
        }

        return request;
    }

    /// <summary>A red flag goes to a named registered practitioner: the key worker's supervisor when known, else the
    /// practitioner in the team with the least open work, else any in the organisation. Other requests go to the key
    /// worker while the episode is open, and to the former key worker's team queue in open access.</summary>
    private async Task<(Guid? Staff, Guid? Team)> RouteAsync(HelpState state, bool redFlag, CancellationToken ct)
    {
        var keyWorker = state.OpenEpisode?.KeyWorkerId ?? state.Period?.FormerKeyWorkerId;
        var team = state.Period is { TeamId: { } periodTeam } && state.OpenEpisode is null ? periodTeam
            : keyWorker is { } kw ? await db.Staff.Where(s => s.Id == kw).Select(s => s.TeamId).FirstOrDefaultAsync(ct)
            : null;
        team ??= await db.Teams.Where(t => t.Active).OrderBy(t => t.Name).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);

        if (redFlag)
        {
            if (keyWorker is { } worker && await supervisors.SupervisorOfAsync(worker, ct) is { } supervisor
                && await db.Staff.AnyAsync(s => s.Id == supervisor && s.Active && s.Role!.Registered, ct))
            {
                return (supervisor, null);
            }

            var practitioner = await LeastBusyPractitionerAsync(team, ct) ?? await LeastBusyPractitionerAsync(null, ct);
            return practitioner is not null ? (practitioner, null) : (null, team);
        }

        if (state.OpenEpisode?.KeyWorkerId is { } current && await db.Staff.AnyAsync(s => s.Id == current && s.Active, ct))
        {
            return (current, null);
        }

        return team is not null ? (null, team) : (keyWorker, null);
    }

    private async Task<Guid?> LeastBusyPractitionerAsync(Guid? team, CancellationToken ct) =>
        await db.Staff.Where(s => s.Active && s.Role!.Registered && (team == null || s.TeamId == team))
            .Select(s => new { s.Id, s.DisplayName, Open = db.Set<WorkTask>().Count(t => t.AssignedToStaffId == s.Id && t.Status == WorkTaskStatus.Open) })
            .OrderBy(s => s.Open).ThenBy(s => s.DisplayName).ThenBy(s => s.Id)
            .Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);

    /// <summary>Answers a request (the caller has checked it with <see cref="HelpRequestRules.CheckAnswer"/>): completes its task
    /// and, to re-open, ends the open-access period and starts a new episode with the former key worker. Saves with the
    /// request's Version (a conflict throws DbUpdateConcurrencyException).</summary>
    public async Task AnswerAsync(HelpRequest request, HelpAnswerInput input, Guid version, CancellationToken ct)
    {
        db.Entry(request).Property(x => x.Version).OriginalValue = version;
        var now = clock.GetUtcNow();
        request.Status = HelpRequestStatus.Answered;
        request.Outcome = input.Outcome;
        request.OutcomeNote = input.Note!.Trim();
        request.ReferredTo = input.Outcome == HelpOutcome.ReferredOn ? input.ReferredTo!.Trim() : null;
        request.AnsweredAt = now;
        request.AnsweredByStaffId = user.StaffMemberId;
        request.AnsweredByName = user.Name;
        await tasks.CompleteAsync(WorkTaskKind.HelpRequest, request.Id, ct);
        if (input.Outcome == HelpOutcome.Reopened)
        {
            request.NewReferralId = await ReopenAsync(request, now, ct);
        }

        audit.Record("help-request.answer", "HelpRequest", request.Id, request.PersonId, request.Outcome.ToString());
        await db.SaveChangesAsync(ct);
    }

    private async Task<Guid> ReopenAsync(HelpRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var period = await db.Set<OpenAccessPeriod>().FirstAsync(p => p.Id == request.PeriodId, ct);
        period.Status = OpenAccessStatus.Reopened;
        period.EndedAt = now;
        var old = await db.Referrals.AsNoTracking().FirstAsync(r => r.Id == period.ReferralId, ct);
        var level = old.Level ?? PathwayLevel.SupportedSelfManagement;
        var keyWorker = period.FormerKeyWorkerId is { } former && await db.Staff.AnyAsync(s => s.Id == former && s.Active, ct) ? former : (Guid?)null;
        var today = UkTime.Today(clock);
        var referral = new Referral
        {
            PersonId = request.PersonId,
            Source = ReferralSource.SelfReferral,
            ReferrerName = "The person (open access)",
            ReceivedOn = today,
            Reason = $"Re-opened from a request for help during open access after the episode received {UkTime.Format(old.ReceivedOn)}.",
            Urgency = request.RedFlag ? ReferralUrgency.Urgent : ReferralUrgency.Routine,
            Status = keyWorker is null ? ReferralStatus.Accepted : ReferralStatus.Allocated,
            TriageDueOn = today,
            SuggestedLevel = level,
            Level = level,
            TriagedAt = now,
            OutcomeReason = "Re-opened to the caseload from a request for help in open access",
            KeyWorkerId = keyWorker,
            AllocatedAt = keyWorker is null ? null : now,
            Channel = "page",
            CreatedAt = now,
        };
        db.Referrals.Add(referral);
        db.TriageDecisions.Add(new TriageDecision
        {
            ReferralId = referral.Id,
            Outcome = referral.Status,
            Level = level,
            SuggestedLevel = level,
            Reason = referral.OutcomeReason,
            DecidedById = user.StaffMemberId ?? user.UserId ?? Guid.Empty,
            DecidedByName = user.Name,
            DecidedAt = now,
        });
        if (keyWorker is { } worker)
        {
            db.KeyWorkerAssignments.Add(new KeyWorkerAssignment
            {
                ReferralId = referral.Id,
                PersonId = request.PersonId,
                StaffMemberId = worker,
                Level = level,
                Reason = "Continuity: the former key worker, re-opened from open access",
                AssignedById = user.StaffMemberId ?? user.UserId ?? Guid.Empty,
                AssignedByName = user.Name,
                AssignedAt = now,
            });
        }

        audit.Record("referral.reopen", "Referral", referral.Id, request.PersonId, $"from open access after referral {old.Id}");
        return referral.Id;
    }
}
