using OneToOne.Platform.Time;

namespace OneToOne.Worklists;

/// <summary>The task each piece of work calls for: one place for titles (never names), links and deadlines, used by
/// the save-time interceptor and by the reconciliation pass alike, so both make the same task.</summary>
internal static class TaskSpecs
{
    public const string TriageTitle = "Triage the referral";
    public const string FirstContactTitle = "Make first contact";
    public const string PlanActionTitle = "Care plan action due";
    public const string ServiceReplyTitle = "Chase a reply from a service";
    public const string BeforeDischargeTitle = "Review: assessment before discharge";

    public static WorkTaskSpec Triage(Guid referralId, Guid personId, DateOnly triageDueOn, Guid teamId) =>
        new(WorkTaskKind.Triage, referralId, TriageTitle, $"/referrals/{referralId}/triage", WorkTaskRules.EndOfUkDay(triageDueOn),
            PersonId: personId, AssignedToTeamId: teamId);

    public static WorkTaskSpec FirstContact(Guid referralId, Guid personId, Guid keyWorkerId, DateTimeOffset allocatedAt, int workingDays, WorkingDayCalendar calendar) =>
        new(WorkTaskKind.FirstContact, referralId, FirstContactTitle, $"/people/{personId}/contacts/new",
            WorkTaskRules.EndOfUkDay(CaseloadRules.FirstContactDue(allocatedAt, workingDays, calendar)), PersonId: personId, AssignedToStaffId: keyWorkerId);

    public static IEnumerable<WorkTaskSpec> Reviews(Guid referralId, Guid personId, Guid keyWorkerId, DateOnly? treatmentEnd, DateTimeOffset? allocatedAt,
        WorklistOptions options, DateOnly today)
    {
        var allocatedOn = allocatedAt is { } at ? DateOnly.FromDateTime(UkTime.ToUk(at).DateTime) : today;
        return WorkTaskRules.ReviewsDue(options.Reviews, treatmentEnd, allocatedOn, options.ReviewNotSoonerThanDays, today)
            .Select(r => Review(referralId, personId, keyWorkerId, r.Point.Key, r.Point.Title, WorkTaskRules.EndOfUkDay(r.DueOn)));
    }

    public static WorkTaskSpec Review(Guid referralId, Guid personId, Guid keyWorkerId, string key, string title, DateTimeOffset dueAt) =>
        new(WorkTaskKind.AssessmentReview, referralId, title, $"/people/{personId}/assessments", dueAt,
            PersonId: personId, AssignedToStaffId: keyWorkerId, Key: key);

    public static WorkTaskSpec PlanAction(Guid actionId, Guid personId, DateOnly dueOn, Guid? staffId, Guid? teamId) =>
        new(WorkTaskKind.PlanAction, actionId, PlanActionTitle, $"/people/{personId}/plan", WorkTaskRules.EndOfUkDay(dueOn),
            PersonId: personId, AssignedToStaffId: staffId, AssignedToTeamId: staffId is null ? teamId : null);

    public static WorkTaskSpec ServiceReply(Guid serviceReferralId, Guid personId, DateOnly responseDueOn, Guid? staffId, Guid? teamId) =>
        new(WorkTaskKind.ServiceReferralReply, serviceReferralId, ServiceReplyTitle, $"/service-referrals/{serviceReferralId}", WorkTaskRules.EndOfUkDay(responseDueOn),
            PersonId: personId, AssignedToStaffId: staffId, AssignedToTeamId: staffId is null ? teamId : null);
}
