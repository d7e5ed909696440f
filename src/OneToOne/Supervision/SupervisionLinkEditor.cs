using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;

namespace OneToOne.Supervision;

internal sealed record StaffSupervisionRow(Guid StaffId, string Name, string Role, bool RoleMaySupervise, string? Team, Guid? SupervisorId,
    string? SupervisorName, DateOnly? Since);

internal sealed record LinkRow(Guid Id, Guid SupervisorStaffId, string SupervisorName, DateOnly From, DateOnly? To, Guid Version);

internal sealed record SupervisorChoice(Guid StaffId, string Name, string Role);

/// <summary>Sets and ends supervision periods (administrators and team leads).</summary>
internal sealed class SupervisionLinkEditor(OneToOneDb db, AuditTrail audit, CurrentUser user, TimeProvider clock)
{
    public const string OneOpenLinkRace = "Someone else set a supervisor for them at the same moment. Reload the page to see it.";

    public DateOnly Today => UkTime.Today(clock);

    /// <summary>Every active member of staff with their supervisor today.</summary>
    public async Task<IReadOnlyList<StaffSupervisionRow>> StaffAsync(CancellationToken ct)
    {
        var today = Today;
        var staff = await db.Staff.Where(s => s.Active)
            .Select(s => new { s.Id, s.DisplayName, Role = s.Role!.Name, s.Role.MaySupervise, Team = s.Team != null ? s.Team.Name : null })
            .AsNoTracking()
            .ToListAsync(ct);
        var current = await db.Set<SupervisionLink>()
            .Where(l => l.EffectiveFrom <= today && (l.EffectiveTo == null || l.EffectiveTo >= today))
            .Join(db.Staff, l => l.SupervisorStaffId, s => s.Id, (l, s) => new { l.SuperviseeStaffId, l.SupervisorStaffId, s.DisplayName, l.EffectiveFrom })
            .AsNoTracking()
            .ToListAsync(ct);
        var bySupervisee = current.GroupBy(c => c.SuperviseeStaffId).ToDictionary(g => g.Key, g => g.First());
        return [.. staff
            .Select(s =>
            {
                var link = bySupervisee.GetValueOrDefault(s.Id);
                return new StaffSupervisionRow(s.Id, s.DisplayName, s.Role, s.MaySupervise, s.Team, link?.SupervisorStaffId, link?.DisplayName, link?.EffectiveFrom);
            })
            .OrderBy(s => s.RoleMaySupervise)
            .ThenBy(s => s.Name, StringComparer.CurrentCulture)];
    }

    public async Task<IReadOnlyList<LinkRow>> HistoryAsync(Guid superviseeId, CancellationToken ct) =>
        await db.Set<SupervisionLink>().Where(l => l.SuperviseeStaffId == superviseeId)
            .OrderByDescending(l => l.EffectiveFrom)
            .Join(db.Staff, l => l.SupervisorStaffId, s => s.Id, (l, s) => new LinkRow(l.Id, l.SupervisorStaffId, s.DisplayName, l.EffectiveFrom, l.EffectiveTo, l.Version))
            .AsNoTracking()
            .ToListAsync(ct);

    /// <summary>Who may be chosen: active staff whose role may supervise, other than the worker themselves.</summary>
    public async Task<IReadOnlyList<SupervisorChoice>> ChoicesAsync(Guid superviseeId, CancellationToken ct)
    {
        var rows = await db.Staff.Where(s => s.Active && s.Role!.MaySupervise && s.Id != superviseeId)
            .Select(s => new SupervisorChoice(s.Id, s.DisplayName, s.Role!.Name))
            .AsNoTracking()
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Name, StringComparer.CurrentCulture)];
    }

    /// <summary>Names <paramref name="supervisorId"/> as the worker's supervisor from <paramref name="from"/>; a period
    /// running then ends the day before. Nothing is stored when a rule fails.</summary>
    public async Task<IReadOnlyList<FieldError>> SetAsync(Guid superviseeId, Guid? supervisorId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        SupervisorCandidate? candidate = null;
        if (supervisorId is { } id)
        {
            candidate = await db.Staff.Where(s => s.Id == id)
                .Select(s => new SupervisorCandidate(s.Id, s.Role!.Name, s.Role.MaySupervise, s.Active))
                .AsNoTracking()
                .FirstOrDefaultAsync(ct);
        }

        var links = await db.Set<SupervisionLink>().Where(l => l.SuperviseeStaffId == superviseeId).ToListAsync(ct);
        var plan = SupervisionRules.PlanNewLink(superviseeId, candidate, from, to, [.. links.Select(l => new ExistingLink(l.Id, l.EffectiveFrom, l.EffectiveTo))]);
        if (plan.Errors.Count > 0)
        {
            return plan.Errors;
        }

        try
        {
            // Two saves in one transaction: the running period ends before the new one is inserted, so the
            // one-open-period index never sees two open periods (it checks each statement).
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var (linkId, endOn) in plan.ToEnd)
            {
                links.Single(l => l.Id == linkId).EffectiveTo = endOn;
            }

            await db.SaveChangesAsync(ct);
            var link = new SupervisionLink
            {
                SupervisorStaffId = supervisorId!.Value,
                SuperviseeStaffId = superviseeId,
                EffectiveFrom = from!.Value,
                EffectiveTo = to,
                CreatedAt = clock.GetUtcNow(),
                CreatedByName = user.Name,
            };
            db.Add(link);
            audit.Record("supervision.link.set", "StaffMember", superviseeId, null, $"from {UkTime.Iso(link.EffectiveFrom)}");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent change (the version of an ended period, or the one-open-period index) won: keep theirs.
            db.ChangeTracker.Clear();
            return [new("", OneOpenLinkRace)];
        }

        return [];
    }

    /// <summary>Ends a period on <paramref name="endOn"/> (its last day).</summary>
    public async Task<IReadOnlyList<FieldError>> EndAsync(Guid superviseeId, Guid linkId, Guid expectedVersion, DateOnly? endOn, CancellationToken ct)
    {
        var link = await db.Set<SupervisionLink>().FirstOrDefaultAsync(l => l.Id == linkId && l.SuperviseeStaffId == superviseeId, ct);
        if (link is null)
        {
            return [new("", "That supervision period no longer exists. Reload the page.")];
        }

        var errors = SupervisionRules.CheckEnd(link.EffectiveFrom, endOn);
        if (errors.Count > 0)
        {
            return errors;
        }

        db.Entry(link).Property(x => x.Version).OriginalValue = expectedVersion;
        link.EffectiveTo = endOn;
        audit.Record("supervision.link.end", "StaffMember", superviseeId, null, $"to {UkTime.Iso(endOn!.Value)}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return [new("", Concurrency.ConflictMessage)];
        }

        return [];
    }
}
