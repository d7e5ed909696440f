using OneToOne.People;

namespace OneToOne.Referrals;

/// <summary>The discharge form.</summary>
public sealed class DischargeInput
{
    public DischargeReason? Reason { get; set; }
    public string? ReasonDetail { get; set; }
    public FinalAssessmentChoice? FinalAssessment { get; set; }
    public List<string> Questionnaires { get; set; } = [];
}

/// <summary>What the form is checked against: facts about the person and the episode.</summary>
internal sealed record DischargeContext(bool HasCompletedFinalAssessment, bool HasContactDetails, IReadOnlyCollection<string> QuestionnaireCodes);

/// <summary>The rules of discharge, with no I/O.</summary>
internal static class DischargeRules
{
    public const string ReasonRequired = "Select the reason for discharge";
    public const string DetailRequired = "Enter the reason for discharge";
    public const string FinalRequired = "Select what happened about the before-discharge assessment";
    public const string NoCompletedFinal = "There is no completed before-discharge assessment for this episode. Complete one with the person first, or choose another option";
    public const string NoContact = "Add an email address or mobile phone number to the person's record before sending them anything";
    public const string NothingAfterDeath = "Do not send an assessment or questionnaires when the person has died";
    public const string UnknownQuestionnaire = "Choose questionnaires from the list";
    public const string NotDischargeable = "Only an allocated or active episode can be discharged, by its key worker, a registered practitioner or a team lead";
    public const string AwaitingSignOff = "This discharge is waiting for a registered practitioner's sign-off";

    public static IReadOnlyList<(DischargeReason Reason, string Text)> Reasons { get; } =
    [
        (DischargeReason.GoalsMet, "Needs met and goals achieved"),
        (DischargeReason.SelfManaging, "Able to manage on their own now"),
        (DischargeReason.TransferredCare, "Care transferred to another service"),
        (DischargeReason.MovedAway, "Moved out of the area"),
        (DischargeReason.DeclinedSupport, "No longer wants support"),
        (DischargeReason.NoContact, "Could not be contacted"),
        (DischargeReason.Died, "Died"),
        (DischargeReason.Other, "Another reason"),
    ];

    public static IReadOnlyList<(FinalAssessmentChoice Choice, string Text)> FinalChoices { get; } =
    [
        (FinalAssessmentChoice.Completed, "It has been completed"),
        (FinalAssessmentChoice.Sent, "Send it to them to complete on their phone or computer"),
        (FinalAssessmentChoice.Declined, "They did not want one"),
        (FinalAssessmentChoice.NotPossible, "Not possible, for example they could not be contacted"),
    ];

    public static string ReasonText(DischargeReason reason) => Reasons.First(r => r.Reason == reason).Text;

    public static string FinalText(FinalAssessmentChoice choice) => choice switch
    {
        FinalAssessmentChoice.Completed => "Completed",
        FinalAssessmentChoice.Sent => "Sent to the person to complete",
        FinalAssessmentChoice.Declined => "The person did not want one",
        _ => "Not possible",
    };

    /// <summary>Easy access back follows every discharge except a death.</summary>
    public static bool OffersOpenAccess(DischargeReason reason) => reason != DischargeReason.Died;

    public static List<FieldError> Check(DischargeInput input, DischargeContext context, string prefix = "Input.")
    {
        var errors = new List<FieldError>();
        void Add(string field, string message) => errors.Add(new FieldError(prefix + field, message));

        if (input.Reason is not { } reason || !Enum.IsDefined(reason))
        {
            Add(nameof(input.Reason), ReasonRequired);
        }

        var detail = input.ReasonDetail?.Trim();
        if (input.Reason == DischargeReason.Other && string.IsNullOrEmpty(detail))
        {
            Add(nameof(input.ReasonDetail), DetailRequired);
        }
        else if (detail?.Length > Discharge.DetailMax)
        {
            Add(nameof(input.ReasonDetail), PersonRules.TooLong("The reason for discharge", Discharge.DetailMax));
        }

        var died = input.Reason == DischargeReason.Died;
        switch (input.FinalAssessment)
        {
            case null:
            case { } f when !Enum.IsDefined(f):
                Add(nameof(input.FinalAssessment), FinalRequired);
                break;
            case FinalAssessmentChoice.Completed when !context.HasCompletedFinalAssessment:
                Add(nameof(input.FinalAssessment), NoCompletedFinal);
                break;
            case FinalAssessmentChoice.Sent when died:
                Add(nameof(input.FinalAssessment), NothingAfterDeath);
                break;
            case FinalAssessmentChoice.Sent when !context.HasContactDetails:
                Add(nameof(input.FinalAssessment), NoContact);
                break;
        }

        var questionnaires = input.Questionnaires.Where(q => !string.IsNullOrWhiteSpace(q)).ToList();
        if (questionnaires.Count > 0)
        {
            if (questionnaires.Any(q => !context.QuestionnaireCodes.Contains(q)))
            {
                Add(nameof(input.Questionnaires), UnknownQuestionnaire);
            }
            else if (died)
            {
                Add(nameof(input.Questionnaires), NothingAfterDeath);
            }
            else if (!context.HasContactDetails)
            {
                Add(nameof(input.Questionnaires), NoContact);
            }
        }

        return errors;
    }
}
