using System.Globalization;
using OneToOne.Assessments;
using OneToOne.People;

namespace OneToOne.Contacts;

/// <summary>What someone gave about a contact, from the form (UK date and time parts) or the API (one ISO
/// date-time), checked the same way for both by <see cref="ContactRules"/>.</summary>
internal sealed class ContactInput
{
    public DateOnly? Date { get; set; }
    public string? Time { get; set; }
    /// <summary>API only: ISO 8601; with an offset it is taken as given, without one as UK local time.</summary>
    public string? OccurredAt { get; set; }
    public string? Mode { get; set; }
    public string? DurationMinutes { get; set; }
    public List<string>? Addressed { get; set; }
    public string? Outcome { get; set; }
    public DateOnly? NextContactOn { get; set; }
}

/// <summary>A contact that passed the rules: ready to store.</summary>
internal sealed record ContactDraft(DateTimeOffset OccurredAt, ContactMode Mode, int DurationMinutes, IReadOnlyList<string> Addressed,
    string Outcome, DateOnly? NextContactOn);

internal sealed class GroupSessionInput
{
    public string? Title { get; set; }
    public string? Kind { get; set; }
    public DateOnly? Date { get; set; }
    public string? Time { get; set; }
    public string? OccurredAt { get; set; }
    public string? DurationMinutes { get; set; }
    public string? Location { get; set; }
    public Guid? FacilitatorStaffId { get; set; }
    public string? Description { get; set; }
    public List<string>? Addressed { get; set; }
}

internal sealed record GroupSessionDraft(string Title, GroupSessionKind Kind, DateTimeOffset OccurredAt, int DurationMinutes, string? Location,
    Guid FacilitatorStaffId, string? Description, IReadOnlyList<string> Addressed);

/// <summary>The rules for contacts and group sessions: pure, so each is unit-tested without a database.</summary>
internal static class ContactRules
{
    public const int MinDuration = 1;
    public const int MaxDuration = 480;

    /// <summary>A device clock a few minutes fast must not make "just now" a future contact.</summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(5);

    public const string DateMissing = "Enter the date of the contact";
    public const string TimeMissing = "Enter the time of the contact";
    public const string TimeFormat = "Enter the time in 24-hour format, for example 14:30";
    public const string OccurredAtFormat = "Enter the date and time as an ISO 8601 date-time, for example 2026-03-30T14:30:00+01:00";
    public const string NotInUk = "That time did not happen in the UK: the clocks went forward an hour at 1am";
    public const string InFuture = "The contact date and time must be in the past";
    public const string TooOld = "The contact date must be within the last year";
    public const string ModeMissing = "Select how the contact happened";
    public const string ModeGroup = "Group contacts are recorded as attendance at a group session";
    public const string DurationMissing = "Enter the duration in minutes";
    public const string DurationNotNumber = "Duration must be a whole number of minutes";
    public const string DurationRange = "Duration must be between 1 and 480 minutes";
    public const string AddressedMissing = "Select at least one thing the contact addressed";
    public const string AddressedUnknown = "Select what the contact addressed from the list";
    public const string OutcomeMissing = "Enter the outcome of the contact";
    public const string NextContactPast = "The next contact date must be today or in the future";
    public const string NextContactTooFar = "The next contact date must be within the next year";
    public const string TitleMissing = "Enter the title of the session";
    public const string KindMissing = "Select the kind of session";
    public const string SessionDateMissing = "Enter the date of the session";
    public const string SessionTimeMissing = "Enter the start time of the session";
    public const string SessionTooOld = "The session date must be within the last year";
    public const string SessionTooFar = "The session date must be within the next 2 years";
    public const string SessionAddressedMissing = "Select at least one thing the session addresses";
    public const string FacilitatorMissing = "Choose who facilitates the session";

    public static readonly ContactMode[] LoggableModes =
        [ContactMode.FaceToFace, ContactMode.Phone, ContactMode.Video, ContactMode.Message, ContactMode.HomeVisit];

    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly string[] TimeFormats = ["H:mm", "HH:mm", "H.mm", "HH.mm", "HHmm"];

