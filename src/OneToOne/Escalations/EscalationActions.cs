using Microsoft.EntityFrameworkCore;
using OneToOne.Assessments;
using OneToOne.Contacts;
using OneToOne.Notifications;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;
using OneToOne.Referrals;
using OneToOne.Worklists;

namespace OneToOne.Escalations;

internal sealed record PractitionerChoice(Guid Id, string Name, string RoleName, Guid? TeamId);

internal sealed record TeamChoice(Guid Id, string Name);

/// <summary>An escalation with the names a page shows beside it.</summary>
internal sealed record EscalationView(Escalation Escalation, string PersonName, string PersonNhsNumber, string SentTo, WorkTask? Task);

/// <summary>One row of a queue or of the person's record.</summary>
internal sealed record EscalationRow(Guid Id, Guid PersonId, string PersonName, EscalationReason Reason, string? ReasonDetail, EscalationUrgency Urgency,
    DateTimeOffset DueAt, EscalationStatus Status, string SentTo, DateTimeOffset RaisedAt, bool Automatic, DateTimeOffset? BreachedAt);

internal enum StepResult
{
    Done,
    /// <summary>The acting user may not take this step on this escalation (403).</summary>
    Forbidden,
    /// <summary>The escalation is not in a state for this step (409).</summary>
    WrongState,
    /// <summary>The input is incomplete or wrong (400 / form errors).</summary>
    Invalid,
}

internal sealed record StepOutcome(StepResult Result, IReadOnlyList<FieldError> Errors)
{
    public static readonly StepOutcome Done = new(StepResult.Done, []);

    public string? Message => Errors.Count > 0 ? Errors[0].Message : null;

    public static StepOutcome Forbidden() => new(StepResult.Forbidden, [new FieldError("", EscalationRules.NotPermitted)]);

    public static StepOutcome WrongState(string message) => new(StepResult.WrongState, [new FieldError("", message)]);
}

/// <summary>Stages a new escalation with its work task and the practitioners' emails in the caller's unit of
/// work. Shared by the raise form, the API and the red-flag interceptor (which works inside SaveChanges, after
/// tenancy stamping, so every row it adds is given the organisation here).</summary>
internal static class EscalationStaging
{
    public const string Template = "escalation-raised";

    public static NotificationTemplate NotificationTemplate { get; } = new(
        Template,
        "Escalation to answer by ((due))",
        "((raisedBy)) has escalated a concern about a person to ((to)).\n\nReason: ((reason))\nUrgency: ((urgency)); respond by ((due)).\n\n"
        + "Open it in OneToOne: ((link))\n\nThis email does not include the person's details: sign in to see them.");

    public static string Link(Guid id) => $"/escalations/{id}";

    public static string ApiLink(Guid id) => $"/api/v1/escalations/{id}";

    public static async Task StageAsync(OneToOneDb db, Escalation e, Guid organisationId, WorkTasks tasks, Notifier notifier,
        EscalationOptions options, CancellationToken ct)
    {
        e.OrganisationId = organisationId;
        db.Set<Escalation>().Add(e);
        var task = await tasks.EnsureAsync(TaskSpec(e, e.AssignedToStaffId, e.AssignedToTeamId, options), ct);
        task.OrganisationId = organisationId;

        var recipients = e.AssignedToStaffId is { } staffId
            ? await db.Staff.AsNoTracking().Where(s => s.Id == staffId && s.Active).Select(s => new { s.Id, s.Email }).ToListAsync(ct)
            : await Practitioners(db).Where(s => s.TeamId == e.AssignedToTeamId).Select(s => new { s.Id, s.Email }).ToListAsync(ct);
        var to = e.AssignedToStaffId is null ? "your team's escalation queue" : "you";
        foreach (var r in recipients.Where(r => !string.IsNullOrWhiteSpace(r.Email)))
        {
            // No personal data of the person in the email; the staff member signs in to see who it is about.
            var message = notifier.Queue(new NotificationRequest(Template, NotificationChannels.Email, r.Email, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["raisedBy"] = e.RaisedByName,
                ["to"] = to,
                ["reason"] = EscalationRules.ReasonText(e),
                ["urgency"] = EscalationRules.Text(e.Urgency, options),
                ["due"] = UkTime.Format(e.DueAt),
                ["link"] = (options.BaseUrl?.TrimEnd('/') ?? "") + Link(e.Id),
            }, PersonId: null, StaffMemberId: r.Id));
            message.OrganisationId = organisationId;
        }
    }

    public static WorkTaskSpec TaskSpec(Escalation e, Guid? staffId, Guid? teamId, EscalationOptions options) => new(
        WorkTaskKind.Escalation,
        e.Id,
        $"Escalation: {EscalationRules.Text(e.Reason).ToLowerInvariant()} ({EscalationRules.Text(e.Urgency, options).ToLowerInvariant()})",
        Link(e.Id),
        e.DueAt,
        e.PersonId,
        staffId,
        staffId is null ? teamId : null);

    /// <summary>Registered practitioners who can take escalations: active, in a registered role whose holders sign in
    /// as registered practitioners.</summary>
    public static IQueryable<Workforce.StaffMember> Practitioners(OneToOneDb db) =>
        db.Staff.AsNoTracking().Where(s => s.Active && s.Role!.Registered && s.Role.SignInRole == Roles.RegisteredPractitioner);

    /// <summary>The open episode of the person (the newest), if any.</summary>
    public static Task<Referral?> OpenEpisodeAsync(OneToOneDb db, Guid personId, CancellationToken ct) =>
        db.Referrals.AsNoTracking()
            .Where(r => r.PersonId == personId && Referral.OpenStatuses.Contains(r.Status))
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .FirstOrDefaultAsync(ct);
}

