using OneToOne.People;
using OneToOne.Platform.Time;

namespace OneToOne.Supervision;

/// <summary>A worker's existing supervision period, for planning a new one.</summary>
internal sealed record ExistingLink(Guid Id, DateOnly From, DateOnly? To);

/// <summary>What setting a supervisor does: the errors, or the earlier periods it ends (the day before it starts).</summary>
internal sealed record LinkPlan(IReadOnlyList<FieldError> Errors, IReadOnlyList<(Guid Id, DateOnly EndOn)> ToEnd);

/// <summary>The supervisor-to-be as the rules need them.</summary>
internal sealed record SupervisorCandidate(Guid StaffId, string RoleName, bool MaySupervise, bool Active);

/// <summary>Who is acting, as far as deciding supervision work goes. <see cref="SupportWorkerOnly"/>: signed in
/// as a support worker and not also as a registered practitioner or team lead.</summary>
internal sealed record Actor(Guid? StaffId, Guid? TeamId, bool SupportWorkerOnly, bool IsRegisteredPractitioner, bool IsTeamLead);

/// <summary>Who does an action agreed in supervision.</summary>
public enum SupervisionActionOwner
{
    Supervisee,
    Supervisor,
}

/// <summary>Supervision's pure rules: the shape of a supervision period, who may decide, and what a session,
/// an agreed action, a return and a case review need.</summary>
internal static class SupervisionRules
{
    public const int NotesMax = 4000;
    public const int ActionMax = 1000;
    public const int FindingsMax = 2000;

    public const string SelectSupervisor = "Select a supervisor";
    public const string NotYourself = "A member of staff cannot supervise themselves";
    public const string SupervisorInactive = "Choose a supervisor who is working in the service now";
    public const string EnterStart = "Enter the date supervision starts";
    public const string EndBeforeStart = "The end date must be the same as or after the start date";
    public const string EnterEnd = "Enter the last day of supervision";

    public const string EnterSessionDate = "Enter the date of the supervision session";
    public const string SessionInFuture = "The date of the session must be today or in the past";
    public const string SelectSupervisee = "Select the member of staff you supervised";
    public const string PeopleNotOnCaseload = "Choose people from the supervisee's caseload";
    public const string NotesTooLong = "Notes must be 4000 characters or fewer";

    public const string EnterAction = "Enter the action agreed";
    public const string ActionTooLong = "The action must be 1000 characters or fewer";
    public const string SelectOwner = "Select who will do the action";
    public const string DueInPast = "The due date must be today or in the future";

    public const string EnterComment = "Enter a comment saying why you are returning the request and what to do next";
    public const string CommentTooLong = "The comment must be 2000 characters or fewer";

    public const string EnterFindings = "Enter the findings of the case review";
    public const string FindingsTooLong = "Findings must be 2000 characters or fewer";
    public const string SelectFollowUp = "Select whether the case needs follow-up";

    public static string MayNotSupervise(string roleName) =>
        $"{roleName} is not a role that may supervise. Choose someone whose role may supervise";

    public static string AlreadySupervisedFrom(DateOnly from) =>
        $"They already have a supervisor from {UkTime.Format(from)}. End that supervision first, or choose dates that do not overlap it";

    /// <summary>Checks a new supervision period for <paramref name="superviseeId"/> against the worker's existing
    /// ones. A period that began earlier and is still running at <paramref name="from"/> ends the day before (that is
    /// how a supervisor is changed); any other overlap is an error, so no two periods ever cover the same day.</summary>
    public static LinkPlan PlanNewLink(Guid superviseeId, SupervisorCandidate? supervisor, DateOnly? from, DateOnly? to,
        IReadOnlyCollection<ExistingLink> existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var errors = new List<FieldError>();
        if (supervisor is null)
        {
            errors.Add(new("SupervisorStaffId", SelectSupervisor));
        }
        else if (supervisor.StaffId == superviseeId)
        {
            errors.Add(new("SupervisorStaffId", NotYourself));
        }
        else if (!supervisor.MaySupervise)
        {
            errors.Add(new("SupervisorStaffId", MayNotSupervise(supervisor.RoleName)));
        }
        else if (!supervisor.Active)
        {
            errors.Add(new("SupervisorStaffId", SupervisorInactive));
        }

        if (from is null)
        {
            errors.Add(new("EffectiveFrom", EnterStart));
        }
        else if (to is { } end && end < from)
        {
            errors.Add(new("EffectiveTo", EndBeforeStart));
        }

        var toEnd = new List<(Guid, DateOnly)>();
        if (from is { } start && errors.Count == 0)
        {
            var last = to ?? DateOnly.MaxValue;
            foreach (var link in existing.OrderBy(l => l.From))
            {
                var linkEnd = link.To ?? DateOnly.MaxValue;
                var overlaps = link.From <= last && linkEnd >= start;
                if (!overlaps)
                {
                    continue;
                }

                if (link.From < start)
                {
                    toEnd.Add((link.Id, start.AddDays(-1)));
                }
                else
                {
                    errors.Add(new("EffectiveFrom", AlreadySupervisedFrom(link.From)));
                    break;
                }
            }
        }

        return new LinkPlan(errors, errors.Count == 0 ? toEnd : []);
    }

