using Microsoft.EntityFrameworkCore;
using OneToOne.Contacts;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;
using OneToOne.Referrals;

namespace OneToOne.Worklists;

internal sealed record WorkItem(
    Guid Id, WorkTaskKind Kind, string Title, string Link, DateTimeOffset DueAt, Guid? PersonId, string? PersonName, string? NhsNumber,
    bool Breached, string DueText);

internal sealed record WorkGroup(WorkBucket Bucket, string Heading, IReadOnlyList<WorkItem> Items, int Total);

/// <summary>One owner's open work: overdue, due today, upcoming (to the horizon), and a count of what is due later.</summary>
internal sealed record WorkList(IReadOnlyList<WorkGroup> Groups, int Later)
{
    public int Total => Groups.Sum(g => g.Total) + Later;

    public WorkGroup this[WorkBucket bucket] => Groups.Single(g => g.Bucket == bucket);
}

internal sealed record MyWorkView(Guid StaffId, string StaffName, int UpcomingDays, WorkList Mine, Guid? TeamId, string? TeamName, WorkList? Team, int? TeamBreaches);

internal sealed record BreachItem(
    Guid Id, WorkTaskKind Kind, string Title, string Link, DateTimeOffset DueAt, DateTimeOffset BreachedAt, string Late,
    Guid? PersonId, string? PersonName, string? NhsNumber, Guid? OwnerStaffId, Guid? OwnerTeamId, string Owner, Guid? EscalatedToStaffId);

internal sealed record TeamBreachesView(Guid StaffId, string? TeamName, IReadOnlyList<BreachItem> Items, int Total);

internal sealed record LostPerson(
    Guid PersonId, string PersonName, string NhsNumber, Guid ReferralId, ReferralStatus Status, string? KeyWorker, DateTimeOffset? LastContactAt,
    DateTimeOffset? AllocatedAt, string Since);

internal sealed record PastTriage(Guid ReferralId, Guid PersonId, string PersonName, string NhsNumber, DateOnly ReceivedOn, DateOnly TriageDueOn, string Late);

internal sealed record SafetyView(
    int PeriodDays, IReadOnlyList<LostPerson> Lost, int LostTotal, IReadOnlyList<PastTriage> PastTriage, int PastTriageTotal,
    IReadOnlyList<BreachItem> Unrouted, int UnroutedTotal);

/// <summary>The work lists and the safety report. Each list is a few range reads over an index that leads with the
/// organisation, the status and the owner, capped per group (the rest counted), so a page costs the same whatever
/// the size of the database.</summary>
internal sealed class WorkViews(OneToOneDb db, TimeProvider clock, WorklistOptions options)
{
    public const int ReportLimit = 200;

    /// <summary>Breaches listed on the team lead's page (most overdue first; the rest counted).</summary>
    public const int BreachLimit = 100;

    /// <summary>Null when the staff member is not in the acting organisation.</summary>
    public async Task<MyWorkView?> MyWorkAsync(Guid staffId, string role, CancellationToken ct)
    {
        var staff = await db.Staff.Where(s => s.Id == staffId)
            .Select(s => new { s.DisplayName, s.TeamId, Team = s.Team != null ? s.Team.Name : null })
            .AsNoTracking().SingleOrDefaultAsync(ct);
        if (staff is null)
        {
            return null;
        }

        var mine = await ListAsync(db.Set<WorkTask>().Where(t => t.Status == WorkTaskStatus.Open && t.AssignedToStaffId == staffId), ct);
        WorkList? team = null;
        int? breaches = null;
        if (staff.TeamId is { } teamId)
        {
            var hidden = WorkTaskRules.HiddenFromTeamQueue(role).ToList();
            team = await ListAsync(db.Set<WorkTask>().Where(t => t.Status == WorkTaskStatus.Open && t.AssignedToTeamId == teamId && !hidden.Contains(t.Kind)), ct);
        }

        if (role == Roles.TeamLead)
        {
            var leads = await LeadsWithAsync(staffId, staff.TeamId, ct);
            breaches = await db.Set<WorkTask>().CountAsync(t => t.Status == WorkTaskStatus.Open && t.BreachedAt != null && leads.Contains(t.EscalatedToStaffId), ct);
        }

        (mine, team) = await NameAsync(mine, team, ct);
        return new MyWorkView(staffId, staff.DisplayName, options.UpcomingDays, mine, staff.TeamId, staff.Team, team, breaches);
    }