/// <summary>Raises escalations and takes them through acknowledgement, outcome and closure. Shared by the pages and
/// the API; each step checks who may take it and in what state, audits, and saves with the caller's Version (a
/// conflict throws DbUpdateConcurrencyException: a form error on pages, 409 from the API).</summary>
internal sealed class EscalationActions(
    OneToOneDb db, AuditTrail audit, CurrentUser user, TimeProvider clock, WorkingDayCalendar calendar,
    WorkTasks tasks, Notifier notifier, EscalationOptions options)
{
    public EscalationOptions Options => options;

    public WorkingDayCalendar Calendar => calendar;

    public async Task<Responder> ResponderAsync(CancellationToken ct)
    {
        Guid? team = null;
        if (user.StaffMemberId is { } staffId)
        {
            team = await db.Staff.AsNoTracking().Where(s => s.Id == staffId).Select(s => s.TeamId).FirstOrDefaultAsync(ct);
        }

        return new Responder(user.StaffMemberId, team, user.IsInRole(Roles.RegisteredPractitioner), user.IsInRole(Roles.TeamLead));
    }

    public Task<List<PractitionerChoice>> PractitionersAsync(CancellationToken ct) =>
        EscalationStaging.Practitioners(db).OrderBy(s => s.DisplayName).ThenBy(s => s.Id)
            .Select(s => new PractitionerChoice(s.Id, s.DisplayName, s.Role!.Name, s.TeamId)).ToListAsync(ct);

    public Task<List<TeamChoice>> TeamsAsync(CancellationToken ct) =>
        db.Teams.AsNoTracking().Where(t => t.Active).OrderBy(t => t.Name).ThenBy(t => t.Id).Select(t => new TeamChoice(t.Id, t.Name)).ToListAsync(ct);

    /// <summary>The team whose queue a worker's escalation goes to by default: their own.</summary>
    public async Task<Guid?> OwnTeamAsync(CancellationToken ct) => (await ResponderAsync(ct)).TeamId;

    /// <summary>True when the assessment or contact is this person's (or, from the record, when none is given).</summary>
    public async Task<bool> SourceBelongsAsync(Guid personId, EscalationSource source, Guid? sourceId, CancellationToken ct) => source switch
    {
        EscalationSource.Record => sourceId is null,
        EscalationSource.Assessment => sourceId is { } r && await db.Set<AssessmentResponse>().AnyAsync(a => a.Id == r && a.PersonId == personId, ct),
        EscalationSource.Contact => sourceId is { } c && await db.Set<Contact>().AnyAsync(x => x.Id == c && x.PersonId == personId, ct),
        _ => false,
    };

    public async Task<(Escalation? Escalation, IReadOnlyList<FieldError> Errors)> RaiseAsync(
        Person person, EscalationSource source, Guid? sourceId, RaiseInput input, CancellationToken ct, Action<Escalation>? beforeSave = null)
    {
        var (request, errors) = EscalationRules.Check(input);
        if (request is null)
        {
            return (null, errors);
        }

        if (request.PractitionerId is { } practitionerId
            && !await EscalationStaging.Practitioners(db).AnyAsync(s => s.Id == practitionerId, ct))
        {
            return (null, [new FieldError(nameof(RaiseInput.PractitionerId), EscalationRules.NotPractitioner)]);
        }

        if (request.TeamId is { } teamId && !await db.Teams.AnyAsync(t => t.Id == teamId && t.Active, ct))
        {
            return (null, [new FieldError(nameof(RaiseInput.TeamId), EscalationRules.NotTeam)]);
        }

        if (!await SourceBelongsAsync(person.Id, source, sourceId, ct))
        {
            return (null, [new FieldError("", "The assessment or contact it was raised from is not this person's")]);
        }

        var now = clock.GetUtcNow();
        var episode = await EscalationStaging.OpenEpisodeAsync(db, person.Id, ct);
        var escalation = new Escalation
        {
            PersonId = person.Id,
            ReferralId = episode?.Id,
            Source = source,
            SourceId = sourceId,
            Reason = request.Reason,
            ReasonDetail = request.ReasonDetail,
            Description = request.Description,
            Urgency = request.Urgency,
            DueAt = EscalationRules.DueAt(request.Urgency, now, calendar, options),
            AssignedToStaffId = request.PractitionerId,
            AssignedToTeamId = request.TeamId,
            Status = EscalationStatus.Raised,
            RaisedByStaffId = user.StaffMemberId,
            RaisedByName = user.Name,
            RaisedAt = now,
        };
        var organisationId = user.OrganisationId ?? throw new InvalidOperationException("Raising an escalation needs an organisation.");
        await EscalationStaging.StageAsync(db, escalation, organisationId, tasks, notifier, options, ct);
        audit.Record("escalation.raise", "Escalation", escalation.Id, person.Id,
            $"{escalation.Reason}; {escalation.Urgency}; to {(escalation.AssignedToStaffId is { } s ? "practitioner " + s : "team " + escalation.AssignedToTeamId)}; from {source}");
        beforeSave?.Invoke(escalation);
        await db.SaveChangesAsync(ct);
        return (escalation, []);
    }

    public Task<Escalation?> FindAsync(Guid id, CancellationToken ct) => db.Set<Escalation>().FirstOrDefaultAsync(e => e.Id == id, ct);

    public async Task<EscalationView?> ViewAsync(Guid id, CancellationToken ct)
    {
        var e = await FindAsync(id, ct);
        if (e is null)
        {
            return null;
        }

        var person = await db.People.AsNoTracking().Where(p => p.Id == e.PersonId).Select(p => new { p.GivenName, p.FamilyName, p.NhsNumber }).FirstAsync(ct);
        var task = await tasks.FindAsync(WorkTaskKind.Escalation, e.Id, "", ct);
        return new EscalationView(e, $"{person.GivenName} {person.FamilyName}", person.NhsNumber, await SentToAsync(e, ct), task);
    }

    private async Task<string> SentToAsync(Escalation e, CancellationToken ct)
    {
        if (e.AssignedToStaffId is { } staff)
        {
            return await db.Staff.AsNoTracking().Where(s => s.Id == staff).Select(s => s.DisplayName).FirstOrDefaultAsync(ct) ?? "A practitioner";
        }

        var team = await db.Teams.AsNoTracking().Where(t => t.Id == e.AssignedToTeamId).Select(t => t.Name).FirstOrDefaultAsync(ct);
        return $"{team ?? "The team"}'s queue";
    }

    public async Task<StepOutcome> AcknowledgeAsync(Escalation e, Guid? version, CancellationToken ct)
    {
        if (!EscalationRules.MayRespond(e, await ResponderAsync(ct)))
        {
            return StepOutcome.Forbidden();
        }

        if (EscalationRules.CannotAcknowledge(e) is { } why)
        {
            return StepOutcome.WrongState(why);
        }

        UseVersion(e, version);
        e.Status = EscalationStatus.Acknowledged;
        e.AcknowledgedAt = clock.GetUtcNow();
        e.AcknowledgedByStaffId = user.StaffMemberId;
        e.AcknowledgedByName = user.Name;
        // Whoever takes a team-queue escalation owns its task from now on, so it shows in their own work.
        if (e.AssignedToStaffId is null && user.StaffMemberId is { } taker)
        {
            await tasks.EnsureAsync(EscalationStaging.TaskSpec(e, taker, null, options), ct);
        }

        audit.Record("escalation.acknowledge", "Escalation", e.Id, e.PersonId);
        await db.SaveChangesAsync(ct);
        return StepOutcome.Done;
    }

    public async Task<StepOutcome> RecordOutcomeAsync(Escalation e, string? outcome, string? note, Guid? version, CancellationToken ct)
    {
        if (!EscalationRules.MayRespond(e, await ResponderAsync(ct)))
        {
            return StepOutcome.Forbidden();
        }

        if (EscalationRules.CannotRecordOutcome(e) is { } why)
        {
            return StepOutcome.WrongState(why);
        }

        var (parsed, text, errors) = EscalationRules.CheckOutcome(outcome, note);
        if (errors.Count > 0)
        {
            return new StepOutcome(StepResult.Invalid, errors);
        }

        UseVersion(e, version);
        e.Status = EscalationStatus.OutcomeRecorded;
        e.Outcome = parsed;
        e.OutcomeNote = text;
        e.OutcomeAt = clock.GetUtcNow();
        e.OutcomeByStaffId = user.StaffMemberId;
        e.OutcomeByName = user.Name;
        audit.Record("escalation.outcome", "Escalation", e.Id, e.PersonId, parsed.ToString());
        await db.SaveChangesAsync(ct);
        return StepOutcome.Done;
    }

    public async Task<StepOutcome> CloseAsync(Escalation e, Guid? version, CancellationToken ct)
    {
        if (!EscalationRules.MayRespond(e, await ResponderAsync(ct)))
        {
            return StepOutcome.Forbidden();
        }

        if (EscalationRules.CannotClose(e) is { } why)
        {
            return StepOutcome.WrongState(why);
        }

        UseVersion(e, version);
        e.Status = EscalationStatus.Closed;
        e.ClosedAt = clock.GetUtcNow();
        e.ClosedByStaffId = user.StaffMemberId;
        e.ClosedByName = user.Name;
        await tasks.CompleteAsync(WorkTaskKind.Escalation, e.Id, ct);
        audit.Record("escalation.close", "Escalation", e.Id, e.PersonId, e.Outcome?.ToString());
        await db.SaveChangesAsync(ct);
        return StepOutcome.Done;
    }

    /// <summary>Open escalations for the acting user: sent to them or their team's queue, or taken by them; a team
    /// lead sees every open one in the organisation. Soonest due (so overdue) first.</summary>
    public async Task<IReadOnlyList<EscalationRow>> QueueAsync(Responder who, CancellationToken ct)
    {
        var open = db.Set<Escalation>().AsNoTracking().Where(e => e.Status != EscalationStatus.Closed);
        if (!who.IsTeamLead)
        {
            var staff = who.StaffId ?? Guid.Empty;
            var team = who.TeamId ?? Guid.Empty;
            open = open.Where(e => e.AssignedToStaffId == staff || e.AssignedToTeamId == team || e.AcknowledgedByStaffId == staff);
        }

        return await RowsAsync(open, ct);
    }

    /// <summary>Open escalations the acting user raised.</summary>
    public async Task<IReadOnlyList<EscalationRow>> RaisedByMeAsync(CancellationToken ct)
    {
        var staff = user.StaffMemberId ?? Guid.Empty;
        return await RowsAsync(db.Set<Escalation>().AsNoTracking().Where(e => e.Status != EscalationStatus.Closed && e.RaisedByStaffId == staff), ct);
    }

    public Task<IReadOnlyList<EscalationRow>> OpenForPersonAsync(Guid personId, CancellationToken ct) =>
        RowsAsync(db.Set<Escalation>().AsNoTracking().Where(e => e.PersonId == personId && e.Status != EscalationStatus.Closed), ct);

    private async Task<IReadOnlyList<EscalationRow>> RowsAsync(IQueryable<Escalation> escalations, CancellationToken ct)
    {
        var rows = await (
            from e in escalations.OrderBy(e => e.DueAt).ThenBy(e => e.Id).Take(500)
            join p in db.People on e.PersonId equals p.Id
            join s in db.Staff on e.AssignedToStaffId equals s.Id into staff
            from s in staff.DefaultIfEmpty()
            join t in db.Teams on e.AssignedToTeamId equals t.Id into teams
            from t in teams.DefaultIfEmpty()
            join w in db.Set<WorkTask>().Where(w => w.Kind == WorkTaskKind.Escalation && w.Key == "") on e.Id equals w.SourceId into work
            from w in work.DefaultIfEmpty()
            select new
            {
                e.Id, e.PersonId, p.GivenName, p.FamilyName, e.Reason, e.ReasonDetail, e.Urgency, e.DueAt, e.Status,
                StaffName = s != null ? s.DisplayName : null, TeamName = t != null ? t.Name : null,
                e.RaisedAt, e.AutomaticForResponseId, BreachedAt = w != null ? w.BreachedAt : null,
            }).ToListAsync(ct);
        // A join after Take does not keep the order in SQL, so order the page here too.
        return [.. rows
            .Select(r => new EscalationRow(r.Id, r.PersonId, $"{r.GivenName} {r.FamilyName}", r.Reason, r.ReasonDetail, r.Urgency, r.DueAt, r.Status,
                r.StaffName ?? $"{r.TeamName ?? "The team"}'s queue", r.RaisedAt, r.AutomaticForResponseId is not null, r.BreachedAt))
            .OrderBy(r => r.DueAt).ThenBy(r => r.Id)];
    }

    private void UseVersion(Escalation e, Guid? version)
    {
        if (version is { } v)
        {
            db.Entry(e).Property(x => x.Version).OriginalValue = v;
        }
    }
}
