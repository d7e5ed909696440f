using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;
using OneToOne.Referrals;
using OneToOne.Worklists;

namespace OneToOne.Supervision;

/// <summary>What a supervisor records about a session.</summary>
internal sealed record SessionInput(DateOnly? HeldOn, Guid? SuperviseeStaffId, IReadOnlyCollection<Guid> PeopleDiscussed, string? Notes);

internal sealed record ActionInput(string? Description, SupervisionActionOwner? Owner, DateOnly? DueOn);

internal sealed record CaseloadPerson(Guid PersonId, string Name, string NhsNumber);

internal sealed record SessionRow(Guid Id, DateOnly HeldOn, string SupervisorName, string SuperviseeName, int PeopleDiscussed, int OpenActions);

internal sealed record ActionRow(Guid Id, string Description, SupervisionActionOwner Owner, string OwnerName, DateOnly? DueOn, SupervisionActionStatus Status);

internal sealed record SessionView(SupervisionSession Session, string SupervisorName, string SuperviseeName, IReadOnlyList<CaseloadPerson> People,
    IReadOnlyList<ActionRow> Actions, bool MayEdit);

/// <summary>Records supervision sessions and the actions agreed in them.</summary>
internal sealed class SupervisionSessions(OneToOneDb db, AuditTrail audit, CurrentUser user, TimeProvider clock, WorkTasks tasks, Supervisors supervisors)
{
    /// <summary>Supervision actions travel as plan-action tasks (the nearest kind the shared contract has), told apart
    /// by this key; the lead may give them a kind of their own.</summary>
    public const WorkTaskKind ActionTaskKind = WorkTaskKind.PlanAction;
    public const string ActionTaskKey = "supervision";
    public const string MayNotRecord = "You can record supervision only for people you supervise";

    /// <summary>The open people on the worker's caseload (allocated or active), by name.</summary>
    public async Task<IReadOnlyList<CaseloadPerson>> CaseloadAsync(Guid staffId, CancellationToken ct)
    {
        var rows = await db.Referrals
            .Where(r => r.KeyWorkerId == staffId && Referral.CaseloadStatuses.Contains(r.Status))
            .Select(r => new CaseloadPerson(r.PersonId, r.Person!.GivenName + " " + r.Person.FamilyName, r.Person.NhsNumber))
            .AsNoTracking()
            .ToListAsync(ct);
        return [.. rows.DistinctBy(p => p.PersonId).OrderBy(p => p.Name, StringComparer.CurrentCulture)];
    }