    public static (ContactDraft? Draft, IReadOnlyList<FieldError> Errors) Check(ContactInput input, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        void Add(string field, string message) => errors.Add(new FieldError(field, message));

        var occurredAt = ReadWhen(input.OccurredAt, input.Date, input.Time, DateMissing, TimeMissing, Add);
        if (occurredAt is { } at)
        {
            var field = input.OccurredAt is null ? "Date" : "OccurredAt";
            if (at > now + ClockTolerance)
            {
                Add(field, InFuture);
            }
            else if (at < now.AddYears(-1))
            {
                Add(field, TooOld);
            }
        }

        ContactMode? mode = null;
        if (string.IsNullOrWhiteSpace(input.Mode))
        {
            Add("Mode", ModeMissing);
        }
        else if (!Enum.TryParse<ContactMode>(input.Mode.Trim(), ignoreCase: true, out var m) || !Enum.IsDefined(m) || int.TryParse(input.Mode, out _))
        {
            Add("Mode", ModeMissing);
        }
        else if (m == ContactMode.Group)
        {
            Add("Mode", ModeGroup);
        }
        else
        {
            mode = m;
        }

        var duration = ReadDuration(input.DurationMinutes, Add);
        var addressed = ReadAddressed(input.Addressed, AddressedMissing, Add);

        var outcome = input.Outcome?.Trim();
        if (string.IsNullOrEmpty(outcome))
        {
            Add("Outcome", OutcomeMissing);
        }
        else if (outcome.Length > Contact.OutcomeMax)
        {
            Add("Outcome", PersonRules.TooLong("Outcome", Contact.OutcomeMax));
        }

        var today = UkDate(now);
        if (input.NextContactOn is { } next)
        {
            if (next < today)
            {
                Add("NextContactOn", NextContactPast);
            }
            else if (next > today.AddYears(1))
            {
                Add("NextContactOn", NextContactTooFar);
            }
        }

        return errors.Count > 0
            ? (null, errors)
            : (new ContactDraft(occurredAt!.Value, mode!.Value, duration!.Value, addressed!, outcome!, input.NextContactOn), errors);
    }

    public static (GroupSessionDraft? Draft, IReadOnlyList<FieldError> Errors) Check(GroupSessionInput input, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        void Add(string field, string message) => errors.Add(new FieldError(field, message));

        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            Add("Title", TitleMissing);
        }
        else if (title.Length > GroupSession.TitleMax)
        {
            Add("Title", PersonRules.TooLong("Title", GroupSession.TitleMax));
        }

        GroupSessionKind? kind = null;
        if (!string.IsNullOrWhiteSpace(input.Kind) && !int.TryParse(input.Kind, out _)
            && Enum.TryParse<GroupSessionKind>(input.Kind.Trim(), ignoreCase: true, out var k) && Enum.IsDefined(k))
        {
            kind = k;
        }
        else
        {
            Add("Kind", KindMissing);
        }

        var occurredAt = ReadWhen(input.OccurredAt, input.Date, input.Time, SessionDateMissing, SessionTimeMissing, Add);
        if (occurredAt is { } at)
        {
            var field = input.OccurredAt is null ? "Date" : "OccurredAt";
            if (at < now.AddYears(-1))
            {
                Add(field, SessionTooOld);
            }
            else if (at > now.AddYears(2))
            {
                Add(field, SessionTooFar);
            }
        }

        var duration = ReadDuration(input.DurationMinutes, Add);
        var location = Optional(input.Location, "Location", "Location", GroupSession.LocationMax, Add);
        var description = Optional(input.Description, "Description", "Description", GroupSession.DescriptionMax, Add);
        if (input.FacilitatorStaffId is null || input.FacilitatorStaffId == Guid.Empty)
        {
            Add("FacilitatorStaffId", FacilitatorMissing);
        }

