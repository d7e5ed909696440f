using System.Globalization;
using OneToOne.People;
using OneToOne.Platform.Time;

namespace OneToOne.Referrals;

internal enum TriageChoice
{
    Accept,
    Decline,
    Redirect,
}

internal sealed record TriageRequest(TriageChoice? Decision, PathwayLevel? Level, string? Reason, string? RedirectedTo);

/// <summary>Whether a triage decision or a level change is complete. Pure.</summary>
internal static class TriageRules
{
    public const string OverrideReasonMessage = "Give a reason for choosing a different level from the suggestion";
    public const string RedirectMax200 = "Where the referral was redirected to must be 200 characters or fewer";
    public const string NotTriageableMessage = "This referral cannot be triaged or have its level changed in its current state";

    public static readonly ReferralStatus[] LevelChangeStatuses =
        [ReferralStatus.Accepted, ReferralStatus.Allocated, ReferralStatus.Active];

    /// <summary>A Received referral takes a decision; an accepted episode can only change level.</summary>
    public static bool IsDecision(ReferralStatus status) => status == ReferralStatus.Received;

    public static bool CanTriage(ReferralStatus status) => IsDecision(status) || LevelChangeStatuses.Contains(status);

    public static IReadOnlyList<FieldError> Check(ReferralStatus status, PathwayLevel? currentLevel, PathwayLevel suggested, TriageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<FieldError>();
        void Add(string field, string message) => errors.Add(new FieldError(field, message));
        var reason = request.Reason?.Trim();

        if (!CanTriage(status))
        {
            Add("", NotTriageableMessage);
            return errors;
        }

        if (IsDecision(status))
        {
            switch (request.Decision)
            {
                case null:
                    Add(nameof(TriageRequest.Decision), "Select whether to accept, decline or redirect the referral");
                    break;
                case TriageChoice.Accept when request.Level is null:
                    Add(nameof(TriageRequest.Level), "Select the pathway level");
                    break;
                case TriageChoice.Accept when string.IsNullOrEmpty(reason):
                    Add(nameof(TriageRequest.Reason), request.Level != suggested
                        ? OverrideReasonMessage
                        : "Enter the reason for your decision");
                    break;
                case TriageChoice.Decline when string.IsNullOrEmpty(reason):
                    Add(nameof(TriageRequest.Reason), "Enter the reason for declining the referral");
                    break;
                case TriageChoice.Redirect:
                    if (string.IsNullOrWhiteSpace(request.RedirectedTo))
                    {
                        Add(nameof(TriageRequest.RedirectedTo), "Enter the service the referral was redirected to");
                    }
                    else if (request.RedirectedTo.Trim().Length > 200)
                    {
                        Add(nameof(TriageRequest.RedirectedTo), RedirectMax200);
                    }

                    if (string.IsNullOrEmpty(reason))
                    {
                        Add(nameof(TriageRequest.Reason), "Enter the reason for redirecting the referral");
                    }

                    break;
                default:
                    break;
            }
        }
        else
        {
            if (request.Level is null)
            {
                Add(nameof(TriageRequest.Level), "Select the new pathway level");
            }
            else if (request.Level == currentLevel)
            {
                Add(nameof(TriageRequest.Level), "Select a different level from the current one");
            }

            if (string.IsNullOrEmpty(reason))
            {
                Add(nameof(TriageRequest.Reason), request.Level is { } l && l != suggested
                    ? OverrideReasonMessage
                    : "Enter the reason for changing the level");
            }
        }

        if (reason?.Length > Referral.ReasonMax)
        {
            Add(nameof(TriageRequest.Reason), PersonRules.TooLong("Reason", Referral.ReasonMax));
        }

        return errors;
    }
}

/// <summary>How a triage deadline reads on the queue. Pure apart from the calendar it is given.</summary>
internal static class TriageDeadline
{
    internal sealed record Status(string Text, string? TagColour, bool Overdue);

    public static Status Describe(DateOnly today, DateOnly due, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (due < today)
        {
            // Past its date it is overdue even if no working day has gone by since (a weekend).
            var late = Math.Max(1, calendar.WorkingDaysBetween(due, today));
            return new Status(string.Create(CultureInfo.InvariantCulture, $"Overdue by {late} working {Days(late)}"), "red", true);
        }

        if (due == today)
        {
            return new Status("Due today", "orange", false);
        }

        var left = Math.Max(1, calendar.WorkingDaysBetween(today, due));
        return new Status(string.Create(CultureInfo.InvariantCulture, $"Due in {left} working {Days(left)}"), null, false);
    }

    private static string Days(int n) => n == 1 ? "day" : "days";
}
