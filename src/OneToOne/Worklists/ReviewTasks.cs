namespace OneToOne.Worklists;

/// <summary>Assessment reviews other modules open. The scheduled reviews (end of treatment, 3 and 6 months by
/// default) open themselves when a key worker is allocated; the review before discharge is opened by the discharge
/// step, which knows when it is planned.</summary>
public sealed class ReviewTasks(WorkTasks tasks)
{
    /// <summary>Opens (or re-times) the "assessment before discharge" review of the episode for its key worker, in the
    /// caller's unit of work. Call it when a discharge is planned or requested, before the referral is Discharged:
    /// discharging cancels the episode's open tasks, this one included; a submitted HNA completes it.</summary>
    public Task<WorkTask> EnsureBeforeDischargeAsync(Guid referralId, Guid personId, Guid keyWorkerStaffId, DateTimeOffset dueAt, CancellationToken ct) =>
        tasks.EnsureAsync(TaskSpecs.Review(referralId, personId, keyWorkerStaffId, WorkTaskRules.BeforeDischargeKey, TaskSpecs.BeforeDischargeTitle, dueAt), ct);
}