        var addressed = ReadAddressed(input.Addressed, SessionAddressedMissing, Add);
        return errors.Count > 0
            ? (null, errors)
            : (new GroupSessionDraft(title!, kind!.Value, occurredAt!.Value, duration!.Value, location, input.FacilitatorStaffId!.Value, description, addressed!), errors);
    }

    /// <summary>The UK wall-clock time as UTC. A time in the spring-forward gap never happened; in the autumn
    /// hour that happens twice the first (BST) reading is taken, as someone writing it up soon after means.</summary>
    public static DateTimeOffset? FromUkLocal(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (London.IsInvalidTime(local))
        {
            return null;
        }

        var offset = London.IsAmbiguousTime(local)
            ? London.GetAmbiguousTimeOffsets(local).Max()
            : London.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    public static TimeOnly? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    public static DateOnly UkDate(DateTimeOffset utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(utc, London).DateTime);

    /// <summary>The time of day as entered ("14:30"), in UK time.</summary>
    public static string UkTimeOfDay(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, London).ToString("HH:mm", CultureInfo.InvariantCulture);

    public static bool IsDomain(string code) => ConcernCatalogue.FindDomain(code) is not null;

    private static DateTimeOffset? ReadWhen(string? iso, DateOnly? date, string? time, string dateMissing, string timeMissing, Action<string, string> add)
    {
        if (iso is not null)
        {
            var text = iso.Trim();
            if (text.Length == 0)
            {
                add("OccurredAt", dateMissing.Replace("the date", "the date and time", StringComparison.Ordinal));
                return null;
            }

            if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
            {
                add("OccurredAt", OccurredAtFormat);
                return null;
            }

            if (parsed.Kind == DateTimeKind.Unspecified)
            {
                var uk = FromUkLocal(DateOnly.FromDateTime(parsed), TimeOnly.FromDateTime(parsed));
                if (uk is null)
                {
                    add("OccurredAt", NotInUk);
                }

                return uk;
            }

            return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();
        }

        if (date is null)
        {
            add("Date", dateMissing);
        }

        TimeOnly? t = null;
        if (string.IsNullOrWhiteSpace(time))
        {
            add("Time", timeMissing);
        }
        else if ((t = ParseTime(time)) is null)
        {
            add("Time", TimeFormat);
        }

        if (date is null || t is null)
        {
            return null;
        }

        var at = FromUkLocal(date.Value, t.Value);
        if (at is null)
        {
            add("Time", NotInUk);
        }

        return at;
    }

    private static int? ReadDuration(string? text, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            add("DurationMinutes", DurationMissing);
            return null;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var minutes))
        {
            add("DurationMinutes", DurationNotNumber);
            return null;
        }

        if (minutes is < MinDuration or > MaxDuration)
        {
            add("DurationMinutes", DurationRange);
            return null;
        }

        return minutes;
    }

    private static List<string>? ReadAddressed(List<string>? codes, string missing, Action<string, string> add)
    {
        var chosen = (codes ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (chosen.Count == 0)
        {
            add("Addressed", missing);
            return null;
        }

        if (!chosen.All(IsDomain))
        {
            add("Addressed", AddressedUnknown);
            return null;
        }

        // Catalogue order, so the same choices always read the same way.
        return [.. ConcernCatalogue.Domains.Select(d => d.Code).Where(chosen.Contains)];
    }

    private static string? Optional(string? text, string field, string label, int max, Action<string, string> add)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.Length > max)
        {
            add(field, PersonRules.TooLong(label, max));
        }

        return value;
    }

    public static string ModeText(ContactMode mode) => mode switch
    {
        ContactMode.FaceToFace => "Face to face",
        ContactMode.Phone => "Phone",
        ContactMode.Video => "Video",
        ContactMode.Message => "Message",
        ContactMode.HomeVisit => "Home visit",
        _ => "Group session",
    };

    public static string KindText(GroupSessionKind kind) => kind switch
    {
        GroupSessionKind.HealthAndWellbeingEvent => "Health and wellbeing event",
        GroupSessionKind.SupportGroup => "Support group",
        GroupSessionKind.Course => "Course",
        _ => "Other",
    };

    public static string Minutes(int minutes) =>
        minutes == 1 ? "1 minute" : string.Create(CultureInfo.InvariantCulture, $"{minutes} minutes");
}
