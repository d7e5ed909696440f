using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.People;
using OneToOne.Referrals;
using OneToOne.Tests.Infrastructure;

namespace OneToOne.Tests.Referrals;

/// <summary>A clock stopped at Wednesday 6 January 2027, noon: after Christmas and New Year 2026-27, so triage
/// deadlines cross real England and Wales bank holidays whatever day the tests run.</summary>
public sealed class FixedClock : TimeProvider
{
    public static readonly DateTimeOffset Now = new(2027, 1, 6, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>The real app on its own database, with the fixed clock.</summary>
public class ClockedApp(Provider provider) : OneToOneApp(provider)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FixedClock()));
    }
}

public sealed class ClockedSqliteApp() : ClockedApp(Provider.Sqlite);

public sealed class ClockedPostgresApp() : ClockedApp(Provider.Postgres);

internal static class Kit
{
    private static long _next = Random.Shared.NextInt64(0, 800_000);

    public static string NewNhs() => NhsNumber.CreateTestNumber(Interlocked.Increment(ref _next) % NhsNumber.TestNumberCapacity);

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The new-referral form, filled with good values; override any field.</summary>
    public static Dictionary<string, string> Form(string nhs, DateOnly? received = null, string referrer = "Dr Jo Smith")
    {
        var r = received ?? FixedClock.Today;
        var values = new Dictionary<string, string>
        {
            ["Input.Person.NhsNumber"] = NhsNumber.Format(nhs),
            ["Input.Person.GivenName"] = "Alex",
            ["Input.Person.FamilyName"] = "Example",
            ["Input.Person.Postcode"] = "ls6 2ab",
            ["Input.Person.TumourSite"] = "breast",
            ["Input.Referral.Source"] = "HospitalTeam",
            ["Input.Referral.ReferrerName"] = referrer,
            ["Input.Referral.Reason"] = "End of treatment; worried about work",
        };
        Date(values, "Input.Person.DateOfBirth", new DateOnly(1960, 4, 1));
        Date(values, "Input.Referral.ReceivedOn", r);
        return values;
    }

    public static void Date(Dictionary<string, string> values, string name, DateOnly? d)
    {
        values[name + ".Day"] = d?.Day.ToString(CultureInfo.InvariantCulture) ?? "";
        values[name + ".Month"] = d?.Month.ToString(CultureInfo.InvariantCulture) ?? "";
        values[name + ".Year"] = d?.Year.ToString(CultureInfo.InvariantCulture) ?? "";
    }

    public static Dictionary<string, object?> Body(string nhs, string? received = null, string referrer = "Dr Jo Smith",
        Action<Dictionary<string, object?>>? person = null, Action<Dictionary<string, object?>>? referral = null)
    {
        var p = new Dictionary<string, object?>
        {
            ["nhsNumber"] = nhs, ["givenName"] = "Sam", ["familyName"] = "Sample", ["dateOfBirth"] = "1955-02-03",
            ["postcode"] = "LS1 4AP", ["tumourSite"] = "lung", ["sex"] = "Male",
        };
        var r = new Dictionary<string, object?>
        {
            ["source"] = "GeneralPractice", ["referrerName"] = referrer, ["receivedOn"] = received ?? Iso(FixedClock.Today),
            ["reason"] = "Needs support after treatment", ["urgency"] = "Routine", ["needIndicators"] = new[] { "OngoingTreatment" },
        };
        person?.Invoke(p);
        referral?.Invoke(r);
        return new Dictionary<string, object?> { ["person"] = p, ["referral"] = r };
    }

    public static Task<(int People, int Referrals)> CountsAsync(OneToOneApp app, Guid org) =>
        app.WithDbAsync(org, async db => (await db.People.CountAsync(), await db.Referrals.CountAsync()));

    /// <summary>Arranges a person and a referral directly, for tests about what happens after intake.</summary>
    public static Task<Referral> ArrangeReferralAsync(OneToOneApp app, Guid org, DateOnly received, ReferralStatus status = ReferralStatus.Received,
        DateOnly? due = null, Guid? keyWorker = null, PathwayLevel? level = null, NeedIndicators needs = NeedIndicators.None) =>
        app.WithDbAsync(org, async db =>
        {
            var person = new Person
            {
                NhsNumber = NewNhs(), GivenName = "Pat", FamilyName = "Arranged" + Guid.NewGuid().ToString("N")[..6], Postcode = "LS6 2AB",
                TumourSite = "colorectal", DateOfBirth = new DateOnly(1950, 1, 1),
            };
            var referral = new Referral
            {
                PersonId = person.Id, ReferrerName = "Dr Arrange", Reason = "Support after treatment", Channel = "page",
                ReceivedOn = received, TriageDueOn = due ?? received.AddDays(7), Status = status, KeyWorkerId = keyWorker, Level = level,
                NeedIndicators = needs, SuggestedLevel = PathwayLevel.SupportedSelfManagement,
            };
            db.People.Add(person);
            db.Referrals.Add(referral);
            await db.SaveChangesAsync();
            return referral;
        });

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string csv)
    {
        var page = await client.GetPageAsync("/referrals/upload");
        var token = page.QuerySelector("form[enctype] input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("No antiforgery token on the upload page");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "CsvFile", "referrals.csv");
        return await client.PostAsync("/referrals/upload", content);
    }
}
