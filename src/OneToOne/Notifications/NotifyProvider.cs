using System.Globalization;
using System.Net;
using System.Text.Json;

namespace OneToOne.Notifications;

/// <summary>GOV.UK Notify's HTTP API (v2). Every message goes through one generic template per channel: the email
/// template's subject is ((subject)) and body ((body)), the text template's body is ((body)). OneToOne renders its
/// own templates, so the outbox holds exactly what was sent and every provider sends the same words
/// (docs/adr/0006-notifications.md). The outbox id travels as Notify's "reference", which lets a doubtful retry ask
/// Notify whether it already has the message before sending it again.</summary>
internal sealed class NotifyProvider(IHttpClientFactory http, NotificationOptions options, TimeProvider clock) : IMessageProvider
{
    public const string ProviderName = "notify";
    public const string HttpClientName = "notify";
    private static readonly string[] ErrorFields = ["error", "message"];

    public string Name => ProviderName;

    private NotifyApiKey Key => NotifyApiKey.TryParse(options.Notify.ApiKey)
        ?? throw new InvalidOperationException("Notifications:Notify:ApiKey is not a GOV.UK Notify API key.");

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var email = message.Channel == NotificationChannels.Email;
        var body = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [email ? "email_address" : "phone_number"] = message.To,
            ["template_id"] = (email ? options.Notify.EmailTemplateId : options.Notify.SmsTemplateId) ?? "",
            ["personalisation"] = email
                ? new Dictionary<string, string>(StringComparer.Ordinal) { ["subject"] = message.Subject, ["body"] = message.Body }
                : new Dictionary<string, string>(StringComparer.Ordinal) { ["body"] = message.Body },
            ["reference"] = message.Id.ToString(),
        };
        using var request = Request(HttpMethod.Post, email ? "v2/notifications/email" : "v2/notifications/sms");
        request.Content = JsonContent.Create(body);
        try
        {
            using var response = await Client.SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                var id = await ReadStringAsync(response, "id", ct);
                return DeliveryResult.Sent(id);
            }

            return await FailureAsync(response, ct);
        }
        catch (HttpRequestException e)
        {
            // Refused or unreachable: Notify never had it. Anything else (the connection dropped mid-answer) may have reached it.
            return DeliveryResult.Transient($"Could not reach GOV.UK Notify ({e.HttpRequestError})",
                inDoubt: e.HttpRequestError is not (HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError));
        }
    }

    public async Task<DeliveryResult?> FindAsync(OutboxMessage message, CancellationToken ct)
    {
        var type = message.Channel == NotificationChannels.Email ? "email" : "sms";
        using var request = Request(HttpMethod.Get, $"v2/notifications?reference={Uri.EscapeDataString(message.Id.ToString())}&template_type={type}");
        try
        {
            using var response = await Client.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                return DeliveryResult.Transient(string.Create(CultureInfo.InvariantCulture,
                    $"Could not ask GOV.UK Notify whether it already has the message: it answered {(int)response.StatusCode}"), inDoubt: true);
            }

            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            var found = json.RootElement.TryGetProperty("notifications", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().FirstOrDefault(n => n.TryGetProperty("reference", out var r) && r.GetString() == message.Id.ToString())
                : default;
            return found.ValueKind == JsonValueKind.Object && found.TryGetProperty("id", out var id)
                ? DeliveryResult.Sent(id.GetString())
                : null;
        }
        catch (HttpRequestException e)
        {
            return DeliveryResult.Transient($"Could not ask GOV.UK Notify whether it already has the message ({e.HttpRequestError})", inDoubt: true);
        }
        catch (JsonException)
        {
            return DeliveryResult.Transient("GOV.UK Notify's answer about the message could not be read", inDoubt: true);
        }
    }

    public async Task<DeliveryCheck?> CheckAsync(OutboxMessage message, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(message.ProviderReference))
        {
            return new DeliveryCheck(null, Final: true);
        }

        using var request = Request(HttpMethod.Get, "v2/notifications/" + Uri.EscapeDataString(message.ProviderReference));
        try
        {
            using var response = await Client.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            var status = json.RootElement.TryGetProperty("status", out var s) ? s.GetString() : null;
            DateTimeOffset? completed = json.RootElement.TryGetProperty("completed_at", out var c) && c.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(c.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime() : null;
            return NotifyStatuses.Map(status, completed);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private HttpClient Client => http.CreateClient(HttpClientName);

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", Key.Token(clock.GetUtcNow()));
        return request;
    }

    private static async Task<string?> ReadStringAsync(HttpResponseMessage response, string property, CancellationToken ct)
    {
        try
        {
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            return json.RootElement.TryGetProperty(property, out var value) ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<DeliveryResult> FailureAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var code = (int)response.StatusCode;
        var detail = "";
        try
        {
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            if (json.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                var first = errors[0];
                detail = string.Join(": ", ErrorFields
                    .Select(p => first.TryGetProperty(p, out var v) ? v.GetString() : null).Where(v => !string.IsNullOrEmpty(v)));
            }
        }
        catch (JsonException)
        {
            // Not Notify's JSON (a proxy's error page): the status code says enough.
        }

        var error = string.Create(CultureInfo.InvariantCulture, $"GOV.UK Notify answered {code}") + (detail.Length > 0 ? " " + detail : "");
        return NotifyStatuses.Classify(response.StatusCode) switch
        {
            DeliveryOutcome.Permanent => DeliveryResult.Permanent(error),
            _ => DeliveryResult.Transient(error, inDoubt: code >= 500),
        };
    }
}

/// <summary>Notify's answers as delivery outcomes.</summary>
internal static class NotifyStatuses
{
    /// <summary>400 is Notify's "this request is wrong" (an invalid number or address, a recipient a trial service may not
    /// send to): sending it again cannot help. Everything else - 403 (a key problem), 429 (rate limit), 5xx - may pass later.</summary>
    internal static DeliveryOutcome Classify(HttpStatusCode status) =>
        status == HttpStatusCode.BadRequest ? DeliveryOutcome.Permanent : DeliveryOutcome.Transient;

    /// <summary>Notify's status of a sent message. created/sending/pending: not yet known. sent: an international text
    /// message with no receipts (final, stays Sent).</summary>
    internal static DeliveryCheck Map(string? status, DateTimeOffset? completedAt) => status switch
    {
        "delivered" => new DeliveryCheck(OutboxStatus.Delivered, null, completedAt, Final: true),
        "permanent-failure" => new DeliveryCheck(OutboxStatus.PermanentFailure, "GOV.UK Notify: permanent-failure (the provider says the address or number does not exist)", completedAt, Final: true),
        "temporary-failure" => new DeliveryCheck(OutboxStatus.Failed, "GOV.UK Notify: temporary-failure (the phone was off or the inbox full for 72 hours)", completedAt, Final: true),
        "technical-failure" => new DeliveryCheck(OutboxStatus.Failed, "GOV.UK Notify: technical-failure", completedAt, Final: true),
        "sent" => new DeliveryCheck(null, null, completedAt, Final: true),
        _ => new DeliveryCheck(null),
    };
}
