using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.Platform.Auth;
using OneToOne.Tests.Infrastructure;
using OneToOne.Workforce;

namespace OneToOne.Tests.Evaluation.Costs;

/// <summary>A clock the tests move: Wednesday 6 January 2027, noon (GMT), unless a test moves it.</summary>
public sealed class EvaluationClock : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2027, 1, 6, 12, 0, 0, TimeSpan.Zero);

    public DateTimeOffset Now { get; set; } = Start;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>The real app with a movable clock and a non-default ratio of non-contact to contact time (so a page that
/// shows the configured value is seen to read configuration).</summary>
public class EvaluationCostsApp(Provider provider)
    : OneToOneApp(provider, new Dictionary<string, string?> { ["Evaluation:NonContactToContactRatio"] = "0.75", ["Evaluation:FollowUpMonths"] = "3" })
{
    public EvaluationClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class EvaluationCostsSqliteApp() : EvaluationCostsApp(Provider.Sqlite);

public sealed class EvaluationCostsPostgresApp() : EvaluationCostsApp(Provider.Postgres);

internal static class CostsKit
{
    /// <summary>A staff role of its own, so that tests sharing the programme-wide unit cost table never meet.</summary>
    public static Task<string> NewRoleAsync(OneToOneApp app) =>
        app.WithDbAsync(null, async db =>
        {
            var role = new StaffRole { Name = "Test role " + Guid.NewGuid().ToString("N")[..8], Band = 5, SignInRole = Roles.SupportWorker };
            db.StaffRoles.Add(role);
            await db.SaveChangesAsync();
            return role.Name;
        });

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string csv, string fileName = "unit-costs.csv")
    {
        var page = await client.GetPageAsync("/admin/unit-costs/upload");
        var token = page.QuerySelector("form[enctype] input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("No antiforgery token on the upload page");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "CsvFile", fileName);
        return await client.PostAsync("/admin/unit-costs/upload", content);
    }

    public static Dictionary<string, string> RateForm(string role, string cost, DateOnly from, string band = "", string source = "") => new()
    {
        ["Input.StaffRole"] = role,
        ["Input.Band"] = band,
        ["Input.CostPerHour"] = cost,
        ["Input.EffectiveFrom.Day"] = from.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.EffectiveFrom.Month"] = from.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.EffectiveFrom.Year"] = from.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.Source"] = source,
    };
}
