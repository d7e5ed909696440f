using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OneToOne.Tests.Notifications;

/// <summary>A stand-in for GOV.UK Notify's v2 API on a real socket (Kestrel on 127.0.0.1): it checks each request's JWT
/// as Notify does (HS256 with the key's secret, iss = the service id), records what it was asked to send, and answers
/// as a test scripts it per recipient: 201, 500, 400 (a rejected number), 403, or no answer at all (with or without
/// having taken the message first).</summary>
public sealed class FakeNotify : IAsyncDisposable
{
    public const string ServiceId = "26785a09-ab16-4eb0-8407-a37497a57506";
    public const string Secret = "3d844edf-8d35-48ac-975b-e847b4f122b0";
    public const string ApiKey = "onetoone-test-" + ServiceId + "-" + Secret;
    public const string EmailTemplateId = "8b0b6b2c-0f4c-4c59-9c3a-6d1a2f0c0e11";
    public const string SmsTemplateId = "5d2d6f0e-3a9b-4f1e-8f0c-2b7e5c9d1a22";

    public enum Answer
    {
        Created,
        ServerError,
        BadRequest,
        Forbidden,
        /// <summary>Never answers (the client times out); the message was not taken.</summary>
        Hang,
        /// <summary>Takes the message, then never answers: the case a blind retry would send twice.</summary>
        AcceptThenHang,
    }

    public sealed record Post(string Type, string To, string Reference, string TemplateId, IReadOnlyDictionary<string, string> Personalisation, bool TokenValid, Answer Answer);

    private sealed record Accepted(string Id, string Reference, string Type);

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Answer>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Post> _posts = new();
    private readonly ConcurrentDictionary<string, Accepted> _accepted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _statuses = new(StringComparer.Ordinal);

    public FakeNotify()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/v2/notifications/{type}", SendAsync);
        _app.MapGet("/v2/notifications", List);
        _app.MapGet("/v2/notifications/{id}", Get);
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public string BaseUrl { get; }

    /// <summary>Added before every answer to a POST, so that concurrent passes overlap.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>The next answers for a recipient, in order; after them (or without a script) Notify answers 201.</summary>
    public void Script(string to, params Answer[] answers) => _scripts[to] = new ConcurrentQueue<Answer>(answers);

    /// <summary>Notify already has a message with this reference (it was taken before the sender stopped).</summary>
    public string Preload(Guid reference, string type = "sms")
    {
        var id = Guid.NewGuid().ToString();
        _accepted[reference.ToString()] = new Accepted(id, reference.ToString(), type);
        return id;
    }

    public void SetStatus(string notificationId, string status) => _statuses[notificationId] = status;

    public IReadOnlyList<Post> PostsFor(Guid reference) => _posts.Where(p => p.Reference == reference.ToString()).ToList();

    public string? AcceptedId(Guid reference) => _accepted.TryGetValue(reference.ToString(), out var a) ? a.Id : null;

    public int AcceptedCount(Guid reference) => _accepted.Values.Count(a => a.Reference == reference.ToString());

    private async Task SendAsync(HttpContext http, string type)
    {
        using var json = await JsonDocument.ParseAsync(http.Request.Body);
        var root = json.RootElement;
        var to = (type == "email" ? root.GetProperty("email_address") : root.GetProperty("phone_number")).GetString()!;
        var reference = root.TryGetProperty("reference", out var r) ? r.GetString() ?? "" : "";
        var personalisation = root.GetProperty("personalisation").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
        var tokenValid = TokenIsValid(http.Request.Headers.Authorization.ToString());
        var answer = !tokenValid ? Answer.Forbidden
            : _scripts.TryGetValue(to, out var script) && script.TryDequeue(out var next) ? next : Answer.Created;
        _posts.Enqueue(new Post(type, to, reference, root.GetProperty("template_id").GetString() ?? "", personalisation, tokenValid, answer));
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }

        switch (answer)
        {
            case Answer.Created:
                var id = Accept(reference, type);
                http.Response.StatusCode = StatusCodes.Status201Created;
                await http.Response.WriteAsJsonAsync(new Dictionary<string, object?>
                {
                    ["id"] = id, ["reference"] = reference, ["uri"] = $"{BaseUrl}/v2/notifications/{id}",
                    ["content"] = new Dictionary<string, string>(personalisation), ["template"] = new { id = root.GetProperty("template_id").GetString(), version = 1 },
                });
                break;
            case Answer.ServerError:
                await ErrorAsync(http, 500, "Exception", "Internal server error");
                break;
            case Answer.BadRequest:
                // Echoes the number, as some providers do: the app must not store it in the error.
                await ErrorAsync(http, 400, "ValidationError", $"phone_number {to} is not a UK mobile number");
                break;
            case Answer.Forbidden:
                await ErrorAsync(http, 403, "AuthError", "Invalid token: signature, api token not found");
                break;
            case Answer.AcceptThenHang:
                Accept(reference, type);
                await HangAsync(http);
                break;
            default:
                await HangAsync(http);
                break;
        }
    }

    private string Accept(string reference, string type)
    {
        var id = Guid.NewGuid().ToString();
        _accepted[reference] = new Accepted(id, reference, type);
        return id;
    }

    private static async Task HangAsync(HttpContext http)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, http.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, as it should.
        }
    }

    private static Task ErrorAsync(HttpContext http, int status, string error, string message)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new { status_code = status, errors = new[] { new { error, message } } });
    }

    private IResult List(HttpContext http)
    {
        if (!TokenIsValid(http.Request.Headers.Authorization.ToString()))
        {
            return Results.StatusCode(403);
        }

        var reference = http.Request.Query["reference"].ToString();
        var found = _accepted.Values.Where(a => a.Reference == reference)
            .Select(a => new { id = a.Id, reference = a.Reference, type = a.Type, status = _statuses.GetValueOrDefault(a.Id, "sending") });
        return Results.Json(new { notifications = found, links = new { current = BaseUrl + "/v2/notifications" } });
    }

    private IResult Get(HttpContext http, string id)
    {
        var accepted = _accepted.Values.FirstOrDefault(a => a.Id == id);
        if (!TokenIsValid(http.Request.Headers.Authorization.ToString()))
        {
            return Results.StatusCode(403);
        }

        return accepted is null
            ? Results.NotFound()
            : Results.Json(new { id, reference = accepted.Reference, type = accepted.Type, status = _statuses.GetValueOrDefault(id, "sending"), completed_at = "2027-03-10T10:05:00.000000Z" });
    }

    /// <summary>Notify's check: a JWT signed HS256 with the secret key, iss = the service id, an iat.</summary>
    public static bool TokenIsValid(string authorization)
    {
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = authorization["Bearer ".Length..].Split('.');
        if (parts.Length != 3)
        {
            return false;
        }

        var expected = Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1])));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts[2])))
        {
            return false;
        }

        using var header = JsonDocument.Parse(FromBase64Url(parts[0]));
        using var payload = JsonDocument.Parse(FromBase64Url(parts[1]));
        return header.RootElement.GetProperty("alg").GetString() == "HS256"
            && payload.RootElement.GetProperty("iss").GetString() == ServiceId
            && payload.RootElement.GetProperty("iat").ValueKind == JsonValueKind.Number;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
