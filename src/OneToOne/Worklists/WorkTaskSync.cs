using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OneToOne.Assessments;
using OneToOne.CarePlans;
using OneToOne.Contacts;
using OneToOne.People;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;
using OneToOne.Referrals;
using OneToOne.ServiceDirectory;

namespace OneToOne.Worklists;

/// <summary>Keeps work tasks in step with the work, in the same unit of work as the change: registered as an EF
/// interceptor (DataModule adds DI interceptors to the context), so no other module calls anything. Runs before
/// each save of a context acting for an organisation; system work acting for none (seeding) is left to the
/// reconciliation pass.</summary>
internal sealed class WorkTaskInterceptor(TimeProvider clock, WorkingDayCalendar calendar, WorklistOptions options, ILogger<WorkTaskInterceptor> log)
    : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is OneToOneDb db)
        {
            await new WorkTaskSync(db, clock, calendar, options, log).ApplyAsync(cancellationToken);
        }

        return result;
    }
}

/// <summary>One save's worth of task changes. It reads the tracked changes, gathers what it must look up, does each
/// lookup once for all rows (a fixed number of queries however big the save), then opens, re-times, completes and
/// cancels tasks through a <see cref="TaskBook"/>.</summary>
internal sealed class WorkTaskSync(OneToOneDb db, TimeProvider clock, WorkingDayCalendar calendar, WorklistOptions options, ILogger log)
{
    private static readonly ReferralStatus[] Caseload = [ReferralStatus.Allocated, ReferralStatus.Active];

    private readonly List<(Guid ReferralId, Guid PersonId, DateOnly DueOn)> _triage = [];
    private readonly List<WorkTaskSpec> _specs = [];
    private readonly List<Referral> _reviewsFor = [];
    private readonly List<CarePlanAction> _actions = [];
    private readonly List<ServiceReferral> _serviceReferrals = [];
    private readonly List<(Guid PersonId, DateOnly? TreatmentEnd)> _retime = [];
    private readonly List<(Guid PersonId, Guid From, Guid To)> _reassign = [];
    private readonly List<(WorkTaskKind Kind, Guid SourceId, WorkTaskStatus Status)> _closes = [];
    private readonly List<Guid> _discharged = [];
    private readonly List<(Guid PersonId, DateTimeOffset UpTo)> _reviewsDone = [];

