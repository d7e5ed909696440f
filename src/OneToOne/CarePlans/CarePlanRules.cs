using OneToOne.People;

namespace OneToOne.CarePlans;

/// <summary>Pure rules for plans: what makes an action valid and how the plan moves draft -> agreed -> reviewed.</summary>
internal static class CarePlanRules
{
    public const string NoOwner = "Choose who will do this";
    public const string NoOwnerName = "Enter the name of who will do this";
    public const string NoService = "Choose a service";
    public const string NoDescription = "Enter what will be done";
    public const string DescriptionTooLong = "What will be done must be 1000 characters or fewer";
    public const string NoDueDate = "Enter the date it will be done by";
    public const string PastDueDate = "The due date must be today or in the future";
    public const string LockedMessage = "This plan is locked. Unlock it to make changes.";
    public const string NotReadyToAgree = "Before agreeing the plan, add a goal and at least one action to a concern";
    public const string NotAgreed = "Only an agreed plan can be marked as reviewed";
    public const string AwaitingSignOff = "This plan is waiting for a registered practitioner's sign-off because it has a clinical action. It is agreed when they approve it; if it needs to change, ask them to return it first.";
    public const string SentForSignOff = "Sent to your supervisor for sign-off: the plan has a clinical action. It is agreed when they approve it.";
    public const string ChangedSinceSignOffRequested = "The plan has changed since it was sent for sign-off. Return the request so the key worker can agree the plan as it is now.";
    public const string GoalTooLong = "What the person wants to achieve must be 1000 characters or fewer";

    public sealed record ActionInput(string? Description, ActionOwnerKind? OwnerKind, string? OwnerName, Guid? ServiceId, DateOnly? DueOn,
        bool Clinical = false);

    public static List<FieldError> CheckAction(ActionInput input, DateOnly today)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(input.Description))
        {
            errors.Add(new("Description", NoDescription));
        }
        else if (input.Description.Trim().Length > CarePlanAction.DescriptionMax)
        {
            errors.Add(new("Description", DescriptionTooLong));
        }

        switch (input.OwnerKind)
        {
            case null:
                errors.Add(new("OwnerKind", NoOwner));
                break;
            case ActionOwnerKind.OtherProfessional when string.IsNullOrWhiteSpace(input.OwnerName):
                errors.Add(new("OwnerName", NoOwnerName));
                break;
            case ActionOwnerKind.Service when input.ServiceId is null:
                errors.Add(new("ServiceId", NoService));
                break;
            default:
                break;
        }

        if (input.DueOn is not { } due)
        {
            errors.Add(new("DueOn", NoDueDate));
        }
        else if (due < today)
        {
            errors.Add(new("DueOn", PastDueDate));
        }

        return errors;
    }

    /// <summary>Null when the plan may be changed.</summary>
    public static string? CheckCanChange(CarePlan plan) => plan.Locked ? LockedMessage : null;

    /// <summary>Any change to an agreed (or reviewed) plan makes it a draft again until it is agreed again.</summary>
    public static void Changed(CarePlan plan, DateTimeOffset now)
    {
        plan.Status = CarePlanStatus.Draft;
        plan.UpdatedAt = now;
    }

    /// <summary>Null when the plan can be agreed: not locked and at least one concern has a goal and an action.</summary>
    public static string? CheckCanAgree(CarePlan plan, IEnumerable<(string? Goal, int ActionCount)> concerns) =>
        CheckCanChange(plan) ?? (concerns.Any(c => !string.IsNullOrWhiteSpace(c.Goal) && c.ActionCount > 0) ? null : NotReadyToAgree);

    public static string? CheckCanReview(CarePlan plan) =>
        CheckCanChange(plan) ?? (plan.Status == CarePlanStatus.Agreed ? null : NotAgreed);

    public static string OwnerText(ActionOwnerKind kind, string? ownerName) => kind switch
    {
        ActionOwnerKind.Person => "The person",
        ActionOwnerKind.KeyWorker => ownerName is { Length: > 0 } ? $"Key worker ({ownerName})" : "Key worker",
        _ => ownerName ?? kind.ToString(),
    };

    public static string StatusText(ActionStatus status) => status switch
    {
        ActionStatus.NotStarted => "Not started",
        ActionStatus.InProgress => "In progress",
        ActionStatus.Done => "Done",
        _ => "Cancelled",
    };
}
