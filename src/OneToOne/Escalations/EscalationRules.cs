using System.Globalization;
using OneToOne.People;
using OneToOne.Platform.Time;

namespace OneToOne.Escalations;

internal sealed class EscalationOptions
{
    public const string Section = "Escalations";

    /// <summary>Working days an escalation marked "soon" may wait (issue 4: 2 working days).</summary>
    public int SoonWorkingDays { get; set; } = 2;

    /// <summary>Working days a routine escalation may wait (issue 4: 5 working days).</summary>
    public int RoutineWorkingDays { get; set; } = 5;

    /// <summary>The address staff open the app at, for the link in the email (e.g. https://onetoone.example.nhs.uk).
    /// Without it the email gives the page's path only.</summary>
    public string? BaseUrl { get; set; }

    public void Validate()
    {
        if (SoonWorkingDays < 1 || RoutineWorkingDays < SoonWorkingDays)
        {
            throw new InvalidOperationException("Escalations: SoonWorkingDays must be 1 or more and RoutineWorkingDays at least SoonWorkingDays.");
        }
    }
}

/// <summary>What a worker fills in to raise an escalation; strings as typed (the page and the API parse the same way).</summary>
internal sealed record RaiseInput(string? Reason, string? ReasonDetail, string? Description, string? Urgency, Guid? PractitionerId, Guid? TeamId);

/// <summary>A raise input that passed the rules.</summary>
internal sealed record RaiseRequest(EscalationReason Reason, string? ReasonDetail, string Description, EscalationUrgency Urgency, Guid? PractitionerId, Guid? TeamId);

/// <summary>Who is acting, as far as escalation permissions care.</summary>
internal sealed record Responder(Guid? StaffId, Guid? TeamId, bool IsRegisteredPractitioner, bool IsTeamLead);

/// <summary>Escalation rules. Pure: no clock, no database (the calendar is handed in).</summary>
internal static class EscalationRules
{
    public const string ReasonRequired = "Select the reason for the escalation";
    public const string DetailRequired = "Say what the other reason is";
    public const string DescriptionRequired = "Describe what you have seen or heard";
    public const string UrgencyRequired = "Select how urgent it is";
    public const string OwnerRequired = "Choose a registered practitioner or the team's queue";
    public const string OwnerBoth = "Choose either a registered practitioner or a team's queue, not both";
    public const string NotPractitioner = "Choose a registered practitioner from the list";
    public const string NotTeam = "Choose a team from the list";
    public const string OutcomeRequired = "Select the outcome";
    public const string NoteRequired = "Enter a note about the outcome";
    public const string NotPermitted =
        "Only the practitioner it was sent to, a registered practitioner of the team whose queue it is in, or a team lead can do this";
    public const string AlreadyAcknowledged = "This escalation has already been acknowledged";
    public const string AcknowledgeFirst = "Acknowledge the escalation before recording its outcome";
    public const string OutcomeFirst = "Acknowledge the escalation and record its outcome before closing it";
    public const string AlreadyClosed = "This escalation is closed";

    public static IReadOnlyList<(EscalationReason Value, string Text)> Reasons { get; } =
    [
        (EscalationReason.RedFlagSymptom, "Red-flag symptom"),
        (EscalationReason.HighDistress, "High distress"),
        (EscalationReason.Safeguarding, "Safeguarding"),
        (EscalationReason.ConcernAboutRecurrence, "Concern about recurrence"),
        (EscalationReason.OutsideScope, "Outside my scope"),
        (EscalationReason.Other, "Other"),
    ];

    public static IReadOnlyList<(EscalationOutcome Value, string Text)> Outcomes { get; } =
    [
        (EscalationOutcome.AdviceGiven, "Advice given"),
        (EscalationOutcome.ClinicalReviewBooked, "Clinical review booked"),
        (EscalationOutcome.LevelChanged, "Level of support changed"),
        (EscalationOutcome.ReferredOn, "Referred on"),
    ];

    public static string Text(EscalationReason reason) => Reasons.First(r => r.Value == reason).Text;

    public static string Text(EscalationOutcome outcome) => Outcomes.First(o => o.Value == outcome).Text;

    public static string ReasonText(Escalation e) =>
        e.Reason == EscalationReason.Other && !string.IsNullOrEmpty(e.ReasonDetail) ? $"Other: {e.ReasonDetail}" : Text(e.Reason);

    public static string Text(EscalationUrgency urgency, EscalationOptions options) => urgency switch
    {
        EscalationUrgency.SameDay => "Same day",
        EscalationUrgency.Soon => Days(options.SoonWorkingDays),
        _ => Days(options.RoutineWorkingDays),
    };

    public static string Text(EscalationStatus status) => status switch
    {
        EscalationStatus.Raised => "Waiting to be acknowledged",
        EscalationStatus.Acknowledged => "Acknowledged",
        EscalationStatus.OutcomeRecorded => "Outcome recorded",
        _ => "Closed",
    };

    private static string Days(int n) => string.Create(CultureInfo.InvariantCulture, $"Within {n} working {(n == 1 ? "day" : "days")}");

