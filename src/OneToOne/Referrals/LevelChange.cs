using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneToOne.Allocation;
using OneToOne.Escalations;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;
using OneToOne.Supervision;
using OneToOne.Worklists;

namespace OneToOne.Referrals;

internal sealed class LevelChangeOptions
{
    public const string Section = "LevelChange";

    /// <summary>Working days the new key worker has to take over after a handover (their Handover task's deadline).</summary>
    public int HandoverWorkingDays { get; set; } = 5;
}

internal static class LevelChangeModule
{
    public static IServiceCollection AddLevelChange(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(LevelChangeOptions.Section).Get<LevelChangeOptions>() ?? new LevelChangeOptions();
        if (options.HandoverWorkingDays < 0)
        {
            throw new InvalidOperationException("LevelChange:HandoverWorkingDays must be 0 or more.");
        }

        services.AddSingleton(options);
        services.AddScoped<LevelChanger>();
        services.AddScoped<ISignOffAction, LevelChangeSignOffAction>();
        return services;
    }
}

/// <summary>A level change as asked: the new level, why, and (when handing over) the new key worker.</summary>
internal sealed record LevelChangeInput(string? Level, string? Reason, Guid? NewKeyWorkerId);

/// <summary>What a support worker's request carries to its sign-off (SignOffRequest.Payload, JSON).</summary>
internal sealed record LevelChangePayload(Guid ReferralId, PathwayLevel Level, string Reason, Guid? NewKeyWorkerId);

/// <summary>The current key worker, and whether their role may carry a given level.</summary>
internal sealed record CurrentKeyWorker(Guid Id, string Name, string RoleName, IReadOnlySet<PathwayLevel> LevelsMayCarry);

internal enum LevelChangeResult
{
    Changed,
    SentForSignOff,
    Invalid,
}

internal sealed record LevelChangeOutcome(LevelChangeResult Result, IReadOnlyList<FieldError> Errors, string? NewKeyWorkerName = null);

/// <summary>The rules of a level change. Pure.</summary>
internal static class LevelChangeRules
{
    public const string NotChangeable = "The level can only be changed for an accepted, allocated or active episode";
    public const string NoKeyWorkerToHandOverFrom = "There is no key worker to hand over from. Allocate a key worker from the referral instead.";
    public const string SameKeyWorker = "Choose someone other than the current key worker";
    public const string NotInList = "Choose the new key worker from the list";
    public const string PendingSignOff = "A level change for this episode is already waiting for sign-off";

    public static string HandoverNeeded(CurrentKeyWorker current, PathwayLevel level) =>
        $"Choose a new key worker: {current.Name}'s role ({current.RoleName}) may not carry {level.DisplayName().ToLowerInvariant()}";

    public static PathwayLevel? ParseLevel(string? value) =>
        !string.IsNullOrWhiteSpace(value) && !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
            && Enum.TryParse<PathwayLevel>(value.Trim(), ignoreCase: true, out var level) && Enum.IsDefined(level)
            ? level
            : null;

    /// <summary>Level and reason: the same rules as a level change at triage (a level, a different one, a reason),
    /// and only for an open, accepted episode. Field names: Level, Reason.</summary>
    public static IReadOnlyList<FieldError> Check(ReferralStatus status, PathwayLevel? current, PathwayLevel suggested, PathwayLevel? level, string? reason)
    {
        if (!TriageRules.LevelChangeStatuses.Contains(status))
        {
            return [new FieldError("", NotChangeable)];
        }

        return TriageRules.Check(status, current, suggested, new TriageRequest(TriageChoice.Accept, level, reason, null));
    }

    /// <summary>The handover: needed when the current key worker's role may not carry the new level; the new key worker
    /// must be someone else, in the ranked list, and eligible (active, role may carry the level, capacity left).
    /// Field name: NewKeyWorkerId.</summary>
    public static FieldError? CheckHandover(PathwayLevel level, CurrentKeyWorker? current, Guid? newKeyWorkerId, RankedCandidate? candidate)
    {
        const string field = nameof(LevelChangeInput.NewKeyWorkerId);
        if (newKeyWorkerId is null)
        {
            return current is not null && !current.LevelsMayCarry.Contains(level) ? new FieldError(field, HandoverNeeded(current, level)) : null;
        }

        if (current is null)
        {
            return new FieldError(field, NoKeyWorkerToHandOverFrom);
        }

        if (newKeyWorkerId == current.Id)
        {
            return new FieldError(field, SameKeyWorker);
        }

        if (candidate is null)
        {
            return new FieldError(field, NotInList);
        }

        return candidate.Eligible
            ? null
            : new FieldError(field, $"{candidate.Staff.DisplayName} cannot take this person: {string.Join("; ", candidate.Exclusions)}");
    }
}

