using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Background;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;
using OneToOne.Referrals;

namespace OneToOne.Supervision;

internal sealed record CaseAuditRow(Guid Id, DateOnly Month, Guid ReferralId, Guid PersonId, string PersonName, string KeyWorkerName,
    DateTimeOffset DischargedAt, Guid? ReviewerStaffId, string? ReviewerName, DateTimeOffset? ReviewedAt, bool? FollowUpNeeded);

/// <summary>The monthly case-audit sample and its reviews.</summary>
internal sealed class CaseAudits(OneToOneDb db, AuditTrail audit, TimeProvider clock, CaseAuditOptions options, Supervisors supervisors, CurrentUser user)
{
    /// <summary>The month a pass samples: the last complete UK month.</summary>
    public static DateOnly MonthToSample(DateOnly today) => SupervisionTime.FirstOfMonth(today).AddMonths(-1);

    /// <summary>Samples the organisation's episodes closed in <paramref name="month"/>, once: null when that month
    /// already has its sample (made earlier, or a moment ago by another node). A random seed unless one is given.</summary>
    public async Task<CaseAuditSample?> SampleAsync(DateOnly month, int? seed, CancellationToken ct)
    {
        month = SupervisionTime.FirstOfMonth(month);
        if (await db.Set<CaseAuditSample>().AnyAsync(s => s.Month == month, ct))
        {
            return null;
        }

        var start = SupervisionTime.StartOfUkDay(month);
        var end = SupervisionTime.StartOfUkDay(month.AddMonths(1));
        // Closed episodes only: discharged within the month, held by a worker whose role is not registered.
        var rows = await db.Referrals
            .Where(r => r.Status == ReferralStatus.Discharged && r.DischargedAt != null && r.DischargedAt >= start && r.DischargedAt < end
                && r.KeyWorkerId != null && !r.KeyWorker!.Role!.Registered)
            .Select(r => new { r.Id, r.PersonId, KeyWorkerId = r.KeyWorkerId!.Value, r.KeyWorker!.TeamId, DischargedAt = r.DischargedAt!.Value })
            .AsNoTracking()
            .ToListAsync(ct);

        var today = UkTime.Today(clock);
        var workers = rows.Select(r => r.KeyWorkerId).Distinct().ToList();
        var links = await db.Set<SupervisionLink>()
            .Where(l => workers.Contains(l.SuperviseeStaffId) && l.EffectiveFrom <= today && (l.EffectiveTo == null || l.EffectiveTo >= today))
            .Join(db.Staff.Where(s => s.Active), l => l.SupervisorStaffId, s => s.Id, (l, s) => new { l.SuperviseeStaffId, l.SupervisorStaffId })
            .AsNoTracking()
            .ToListAsync(ct);
        var supervisorOf = links.GroupBy(l => l.SuperviseeStaffId).ToDictionary(g => g.Key, g => g.First().SupervisorStaffId);

        var candidates = rows.Select(r => new AuditCandidate(r.Id, r.PersonId, r.KeyWorkerId,
            supervisorOf.TryGetValue(r.KeyWorkerId, out var s) ? s : null, r.TeamId, r.DischargedAt)).ToList();
        var actualSeed = seed ?? RandomNumberGenerator.GetInt32(int.MaxValue);
        var chosen = CaseAuditSampler.Choose(candidates, options.SamplePer, options.SampleSize, actualSeed);

        var sample = new CaseAuditSample
        {
            Month = month,
            Seed = actualSeed,
            Scope = options.SamplePer,
            SizePerGroup = options.SampleSize,
            Candidates = candidates.Count,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(sample);
        foreach (var c in chosen)
        {
            db.Add(new CaseAuditItem
            {
                SampleId = sample.Id,
                ReferralId = c.ReferralId,
                PersonId = c.PersonId,
                KeyWorkerStaffId = c.KeyWorkerStaffId,
                ReviewerStaffId = c.SupervisorStaffId,
                TeamId = c.TeamId,
                DischargedAt = c.DischargedAt,
            });
        }

        audit.Record("caseaudit.sample", "CaseAuditSample", sample.Id, null,
            string.Create(CultureInfo.InvariantCulture, $"{month:yyyy-MM}: {chosen.Count} of {candidates.Count} closed episodes, seed {actualSeed}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node sampled the month first (the unique key on the month): theirs stands, nothing of ours is kept.
            db.ChangeTracker.Clear();
            if (await db.Set<CaseAuditSample>().AnyAsync(x => x.Month == month, ct))
            {
                return null;
            }

            throw;
        }

        return sample;
    }

    /// <summary>Items the acting user may review, newest month first.</summary>
    public async Task<IReadOnlyList<CaseAuditRow>> ForMeAsync(CancellationToken ct)
    {
        var actor = await supervisors.ActorAsync(ct);
        if (actor.StaffId is not { } me || actor.SupportWorkerOnly)
        {
            return [];
        }

        var rows = await Visible(db.Set<CaseAuditItem>(), actor)
            .Join(db.Set<CaseAuditSample>(), i => i.SampleId, s => s.Id, (i, s) => new { i, s.Month })
            .Join(db.People, x => x.i.PersonId, p => p.Id, (x, p) => new { x.i, x.Month, PersonName = p.GivenName + " " + p.FamilyName })
            .Join(db.Staff, x => x.i.KeyWorkerStaffId, k => k.Id, (x, k) => new { x.i, x.Month, x.PersonName, KeyWorkerName = k.DisplayName })
            .Select(x => new
            {
                x.i.Id, x.Month, x.i.ReferralId, x.i.PersonId, x.PersonName, x.KeyWorkerName, x.i.DischargedAt, x.i.ReviewerStaffId,
                ReviewerName = db.Staff.Where(s => s.Id == x.i.ReviewerStaffId).Select(s => s.DisplayName).FirstOrDefault(),
                x.i.ReviewedAt, x.i.FollowUpNeeded,
            })
            .AsNoTracking()
            .ToListAsync(ct);
        return [.. rows
            .Select(r => new CaseAuditRow(r.Id, r.Month, r.ReferralId, r.PersonId, r.PersonName, r.KeyWorkerName, r.DischargedAt, r.ReviewerStaffId,
                r.ReviewerName, r.ReviewedAt, r.FollowUpNeeded))
            .OrderByDescending(r => r.Month)
            .ThenBy(r => r.ReviewedAt is not null)
            .ThenBy(r => r.KeyWorkerName, StringComparer.CurrentCulture)
            .ThenBy(r => r.Id)];
    }

    /// <summary>The item if the acting user may review it; null otherwise (answered as not found).</summary>
    public async Task<CaseAuditItem?> FindForReviewAsync(Guid id, CancellationToken ct)
    {
        var item = await db.Set<CaseAuditItem>().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
        {
            return null;
        }

        var actor = await supervisors.ActorAsync(ct);
        return SupervisionRules.MayDecide(item.ReviewerStaffId, item.TeamId, item.KeyWorkerStaffId, actor) ? item : null;
    }

    /// <summary>Records "reviewed, with findings". Once only: a reviewed case is a record, not a draft.</summary>
    public async Task<DecisionResult> ReviewAsync(CaseAuditItem item, Guid expectedVersion, string? findings, bool? followUpNeeded, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.ReviewedAt is not null)
        {
            return DecisionResult.AlreadyDone("This case has already been reviewed");
        }

        var errors = SupervisionRules.CheckReview(findings, followUpNeeded);
        if (errors.Count > 0)
        {
            return DecisionResult.Invalid(errors);
        }

        db.Entry(item).Property(x => x.Version).OriginalValue = expectedVersion;
        item.ReviewedAt = clock.GetUtcNow();
        item.ReviewedByStaffId = user.StaffMemberId;
        item.ReviewedByName = user.Name;
        item.Findings = findings!.Trim();
        item.FollowUpNeeded = followUpNeeded;
        audit.Record("caseaudit.review", "CaseAuditItem", item.Id, item.PersonId, followUpNeeded == true ? "follow-up needed" : "no follow-up");
        await db.SaveChangesAsync(ct);
        return DecisionResult.Ok;
    }

    public static IQueryable<CaseAuditItem> Visible(IQueryable<CaseAuditItem> items, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var me = actor.StaffId;
        var team = actor.TeamId;
        var lead = actor.IsTeamLead;
        var registered = actor.IsRegisteredPractitioner;
        return items.Where(i => i.KeyWorkerStaffId != me
            && (i.ReviewerStaffId == me
                || (lead && (team == null || i.TeamId == null || i.TeamId == team))
                || (registered && i.ReviewerStaffId == null && (i.TeamId == null || i.TeamId == team))));
    }
}

/// <summary>"case-audit-sample": once a month is complete, each organisation gets its random sample of that
/// month's closed episodes. Runs every few hours; every pass after the first in a month finds the sample made.</summary>
internal sealed class CaseAuditSampleJob(OrganisationScopes scopes, TimeProvider clock) : IScheduledJob
{
    public const string JobName = "case-audit-sample";

    public string Name => JobName;

    public TimeSpan Interval => TimeSpan.FromHours(6);

    public Task RunAsync(CancellationToken ct)
    {
        var month = CaseAudits.MonthToSample(UkTime.Today(clock));
        return scopes.ForEachAsync((services, _) => services.GetRequiredService<CaseAudits>().SampleAsync(month, null, ct), ct);
    }
}
