using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using OneToOne.Notifications;

namespace OneToOne.PatientAccess;

/// <summary>What a person may do now: ask for help while supported, or while their open-access period runs.</summary>
public enum HelpEligibility
{
    /// <summary>Never supported here, or nothing to come back to.</summary>
    None,
    /// <summary>An allocated or active episode: the request goes to the key worker.</summary>
    ActiveEpisode,
    /// <summary>Discharged, inside the open-access period: the request goes to the former key worker's team.</summary>
    OpenAccess,
    /// <summary>Discharged and the open-access period is over: a new referral is needed.</summary>
    Expired,
}

/// <summary>The rules of the person's own access, with no I/O: contact details, codes, eligibility and deadlines.</summary>
public static partial class PersonAccessRules
{
    public const int CodeLength = 6;

    public const string ContactRequired = "Enter your email address or mobile phone number";
    public const string ContactFormat = "Enter an email address, like name@example.com, or a UK mobile number, like 07700 900 982";
    public const string CodeRequired = "Enter the code we sent you";
    public const string CodeFormat = "The code must be 6 numbers";
    public const string CodeWrong = "The code is not right. Check the code and try again";
    public const string CodeExpired = "This code has expired. Ask for a new code";
    public const string CodeUsed = "This code has already been used. Ask for a new code";
    public const string CodeLocked = "You have entered the wrong code too many times. Ask for a new code";

    /// <summary>The red-flag question asked with every request for help (symptoms that may mean recurrence and need a
    /// registered practitioner the same day).</summary>
    public const string RedFlagQuestion = "Since you were last in touch with us, have you noticed a new lump or swelling, unexplained bleeding, "
        + "unexplained weight loss, a new pain that has not gone away, or breathlessness or a cough that has not gone away?";

    public const string ExpiredMessage = "Your time to contact the team directly has ended";
    public const string ExpiredAdvice = "If you need help, contact your GP. They can refer you to the team again. If you have a new symptom that worries you, contact your GP or call 111. In an emergency, call 999.";
    public const string NoneMessage = "You cannot ask the team for help online";
    public const string NoneAdvice = "You are not being supported by the team at the moment. If you need help, contact your GP, who can refer you. If you have a new symptom that worries you, contact your GP or call 111. In an emergency, call 999.";

    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>An email address (lower case) or a UK mobile number (07 and 9 more digits), from what the person typed.</summary>
    public static (string Channel, string Value)? ParseContact(string? typed)
    {
        var text = typed?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 320)
        {
            return null;
        }

        if (text.Contains('@', StringComparison.Ordinal))
        {
            return EmailPattern().IsMatch(text) ? (NotificationChannels.Email, NormaliseEmail(text)) : null;
        }

        return NormaliseMobile(text) is { } mobile ? (NotificationChannels.Sms, mobile) : null;
    }

    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>07xxxxxxxxx from "07700 900982", "+44 7700 900982", "0044 (0)7700-900982"; null if not a UK mobile.</summary>
    public static string? NormaliseMobile(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone) || !PhoneCharacters().IsMatch(phone.Trim()))
        {
            return null;
        }

        var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
        if (phone.TrimStart().StartsWith('+'))
        {
            digits = "+" + digits;
        }

        digits = digits.StartsWith("+440", StringComparison.Ordinal) ? "0" + digits[4..]
            : digits.StartsWith("+44", StringComparison.Ordinal) ? "0" + digits[3..]
            : digits.StartsWith("00440", StringComparison.Ordinal) ? "0" + digits[5..]
            : digits.StartsWith("0044", StringComparison.Ordinal) ? "0" + digits[4..]
            : digits;
        return digits.Length == 11 && digits.StartsWith("07", StringComparison.Ordinal) ? digits : null;
    }

    /// <summary>Whether a record's contact details match what the person typed (already parsed).</summary>
    public static bool Matches((string Channel, string Value) typed, string? recordEmail, string? recordPhone) =>
        typed.Channel == NotificationChannels.Email
            ? recordEmail is not null && string.Equals(NormaliseEmail(recordEmail), typed.Value, StringComparison.Ordinal)
            : NormaliseMobile(recordPhone) is { } mobile && string.Equals(mobile, typed.Value, StringComparison.Ordinal);

    public static string NewCode() =>
        RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>SHA-256 of a random salt and the code. The code is short, so what protects it is its 10 minutes,
    /// its single use and its 5 tries; the hash only keeps it out of the database in clear.</summary>
    public static byte[] HashCode(byte[] salt, string code) => SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(code)]);

    public static bool CodeMatches(byte[]? salt, byte[]? hash, string code) =>
        salt is not null && hash is not null && CryptographicOperations.FixedTimeEquals(HashCode(salt, code), hash);

    /// <summary>A typed code with spaces removed, or null if it is not 6 digits.</summary>
    public static string? CleanCode(string? typed)
    {
        var code = typed?.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();
        return code is { Length: CodeLength } && code.All(char.IsAsciiDigit) ? code : null;
    }

    /// <summary>What the person may do: an open episode wins; then the latest open-access period, judged by its dates
    /// (a period past its end counts as expired even before the nightly job closes it).</summary>
    public static HelpEligibility Eligibility(bool hasOpenEpisode, OpenAccessStatus? latestPeriod, DateOnly? periodEndsOn, DateOnly today) =>
        hasOpenEpisode ? HelpEligibility.ActiveEpisode
        : latestPeriod is null ? HelpEligibility.None
        : latestPeriod == OpenAccessStatus.Open && periodEndsOn >= today ? HelpEligibility.OpenAccess
        : HelpEligibility.Expired;

    /// <summary>The last moment of a UK calendar day, in UTC: work due "on" a day is due by its end.</summary>
    public static DateTimeOffset EndOfUkDay(DateOnly day)
    {
        var local = day.ToDateTime(new TimeOnly(23, 59, 59));
        return new DateTimeOffset(local, London.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The last day of an open-access period that starts on <paramref name="start"/>.</summary>
    public static DateOnly OpenAccessEnds(DateOnly start, int months) => start.AddMonths(months);

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9 ()\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneCharacters();
}
