using Microsoft.EntityFrameworkCore;
using OneToOne.CarePlans;
using OneToOne.Platform.Background;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;
using OneToOne.Referrals;
using OneToOne.ServiceDirectory;

namespace OneToOne.Worklists.Jobs;

/// <summary>The safety net of the safety net: a full pass over every open episode, service referral and plan action of
/// every organisation (keyset-paged, a few queries per page) that opens any task that should exist and does not
/// (work written without the interceptor: seeded data, bulk loads, a schedule changed in settings), and closes open
/// tasks whose work has moved on (e.g. a plan deleted with its actions). It only adds what is missing and closes what
/// is finished, so it never fights the interceptor, and is safe to run on two nodes at once (unique key; a duplicate
/// insert is caught and counted). Its cost grows with the open work, so it runs rarely (daily by default); the
/// frequent passes are incremental (see docs/adr/0005).</summary>
internal sealed class Reconciliation(OrganisationScopes organisations, TimeProvider clock, WorkingDayCalendar calendar, WorklistOptions options,
    JobReport report, ILogger<Reconciliation> log) : IScheduledJob
{
    public const string JobName = "work-tasks.reconcile";

    public string Name => JobName;

    public TimeSpan Interval => TimeSpan.FromHours(Math.Max(1, options.ReconcileHours));

    public Task RunAsync(CancellationToken ct) =>
        organisations.ForEachAsync(async (sp, organisationId) =>
        {
            var db = sp.GetRequiredService<OneToOneDb>();
            var team = await WorkOwners.TriageTeamAsync(db, ct);
            await ReferralsAsync(db, organisationId, team, ct);
            await ServiceReferralsAsync(db, organisationId, team, ct);
            await PlanActionsAsync(db, organisationId, team, ct);
            await CloseFinishedAsync(db, ct);
            report.Add("organisations");
        }, ct);

    private int PageSize => Math.Max(10, options.ReconcilePageSize);

    private async Task ReferralsAsync(OneToOneDb db, Guid organisationId, Guid? team, CancellationToken ct)
    {
        var today = UkTime.Today(clock);
        foreach (var status in new[] { ReferralStatus.Received, ReferralStatus.Allocated, ReferralStatus.Active })
        {
            var after = (Due: DateOnly.MinValue, Id: Guid.Empty);
            while (true)
            {
                var (due, id) = after;
                var page = await db.Referrals
                    .Where(r => r.Status == status && (r.TriageDueOn > due || (r.TriageDueOn == due && r.Id.CompareTo(id) > 0)))
                    .OrderBy(r => r.TriageDueOn).ThenBy(r => r.Id)
                    .Select(r => new { r.Id, r.PersonId, r.TriageDueOn, r.KeyWorkerId, r.AllocatedAt, r.Person!.TreatmentEndDate })
                    .AsNoTracking()
                    .Take(PageSize)
                    .ToListAsync(ct);
                if (page.Count == 0)
                {
                    break;
                }

                after = (page[^1].TriageDueOn, page[^1].Id);
                report.Add("episodes checked", page.Count);
                var specs = new List<WorkTaskSpec>();
                foreach (var r in page)
                {
                    if (status == ReferralStatus.Received)
                    {
                        if (team is { } t)
                        {
                            specs.Add(TaskSpecs.Triage(r.Id, r.PersonId, r.TriageDueOn, t));
                        }

                        continue;
                    }

                    if (r.KeyWorkerId is not { } keyWorker)
                    {
                        continue;
                    }

                    if (status == ReferralStatus.Allocated)
                    {
                        specs.Add(TaskSpecs.FirstContact(r.Id, r.PersonId, keyWorker, r.AllocatedAt ?? clock.GetUtcNow(), options.FirstContactWorkingDays, calendar));
                    }

                    specs.AddRange(TaskSpecs.Reviews(r.Id, r.PersonId, keyWorker, r.TreatmentEndDate, r.AllocatedAt, options, today));
                }

                await AddMissingAsync(db, organisationId, specs, ct);
                if (page.Count < PageSize)
                {
                    break;
                }
            }
        }
    }

    private async Task ServiceReferralsAsync(OneToOneDb db, Guid organisationId, Guid? team, CancellationToken ct)
    {
        var after = (Due: DateOnly.MinValue, Id: Guid.Empty);
        while (true)
        {
            var (due, id) = after;
            var page = await db.Set<ServiceReferral>()
                .Where(s => s.Status == ServiceReferralStatus.Sent && (s.ResponseDueOn > due || (s.ResponseDueOn == due && s.Id.CompareTo(id) > 0)))
                .OrderBy(s => s.ResponseDueOn).ThenBy(s => s.Id)
                .Select(s => new { s.Id, s.PersonId, s.ResponseDueOn, s.SentByStaffId })
                .AsNoTracking()
                .Take(PageSize)
                .ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }

            after = (page[^1].ResponseDueOn, page[^1].Id);
            report.Add("service referrals checked", page.Count);
            var keyWorkers = await KeyWorkersAsync(db, page.Where(s => s.SentByStaffId is null).Select(s => s.PersonId), ct);
            var specs = page
                .Select(s => (s, Owner: s.SentByStaffId ?? keyWorkers.GetValueOrDefault(s.PersonId)))
                .Where(x => x.Owner is not null || team is not null)
                .Select(x => TaskSpecs.ServiceReply(x.s.Id, x.s.PersonId, x.s.ResponseDueOn, x.Owner, team))
                .ToList();
            await AddMissingAsync(db, organisationId, specs, ct);
            if (page.Count < PageSize)
            {
                break;
            }
        }
    }

    private async Task PlanActionsAsync(OneToOneDb db, Guid organisationId, Guid? team, CancellationToken ct)
    {
        var after = Guid.Empty;
        while (true)
        {
            var last = after;
            var page = await db.Set<CarePlanAction>()
                .Where(a => a.OwnerKind == ActionOwnerKind.KeyWorker && (a.Status == ActionStatus.NotStarted || a.Status == ActionStatus.InProgress)
                    && a.Id.CompareTo(last) > 0)
                .OrderBy(a => a.Id)
                .Join(db.Set<CarePlan>(), a => a.PlanId, p => p.Id, (a, p) => new { a.Id, a.DueOn, p.PersonId })
                .AsNoTracking()
                .Take(PageSize)
                .ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }

            after = page[^1].Id;
            report.Add("plan actions checked", page.Count);
            var keyWorkers = await KeyWorkersAsync(db, page.Select(a => a.PersonId), ct);
            var specs = page
                .Select(a => (a, Owner: keyWorkers.GetValueOrDefault(a.PersonId)))
                .Where(x => x.Owner is not null || team is not null)
                .Select(x => TaskSpecs.PlanAction(x.a.Id, x.a.PersonId, x.a.DueOn, x.Owner, team))
                .ToList();
            await AddMissingAsync(db, organisationId, specs, ct);
            if (page.Count < PageSize)
            {
                break;
            }
        }
    }

    /// <summary>Open tasks of the episode kinds whose work has finished: done when it was done, cancelled when it
    /// is no longer needed. Keyset over the open tasks by due time; the sources of each page in one query per kind.</summary>
    private async Task CloseFinishedAsync(OneToOneDb db, CancellationToken ct)
    {
        var kinds = WorkTaskRules.EpisodeKinds.ToList();
        var after = (Due: DateTimeOffset.MinValue, Id: Guid.Empty);
        while (true)
        {
            var (due, id) = after;
            var page = await db.Set<WorkTask>()
                .Where(t => t.Status == WorkTaskStatus.Open && kinds.Contains(t.Kind) && (t.DueAt > due || (t.DueAt == due && t.Id.CompareTo(id) > 0)))
                .OrderBy(t => t.DueAt).ThenBy(t => t.Id)
                .Select(t => new { t.Id, t.Kind, t.SourceId, t.DueAt })
                .AsNoTracking()
                .Take(PageSize)
                .ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }

            after = (page[^1].DueAt, page[^1].Id);
            var done = new List<Guid>();
            var cancelled = new List<Guid>();

            var referralIds = page.Where(t => t.Kind is WorkTaskKind.Triage or WorkTaskKind.FirstContact or WorkTaskKind.AssessmentReview or WorkTaskKind.OutcomeQuestionnaire).Select(t => t.SourceId).Distinct().ToList();
            var referrals = referralIds.Count == 0 ? [] : await db.Referrals.Where(r => referralIds.Contains(r.Id))
                .Select(r => new { r.Id, r.Status }).AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Status, ct);
            var actionIds = page.Where(t => t.Kind == WorkTaskKind.PlanAction).Select(t => t.SourceId).ToList();
            var actions = actionIds.Count == 0 ? [] : await db.Set<CarePlanAction>().Where(a => actionIds.Contains(a.Id))
                .Select(a => new { a.Id, a.Status, a.OwnerKind }).AsNoTracking().ToDictionaryAsync(a => a.Id, a => (a.Status, a.OwnerKind), ct);
            var serviceIds = page.Where(t => t.Kind == WorkTaskKind.ServiceReferralReply).Select(t => t.SourceId).ToList();
            var services = serviceIds.Count == 0 ? [] : await db.Set<ServiceReferral>().Where(s => serviceIds.Contains(s.Id))
                .Select(s => new { s.Id, s.Status }).AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Status, ct);

            foreach (var t in page)
            {
                var verdict = t.Kind switch
                {
                    WorkTaskKind.Triage => referrals.TryGetValue(t.SourceId, out var s)
                        ? s switch
                        {
                            ReferralStatus.Received => (WorkTaskStatus?)null,
                            ReferralStatus.Linked or ReferralStatus.Discharged => WorkTaskStatus.Cancelled,
                            _ => WorkTaskStatus.Done,
                        }
                        : WorkTaskStatus.Cancelled,
                    WorkTaskKind.FirstContact => referrals.TryGetValue(t.SourceId, out var s)
                        ? s switch
                        {
                            ReferralStatus.Allocated => (WorkTaskStatus?)null,
                            ReferralStatus.Active => WorkTaskStatus.Done,
                            _ => WorkTaskStatus.Cancelled,
                        }
                        : WorkTaskStatus.Cancelled,
                    WorkTaskKind.AssessmentReview or WorkTaskKind.OutcomeQuestionnaire =>
                        referrals.TryGetValue(t.SourceId, out var s) && s is ReferralStatus.Allocated or ReferralStatus.Active ? null : WorkTaskStatus.Cancelled,
                    WorkTaskKind.PlanAction => actions.TryGetValue(t.SourceId, out var a)
                        ? a.Status == ActionStatus.Done ? WorkTaskStatus.Done
                        : a.Status == ActionStatus.Cancelled || a.OwnerKind != ActionOwnerKind.KeyWorker ? WorkTaskStatus.Cancelled
                        : null
                        : WorkTaskStatus.Cancelled,
                    WorkTaskKind.ServiceReferralReply => services.TryGetValue(t.SourceId, out var s)
                        ? s switch
                        {
                            ServiceReferralStatus.Sent => (WorkTaskStatus?)null,
                            ServiceReferralStatus.Withdrawn => WorkTaskStatus.Cancelled,
                            _ => WorkTaskStatus.Done,
                        }
                        : WorkTaskStatus.Cancelled,
                    _ => null,
                };
                if (verdict == WorkTaskStatus.Done)
                {
                    done.Add(t.Id);
                }
                else if (verdict == WorkTaskStatus.Cancelled)
                {
                    cancelled.Add(t.Id);
                }
            }

            var now = clock.GetUtcNow();
            foreach (var (ids, status, label) in new[] { (done, WorkTaskStatus.Done, "finished tasks closed as done"), (cancelled, WorkTaskStatus.Cancelled, "tasks no longer needed cancelled") })
            {
                if (ids.Count > 0)
                {
                    // Conditional: a task closed meanwhile (by a save or another node) is left as it is.
                    var closed = await db.Set<WorkTask>().Where(t => ids.Contains(t.Id) && t.Status == WorkTaskStatus.Open)
                        .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, status).SetProperty(t => t.CompletedAt, now), ct);
                    report.Add(label, closed);
                }
            }

            if (page.Count < PageSize)
            {
                break;
            }
        }
    }

    /// <summary>Each person's key worker on their open (allocated or active) episode, for one page of rows.</summary>
    private static async Task<Dictionary<Guid, Guid?>> KeyWorkersAsync(OneToOneDb db, IEnumerable<Guid> people, CancellationToken ct)
    {
        var ids = people.Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await db.Referrals
            .Where(r => ids.Contains(r.PersonId) && (r.Status == ReferralStatus.Allocated || r.Status == ReferralStatus.Active) && r.KeyWorkerId != null)
            .Select(r => new { r.PersonId, r.KeyWorkerId })
            .AsNoTracking()
            .ToListAsync(ct);
        return rows.GroupBy(r => r.PersonId).ToDictionary(g => g.Key, g => g.First().KeyWorkerId);
    }

    /// <summary>Inserts the tasks of <paramref name="specs"/> that do not exist yet (in any state: a task done or
    /// cancelled is never re-opened). One query finds the existing ones; one save inserts the rest. A duplicate from
    /// a racing node or save fails that save, so it falls back to one insert per task, each duplicate caught.</summary>
    private async Task AddMissingAsync(OneToOneDb db, Guid organisationId, List<WorkTaskSpec> specs, CancellationToken ct)
    {
        if (specs.Count == 0)
        {
            return;
        }

        var sources = specs.Select(s => s.SourceId).Distinct().ToList();
        var kinds = specs.Select(s => s.Kind).Distinct().ToList();
        var existing = (await db.Set<WorkTask>().Where(t => kinds.Contains(t.Kind) && sources.Contains(t.SourceId))
                .Select(t => new { t.Kind, t.SourceId, t.Key }).AsNoTracking().ToListAsync(ct))
            .Select(t => (t.Kind, t.SourceId, t.Key)).ToHashSet();
        // Inserted in one order everywhere, so two passes racing over the same rows queue behind each other on the
        // unique index instead of deadlocking.
        var missing = specs.Where(s => existing.Add((s.Kind, s.SourceId, s.Key)))
            .OrderBy(s => s.Kind).ThenBy(s => s.SourceId).ThenBy(s => s.Key, StringComparer.Ordinal).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var book = new TaskBook(db, organisationId, now);
        foreach (var spec in missing)
        {
            book.Ensure(spec);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            Count(missing);
        }
        catch (Exception e) when (IsLostRace(e))
        {
            db.ChangeTracker.Clear();
            foreach (var spec in missing)
            {
                new TaskBook(db, organisationId, now).Ensure(spec);
                try
                {
                    await db.SaveChangesAsync(ct);
                    Count([spec]);
                }
                catch (Exception inner) when (IsLostRace(inner))
                {
                    report.Add("already created elsewhere");
                    log.LogDebug("A {Kind} task was created by another pass or save meanwhile", spec.Kind);
                }

                db.ChangeTracker.Clear();
            }
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>A duplicate key or a deadlock with another pass (which the retrying strategy reports wrapped, as the save
    /// ran in the audit's transaction): the other pass made the task, or this one makes it row by row.</summary>
    private static bool IsLostRace(Exception e) =>
        e is DbUpdateException || (e is InvalidOperationException && e.InnerException is DbUpdateException);

    private void Count(IEnumerable<WorkTaskSpec> created)
    {
        foreach (var group in created.GroupBy(s => s.Kind))
        {
            report.Add(WorkTaskRules.KindText(group.Key).ToLowerInvariant() + " tasks created", group.Count());
        }
    }
}