    /// <summary>Parses and checks a raise. Field names are those of <see cref="RaiseInput"/>.</summary>
    public static (RaiseRequest? Request, IReadOnlyList<FieldError> Errors) Check(RaiseInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<FieldError>();
        void Add(string field, string message) => errors.Add(new FieldError(field, message));

        var reason = ParseEnum<EscalationReason>(input.Reason);
        if (reason is null)
        {
            Add(nameof(RaiseInput.Reason), ReasonRequired);
        }

        var detail = Clean(input.ReasonDetail);
        if (reason == EscalationReason.Other && detail is null)
        {
            Add(nameof(RaiseInput.ReasonDetail), DetailRequired);
        }
        else if (detail?.Length > Escalation.ReasonDetailMax)
        {
            Add(nameof(RaiseInput.ReasonDetail), PersonRules.TooLong("The other reason", Escalation.ReasonDetailMax));
        }

        var description = Clean(input.Description);
        if (description is null)
        {
            Add(nameof(RaiseInput.Description), DescriptionRequired);
        }
        else if (description.Length > Escalation.DescriptionMax)
        {
            Add(nameof(RaiseInput.Description), PersonRules.TooLong("Description", Escalation.DescriptionMax));
        }

        var urgency = ParseEnum<EscalationUrgency>(input.Urgency);
        if (urgency is null)
        {
            Add(nameof(RaiseInput.Urgency), UrgencyRequired);
        }

        var practitioner = input.PractitionerId is { } p && p != Guid.Empty ? p : (Guid?)null;
        var team = input.TeamId is { } t && t != Guid.Empty ? t : (Guid?)null;
        if (practitioner is null && team is null)
        {
            Add(nameof(RaiseInput.PractitionerId), OwnerRequired);
        }
        else if (practitioner is not null && team is not null)
        {
            Add(nameof(RaiseInput.PractitionerId), OwnerBoth);
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        // Other's detail is kept only for Other: a stray detail with another reason would read as a second reason.
        return (new RaiseRequest(reason!.Value, reason == EscalationReason.Other ? detail : null, description!, urgency!.Value, practitioner, team), []);
    }

    /// <summary>The outcome form: an outcome and a note.</summary>
    public static (EscalationOutcome? Outcome, string? Note, IReadOnlyList<FieldError> Errors) CheckOutcome(string? outcome, string? note)
    {
        var errors = new List<FieldError>();
        var parsed = ParseEnum<EscalationOutcome>(outcome);
        if (parsed is null)
        {
            errors.Add(new FieldError("Outcome", OutcomeRequired));
        }

        var text = Clean(note);
        if (text is null)
        {
            errors.Add(new FieldError("Note", NoteRequired));
        }
        else if (text.Length > Escalation.NoteMax)
        {
            errors.Add(new FieldError("Note", PersonRules.TooLong("Note", Escalation.NoteMax)));
        }

        return (parsed, text, errors);
    }

    /// <summary>The moment the escalation is due: the end (23:59:59 UK time) of today for same day, else of the
    /// working day N working days after today (a raise on a weekend or bank holiday counts from the next working day).</summary>
    public static DateTimeOffset DueAt(EscalationUrgency urgency, DateTimeOffset nowUtc, WorkingDayCalendar calendar, EscalationOptions options)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(options);
        var today = DateOnly.FromDateTime(UkTime.ToUk(nowUtc).DateTime);
        var day = urgency switch
        {
            EscalationUrgency.SameDay => today,
            EscalationUrgency.Soon => calendar.AddWorkingDays(today, options.SoonWorkingDays),
            _ => calendar.AddWorkingDays(today, options.RoutineWorkingDays),
        };
        return EndOfUkDay(day);
    }

    /// <summary>23:59:59 on the UK date, as UTC (never ambiguous: the clocks change in the small hours).</summary>
    public static DateTimeOffset EndOfUkDay(DateOnly day)
    {
        var local = day.ToDateTime(new TimeOnly(23, 59, 59), DateTimeKind.Unspecified);
        var offset = London.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>Acknowledging, recording the outcome and closing belong to whoever the escalation was sent to:
    /// the named practitioner; for a team's queue any registered practitioner of that team; and any team lead.
    /// A support worker (even the one who raised it) may not: the point is that a professional has taken it.</summary>
    public static bool MayRespond(Escalation e, Responder who)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(who);
        if (who.IsTeamLead)
        {
            return true;
        }

        if (!who.IsRegisteredPractitioner)
        {
            return false;
        }

        return e.AssignedToStaffId is { } staff
            ? who.StaffId == staff
            : e.AssignedToTeamId is { } team && who.TeamId == team;
    }

    /// <summary>Null when the step may be taken now; otherwise why not (the state, not the person).</summary>
    public static string? CannotAcknowledge(Escalation e) => e.Status switch
    {
        EscalationStatus.Raised => null,
        EscalationStatus.Closed => AlreadyClosed,
        _ => AlreadyAcknowledged,
    };

    public static string? CannotRecordOutcome(Escalation e) => e.Status switch
    {
        EscalationStatus.Acknowledged or EscalationStatus.OutcomeRecorded => null,
        EscalationStatus.Closed => AlreadyClosed,
        _ => AcknowledgeFirst,
    };

    public static string? CannotClose(Escalation e) => e.Status switch
    {
        EscalationStatus.OutcomeRecorded => null,
        EscalationStatus.Closed => AlreadyClosed,
        _ => OutcomeFirst,
    };

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Names only (case-insensitive): a number such as "3" is not a reason.</summary>
    private static T? ParseEnum<T>(string? value)
        where T : struct, Enum =>
        !string.IsNullOrWhiteSpace(value) && !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
            && Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : null;
}
