using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.Notifications;
using OneToOne.PatientAccess;
using OneToOne.People;
using OneToOne.Referrals;
using OneToOne.Tests.Infrastructure;
using OneToOne.Worklists;

namespace OneToOne.Tests.PatientAccess;

/// <summary>A clock the tests move (sign-in codes expire, periods end, deadlines cross bank holidays).</summary>
public sealed class PersonAccessClock : TimeProvider
{
    /// <summary>Wednesday 6 January 2027, noon (GMT).</summary>
    public static readonly DateTimeOffset Start = new(2027, 1, 6, 12, 0, 0, TimeSpan.Zero);

    public DateTimeOffset Now { get; set; } = Start;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>Supervisor links for tests: the Supervision module owns the real ones.</summary>
internal sealed class TestSupervisors : ISupervisorLookup
{
    public static readonly ConcurrentDictionary<Guid, Guid> Links = new();

    public Task<Guid?> SupervisorOfAsync(Guid staffMemberId, CancellationToken ct) =>
        Task.FromResult(Links.TryGetValue(staffMemberId, out var s) ? s : (Guid?)null);
}

/// <summary>The real app with a movable clock and test supervisor links; sign-in is not rate-limited per IP here
/// (one fixture of its own tests that limit).</summary>
public class PersonAccessApp(Provider provider, int attemptsPerMinute = 100_000)
    : OneToOneApp(provider, new Dictionary<string, string?> { ["PersonAccess:SignInAttemptsPerMinutePerIp"] = attemptsPerMinute.ToString(CultureInfo.InvariantCulture) })
{
    public PersonAccessClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            s.AddScoped<ISupervisorLookup, TestSupervisors>();
        });
    }
}

public sealed class PersonAccessSqliteApp() : PersonAccessApp(Provider.Sqlite);

public sealed class PersonAccessPostgresApp() : PersonAccessApp(Provider.Postgres);

/// <summary>Arranges people, discharged episodes and sessions for the person-access tests.</summary>
internal static partial class PersonKit
{
    private static long _next = Random.Shared.NextInt64(0, 600_000);

    public static readonly DateOnly BirthDate = new(1958, 7, 21);

    public static string NewNhs() => NhsNumber.CreateTestNumber(Interlocked.Increment(ref _next) % NhsNumber.TestNumberCapacity);

    public static string NewEmail() => $"p{Guid.NewGuid().ToString("N")[..10]}@example.com";

    /// <summary>A mobile in the 07700 900xxx range Ofcom keeps for drama (never a real number), unique enough per test.</summary>
    public static string NewMobile() => "07700 9" + Random.Shared.Next(0, 100_000).ToString("D5", CultureInfo.InvariantCulture);

    public static Task<Person> PersonAsync(OneToOneApp app, string org, Action<Person>? configure = null) =>
        app.WithDbAsync(app.World.Org(org), async db =>
        {
            var person = new Person
            {
                NhsNumber = NewNhs(), GivenName = "Morwenna", FamilyName = "Tregarthen" + Guid.NewGuid().ToString("N")[..6], DateOfBirth = BirthDate,
                Postcode = "LS6 2AB", TumourSite = "breast", Email = NewEmail(), ConsentToShareWithGp = true, GpPracticeName = "Hyde Park Surgery",
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            };
            configure?.Invoke(person);
            db.People.Add(person);
            await db.SaveChangesAsync();
            return person;
        });

