using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;

namespace OneToOne.Supervision;

internal sealed record SuperviseeRow(Guid StaffId, string Name, string Role, DateOnly Since, DateOnly? Until);

internal sealed record SupervisorRow(Guid StaffId, string Name, DateOnly Since, DateOnly? Until);

/// <summary>Who supervises whom today, and who is acting.</summary>
internal sealed class Supervisors(OneToOneDb db, CurrentUser user, TimeProvider clock)
{
    /// <summary>The worker's supervisor on <paramref name="day"/>, if they have one who still works in the service.</summary>
    public static async Task<Guid?> CurrentSupervisorIdAsync(OneToOneDb db, Guid superviseeId, DateOnly day, CancellationToken ct)
    {
        var id = await db.Set<SupervisionLink>()
            .Where(l => l.SuperviseeStaffId == superviseeId && l.EffectiveFrom <= day && (l.EffectiveTo == null || l.EffectiveTo >= day))
            .Join(db.Staff.Where(s => s.Active), l => l.SupervisorStaffId, s => s.Id, (l, s) => (Guid?)s.Id)
            .FirstOrDefaultAsync(ct);
        return id;
    }

    public DateOnly Today => UkTime.Today(clock);

    public async Task<Actor> ActorAsync(CancellationToken ct)
    {
        Guid? teamId = null;
        if (user.StaffMemberId is { } staffId)
        {
            teamId = await db.Staff.Where(s => s.Id == staffId).Select(s => s.TeamId).FirstOrDefaultAsync(ct);
        }

        var registered = user.IsInRole(Roles.RegisteredPractitioner);
        var lead = user.IsInRole(Roles.TeamLead);
        return new Actor(user.StaffMemberId, teamId, user.IsInRole(Roles.SupportWorker) && !registered && !lead, registered, lead);
    }

    public async Task<SupervisorRow?> SupervisorOfAsync(Guid superviseeId, CancellationToken ct)
    {
        var today = Today;
        return await db.Set<SupervisionLink>()
            .Where(l => l.SuperviseeStaffId == superviseeId && l.EffectiveFrom <= today && (l.EffectiveTo == null || l.EffectiveTo >= today))
            .Join(db.Staff, l => l.SupervisorStaffId, s => s.Id, (l, s) => new SupervisorRow(s.Id, s.DisplayName, l.EffectiveFrom, l.EffectiveTo))
            .AsNoTracking()
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The people <paramref name="supervisorId"/> supervises today, by name.</summary>
    public async Task<IReadOnlyList<SuperviseeRow>> SuperviseesOfAsync(Guid supervisorId, CancellationToken ct)
    {
        var today = Today;
        var rows = await db.Set<SupervisionLink>()
            .Where(l => l.SupervisorStaffId == supervisorId && l.EffectiveFrom <= today && (l.EffectiveTo == null || l.EffectiveTo >= today))
            .Join(db.Staff, l => l.SuperviseeStaffId, s => s.Id, (l, s) => new SuperviseeRow(s.Id, s.DisplayName, s.Role!.Name, l.EffectiveFrom, l.EffectiveTo))
            .AsNoTracking()
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Name, StringComparer.CurrentCulture)];
    }

    /// <summary>May the acting user look after <paramref name="superviseeId"/>'s supervision (review their caseload,
    /// record sessions)? Their supervisor today may, and a team lead of their team (or of the whole organisation).</summary>
    public async Task<bool> MaySuperviseAsync(Guid superviseeId, CancellationToken ct)
    {
        var actor = await ActorAsync(ct);
        if (actor.StaffId is not { } me || actor.SupportWorkerOnly || me == superviseeId)
        {
            return false;
        }

        if (await CurrentSupervisorIdAsync(db, superviseeId, Today, ct) == me)
        {
            return true;
        }

        if (!actor.IsTeamLead)
        {
            return false;
        }

        var supervisee = await db.Staff.Where(s => s.Id == superviseeId).Select(s => new { s.TeamId }).FirstOrDefaultAsync(ct);
        return supervisee is not null && (actor.TeamId is null || supervisee.TeamId is null || supervisee.TeamId == actor.TeamId);
    }

    /// <summary>Whom the acting user may record supervision for: their supervisees, and (a team lead) the rest of
    /// their team's active staff.</summary>
    public async Task<IReadOnlyList<(Guid StaffId, string Name)>> SupervisableAsync(CancellationToken ct)
    {
        var actor = await ActorAsync(ct);
        if (actor.StaffId is not { } me || actor.SupportWorkerOnly)
        {
            return [];
        }

        var list = (await SuperviseesOfAsync(me, ct)).Select(s => (s.StaffId, s.Name)).ToList();
        if (actor.IsTeamLead)
        {
            var team = actor.TeamId;
            var others = await db.Staff.Where(s => s.Active && s.Id != me && (team == null || s.TeamId == team || s.TeamId == null))
                .Select(s => new { s.Id, s.DisplayName })
                .AsNoTracking()
                .ToListAsync(ct);
            list.AddRange(others.Select(o => (o.Id, o.DisplayName)));
        }

        return [.. list.DistinctBy(x => x.StaffId).OrderBy(x => x.Name, StringComparer.CurrentCulture)];
    }
}
