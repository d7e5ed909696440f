using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using FsCheck.Xunit;
using MailKit.Net.Smtp;
using OneToOne.Notifications;
using OneToOne.People;

namespace OneToOne.Tests.Notifications;

/// <summary>The pure rules of delivery: backoff, masking, safe errors, Notify's key and token, outcome classification,
/// which channel a person may be reminded by, and when reminders may go.</summary>
public sealed class DeliveryRulesTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Max = TimeSpan.FromHours(1);

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(5, 480)]
    [InlineData(8, 3600)]
    [InlineData(40, 3600)]
    public void The_wait_doubles_after_each_failure_up_to_the_maximum(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.Delay(attempts, Base, Max, 0.2, 0));

    [Property]
    public bool Jitter_adds_at_most_its_share_and_never_shortens_the_wait(int attempts, double random)
    {
        var sample = double.IsFinite(random) ? Math.Abs(random % 1) : 0;
        var plain = Backoff.Delay(attempts, Base, Max, 0, 0);
        var jittered = Backoff.Delay(attempts, Base, Max, 0.2, sample);
        return jittered >= plain && jittered <= plain * 1.2 + TimeSpan.FromTicks(1);
    }

    [Theory]
    [InlineData("jo.bloggs@example.com", "email", "j***@example.com")]
    [InlineData("07700 900123", "sms", "********123")]
    [InlineData("+44 7700 900123", "sms", "*********123")]
    [InlineData("12", "sms", "***")]
    [InlineData("no-at-sign", "email", "***")]
    public void Recipients_are_masked_in_lists(string to, string channel, string masked) =>
        Assert.Equal(masked, RecipientMask.Mask(to, channel));

    [Theory]
    [InlineData("phone_number 07700 900123 is not a UK mobile number", "phone_number [number] is not a UK mobile number")]
    [InlineData("Can't send to jo.bloggs@example.com using a team-only API key", "Can't send to [address] using a team-only API key")]
    [InlineData("GOV.UK Notify answered 500 Exception: Internal server error", "GOV.UK Notify answered 500 Exception: Internal server error")]
    [InlineData("+44 7700 900123 refused", "[number] refused")]
    public void Stored_errors_hold_no_address_or_number(string raw, string safe) => Assert.Equal(safe, SafeError.From(raw));

    [Fact]
    public void A_stored_error_is_cut_to_its_column()
    {
        Assert.Equal(OutboxMessage.ErrorMax, SafeError.From(new string('x', 1000)).Length);
    }

    [Fact]
    public void A_notify_api_key_gives_its_service_id_and_secret_even_when_its_name_has_hyphens()
    {
        var key = NotifyApiKey.TryParse(FakeNotify.ApiKey);
        Assert.Equal(FakeNotify.ServiceId, key!.ServiceId);
        Assert.Equal(FakeNotify.Secret, key.Secret);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("just-a-name")]
    [InlineData("name-26785a09-ab16-4eb0-8407-a37497a57506-not-a-uuid-at-all-not-a-uuid-at-all")]
    public void Anything_else_is_not_a_notify_api_key(string? key) => Assert.Null(NotifyApiKey.TryParse(key));

    [Fact]
    public void The_notify_token_is_an_hs256_jwt_with_the_service_id_as_issuer_and_the_time_of_issue()
    {
        var now = new DateTimeOffset(2027, 3, 10, 10, 0, 0, TimeSpan.Zero);
        var token = NotifyApiKey.TryParse(FakeNotify.ApiKey)!.Token(now);

        Assert.True(FakeNotify.TokenIsValid("Bearer " + token));
        var parts = token.Split('.');
        var payload = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(Pad(parts[1])))).RootElement;
        Assert.Equal(FakeNotify.ServiceId, payload.GetProperty("iss").GetString());
        Assert.Equal(now.ToUnixTimeSeconds(), payload.GetProperty("iat").GetInt64());
        var header = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(Pad(parts[0])))).RootElement;
        Assert.Equal("HS256", header.GetProperty("alg").GetString());
        Assert.False(FakeNotify.TokenIsValid("Bearer " + NotifyApiKey.TryParse("x-" + FakeNotify.ServiceId + "-" + Guid.NewGuid())!.Token(now)));
    }

    private static string Pad(string s) => s.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (s.Length % 4)) % 4);

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Forbidden, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    public void Only_notify_s_400_is_final_everything_else_is_retried(HttpStatusCode status, bool retried) =>
        Assert.Equal(retried ? DeliveryOutcome.Transient : DeliveryOutcome.Permanent, NotifyStatuses.Classify(status));

    [Theory]
    [InlineData("delivered", OutboxStatus.Delivered)]
    [InlineData("permanent-failure", OutboxStatus.PermanentFailure)]
    [InlineData("temporary-failure", OutboxStatus.Failed)]
    [InlineData("technical-failure", OutboxStatus.Failed)]
    [InlineData("sending", null)]
    [InlineData("created", null)]
    public void Notify_receipts_map_to_delivery_statuses(string status, OutboxStatus? expected) =>
        Assert.Equal(expected, NotifyStatuses.Map(status, null).Status);

    [Theory]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, 550, true)]
    [InlineData(SmtpErrorCode.MessageNotAccepted, 554, true)]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, 451, false)]
    [InlineData(SmtpErrorCode.SenderNotAccepted, 550, false)]
    public void Smtp_refusals_of_a_recipient_are_final_and_4xx_is_retried(SmtpErrorCode code, int status, bool permanent) =>
        Assert.Equal(permanent, SmtpReplies.IsPermanent(code, status));

    [Theory]
    [InlineData(ContactMethod.Email, "jo@example.com", "07700 900123", "email")]
    [InlineData(ContactMethod.Text, "jo@example.com", "07700 900123", "sms")]
    [InlineData(ContactMethod.Text, null, "+44 7700 900123", "sms")]
    [InlineData(ContactMethod.Text, "jo@example.com", "0113 496 0000", null)]
    [InlineData(ContactMethod.Email, null, "07700 900123", null)]
    [InlineData(ContactMethod.Phone, "jo@example.com", "07700 900123", null)]
    [InlineData(ContactMethod.Letter, "jo@example.com", "07700 900123", null)]
    public void A_person_is_reminded_only_by_the_method_they_chose(ContactMethod method, string? email, string? phone, string? channel) =>
        Assert.Equal(channel, PersonChannel.For(method, email, phone)?.Channel);

    [Theory]
    [InlineData("2027-01-15T08:59:00Z", false)] // 08:59 GMT
    [InlineData("2027-01-15T09:00:00Z", true)]
    [InlineData("2027-01-15T19:59:00Z", true)]
    [InlineData("2027-01-15T20:00:00Z", false)]
    [InlineData("2027-07-15T08:00:00Z", true)] // 09:00 BST
    [InlineData("2027-07-15T19:00:00Z", false)] // 20:00 BST
    public void Reminders_go_between_nine_and_eight_uk_time(string utc, bool open) =>
        Assert.Equal(open, ReminderWindow.IsOpen(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), 9, 20));

    [Theory]
    [InlineData("text messages through SMTP")]
    [InlineData("SMTP without a host")]
    [InlineData("Notify without an API key")]
    [InlineData("Notify without a template")]
    public void A_configuration_that_could_never_send_stops_the_app_starting(string configuration)
    {
        var options = configuration switch
        {
            "text messages through SMTP" => new NotificationOptions { Sms = new() { Provider = ProviderKind.Smtp } },
            "SMTP without a host" => new NotificationOptions { Email = new() { Provider = ProviderKind.Smtp }, Smtp = new() { From = "a@example.org" } },
            "Notify without an API key" => new NotificationOptions { Email = new() { Provider = ProviderKind.Notify }, Notify = new() { EmailTemplateId = "t" } },
            _ => new NotificationOptions { Sms = new() { Provider = ProviderKind.Notify }, Notify = new() { ApiKey = FakeNotify.ApiKey } },
        };
        Assert.Throws<InvalidOperationException>(options.Validate);
    }

    [Fact]
    public void A_claim_must_outlast_several_calls()
    {
        var options = new NotificationOptions { SendTimeoutSeconds = 30, ClaimTimeoutSeconds = 60 };
        Assert.Throws<InvalidOperationException>(options.Validate);
        new NotificationOptions().Validate(); // the defaults are valid
    }

    [Fact]
    public async Task A_refused_connection_to_notify_is_a_transient_failure_that_never_reached_it()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        var options = new NotificationOptions
        {
            Sms = new ChannelOptions { Provider = ProviderKind.Notify },
            Notify = new NotifyOptions { ApiKey = FakeNotify.ApiKey, SmsTemplateId = FakeNotify.SmsTemplateId },
        };
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var provider = new NotifyProvider(new OneClient(client), options, TimeProvider.System);

        var result = await provider.SendAsync(new OutboxMessage { To = "07700 900123", Channel = NotificationChannels.Sms, Subject = "", Body = "Hello" }, default);

        Assert.Equal(DeliveryOutcome.Transient, result.Outcome);
        Assert.False(result.InDoubt);
        Assert.Contains("Could not reach GOV.UK Notify", result.Error, StringComparison.Ordinal);
    }

    private sealed class OneClient(HttpClient client) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => client;
    }
}