    public async Task ApplyAsync(CancellationToken ct)
    {
        var organisationId = db.TenantId;
        if (organisationId == Guid.Empty)
        {
            return;
        }

        db.ChangeTracker.DetectChanges();
        ReadReferrals(organisationId);
        ReadContacts(organisationId);
        ReadActions(organisationId);
        ReadServiceReferrals(organisationId);
        ReadAssessments(organisationId);
        ReadPeople(organisationId);
        if (_triage.Count + _specs.Count + _reviewsFor.Count + _actions.Count + _serviceReferrals.Count + _retime.Count
            + _reassign.Count + _closes.Count + _discharged.Count + _reviewsDone.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var today = UkTime.Today(clock);

        // Look-ups, each once for the whole save.
        var plans = await PlanPeopleAsync(ct);
        var episodePeople = _actions.Where(a => plans.ContainsKey(a.PlanId)).Select(a => plans[a.PlanId])
            .Concat(_serviceReferrals.Where(s => s.SentByStaffId is null).Select(s => s.PersonId))
            .Concat(_retime.Select(r => r.PersonId))
            .ToHashSet();
        var episodes = await EpisodesAsync(episodePeople, ct);
        var treatmentEnds = await TreatmentEndsAsync(ct);
        Guid? team = null;
        var needTeam = _triage.Count > 0 || _actions.Count > 0 || _serviceReferrals.Count > 0;
        if (needTeam)
        {
            team = await WorkOwners.TriageTeamAsync(db, ct);
        }

        // Resolve every task this save asks for.
        foreach (var (referralId, personId, dueOn) in _triage)
        {
            if (team is { } t)
            {
                _specs.Add(TaskSpecs.Triage(referralId, personId, dueOn, t));
            }
            else
            {
                log.LogWarning("No active team to hold the triage queue: the triage task waits for the reconciliation pass");
            }
        }

        foreach (var r in _reviewsFor)
        {
            _specs.AddRange(TaskSpecs.Reviews(r.Id, r.PersonId, r.KeyWorkerId!.Value, treatmentEnds.GetValueOrDefault(r.PersonId), r.AllocatedAt, options, today));
        }

        foreach (var (personId, treatmentEnd) in _retime)
        {
            if (episodes.GetValueOrDefault(personId) is { KeyWorkerId: { } keyWorker } e)
            {
                _specs.AddRange(TaskSpecs.Reviews(e.Id, personId, keyWorker, treatmentEnd, e.AllocatedAt, options, today));
            }
        }

        foreach (var a in _actions)
        {
            if (!plans.TryGetValue(a.PlanId, out var personId))
            {
                continue;
            }

            var keyWorker = episodes.GetValueOrDefault(personId)?.KeyWorkerId;
            if (keyWorker is null && team is null)
            {
                continue;
            }

            _specs.Add(TaskSpecs.PlanAction(a.Id, personId, a.DueOn, keyWorker, team));
        }

        foreach (var s in _serviceReferrals)
        {
            var owner = s.SentByStaffId ?? episodes.GetValueOrDefault(s.PersonId)?.KeyWorkerId;
            if (owner is not null || team is not null)
            {
                _specs.Add(TaskSpecs.ServiceReply(s.Id, s.PersonId, s.ResponseDueOn, owner, team));
            }
        }

        var book = new TaskBook(db, organisationId, now);
        await LoadAsync(book, ct);
        foreach (var spec in _specs)
        {
            book.Ensure(spec);
        }

        foreach (var (personId, from, to) in _reassign)
        {
            foreach (var task in book.Tasks.Where(t => t.PersonId == personId && t.Status == WorkTaskStatus.Open
                && t.AssignedToStaffId == from && WorkTaskRules.KeyWorkerKinds.Contains(t.Kind)))
            {
                task.AssignedToStaffId = to;
            }
        }

        foreach (var (kind, sourceId, status) in _closes)
        {
            book.Close(kind, sourceId, status);
        }

        foreach (var (personId, upTo) in _reviewsDone)
        {
            foreach (var task in book.Tasks.Where(t => t.PersonId == personId && t.Kind == WorkTaskKind.AssessmentReview && t.DueAt <= upTo).ToList())
            {
                book.Close(task, WorkTaskStatus.Done);
            }
        }

        foreach (var personId in _discharged)
        {
            // The review before discharge outlives the discharge: it is the final assessment the person is sent.
            foreach (var task in book.Tasks.Where(t => t.PersonId == personId && WorkTaskRules.EpisodeKinds.Contains(t.Kind)
                && !(t.Kind == WorkTaskKind.AssessmentReview && t.Key == OneToOne.Referrals.Discharges.ReviewKey)).ToList())
            {
                book.Close(task, WorkTaskStatus.Cancelled);
            }
        }

        // Loaded tasks were changed in place: let the change tracker see it before EF collects what to save.
        db.ChangeTracker.DetectChanges();
    }

    private void ReadReferrals(Guid organisationId)
    {
        foreach (var e in db.ChangeTracker.Entries<Referral>())
        {
            if (e.State is not (EntityState.Added or EntityState.Modified) || e.Entity.OrganisationId != organisationId)
            {
                continue;
            }

            var r = e.Entity;
            var added = e.State == EntityState.Added;
            ReferralStatus? was = added ? null : e.Property(x => x.Status).OriginalValue;
            var oldKeyWorker = added ? null : e.Property(x => x.KeyWorkerId).OriginalValue;
            var statusChanged = was != r.Status;
            var keyWorkerChanged = !added && oldKeyWorker != r.KeyWorkerId;
            var dueChanged = !added && e.Property(x => x.TriageDueOn).OriginalValue != r.TriageDueOn;
            var allocatedChanged = !added && e.Property(x => x.AllocatedAt).OriginalValue != r.AllocatedAt;
            if (!statusChanged && !keyWorkerChanged && !dueChanged && !allocatedChanged)
            {
                continue;
            }

            if (r.Status == ReferralStatus.Received && (statusChanged || dueChanged))
            {
                _triage.Add((r.Id, r.PersonId, r.TriageDueOn));
            }

            if (was == ReferralStatus.Received && r.Status != ReferralStatus.Received)
            {
                // Triaged (accepted, declined, redirected, or straight to a key worker): done. Linked or discharged: not needed.
                _closes.Add((WorkTaskKind.Triage, r.Id,
                    r.Status is ReferralStatus.Linked or ReferralStatus.Discharged ? WorkTaskStatus.Cancelled : WorkTaskStatus.Done));
            }

            if (r.Status == ReferralStatus.Allocated && r.KeyWorkerId is { } keyWorker && (statusChanged || keyWorkerChanged || allocatedChanged))
            {
                _specs.Add(TaskSpecs.FirstContact(r.Id, r.PersonId, keyWorker, r.AllocatedAt ?? clock.GetUtcNow(), options.FirstContactWorkingDays, calendar));
            }

            if (was == ReferralStatus.Allocated && r.Status == ReferralStatus.Active)
            {
                _closes.Add((WorkTaskKind.FirstContact, r.Id, WorkTaskStatus.Done));
            }

            var inCaseload = Caseload.Contains(r.Status);
            if (inCaseload && r.KeyWorkerId is not null && (was is null || !Caseload.Contains(was.Value)))
            {
                _reviewsFor.Add(r);
            }

            if (inCaseload && keyWorkerChanged && oldKeyWorker is { } from && r.KeyWorkerId is { } to)
            {
                _reassign.Add((r.PersonId, from, to));
            }

            if (statusChanged && r.Status == ReferralStatus.Discharged)
            {
                _discharged.Add(r.PersonId);
            }
        }
    }

    private void ReadContacts(Guid organisationId)
    {
        foreach (var e in db.ChangeTracker.Entries<Contact>())
        {
            if (e.State == EntityState.Added && e.Entity.OrganisationId == organisationId && e.Entity.ReferralId is { } referralId)
            {
                _closes.Add((WorkTaskKind.FirstContact, referralId, WorkTaskStatus.Done));
            }
        }
    }

    private void ReadActions(Guid organisationId)
    {
        foreach (var e in db.ChangeTracker.Entries<CarePlanAction>())
        {
            var a = e.Entity;
            if (a.OrganisationId != organisationId)
            {
                continue;
            }

            if (e.State == EntityState.Deleted)
            {
                _closes.Add((WorkTaskKind.PlanAction, a.Id, WorkTaskStatus.Cancelled));
                continue;
            }

            if (e.State is not (EntityState.Added or EntityState.Modified)
                || (e.State == EntityState.Modified && !e.Property(x => x.Status).IsModified && !e.Property(x => x.DueOn).IsModified && !e.Property(x => x.OwnerKind).IsModified))
            {
                continue;
            }

            if (a.Status == ActionStatus.Done)
            {
                _closes.Add((WorkTaskKind.PlanAction, a.Id, WorkTaskStatus.Done));
            }
            else if (a.Status == ActionStatus.Cancelled || a.OwnerKind != ActionOwnerKind.KeyWorker)
            {
                _closes.Add((WorkTaskKind.PlanAction, a.Id, WorkTaskStatus.Cancelled));
            }
            else
            {
                _actions.Add(a);
            }
        }
    }

    private void ReadServiceReferrals(Guid organisationId)
    {
        foreach (var e in db.ChangeTracker.Entries<ServiceReferral>())
        {
            var s = e.Entity;
            if (s.OrganisationId != organisationId || e.State is not (EntityState.Added or EntityState.Modified)
                || (e.State == EntityState.Modified && !e.Property(x => x.Status).IsModified && !e.Property(x => x.ResponseDueOn).IsModified
                    && !e.Property(x => x.SentByStaffId).IsModified))
            {
                continue;
            }

            switch (s.Status)
            {
                case ServiceReferralStatus.Sent:
                    _serviceReferrals.Add(s);
                    break;
                case ServiceReferralStatus.Withdrawn:
                    _closes.Add((WorkTaskKind.ServiceReferralReply, s.Id, WorkTaskStatus.Cancelled));
                    break;
                default:
                    // Accepted, declined or the outcome known: the service has replied.
                    _closes.Add((WorkTaskKind.ServiceReferralReply, s.Id, WorkTaskStatus.Done));
                    break;
            }
        }
    }

    private void ReadAssessments(Guid organisationId)
    {
        foreach (var e in db.ChangeTracker.Entries<AssessmentResponse>())
        {
            var a = e.Entity;
            if (a.OrganisationId == organisationId && a.Status == ResponseStatus.Submitted
                && (e.State == EntityState.Added || (e.State == EntityState.Modified && e.Property(x => x.Status).IsModified))
                && options.ReviewInstrumentCodes.Contains(a.InstrumentCode, StringComparer.OrdinalIgnoreCase))
            {
                _reviewsDone.Add((a.PersonId, (a.SubmittedAt ?? clock.GetUtcNow()).AddDays(options.ReviewCompletesUpToDays)));
            }
        }
    }

    private void ReadPeople(Guid organisationId)
    {
        foreach (var e in db.ChangeTracker.Entries<Person>())
        {
            if (e.State == EntityState.Modified && e.Entity.OrganisationId == organisationId
                && e.Property(x => x.TreatmentEndDate).OriginalValue != e.Entity.TreatmentEndDate)
            {
                _retime.Add((e.Entity.Id, e.Entity.TreatmentEndDate));
            }
        }
    }

    /// <summary>PlanId to PersonId for the plan actions in this save: tracked plans first, then one query.</summary>
    private async Task<Dictionary<Guid, Guid>> PlanPeopleAsync(CancellationToken ct)
    {
        var map = new Dictionary<Guid, Guid>();
        if (_actions.Count == 0)
        {
            return map;
        }

        foreach (var plan in db.ChangeTracker.Entries<CarePlan>().Select(e => e.Entity))
        {
            map[plan.Id] = plan.PersonId;
        }

        var missing = _actions.Select(a => a.PlanId).Where(id => !map.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0)
        {
            foreach (var p in await db.Set<CarePlan>().Where(p => missing.Contains(p.Id)).Select(p => new { p.Id, p.PersonId }).AsNoTracking().ToListAsync(ct))
            {
                map[p.Id] = p.PersonId;
            }
        }

        return map;
    }

    private sealed record Episode(Guid Id, Guid? KeyWorkerId, DateTimeOffset? AllocatedAt);

    /// <summary>Each person's open episode with a key worker (allocated or active), as it will be after this save.</summary>
    private async Task<Dictionary<Guid, Episode>> EpisodesAsync(HashSet<Guid> people, CancellationToken ct)
    {
        var map = new Dictionary<Guid, Episode>();
        if (people.Count == 0)
        {
            return map;
        }

        var tracked = db.ChangeTracker.Entries<Referral>().Where(e => people.Contains(e.Entity.PersonId)).ToList();
        var trackedIds = tracked.Select(e => e.Entity.Id).ToHashSet();
        foreach (var r in tracked.Select(e => e.Entity).Where(r => Caseload.Contains(r.Status)))
        {
            map[r.PersonId] = new Episode(r.Id, r.KeyWorkerId, r.AllocatedAt);
        }

        var ids = people.Where(p => !map.ContainsKey(p)).ToList();
        if (ids.Count > 0)
        {
            var rows = await db.Referrals
                .Where(r => ids.Contains(r.PersonId) && (r.Status == ReferralStatus.Allocated || r.Status == ReferralStatus.Active))
                .Select(r => new { r.Id, r.PersonId, r.KeyWorkerId, r.AllocatedAt })
                .AsNoTracking()
                .ToListAsync(ct);
            foreach (var r in rows.Where(r => !trackedIds.Contains(r.Id)))
            {
                map.TryAdd(r.PersonId, new Episode(r.Id, r.KeyWorkerId, r.AllocatedAt));
            }
        }

        return map;
    }

    private async Task<Dictionary<Guid, DateOnly?>> TreatmentEndsAsync(CancellationToken ct)
    {
        var map = new Dictionary<Guid, DateOnly?>();
        if (_reviewsFor.Count == 0)
        {
            return map;
        }

        var people = _reviewsFor.Select(r => r.PersonId).ToHashSet();
        foreach (var p in db.ChangeTracker.Entries<Person>().Select(e => e.Entity).Where(p => people.Contains(p.Id)))
        {
            map[p.Id] = p.TreatmentEndDate;
        }

        var missing = people.Where(p => !map.ContainsKey(p)).ToList();
        if (missing.Count > 0)
        {
            foreach (var p in await db.People.Where(p => missing.Contains(p.Id)).Select(p => new { p.Id, p.TreatmentEndDate }).AsNoTracking().ToListAsync(ct))
            {
                map[p.Id] = p.TreatmentEndDate;
            }
        }

        return map;
    }

    /// <summary>Loads, in at most two queries, every task this save may touch: by source, and the open tasks of the
    /// people whose episode ends, is handed over or is reviewed. Tasks already tracked (e.g. staged by another module
    /// in this unit of work) come first.</summary>
    private async Task LoadAsync(TaskBook book, CancellationToken ct)
    {
        foreach (var task in db.ChangeTracker.Entries<WorkTask>().Where(e => e.State != EntityState.Deleted).Select(e => e.Entity))
        {
            book.Know(task);
        }

        var sources = _specs.Select(s => s.SourceId).Concat(_closes.Select(c => c.SourceId)).Distinct().ToList();
        var kinds = _specs.Select(s => s.Kind).Concat(_closes.Select(c => c.Kind)).Distinct().ToList();
        if (sources.Count > 0)
        {
            foreach (var task in await db.Set<WorkTask>().Where(t => kinds.Contains(t.Kind) && sources.Contains(t.SourceId)).ToListAsync(ct))
            {
                book.Know(task);
            }
        }

        var people = _discharged.Concat(_reassign.Select(r => r.PersonId)).Concat(_reviewsDone.Select(r => r.PersonId))
            .Distinct().Select(p => (Guid?)p).ToList();
        if (people.Count > 0)
        {
            foreach (var task in await db.Set<WorkTask>().Where(t => people.Contains(t.PersonId) && t.Status == WorkTaskStatus.Open).ToListAsync(ct))
            {
                book.Know(task);
            }
        }
    }
}