/// <summary>Moves an episode between pathway levels with who, when and why (a <see cref="TriageDecision"/>, the same
/// history triage keeps), handing over to a new key worker - ranked by Allocation's <see cref="CandidateRanker"/> for
/// the new level - with a Handover task when the current one's role may not carry it. A support worker's change goes
/// for sign-off when configured, and is applied by <see cref="LevelChangeSignOffAction"/> on approval.</summary>
internal sealed class LevelChanger(
    OneToOneDb db, AuditTrail audit, CurrentUser user, TimeProvider clock, WorkingDayCalendar calendar,
    AllocationWeights weights, WorkTasks tasks, SignOffs signOffs, LevelChangeOptions options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<Referral?> FindAsync(Guid referralId, CancellationToken ct) =>
        db.Referrals.Include(r => r.Person).FirstOrDefaultAsync(r => r.Id == referralId, ct);

    public async Task<CurrentKeyWorker?> CurrentKeyWorkerAsync(Referral referral, CancellationToken ct)
    {
        if (referral.KeyWorkerId is not { } id)
        {
            return null;
        }

        var s = await db.Staff.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Id, x.DisplayName, x.Role }).FirstOrDefaultAsync(ct);
        return s is null ? null : new CurrentKeyWorker(s.Id, s.DisplayName, s.Role!.Name, s.Role.LevelsMayCarry());
    }

    /// <summary>Every active staff member ranked as key worker for the person at <paramref name="level"/> (eligible first).</summary>
    public async Task<IReadOnlyList<RankedCandidate>> CandidatesAsync(Referral referral, PathwayLevel level, CancellationToken ct)
    {
        var person = referral.Person ?? await db.People.AsNoTracking().FirstAsync(p => p.Id == referral.PersonId, ct);
        // No continuity bonus: the key worker being replaced is the continuity, and they cannot carry the level.
        var need = new AllocationNeed(level, person.PreferredLanguage, person.InterpreterNeeded, person.TumourSite,
            AllocationNeeds.SkillsFor(referral.NeedIndicators), person.PostcodeDistrict, null);
        // This person's current episode is left out of its current key worker's count: they are moving.
        var staff = await Candidates.StaffAsync(db, referral.Id, weights, ct);
        return CandidateRanker.Rank(need, staff, weights);
    }

    /// <summary>Checks everything; then applies the change (practitioners, team leads, and support workers when sign-off is
    /// not configured) or queues it for sign-off. Saves with the caller's version of the referral.</summary>
    public async Task<LevelChangeOutcome> ChangeAsync(Referral referral, LevelChangeInput input, Guid? version, CancellationToken ct)
    {
        var (level, errors, candidate) = await CheckAsync(referral, input, ct);
        if (errors.Count > 0)
        {
            return new LevelChangeOutcome(LevelChangeResult.Invalid, errors);
        }

        var reason = input.Reason!.Trim();
        if (version is { } v)
        {
            db.Entry(referral).Property(r => r.Version).OriginalValue = v;
        }

        if (signOffs.IsRequired(SignOffKinds.LevelChange))
        {
            if (await db.Set<SignOffRequest>().AnyAsync(s => s.Kind == SignOffKinds.LevelChange && s.SubjectId == referral.Id && s.Status == SignOffStatus.Pending, ct))
            {
                return new LevelChangeOutcome(LevelChangeResult.Invalid, [new FieldError("", LevelChangeRules.PendingSignOff)]);
            }

            var payload = JsonSerializer.Serialize(new LevelChangePayload(referral.Id, level, reason, input.NewKeyWorkerId), Json);
            var summary = $"Change the level of support from {referral.Level?.DisplayName().ToLowerInvariant() ?? "none"} to {level.DisplayName().ToLowerInvariant()}"
                + (input.NewKeyWorkerId is null ? "" : ", handing over to a new key worker");
            await signOffs.RequestAsync(SignOffKinds.LevelChange, referral.Id, referral.PersonId, summary, payload, ct);
            audit.Record("referral.level-change-requested", "Referral", referral.Id, referral.PersonId,
                $"to {level}{(input.NewKeyWorkerId is { } k ? $"; handover to {k}" : "")}; sent for sign-off");
            // Touch the referral so a stale page conflicts here too, as the direct change would.
            db.Entry(referral).State = EntityState.Modified;
            await db.SaveChangesAsync(ct);
            return new LevelChangeOutcome(LevelChangeResult.SentForSignOff, []);
        }

        await ApplyAsync(referral, level, reason, input.NewKeyWorkerId, candidate, null, ct);
        await db.SaveChangesAsync(ct);
        return new LevelChangeOutcome(LevelChangeResult.Changed, [], candidate?.Staff.DisplayName);
    }

    public async Task<(PathwayLevel Level, IReadOnlyList<FieldError> Errors, RankedCandidate? Candidate)> CheckAsync(
        Referral referral, LevelChangeInput input, CancellationToken ct)
    {
        var level = LevelChangeRules.ParseLevel(input.Level);
        var errors = LevelChangeRules.Check(referral.Status, referral.Level, ReferralRules.Suggest(referral).Level, level, input.Reason).ToList();
        RankedCandidate? candidate = null;
        if (level is { } l && errors.All(e => e.Field != nameof(LevelChangeInput.Level) && e.Field.Length > 0))
        {
            var current = await CurrentKeyWorkerAsync(referral, ct);
            if (input.NewKeyWorkerId is { } chosen)
            {
                candidate = (await CandidatesAsync(referral, l, ct)).FirstOrDefault(c => c.Staff.StaffId == chosen);
            }

            if (LevelChangeRules.CheckHandover(l, current, input.NewKeyWorkerId, candidate) is { } handover)
            {
                errors.Add(handover);
            }
        }

        return (level ?? default, errors, candidate);
    }

    /// <summary>Stages the change in the caller's unit of work (the caller saves): level, its history row, the
    /// handover (assignment and Handover task) and the audit event.</summary>
    public async Task ApplyAsync(Referral referral, PathwayLevel level, string reason, Guid? newKeyWorkerId, RankedCandidate? candidate,
        SignOffRequest? approved, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var suggestion = ReferralRules.Suggest(referral);
        var from = referral.Level;
        var why = approved is null ? reason : Cap($"{reason} (asked by {approved.RequestedByName}; signed off)");
        referral.Level = level;
        db.TriageDecisions.Add(new TriageDecision
        {
            ReferralId = referral.Id,
            Outcome = referral.Status,
            Level = level,
            SuggestedLevel = suggestion.Level,
            SuggestionReasons = [.. suggestion.Reasons],
            Reason = why,
            DecidedById = user.StaffMemberId ?? user.UserId ?? Guid.Empty,
            DecidedByName = user.Name,
            DecidedAt = now,
        });

        if (newKeyWorkerId is { } next && candidate is not null)
        {
            foreach (var open in await db.KeyWorkerAssignments.Where(a => a.ReferralId == referral.Id && a.EndedAt == null).ToListAsync(ct))
            {
                open.EndedAt = now;
            }

            var eligible = (await CandidatesAsync(referral, level, ct)).Where(c => c.Eligible).Select(c => c.Staff.StaffId).ToList();
            var assignment = new KeyWorkerAssignment
            {
                ReferralId = referral.Id,
                PersonId = referral.PersonId,
                StaffMemberId = next,
                Level = level,
                Rank = eligible.IndexOf(next) + 1,
                Score = Math.Round(candidate.Score, 2),
                Reason = Cap("Handover on a change of level: " + why),
                AssignedById = user.UserId ?? Guid.Empty,
                AssignedByName = user.Name,
                AssignedAt = now,
            };
            db.KeyWorkerAssignments.Add(assignment);
            referral.KeyWorkerId = next;
            var due = EscalationRules.EndOfUkDay(calendar.AddWorkingDays(UkTime.Today(clock), options.HandoverWorkingDays));
            await tasks.EnsureAsync(new WorkTaskSpec(
                WorkTaskKind.Handover, referral.Id, $"Handover: take over as key worker ({level.DisplayName().ToLowerInvariant()})",
                $"/referrals/{referral.Id}/handover", due, referral.PersonId, next, Key: assignment.Id.ToString("N")), ct);
        }

        audit.Record("referral.level-change", "Referral", referral.Id, referral.PersonId,
            $"{from?.ToString() ?? "none"} -> {level}; suggested {suggestion.Level}"
            + (newKeyWorkerId is { } k ? $"; handover to {k}" : "")
            + (approved is null ? "" : $"; signed off request {approved.Id}"));
    }

    private static string Cap(string text) => text.Length <= Referral.ReasonMax ? text : text[..Referral.ReasonMax];

    /// <summary>For the sign-off action: re-checks the request against the episode as it is now, then applies it.</summary>
    public async Task ApplyApprovedAsync(SignOffRequest approved, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<LevelChangePayload>(approved.Payload, Json)
            ?? throw new InvalidOperationException("The level change request has no details.");
        var referral = await FindAsync(payload.ReferralId, ct)
            ?? throw new InvalidOperationException("The episode of this level change request no longer exists.");
        var (level, errors, candidate) = await CheckAsync(referral, new LevelChangeInput(payload.Level.ToString(), payload.Reason, payload.NewKeyWorkerId), ct);
        if (errors.Count > 0)
        {
            // Things moved on since the request (another change, a discharge, the new key worker filled up): approving
            // it as it stands would be wrong, so it is refused with the reason; the supervisor returns it instead.
            throw new InvalidOperationException("This level change can no longer be made: " + string.Join("; ", errors.Select(e => e.Message)));
        }

        await ApplyAsync(referral, level, payload.Reason, payload.NewKeyWorkerId, candidate, approved, ct);
    }
}

/// <summary>Applies a support worker's level change when their supervisor approves it (called by Supervision's
/// approve step, in the approver's unit of work; the caller saves).</summary>
internal sealed class LevelChangeSignOffAction(LevelChanger changer) : ISignOffAction
{
    public string Kind => SignOffKinds.LevelChange;

    public Task ApplyAsync(SignOffRequest approved, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(approved);
        return changer.ApplyApprovedAsync(approved, ct);
    }
}