    /// <summary>Ending a period: a last day no earlier than its first.</summary>
    public static IReadOnlyList<FieldError> CheckEnd(DateOnly linkFrom, DateOnly? endOn) =>
        endOn is null ? [new("EndOn", EnterEnd)]
        : endOn < linkFrom ? [new("EndOn", EndBeforeStart)]
        : [];

    /// <summary>May <paramref name="actor"/> decide work (a sign-off, a case review) addressed to
    /// <paramref name="namedStaffId"/> (null: the team's queue) in <paramref name="teamId"/>? The named supervisor may;
    /// for the team queue a registered practitioner of that team may; the team lead of that team may. A support worker
    /// never may, nor anyone without a staff record, nor the person who asked (<paramref name="requesterStaffId"/>).</summary>
    public static bool MayDecide(Guid? namedStaffId, Guid? teamId, Guid? requesterStaffId, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.StaffId is not { } me || actor.SupportWorkerOnly || me == requesterStaffId)
        {
            return false;
        }

        if (namedStaffId == me)
        {
            return true;
        }

        var sameTeam = teamId is null || teamId == actor.TeamId;
        if (actor.IsTeamLead && (sameTeam || actor.TeamId is null))
        {
            return true;
        }

        return namedStaffId is null && actor.IsRegisteredPractitioner && sameTeam;
    }

    public static IReadOnlyList<FieldError> CheckSession(DateOnly? heldOn, Guid? superviseeId, Guid supervisorId, string? notes,
        IReadOnlyCollection<Guid> people, IReadOnlySet<Guid> caseload, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(caseload);
        var errors = new List<FieldError>();
        if (heldOn is null)
        {
            errors.Add(new("HeldOn", EnterSessionDate));
        }
        else if (heldOn > today)
        {
            errors.Add(new("HeldOn", SessionInFuture));
        }

        if (superviseeId is null)
        {
            errors.Add(new("SuperviseeStaffId", SelectSupervisee));
        }
        else if (superviseeId == supervisorId)
        {
            errors.Add(new("SuperviseeStaffId", NotYourself));
        }
        else if (people.Any(p => !caseload.Contains(p)))
        {
            errors.Add(new("PeopleDiscussed", PeopleNotOnCaseload));
        }

        if ((notes ?? "").Length > NotesMax)
        {
            errors.Add(new("Notes", NotesTooLong));
        }

        return errors;
    }

    public static IReadOnlyList<FieldError> CheckAction(string? description, SupervisionActionOwner? owner, DateOnly? dueOn, DateOnly today)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(description))
        {
            errors.Add(new("Description", EnterAction));
        }
        else if (description.Trim().Length > ActionMax)
        {
            errors.Add(new("Description", ActionTooLong));
        }

        if (owner is null)
        {
            errors.Add(new("Owner", SelectOwner));
        }

        if (dueOn < today)
        {
            errors.Add(new("DueOn", DueInPast));
        }

        return errors;
    }

    public static IReadOnlyList<FieldError> CheckReturnComment(string? comment) =>
        string.IsNullOrWhiteSpace(comment) ? [new("Comment", EnterComment)]
        : comment.Trim().Length > SignOffRequest.CommentMax ? [new("Comment", CommentTooLong)]
        : [];

    public static IReadOnlyList<FieldError> CheckReview(string? findings, bool? followUpNeeded)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(findings))
        {
            errors.Add(new("Findings", EnterFindings));
        }
        else if (findings.Trim().Length > FindingsMax)
        {
            errors.Add(new("Findings", FindingsTooLong));
        }

        if (followUpNeeded is null)
        {
            errors.Add(new("FollowUpNeeded", SelectFollowUp));
        }

        return errors;
    }
}
