using Microsoft.EntityFrameworkCore;
using OneToOne.Notifications;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Worklists;

namespace OneToOne.Supervision;

internal enum DecisionOutcome
{
    Done,
    NotAllowed,
    AlreadyDone,
    Conflict,
    Invalid,
    ActionFailed,
}

/// <summary>What came of a decision (a sign-off or a case review); nothing is stored unless it is <see cref="DecisionOutcome.Done"/>.</summary>
internal sealed record DecisionResult(DecisionOutcome Outcome, string? Message, IReadOnlyList<FieldError> Errors)
{
    public static readonly DecisionResult Ok = new(DecisionOutcome.Done, null, []);

    public static DecisionResult NotAllowed(string message) => new(DecisionOutcome.NotAllowed, message, []);

    public static DecisionResult AlreadyDone(string message) => new(DecisionOutcome.AlreadyDone, message, []);

    public static DecisionResult Conflict() => new(DecisionOutcome.Conflict, Concurrency.ConflictMessage, []);

    public static DecisionResult Invalid(IReadOnlyList<FieldError> errors) => new(DecisionOutcome.Invalid, null, errors);

    public static DecisionResult Failed(string message) => new(DecisionOutcome.ActionFailed, message, []);
}

internal sealed record SignOffRow(Guid Id, string Kind, string Summary, Guid PersonId, string PersonName, Guid RequestedByStaffId, string RequestedByName,
    DateTimeOffset RequestedAt, Guid? SupervisorStaffId, string? SupervisorName, SignOffStatus Status, string? DecidedByName,
    DateTimeOffset? DecidedAt, DateTimeOffset? DueAt);

internal sealed record SignOffView(SignOffRequest Request, string PersonName, string? SupervisorName, string? TeamName, bool MayDecide,
    bool IsRequester, DateTimeOffset? DueAt);

