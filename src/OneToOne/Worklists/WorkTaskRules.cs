using System.Globalization;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Time;

namespace OneToOne.Worklists;

/// <summary>Where a task sits on a work list.</summary>
internal enum WorkBucket
{
    Overdue,
    DueToday,
    Upcoming,
    Later,
}

/// <summary>The pure rules of work tasks: deadlines on UK dates, what is overdue, how late, the review schedule,
/// and which queue work a role sees.</summary>
internal static class WorkTaskRules
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The tasks an episode's own events open and close: a discharge cancels those still open. Other
    /// modules' kinds (escalations, help requests, sign-offs, handovers, open access) are theirs to close.</summary>
    public static readonly IReadOnlyList<WorkTaskKind> EpisodeKinds =
        [WorkTaskKind.Triage, WorkTaskKind.FirstContact, WorkTaskKind.AssessmentReview, WorkTaskKind.PlanAction, WorkTaskKind.ServiceReferralReply,
            WorkTaskKind.OutcomeQuestionnaire];

    /// <summary>Follow the key worker when the episode is handed over.</summary>
    public static readonly IReadOnlyList<WorkTaskKind> KeyWorkerKinds =
        [WorkTaskKind.FirstContact, WorkTaskKind.AssessmentReview, WorkTaskKind.PlanAction, WorkTaskKind.OutcomeQuestionnaire];

    /// <summary>Queue work only a registered practitioner (or team lead) can do: not shown to support workers in their team's queue.</summary>
    public static readonly IReadOnlyList<WorkTaskKind> RegisteredKinds =
        [WorkTaskKind.Triage, WorkTaskKind.Escalation, WorkTaskKind.SignOff];

    public const string BeforeDischargeKey = "before-discharge";

    /// <summary>A deadline "by" a UK date: the end of that day in the UK, i.e. the following midnight, in UTC. Overdue from then.</summary>
    public static DateTimeOffset EndOfUkDay(DateOnly date)
    {
        var midnight = date.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, London.GetUtcOffset(midnight)).ToUniversalTime();
    }

    /// <summary>True when the deadline is the end of a UK day (a "by this date" deadline rather than a time).</summary>
    public static bool IsEndOfDay(DateTimeOffset dueAt) => UkTime.ToUk(dueAt).TimeOfDay == TimeSpan.Zero;

    /// <summary>The UK date a deadline falls on: for an end-of-day deadline, the day it ends.</summary>
    public static DateOnly DueDateOf(DateTimeOffset dueAt)
    {
        var uk = UkTime.ToUk(dueAt);
        var date = DateOnly.FromDateTime(uk.DateTime);
        return uk.TimeOfDay == TimeSpan.Zero ? date.AddDays(-1) : date;
    }

    public static WorkBucket BucketOf(DateTimeOffset dueAt, DateTimeOffset now, int upcomingDays)
    {
        var today = DateOnly.FromDateTime(UkTime.ToUk(now).DateTime);
        return dueAt <= now ? WorkBucket.Overdue
            : dueAt <= EndOfUkDay(today) ? WorkBucket.DueToday
            : dueAt <= EndOfUkDay(today.AddDays(upcomingDays)) ? WorkBucket.Upcoming
            : WorkBucket.Later;
    }

    /// <summary>"3 days late" for a date deadline (counted in UK days); "2 hours late", "25 minutes late" for a time.</summary>
    public static string Lateness(DateTimeOffset dueAt, DateTimeOffset now)
    {
        if (now < dueAt)
        {
            return "Not late";
        }

        var late = now - dueAt;
        if (IsEndOfDay(dueAt))
        {
            var today = DateOnly.FromDateTime(UkTime.ToUk(now).DateTime);
            return Plural(Math.Max(1, today.DayNumber - DueDateOf(dueAt).DayNumber), "day") + " late";
        }

        return late.TotalMinutes < 60 ? Plural(Math.Max(1, (int)late.TotalMinutes), "minute") + " late"
            : late.TotalHours < 24 ? Plural((int)late.TotalHours, "hour") + " late"
            : Plural((int)late.TotalDays, "day") + " late";
    }

    /// <summary>"Overdue: 3 days late", "Due today", "Due today by 17:00", "Due tomorrow", "Due 12 January 2027".</summary>
    public static string DueText(DateTimeOffset dueAt, DateTimeOffset now)
    {
        if (dueAt <= now)
        {
            return "Overdue: " + Lateness(dueAt, now);
        }

        var today = DateOnly.FromDateTime(UkTime.ToUk(now).DateTime);
        var on = DueDateOf(dueAt);
        var time = IsEndOfDay(dueAt) ? "" : " by " + UkTime.ToUk(dueAt).ToString("HH:mm", EnGb);
        return on == today ? "Due today" + time
            : on == today.AddDays(1) ? "Due tomorrow" + time
            : "Due " + on.ToString("d MMMM yyyy", EnGb) + time;
    }

    /// <summary>The reviews to open for an episode, each with its due date. The schedule counts from the end of
    /// treatment (or, unknown, from allocation); no review is due sooner than <paramref name="notSoonerThanDays"/>
    /// after allocation; and a review is left out when a later one is already due by then or by today (it is
    /// superseded), so a person referred long after treatment gets one review, not three on the same day.</summary>
    public static IReadOnlyList<(ReviewPoint Point, DateOnly DueOn)> ReviewsDue(
        IReadOnlyList<ReviewPoint> schedule, DateOnly? treatmentEnd, DateOnly allocatedOn, int notSoonerThanDays, DateOnly today)
    {
        var points = schedule.OrderBy(p => p.MonthsAfterTreatment).ToList();
        var from = treatmentEnd ?? allocatedOn;
        var earliest = allocatedOn.AddDays(notSoonerThanDays);
        var threshold = earliest > today ? earliest : today;
        var due = new List<(ReviewPoint, DateOnly)>();
        for (var i = 0; i < points.Count; i++)
        {
            var superseded = points.Skip(i + 1).Any(later => from.AddMonths(later.MonthsAfterTreatment) <= threshold);
            if (superseded)
            {
                continue;
            }

            var natural = from.AddMonths(points[i].MonthsAfterTreatment);
            due.Add((points[i], natural > earliest ? natural : earliest));
        }

        return due;
    }

    /// <summary>The kinds a role does not see in its team's queue (support workers: the registered practitioners' work).</summary>
    public static IReadOnlyList<WorkTaskKind> HiddenFromTeamQueue(string role) =>
        role == Roles.SupportWorker ? RegisteredKinds : [];

    public static string KindText(WorkTaskKind kind) => kind switch
    {
        WorkTaskKind.Triage => "Triage",
        WorkTaskKind.FirstContact => "First contact",
        WorkTaskKind.AssessmentReview => "Assessment review",
        WorkTaskKind.PlanAction => "Care plan action",
        WorkTaskKind.ServiceReferralReply => "Service referral",
        WorkTaskKind.Escalation => "Escalation",
        WorkTaskKind.HelpRequest => "Request for help",
        WorkTaskKind.SignOff => "Sign-off",
        WorkTaskKind.Handover => "Handover",
        WorkTaskKind.OpenAccessEnding => "Open access ending",
        WorkTaskKind.OutcomeQuestionnaire => "Outcome questionnaire",
        _ => kind.ToString(),
    };

    private static string Plural(int n, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {unit}{(n == 1 ? "" : "s")}");
}