    public async Task<(SupervisionSession? Session, IReadOnlyList<FieldError> Errors)> RecordAsync(SessionInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (user.StaffMemberId is not { } me)
        {
            return (null, [new("SuperviseeStaffId", MayNotRecord)]);
        }

        var caseload = input.SuperviseeStaffId is { } s ? await CaseloadAsync(s, ct) : [];
        var people = input.PeopleDiscussed.Distinct().ToList();
        var errors = SupervisionRules.CheckSession(input.HeldOn, input.SuperviseeStaffId, me, input.Notes, people,
            caseload.Select(p => p.PersonId).ToHashSet(), UkTime.Today(clock)).ToList();
        if (input.SuperviseeStaffId is { } supervisee && errors.All(e => e.Field != "SuperviseeStaffId")
            && !await supervisors.MaySuperviseAsync(supervisee, ct))
        {
            errors.Add(new("SuperviseeStaffId", MayNotRecord));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var session = new SupervisionSession
        {
            HeldOn = input.HeldOn!.Value,
            SupervisorStaffId = me,
            SuperviseeStaffId = input.SuperviseeStaffId!.Value,
            Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim(),
            RecordedAt = clock.GetUtcNow(),
            RecordedByName = user.Name,
        };
        db.Add(session);
        foreach (var personId in people)
        {
            db.Add(new SupervisionSessionPerson { SessionId = session.Id, PersonId = personId });
            // Each person discussed: their record was used, and the trail they can read says so.
            audit.Record("supervision.discussed", "SupervisionSession", session.Id, personId);
        }

        audit.Record("supervision.session", "SupervisionSession", session.Id, null,
            string.Create(CultureInfo.InvariantCulture, $"{people.Count} people discussed"));
        await db.SaveChangesAsync(ct);
        return (session, []);
    }

    /// <summary>The session if the acting user may see it: its supervisor, its supervisee, or a team lead.</summary>
    public async Task<SessionView?> FindAsync(Guid id, CancellationToken ct)
    {
        var session = await db.Set<SupervisionSession>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (session is null)
        {
            return null;
        }

        var me = user.StaffMemberId;
        var isParty = me == session.SupervisorStaffId || me == session.SuperviseeStaffId;
        var mayEdit = me == session.SupervisorStaffId;
        if (!isParty)
        {
            if (!user.IsInRole(Roles.TeamLead) || !await supervisors.MaySuperviseAsync(session.SuperviseeStaffId, ct))
            {
                return null;
            }

            mayEdit = true;
        }

        var names = await db.Staff.Where(x => x.Id == session.SupervisorStaffId || x.Id == session.SuperviseeStaffId)
            .ToDictionaryAsync(x => x.Id, x => x.DisplayName, ct);
        var people = await db.Set<SupervisionSessionPerson>().Where(p => p.SessionId == id)
            .Join(db.People, sp => sp.PersonId, p => p.Id, (sp, p) => new CaseloadPerson(p.Id, p.GivenName + " " + p.FamilyName, p.NhsNumber))
            .AsNoTracking()
            .ToListAsync(ct);
        var actions = await db.Set<SupervisionAction>().Where(a => a.SessionId == id)
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .Join(db.Staff, a => a.OwnerStaffId, s => s.Id, (a, s) => new ActionRow(a.Id, a.Description, a.Owner, s.DisplayName, a.DueOn, a.Status))
            .AsNoTracking()
            .ToListAsync(ct);
        return new SessionView(session, names.GetValueOrDefault(session.SupervisorStaffId, ""), names.GetValueOrDefault(session.SuperviseeStaffId, ""),
            [.. people.OrderBy(p => p.Name, StringComparer.CurrentCulture)], actions, mayEdit);
    }

    /// <summary>Adds an agreed action; with a due date it becomes a task for its owner, due by the end of that day.</summary>
    public async Task<IReadOnlyList<FieldError>> AddActionAsync(SupervisionSession session, ActionInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(input);
        var errors = SupervisionRules.CheckAction(input.Description, input.Owner, input.DueOn, UkTime.Today(clock));
        if (errors.Count > 0)
        {
            return errors;
        }

        var ownerId = input.Owner == SupervisionActionOwner.Supervisor ? session.SupervisorStaffId : session.SuperviseeStaffId;
        var action = new SupervisionAction
        {
            SessionId = session.Id,
            Description = input.Description!.Trim(),
            Owner = input.Owner!.Value,
            OwnerStaffId = ownerId,
            DueOn = input.DueOn,
            Status = SupervisionActionStatus.Open,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(action);
        if (input.DueOn is { } due)
        {
            // The title stays generic: the action's words may be about a person.
            await tasks.EnsureAsync(new WorkTaskSpec(ActionTaskKind, action.Id, $"Action agreed in supervision, due {UkTime.Format(due)}",
                SupervisionUrls.Session(session.Id), SupervisionTime.EndOfUkDay(due), AssignedToStaffId: ownerId, Key: ActionTaskKey), ct);
        }

        audit.Record("supervision.action", "SupervisionSession", session.Id, null, input.DueOn is null ? "no due date" : "task created");
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>Marks an open action done (and its task); false when there is no such open action in the session.</summary>
    public async Task<bool> CompleteActionAsync(SupervisionSession session, Guid actionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var action = await db.Set<SupervisionAction>()
            .FirstOrDefaultAsync(a => a.Id == actionId && a.SessionId == session.Id && a.Status == SupervisionActionStatus.Open, ct);
        if (action is null)
        {
            return false;
        }

        action.Status = SupervisionActionStatus.Done;
        action.CompletedAt = clock.GetUtcNow();
        await tasks.CompleteAsync(ActionTaskKind, actionId, ct, ActionTaskKey);
        audit.Record("supervision.action.done", "SupervisionSession", session.Id);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Sessions where <paramref name="staffId"/> was supervisor or supervisee, newest first.</summary>
    public async Task<IReadOnlyList<SessionRow>> SessionsForAsync(Guid staffId, bool asSuperviseeOnly, int take, CancellationToken ct)
    {
        var query = db.Set<SupervisionSession>().Where(s => s.SuperviseeStaffId == staffId || (!asSuperviseeOnly && s.SupervisorStaffId == staffId));
        return await query
            .OrderByDescending(s => s.HeldOn).ThenByDescending(s => s.Id)
            .Take(take)
            .Select(s => new SessionRow(
                s.Id, s.HeldOn,
                db.Staff.Where(x => x.Id == s.SupervisorStaffId).Select(x => x.DisplayName).FirstOrDefault() ?? "",
                db.Staff.Where(x => x.Id == s.SuperviseeStaffId).Select(x => x.DisplayName).FirstOrDefault() ?? "",
                db.Set<SupervisionSessionPerson>().Count(p => p.SessionId == s.Id),
                db.Set<SupervisionAction>().Count(a => a.SessionId == s.Id && a.Status == SupervisionActionStatus.Open)))
            .AsNoTracking()
            .ToListAsync(ct);
    }
}