/// <summary>The sign-off queue: who sees which requests, and approving (which carries the action out, in the same
/// transaction) or returning them with a comment.</summary>
internal sealed partial class SignOffDecisions(
    OneToOneDb db,
    Supervisors supervisors,
    CurrentUser user,
    TimeProvider clock,
    AuditTrail audit,
    WorkTasks tasks,
    Notifier notifier,
    IEnumerable<ISignOffAction> actions,
    ILogger<SignOffDecisions> logger)
{
    public const string ReturnedTemplate = "sign-off-returned";
    public const string MayNotDecide = "Only the supervisor named, a registered practitioner of the team (for requests in the team's queue) or the team lead can approve or return this request";
    public const string AlreadyDecided = "This request has already been decided";
    public const string NotSaved = "The approval could not be saved, so nothing was changed. Try again, and tell your administrator if it keeps happening.";

    public static string NoAction(string kind) =>
        $"Nothing is set up to carry out a {SignOffKinds.DisplayName(kind).ToLowerInvariant()} in this service, so it cannot be approved. Nothing was changed.";

    public static string ActionFailed(string reason) => $"The approval was not saved, and nothing was changed: {reason}";

    /// <summary>The request, if the acting user may see it: the requester, or someone who may decide it.</summary>
    public async Task<SignOffView?> FindAsync(Guid id, CancellationToken ct)
    {
        var request = await db.Set<SignOffRequest>().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return null;
        }

        var actor = await supervisors.ActorAsync(ct);
        var mayDecide = SupervisionRules.MayDecide(request.SupervisorStaffId, request.TeamId, request.RequestedByStaffId, actor);
        var isRequester = actor.StaffId == request.RequestedByStaffId;
        if (!mayDecide && !isRequester)
        {
            return null;
        }

        var person = await db.People.Where(p => p.Id == request.PersonId).Select(p => p.GivenName + " " + p.FamilyName).FirstOrDefaultAsync(ct);
        var supervisor = request.SupervisorStaffId is { } s
            ? await db.Staff.Where(x => x.Id == s).Select(x => x.DisplayName).FirstOrDefaultAsync(ct)
            : null;
        var team = request.TeamId is { } t ? await db.Teams.Where(x => x.Id == t).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var due = await db.Set<WorkTask>().Where(x => x.Kind == WorkTaskKind.SignOff && x.SourceId == request.Id)
            .Select(x => (DateTimeOffset?)x.DueAt).FirstOrDefaultAsync(ct);
        return new SignOffView(request, person ?? "", supervisor, team, mayDecide && request.Status == SignOffStatus.Pending, isRequester, due);
    }

    /// <summary>What the acting user may decide: named to them, their team's queue (registered practitioners), the
    /// team's requests (team leads). Pending ones oldest first; with <paramref name="decided"/>, the latest decided.</summary>
    public async Task<IReadOnlyList<SignOffRow>> QueueAsync(bool decided, int take, CancellationToken ct)
    {
        var actor = await supervisors.ActorAsync(ct);
        if (actor.StaffId is null || actor.SupportWorkerOnly)
        {
            return [];
        }

        var query = Visible(db.Set<SignOffRequest>(), actor);
        query = decided
            ? query.Where(r => r.Status != SignOffStatus.Pending).OrderByDescending(r => r.DecidedAt).ThenBy(r => r.Id)
            : query.Where(r => r.Status == SignOffStatus.Pending).OrderBy(r => r.RequestedAt).ThenBy(r => r.Id);
        return await RowsAsync(query.Take(take), ct);
    }

    /// <summary>The acting user's own requests, newest first.</summary>
    public async Task<IReadOnlyList<SignOffRow>> MineAsync(int take, CancellationToken ct)
    {
        if (user.StaffMemberId is not { } me)
        {
            return [];
        }

        return await RowsAsync(db.Set<SignOffRequest>().Where(r => r.RequestedByStaffId == me)
            .OrderByDescending(r => r.RequestedAt).ThenBy(r => r.Id).Take(take), ct);
    }

    /// <summary>Requests about one person, pending first, then the latest decided (for their record).</summary>
    public async Task<IReadOnlyList<SignOffRow>> ForPersonAsync(Guid personId, int take, CancellationToken ct) =>
        await RowsAsync(db.Set<SignOffRequest>().Where(r => r.PersonId == personId)
            .OrderBy(r => r.Status == SignOffStatus.Pending ? 0 : 1).ThenByDescending(r => r.RequestedAt).ThenBy(r => r.Id).Take(take), ct);

    public async Task<DecisionResult> ApproveAsync(SignOffRequest request, Guid expectedVersion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var refused = await RefusalAsync(request, expectedVersion, ct);
        if (refused is not null)
        {
            return refused;
        }

        var action = actions.FirstOrDefault(a => string.Equals(a.Kind, request.Kind, StringComparison.Ordinal));
        if (action is null)
        {
            return DecisionResult.Failed(NoAction(request.Kind));
        }

        // One transaction holds the action's changes, the decision, the task and the audit row: if any part fails,
        // none of it is stored (even if the action saved on its own).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.Entry(request).Property(x => x.Version).OriginalValue = expectedVersion;
            Decide(request, SignOffStatus.Approved, null);
            await action.ApplyAsync(request, ct);
            await tasks.CompleteAsync(WorkTaskKind.SignOff, request.Id, ct);
            audit.Record("signoff.approve", "SignOffRequest", request.Id, request.PersonId, request.Kind);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return DecisionResult.Ok;
        }
        catch (SignOffActionFailedException e)
        {
            await UndoAsync(transaction);
            return DecisionResult.Failed(ActionFailed(e.Message));
        }
        catch (InvalidOperationException e)
        {
            // The owning module refused (its rules throw this): the approver reads why, nothing is kept.
            await UndoAsync(transaction);
            LogActionRefused(logger, request.Kind, request.Id);
            return DecisionResult.Failed(ActionFailed(e.Message));
        }
        catch (DbUpdateConcurrencyException)
        {
            await UndoAsync(transaction);
            return DecisionResult.Conflict();
        }
        catch (DbUpdateException)
        {
            await UndoAsync(transaction);
            // Most often a second approver racing this one: their action's rows took the unique keys first.
            var status = await db.Set<SignOffRequest>().Where(r => r.Id == request.Id).Select(r => r.Status).FirstOrDefaultAsync(ct);
            if (status != SignOffStatus.Pending)
            {
                return DecisionResult.AlreadyDone(AlreadyDecided);
            }

            LogNotSaved(logger, request.Kind, request.Id);
            return DecisionResult.Failed(NotSaved);
        }
    }

    public async Task<DecisionResult> ReturnAsync(SignOffRequest request, Guid expectedVersion, string? comment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var refused = await RefusalAsync(request, expectedVersion, ct);
        if (refused is not null)
        {
            return refused;
        }

        var errors = SupervisionRules.CheckReturnComment(comment);
        if (errors.Count > 0)
        {
            return DecisionResult.Invalid(errors);
        }

        db.Entry(request).Property(x => x.Version).OriginalValue = expectedVersion;
        Decide(request, SignOffStatus.Returned, comment!.Trim());
        await tasks.CompleteAsync(WorkTaskKind.SignOff, request.Id, ct);
        var email = await db.Staff.Where(s => s.Id == request.RequestedByStaffId).Select(s => s.Email).FirstOrDefaultAsync(ct);
        if (!string.IsNullOrEmpty(email))
        {
            // The comment stays in the app (it may be about the person): the message says where to read it.
            notifier.Queue(new NotificationRequest(ReturnedTemplate, NotificationChannels.Email, email,
                new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["kind"] = SignOffKinds.DisplayName(request.Kind).ToLowerInvariant(),
                    ["decider"] = user.Name,
                    ["link"] = SupervisionUrls.SignOff(request.Id),
                },
                request.PersonId,
                request.RequestedByStaffId));
        }

        audit.Record("signoff.return", "SignOffRequest", request.Id, request.PersonId, request.Kind);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return DecisionResult.Conflict();
        }

        return DecisionResult.Ok;
    }

    public static IQueryable<SignOffRequest> Visible(IQueryable<SignOffRequest> requests, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var me = actor.StaffId;
        var team = actor.TeamId;
        var lead = actor.IsTeamLead;
        var registered = actor.IsRegisteredPractitioner;
        return requests.Where(r => r.RequestedByStaffId != me
            && (r.SupervisorStaffId == me
                || (lead && (team == null || r.TeamId == null || r.TeamId == team))
                || (registered && r.SupervisorStaffId == null && (r.TeamId == null || r.TeamId == team))));
    }

    private async Task<DecisionResult?> RefusalAsync(SignOffRequest request, Guid expectedVersion, CancellationToken ct)
    {
        var actor = await supervisors.ActorAsync(ct);
        if (!SupervisionRules.MayDecide(request.SupervisorStaffId, request.TeamId, request.RequestedByStaffId, actor))
        {
            return DecisionResult.NotAllowed(MayNotDecide);
        }

        if (request.Status != SignOffStatus.Pending)
        {
            return DecisionResult.AlreadyDone(AlreadyDecided);
        }

        return request.Version != expectedVersion ? DecisionResult.Conflict() : null;
    }

    private void Decide(SignOffRequest request, SignOffStatus status, string? comment)
    {
        request.Status = status;
        request.Comment = comment;
        request.DecidedAt = clock.GetUtcNow();
        request.DecidedByStaffId = user.StaffMemberId;
        request.DecidedByName = user.Name;
    }

    private async Task UndoAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction)
    {
        await transaction.RollbackAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
    }

    private async Task<IReadOnlyList<SignOffRow>> RowsAsync(IQueryable<SignOffRequest> query, CancellationToken ct)
    {
        var rows = await query
            .Select(r => new SignOffRow(
                r.Id, r.Kind, r.Summary, r.PersonId,
                db.People.Where(p => p.Id == r.PersonId).Select(p => p.GivenName + " " + p.FamilyName).FirstOrDefault() ?? "",
                r.RequestedByStaffId, r.RequestedByName, r.RequestedAt, r.SupervisorStaffId,
                db.Staff.Where(s => s.Id == r.SupervisorStaffId).Select(s => s.DisplayName).FirstOrDefault(),
                r.Status, r.DecidedByName, r.DecidedAt,
                db.Set<WorkTask>().Where(t => t.Kind == WorkTaskKind.SignOff && t.SourceId == r.Id).Select(t => (DateTimeOffset?)t.DueAt).FirstOrDefault()))
            .AsNoTracking()
            .ToListAsync(ct);
        return rows;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Kind} action refused sign-off request {RequestId}; nothing was stored")]
    private static partial void LogActionRefused(ILogger logger, string kind, Guid requestId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Approving sign-off request {RequestId} ({Kind}) could not be saved; nothing was stored")]
    private static partial void LogNotSaved(ILogger logger, string kind, Guid requestId);
}