    public async Task<TeamBreachesView?> TeamBreachesAsync(Guid staffId, CancellationToken ct)
    {
        var staff = await db.Staff.Where(s => s.Id == staffId)
            .Select(s => new { s.TeamId, Team = s.Team != null ? s.Team.Name : null })
            .AsNoTracking().SingleOrDefaultAsync(ct);
        if (staff is null)
        {
            return null;
        }

        var leads = await LeadsWithAsync(staffId, staff.TeamId, ct);
        var breached = db.Set<WorkTask>().Where(t => t.Status == WorkTaskStatus.Open && t.BreachedAt != null && leads.Contains(t.EscalatedToStaffId));
        var total = await breached.CountAsync(ct);
        var rows = await breached.OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(BreachLimit).AsNoTracking().ToListAsync(ct);
        return new TeamBreachesView(staffId, staff.Team, await BreachItemsAsync(rows, ct), total);
    }

    public async Task<SafetyView> SafetyAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = UkTime.Today(clock);
        var period = Math.Max(1, options.SafetyNoContactDays);
        var cutoff = now.AddDays(-period);
        var horizon = now.AddDays(period);
        var contacts = db.Set<Contact>();
        var tasks = db.Set<WorkTask>();

        // Active: an open episode with a key worker. Lost: allocated before the period, and in it no contact, no next
        // contact date ahead, and no open task falling due within the period ahead (an overdue task is a missed step, not a plan).
        var lost = db.Referrals
            .Where(r => (r.Status == ReferralStatus.Allocated || r.Status == ReferralStatus.Active) && (r.AllocatedAt == null || r.AllocatedAt < cutoff))
            .Where(r => !contacts.Any(c => c.PersonId == r.PersonId && c.OccurredAt >= cutoff))
            .Where(r => !contacts.Any(c => c.PersonId == r.PersonId && c.NextContactOn >= today))
            .Where(r => !tasks.Any(t => t.PersonId == r.PersonId && t.Status == WorkTaskStatus.Open && t.DueAt > now && t.DueAt <= horizon));
        var lostTotal = await lost.CountAsync(ct);
        var lostRows = await lost
            .Select(r => new
            {
                r.Id, r.PersonId, r.Person!.GivenName, r.Person.FamilyName, r.Person.NhsNumber, r.Status, r.AllocatedAt,
                KeyWorker = r.KeyWorker != null ? r.KeyWorker.DisplayName : null,
                LastContact = contacts.Where(c => c.PersonId == r.PersonId).OrderByDescending(c => c.OccurredAt).Select(c => (DateTimeOffset?)c.OccurredAt).FirstOrDefault(),
            })
            .OrderBy(r => r.LastContact ?? r.AllocatedAt).ThenBy(r => r.Id)
            .Take(ReportLimit)
            .AsNoTracking()
            .ToListAsync(ct);

        var pastTriage = db.Referrals.Where(r => r.Status == ReferralStatus.Received && r.TriageDueOn < today);
        var pastTotal = await pastTriage.CountAsync(ct);
        var pastRows = await pastTriage.OrderBy(r => r.TriageDueOn).ThenBy(r => r.Id).Take(ReportLimit)
            .Select(r => new { r.Id, r.PersonId, r.Person!.GivenName, r.Person.FamilyName, r.Person.NhsNumber, r.ReceivedOn, r.TriageDueOn })
            .AsNoTracking().ToListAsync(ct);

