using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.Assessments;
using OneToOne.Escalations;
using OneToOne.Platform.Auth;
using OneToOne.Tests.Infrastructure;

namespace OneToOne.Tests.Escalations;

/// <summary>A clock the tests move; it starts on Wednesday 6 January 2027 at noon (GMT, so UK time = UTC).</summary>
public sealed class EscalationClock : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2027, 1, 6, 12, 0, 0, TimeSpan.Zero);

    public DateTimeOffset Now { get; set; } = Start;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>The real app on its own database with a clock the tests control.</summary>
public class EscalationsApp(Provider provider) : OneToOneApp(provider)
{
    public EscalationClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class EscalationsSqliteApp() : EscalationsApp(Provider.Sqlite);

public sealed class EscalationsPostgresApp() : EscalationsApp(Provider.Postgres);

internal static class EscalationKit
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Guid Staff(OneToOneApp app, string role, string org = "A") => app.World.Account(org, role).StaffId!.Value;

    /// <summary>An API body raising an escalation; override any field.</summary>
    public static Dictionary<string, object?> Body(Guid personId, Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["personId"] = personId, ["reason"] = "HighDistress", ["description"] = "Tearful, not sleeping, says she cannot cope.",
            ["urgency"] = "Soon",
        };
        change?.Invoke(body);
        return body;
    }

    public static async Task<JsonElement> RaiseAsync(HttpClient client, Dictionary<string, object?> body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/escalations", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<Escalation> LoadAsync(OneToOneApp app, Guid id, string org = "A") =>
        app.WithDbAsync(app.World.Org(org), db => db.Set<Escalation>().AsNoTracking().SingleAsync(e => e.Id == id));

    public static Task<List<Escalation>> ForPersonAsync(OneToOneApp app, Guid personId, string org = "A") =>
        app.WithDbAsync(app.World.Org(org), db => db.Set<Escalation>().AsNoTracking().Where(e => e.PersonId == personId).ToListAsync());

    /// <summary>Starts, answers and submits an HNA through the API as the support worker: with a red flag (a new lump)
    /// unless told otherwise. Returns the response id.</summary>
    public static async Task<Guid> SubmitAssessmentAsync(OneToOneApp app, Guid personId, bool redFlag = true, string org = "A")
    {
        await app.WithDbAsync(null, db => AssessmentDefaults.EnsureDefaultsAsync(db, CancellationToken.None));
        var client = await app.SignInAsync(org, Roles.SupportWorker);
        var started = await client.PostAsJsonAsync($"/api/v1/people/{personId}/assessments", new { timepoint = "Baseline" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var answers = new Dictionary<string, int> { ["distress"] = 5, ["pain"] = 4 };
        if (redFlag)
        {
            answers["new-lump"] = 8;
        }

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/v1/assessments/{id}/answers", new { answers })).StatusCode);
        var submitted = await client.PostAsync($"/api/v1/assessments/{id}/submit", null);
        Assert.True(submitted.StatusCode == HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
        return id;
    }

    /// <summary>Every message in the error summary, form-level ones (no link) included.</summary>
    public static async Task<IReadOnlyList<string>> SummaryMessagesAsync(HttpResponseMessage response) =>
        [.. (await response.ParseAsync()).QuerySelectorAll(".nhsuk-error-summary__list li").Select(li => li.TextContent.Trim())];

    public static async Task<string> ProblemTitleAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString() ?? "";

    public static async Task<IReadOnlyList<string>> ErrorKeysAsync(HttpResponseMessage response) =>
        [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}
