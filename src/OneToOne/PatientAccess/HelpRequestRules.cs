using OneToOne.People;

namespace OneToOne.PatientAccess;

/// <summary>A request for help as typed on the person's page or by staff logging a phone call.</summary>
public sealed class HelpRequestInput
{
    public string? About { get; set; }

    /// <summary>"yes" or "no".</summary>
    public string? RedFlag { get; set; }
    public HelpContactMethod? ContactMethod { get; set; }
    public string? ContactDetail { get; set; }
    public string? BestTime { get; set; }
}

/// <summary>How a member of staff answered a request.</summary>
public sealed class HelpAnswerInput
{
    public HelpOutcome? Outcome { get; set; }
    public string? Note { get; set; }
    public string? ReferredTo { get; set; }
}

/// <summary>A checked request, ready to store.</summary>
internal sealed record CheckedHelpRequest(string About, bool RedFlag, HelpContactMethod ContactMethod, string ContactDetail, string? BestTime);

/// <summary>Checks requests for help and answers to them. Messages speak to the person on their own pages and about
/// the person on staff pages.</summary>
internal static class HelpRequestRules
{
    public const string AlreadyAnswered = "This request has already been answered";
    public const string RedFlagNeedsPractitioner = "A registered practitioner must answer a request that reports a possible red-flag symptom";
    public const string CannotReopen = "They already have an open episode, so there is nothing to re-open. Choose another outcome";
    public const string OutcomeRequired = "Select what happened";
    public const string NoteRequired = "Enter what was done";
    public const string ReferredToRequired = "Enter who they were referred to";

    public static (CheckedHelpRequest? Request, List<FieldError> Errors) Check(HelpRequestInput input, bool forPerson, string prefix = "Input.")
    {
        var errors = new List<FieldError>();
        void Add(string field, string message) => errors.Add(new FieldError(prefix + field, message));

        var about = input.About?.Trim();
        if (string.IsNullOrEmpty(about))
        {
            Add(nameof(input.About), forPerson ? "Enter what you would like help with" : "Enter what the person would like help with");
        }
        else if (about.Length > HelpRequest.AboutMax)
        {
            Add(nameof(input.About), PersonRules.TooLong(forPerson ? "What you would like help with" : "What they would like help with", HelpRequest.AboutMax));
        }

        bool? redFlag = input.RedFlag switch
        {
            "yes" => true,
            "no" => false,
            _ => null,
        };
        if (redFlag is null)
        {
            Add(nameof(input.RedFlag), forPerson ? "Select yes if you have noticed any of these" : "Select yes if the person has noticed any of these");
        }

        var detail = input.ContactDetail?.Trim();
        if (input.ContactMethod is not { } method || !Enum.IsDefined(method))
        {
            Add(nameof(input.ContactMethod), forPerson ? "Select how you would like us to contact you" : "Select how the person would like to be contacted");
        }
        else if (string.IsNullOrEmpty(detail))
        {
            Add(nameof(input.ContactDetail), method == HelpContactMethod.Email
                ? (forPerson ? "Enter your email address" : "Enter their email address")
                : (forPerson ? "Enter your phone number" : "Enter their phone number"));
        }
        else if (detail.Length > HelpRequest.ContactMax || !ContactFits(method, detail))
        {
            Add(nameof(input.ContactDetail), method switch
            {
                HelpContactMethod.Email => PersonRules.EmailFormatMessage,
                HelpContactMethod.Text => "Enter a UK mobile number, like 07700 900 982",
                _ => PersonRules.PhoneFormatMessage,
            });
        }

        var bestTime = input.BestTime?.Trim();
        if (bestTime?.Length > HelpRequest.BestTimeMax)
        {
            Add(nameof(input.BestTime), PersonRules.TooLong("Best time to contact", HelpRequest.BestTimeMax));
        }

        return errors.Count > 0
            ? (null, errors)
            : (new CheckedHelpRequest(about!, redFlag!.Value, input.ContactMethod!.Value, detail!, string.IsNullOrEmpty(bestTime) ? null : bestTime), errors);
    }

    private static bool ContactFits(HelpContactMethod method, string detail) => method switch
    {
        HelpContactMethod.Email => PersonAccessRules.ParseContact(detail) is { Channel: Notifications.NotificationChannels.Email },
        HelpContactMethod.Text => PersonAccessRules.NormaliseMobile(detail) is not null,
        _ => detail.Count(char.IsAsciiDigit) is >= 10 and <= 15 && detail.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '-'),
    };

    /// <summary>Checks an answer: who may answer, and what each outcome needs.</summary>
    public static List<FieldError> CheckAnswer(HelpRequest request, HelpAnswerInput input, bool answererIsRegistered, bool hasOpenEpisode, string prefix = "Answer.")
    {
        var errors = new List<FieldError>();
        if (request.Status != HelpRequestStatus.Open)
        {
            errors.Add(new FieldError("", AlreadyAnswered));
            return errors;
        }

        if (request.RedFlag && !answererIsRegistered)
        {
            errors.Add(new FieldError("", RedFlagNeedsPractitioner));
            return errors;
        }

        if (input.Outcome is not { } outcome || !Enum.IsDefined(outcome))
        {
            errors.Add(new FieldError(prefix + nameof(input.Outcome), OutcomeRequired));
        }
        else if (outcome == HelpOutcome.Reopened && (request.PeriodId is null || hasOpenEpisode))
        {
            errors.Add(new FieldError(prefix + nameof(input.Outcome), CannotReopen));
        }
        else if (outcome == HelpOutcome.ReferredOn)
        {
            var to = input.ReferredTo?.Trim();
            if (string.IsNullOrEmpty(to))
            {
                errors.Add(new FieldError(prefix + nameof(input.ReferredTo), ReferredToRequired));
            }
            else if (to.Length > HelpRequest.ReferredToMax)
            {
                errors.Add(new FieldError(prefix + nameof(input.ReferredTo), PersonRules.TooLong("Who they were referred to", HelpRequest.ReferredToMax)));
            }
        }

        var note = input.Note?.Trim();
        if (string.IsNullOrEmpty(note))
        {
            errors.Add(new FieldError(prefix + nameof(input.Note), NoteRequired));
        }
        else if (note.Length > HelpRequest.NoteMax)
        {
            errors.Add(new FieldError(prefix + nameof(input.Note), PersonRules.TooLong("What was done", HelpRequest.NoteMax)));
        }

        return errors;
    }

    public static string OutcomeText(HelpOutcome? outcome) => outcome switch
    {
        HelpOutcome.Advice => "Advice or information given",
        HelpOutcome.Reopened => "Re-opened to the caseload as a new episode",
        HelpOutcome.ReferredOn => "Referred on",
        _ => "Not answered yet",
    };

    public static string ContactText(HelpContactMethod method) => method switch
    {
        HelpContactMethod.Phone => "Phone call",
        HelpContactMethod.Text => "Text message",
        _ => "Email",
    };
}