        var unrouted = tasks.Where(t => t.Status == WorkTaskStatus.Open && t.BreachedAt != null && t.EscalatedToStaffId == null);
        var unroutedTotal = await unrouted.CountAsync(ct);
        var unroutedRows = await unrouted.OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(ReportLimit).AsNoTracking().ToListAsync(ct);

        return new SafetyView(
            period,
            [.. lostRows.Select(r =>
            {
                var since = r.LastContact ?? r.AllocatedAt;
                var sinceText = since is { } s
                    ? (r.LastContact is null ? "No contact since allocation " : "Last contact ") + CaseloadRules.TimeSince(DateOnly.FromDateTime(UkTime.ToUk(s).DateTime), today).ToLowerInvariant() + " ago"
                    : "No contact recorded";
                return new LostPerson(r.PersonId, $"{r.GivenName} {r.FamilyName}", r.NhsNumber, r.Id, r.Status, r.KeyWorker, r.LastContact, r.AllocatedAt, sinceText);
            })],
            lostTotal,
            [.. pastRows.Select(r => new PastTriage(r.Id, r.PersonId, $"{r.GivenName} {r.FamilyName}", r.NhsNumber, r.ReceivedOn, r.TriageDueOn,
                WorkTaskRules.Lateness(WorkTaskRules.EndOfUkDay(r.TriageDueOn), now)))],
            pastTotal,
            await BreachItemsAsync(unroutedRows, ct),
            unroutedTotal);
    }

    /// <summary>The leads whose escalations a team lead sees: themselves and the other leads of their team.</summary>
    private async Task<List<Guid?>> LeadsWithAsync(Guid staffId, Guid? teamId, CancellationToken ct)
    {
        var ids = new List<Guid?> { staffId };
        if (teamId is not null)
        {
            ids.AddRange((await WorkOwners.TeamLeadsAsync(db, ct)).Where(l => l.TeamId == teamId && l.StaffId != staffId).Select(l => (Guid?)l.StaffId));
        }

        return ids;
    }

    private async Task<WorkList> ListAsync(IQueryable<WorkTask> open, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = UkTime.Today(clock);
        var endOfToday = WorkTaskRules.EndOfUkDay(today);
        var horizon = WorkTaskRules.EndOfUkDay(today.AddDays(options.UpcomingDays));
        var limit = Math.Max(1, options.ListLimit);
        var counts = await open.GroupBy(t => 1)
            .Select(g => new
            {
                Overdue = g.Count(t => t.DueAt <= now),
                Today = g.Count(t => t.DueAt > now && t.DueAt <= endOfToday),
                Upcoming = g.Count(t => t.DueAt > endOfToday && t.DueAt <= horizon),
                Later = g.Count(t => t.DueAt > horizon),
            })
            .SingleOrDefaultAsync(ct);
        if (counts is null)
        {
            return Empty();
        }

        List<WorkTask> rows;
        if (counts.Overdue + counts.Today + counts.Upcoming <= limit * 3)
        {
            // The usual case: everything to the horizon in one read.
            rows = await open.Where(t => t.DueAt <= horizon).OrderBy(t => t.DueAt).ThenBy(t => t.Id).AsNoTracking().ToListAsync(ct);
        }
        else
        {
            rows = [];
            rows.AddRange(await open.Where(t => t.DueAt <= now).OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(limit).AsNoTracking().ToListAsync(ct));
            rows.AddRange(await open.Where(t => t.DueAt > now && t.DueAt <= endOfToday).OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(limit).AsNoTracking().ToListAsync(ct));
            rows.AddRange(await open.Where(t => t.DueAt > endOfToday && t.DueAt <= horizon).OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(limit).AsNoTracking().ToListAsync(ct));
        }

        var items = rows.Select(t => new WorkItem(t.Id, t.Kind, t.Title, t.Link, t.DueAt, t.PersonId, null, null, t.BreachedAt is not null,
            WorkTaskRules.DueText(t.DueAt, now))).ToList();
        List<WorkItem> In(WorkBucket b) => items.Where(i => WorkTaskRules.BucketOf(i.DueAt, now, options.UpcomingDays) == b).Take(limit).ToList();
        return new WorkList(
        [
            new WorkGroup(WorkBucket.Overdue, "Overdue", In(WorkBucket.Overdue), counts.Overdue),
            new WorkGroup(WorkBucket.DueToday, "Due today", In(WorkBucket.DueToday), counts.Today),
            new WorkGroup(WorkBucket.Upcoming, "Upcoming", In(WorkBucket.Upcoming), counts.Upcoming),
        ], counts.Later);
    }

    private static WorkList Empty() => new(
    [
        new WorkGroup(WorkBucket.Overdue, "Overdue", [], 0),
        new WorkGroup(WorkBucket.DueToday, "Due today", [], 0),
        new WorkGroup(WorkBucket.Upcoming, "Upcoming", [], 0),
    ], 0);

    /// <summary>Puts the person's name on each item: one query for every person on the page.</summary>
    private async Task<(WorkList Mine, WorkList? Team)> NameAsync(WorkList mine, WorkList? team, CancellationToken ct)
    {
        var lists = team is null ? new[] { mine } : [mine, team];
        var ids = lists.SelectMany(l => l.Groups).SelectMany(g => g.Items).Where(i => i.PersonId is not null).Select(i => i.PersonId!.Value).Distinct().ToList();
        if (ids.Count == 0)
        {
            return (mine, team);
        }

        var people = await db.People.Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.GivenName, p.FamilyName, p.NhsNumber })
            .AsNoTracking().ToDictionaryAsync(p => p.Id, ct);
        WorkList Named(WorkList list) => list with
        {
            Groups = [.. list.Groups.Select(g => g with
            {
                Items = [.. g.Items.Select(i => i.PersonId is { } id && people.TryGetValue(id, out var p)
                    ? i with { PersonName = $"{p.GivenName} {p.FamilyName}", NhsNumber = p.NhsNumber }
                    : i)],
            })],
        };
        return (Named(mine), team is null ? null : Named(team));
    }

    private async Task<IReadOnlyList<BreachItem>> BreachItemsAsync(List<WorkTask> rows, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var personIds = rows.Where(t => t.PersonId is not null).Select(t => t.PersonId!.Value).Distinct().ToList();
        var staffIds = rows.Where(t => t.AssignedToStaffId is not null).Select(t => t.AssignedToStaffId!.Value).Distinct().ToList();
        var teamIds = rows.Where(t => t.AssignedToTeamId is not null).Select(t => t.AssignedToTeamId!.Value).Distinct().ToList();
        var people = personIds.Count == 0 ? [] : await db.People.Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.GivenName, p.FamilyName, p.NhsNumber }).AsNoTracking().ToDictionaryAsync(p => p.Id, ct);
        var staff = staffIds.Count == 0 ? [] : await db.Staff.Where(s => staffIds.Contains(s.Id))
            .Select(s => new { s.Id, s.DisplayName }).AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.DisplayName, ct);
        var teams = teamIds.Count == 0 ? [] : await db.Teams.Where(t => teamIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Name }).AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return rows.Select(t =>
        {
            var person = t.PersonId is { } pid ? people.GetValueOrDefault(pid) : null;
            var owner = t.AssignedToStaffId is { } sid ? staff.GetValueOrDefault(sid) ?? "A former member of staff"
                : t.AssignedToTeamId is { } tid ? (teams.GetValueOrDefault(tid) ?? "A team") + " (queue)"
                : "No owner";
            return new BreachItem(t.Id, t.Kind, t.Title, t.Link, t.DueAt, t.BreachedAt ?? now, WorkTaskRules.Lateness(t.DueAt, now),
                t.PersonId, person is null ? null : $"{person.GivenName} {person.FamilyName}", person?.NhsNumber,
                t.AssignedToStaffId, t.AssignedToTeamId, owner, t.EscalatedToStaffId);
        }).ToList();
    }
}
