using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using OneToOne.People;

namespace OneToOne.Notifications;

/// <summary>How long to wait before the next try: exponential (base, 2x base, 4x base ... capped) plus random jitter,
/// so many messages that failed together (a provider outage) do not all come back at the same moment.</summary>
public static class Backoff
{
    /// <param name="attempts">Tries made so far (1 after the first failure).</param>
    /// <param name="baseDelay">The wait after the first failure.</param>
    /// <param name="maxDelay">The longest wait before jitter.</param>
    /// <param name="jitter">The most added at random, as a share of the wait (0.2 = up to 20% more).</param>
    /// <param name="random">A sample in [0, 1): the share of the jitter to add.</param>
    public static TimeSpan Delay(int attempts, TimeSpan baseDelay, TimeSpan maxDelay, double jitter, double random)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var seconds = Math.Min(maxDelay.TotalSeconds, baseDelay.TotalSeconds * Math.Pow(2, exponent));
        return TimeSpan.FromSeconds(seconds * (1 + (jitter * Math.Clamp(random, 0, 1))));
    }
}

/// <summary>Recipients as lists show them: enough to recognise, never the whole address or number.</summary>
public static class RecipientMask
{
    public static string Mask(string to, string channel)
    {
        if (string.IsNullOrWhiteSpace(to))
        {
            return "";
        }

        if (channel == NotificationChannels.Email)
        {
            var at = to.LastIndexOf('@');
            return at <= 0 ? "***" : to[0] + "***" + to[at..];
        }

        var digits = new string(to.Where(char.IsDigit).ToArray());
        return digits.Length <= 3 ? "***" : new string('*', digits.Length - 3) + digits[^3..];
    }
}

/// <summary>Error text that may be stored and shown: a provider's message can echo the address or number it refused,
/// so email addresses and runs of digits are blanked, and it is cut to the column's length.</summary>
public static partial class SafeError
{
    public static string From(string text)
    {
        var safe = Email().Replace(text, "[address]");
        safe = Digits().Replace(safe, "[number]");
        safe = safe.ReplaceLineEndings(" ").Trim();
        return safe.Length <= OutboxMessage.ErrorMax ? safe : safe[..OutboxMessage.ErrorMax];
    }

    [GeneratedRegex(@"[^\s@""'<>(),;:]+@[^\s@""'<>(),;:]+", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    // Five or more digits, possibly spaced or signed like a phone number (+44 7700 900123).
    [GeneratedRegex(@"\+?\d[\d\s\-()]{3,}\d", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();
}

/// <summary>A GOV.UK Notify API key as Notify shows it: "{key name}-{service id}-{secret key}", both ids being
/// UUIDs (36 characters). The key name may itself contain hyphens, so the ids are read from the end.</summary>
public sealed record NotifyApiKey(string ServiceId, string Secret)
{
    private const int UuidLength = 36;

    public static NotifyApiKey? TryParse(string? key)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length < (UuidLength * 2) + 2)
        {
            return null;
        }

        var secret = key[^UuidLength..];
        var serviceId = key[^((UuidLength * 2) + 1)..^(UuidLength + 1)];
        return key[^(UuidLength + 1)] == '-' && Guid.TryParse(secret, out _) && Guid.TryParse(serviceId, out _)
            ? new NotifyApiKey(serviceId, secret)
            : null;
    }

    /// <summary>The bearer token for one request: a JWT signed HS256 with the secret key, iss = the service id,
    /// iat = now in Unix seconds (Notify refuses tokens more than 30 seconds from its own clock, so make one per request).</summary>
    public string Token(DateTimeOffset now)
    {
        var header = Base64Url("{\"typ\":\"JWT\",\"alg\":\"HS256\"}"u8);
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["iss"] = ServiceId,
            ["iat"] = now.ToUnixTimeSeconds(),
        }));
        var signature = Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.ASCII.GetBytes(header + "." + payload)));
        return header + "." + payload + "." + signature;
    }

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Where a reminder to a person may go. The person's preferred contact method is their say in how we
/// contact them: a reminder goes only by the method they chose (email, or a text to a UK mobile); someone who asked
/// for phone calls or letters gets no automated message.</summary>
public static partial class PersonChannel
{
    public static (string Channel, string To)? For(ContactMethod preferred, string? email, string? phone) => preferred switch
    {
        ContactMethod.Email when !string.IsNullOrWhiteSpace(email) => (NotificationChannels.Email, email.Trim()),
        ContactMethod.Text when IsUkMobile(phone) => (NotificationChannels.Sms, phone!.Trim()),
        _ => null,
    };

    /// <summary>07xxx xxxxxx, or +44 7xxx / 0044 7xxx, spaces and dashes allowed.</summary>
    public static bool IsUkMobile(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return false;
        }

        var compact = Separators().Replace(phone, "");
        return UkMobile().IsMatch(compact);
    }

    [GeneratedRegex(@"[\s\-()]", RegexOptions.CultureInvariant)]
    private static partial Regex Separators();

    [GeneratedRegex(@"^(?:07|\+447|00447|447)\d{9}$", RegexOptions.CultureInvariant)]
    private static partial Regex UkMobile();
}

/// <summary>When daily reminders may go out, in UK time.</summary>
public static class ReminderWindow
{
    public static bool IsOpen(DateTimeOffset utcNow, int fromHour, int untilHour)
    {
        var hour = Platform.Time.UkTime.ToUk(utcNow).Hour;
        return hour >= fromHour && hour < untilHour;
    }

    public static string Key(string kind, Guid subject, DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}:{subject:N}:{date:yyyy-MM-dd}");
}