    public static Task<Referral> ReferralAsync(OneToOneApp app, string org, Guid personId, ReferralStatus status, Guid? keyWorker,
        Action<Referral>? configure = null) =>
        app.WithDbAsync(app.World.Org(org), async db =>
        {
            var referral = new Referral
            {
                PersonId = personId, ReferrerName = "Dr Kit", Reason = "End of treatment", Channel = "page", ReceivedOn = new DateOnly(2026, 6, 1),
                TriageDueOn = new DateOnly(2026, 6, 8), Status = status, Level = PathwayLevel.SupportedSelfManagement,
                SuggestedLevel = PathwayLevel.SupportedSelfManagement, KeyWorkerId = keyWorker, AllocatedAt = new DateTimeOffset(2026, 6, 10, 9, 0, 0, TimeSpan.Zero),
                ActivatedAt = status is ReferralStatus.Active or ReferralStatus.Discharged ? new DateTimeOffset(2026, 6, 12, 9, 0, 0, TimeSpan.Zero) : null,
                DischargedAt = status == ReferralStatus.Discharged ? new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero) : null,
                CreatedAt = new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero),
            };
            configure?.Invoke(referral);
            db.Referrals.Add(referral);
            await db.SaveChangesAsync();
            return referral;
        });

    /// <summary>A person discharged from the support worker of <paramref name="org"/>, in an open-access period from
    /// <paramref name="startsOn"/> to <paramref name="endsOn"/>.</summary>
    public static async Task<(Person Person, Referral Referral, OpenAccessPeriod Period)> DischargedAsync(OneToOneApp app, string org,
        DateOnly startsOn, DateOnly endsOn, Action<Person>? configure = null, OpenAccessStatus status = OpenAccessStatus.Open)
    {
        var worker = app.World.Account(org, OneToOne.Platform.Auth.Roles.SupportWorker).StaffId!.Value;
        var person = await PersonAsync(app, org, configure);
        var referral = await ReferralAsync(app, org, person.Id, ReferralStatus.Discharged, worker);
        var period = await app.WithDbAsync(app.World.Org(org), async db =>
        {
            var p = new OpenAccessPeriod
            {
                PersonId = person.Id, ReferralId = referral.Id, StartsOn = startsOn, EndsOn = endsOn, Status = status,
                FormerKeyWorkerId = worker, TeamId = app.World.Teams[org].Id, CreatedAt = DateTimeOffset.UtcNow,
            };
            db.Add(p);
            await db.SaveChangesAsync();
            return p;
        });
        return (person, referral, period);
    }

    public static Dictionary<string, string> SignInForm(string contact, DateOnly dob) => new()
    {
        ["Contact"] = contact,
        ["DateOfBirth.Day"] = dob.Day.ToString(CultureInfo.InvariantCulture),
        ["DateOfBirth.Month"] = dob.Month.ToString(CultureInfo.InvariantCulture),
        ["DateOfBirth.Year"] = dob.Year.ToString(CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"\b(\d{6})\b")]
    private static partial Regex SixDigits();

    /// <summary>The code in the latest sign-in message to the person, read from the outbox (as the browser test does).</summary>
    public static Task<string?> LatestCodeAsync(OneToOneApp app, string org, Guid personId) =>
        app.WithDbAsync(app.World.Org(org), async db =>
        {
            var body = await db.Set<OutboxMessage>().Where(m => m.PersonId == personId && m.Subject == "Your sign-in code")
                .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Select(m => m.Body).FirstOrDefaultAsync();
            return body is null ? null : SixDigits().Match(body).Groups[1].Value;
        });

    /// <summary>Signs a person in through the real pages: details, then the code from their message.</summary>
    public static async Task<HttpClient> SignInPersonAsync(OneToOneApp app, string org, Person person, string? contact = null)
    {
        var client = app.NewClient();
        var asked = await client.SubmitFormAsync("/my/sign-in", SignInForm(contact ?? person.Email!, person.DateOfBirth));
        Assert.Equal("/my/sign-in/code", asked.Headers.Location?.OriginalString);
        var code = await LatestCodeAsync(app, org, person.Id) ?? throw new InvalidOperationException("No code was sent");
        var signedIn = await client.SubmitFormAsync("/my/sign-in/code", new() { ["Code"] = code });
        Assert.Equal("/my", signedIn.Headers.Location?.OriginalString);
        return client;
    }

    public static Task<List<WorkTask>> TasksForAsync(OneToOneApp app, string org, Guid personId) =>
        app.WithDbAsync(app.World.Org(org), db => db.Set<WorkTask>().Where(t => t.PersonId == personId).ToListAsync());

    public static Dictionary<string, string> HelpForm(string about = "My arm has swollen up again", string redFlag = "no",
        string method = "Phone", string detail = "0113 496 0000") => new()
    {
        ["Input.About"] = about,
        ["Input.RedFlag"] = redFlag,
        ["Input.ContactMethod"] = method,
        ["Input.ContactDetail"] = detail,
    };

    /// <summary>Every message in the error summary, including form-level ones (which have no field to link to).</summary>
    public static async Task<IReadOnlyList<string>> AllErrorsAsync(this HttpResponseMessage response) =>
        [.. (await response.ParseAsync()).QuerySelectorAll(".nhsuk-error-summary__list li").Select(li => li.TextContent.Trim())];

    public static void AssertRedirect(HttpResponseMessage response, string to)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(to, response.Headers.Location?.OriginalString);
    }
}
