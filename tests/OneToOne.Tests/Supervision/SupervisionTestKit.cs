using System.Security.Claims;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Referrals;
using OneToOne.Supervision;
using OneToOne.Tests.Infrastructure;
using OneToOne.Workforce;
using OneToOne.Worklists;

namespace OneToOne.Tests.Supervision;

/// <summary>A clock the tests move. Starts on Wednesday 6 January 2027, noon UTC (GMT, so UK time is the same).</summary>
public sealed class SupervisionClock : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2027, 1, 6, 12, 0, 0, TimeSpan.Zero);

    public DateTimeOffset Now { get; set; } = Start;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>A sign-off action of the tests' own (kind "test-action"), so approve and return are tested end to end
/// without the other modules' actions. Its effect is a handover task about the request's subject. The payload
/// chooses how it behaves: {"mode":"ok"}, "fail" (refuses), "save-then-fail" (saves on its own, then refuses),
/// "invalid" (throws InvalidOperationException).</summary>
public sealed class TestSignOffAction(OneToOneDb db, WorkTasks tasks, TimeProvider clock) : ISignOffAction
{
    public const string TestKind = "test-action";
    public const string Refusal = "The test subject can no longer be changed";

    public string Kind => TestKind;

    public async Task ApplyAsync(SignOffRequest approved, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(approved);
        var mode = JsonDocument.Parse(approved.Payload).RootElement.GetProperty("mode").GetString();
        await tasks.EnsureAsync(new WorkTaskSpec(WorkTaskKind.Handover, approved.SubjectId, "Test action carried out", "/test",
            clock.GetUtcNow().AddDays(1), approved.PersonId, AssignedToStaffId: approved.DecidedByStaffId), ct);
        switch (mode)
        {
            case "fail":
                throw new SignOffActionFailedException(Refusal);
            case "save-then-fail":
                await db.SaveChangesAsync(ct);
                throw new SignOffActionFailedException(Refusal);
            case "invalid":
                throw new InvalidOperationException("The test rule refused it");
        }
    }
}

/// <summary>The real app with the movable clock and the test sign-off action.</summary>
public class SupervisionApp(Provider provider) : OneToOneApp(provider)
{
    public SupervisionClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            s.AddScoped<ISignOffAction, TestSignOffAction>();
        });
    }
}

public sealed class SupervisionSqliteApp() : SupervisionApp(Provider.Sqlite);

public sealed class SupervisionPostgresApp() : SupervisionApp(Provider.Postgres);

/// <summary>Builds what one test needs; every row is new, so tests sharing a database never meet.</summary>
internal static class SupervisionKit
{
    private static long _next = Random.Shared.NextInt64(0, 700_000);

    public static DateOnly Today(SupervisionApp app) => DateOnly.FromDateTime(OneToOne.Platform.Time.UkTime.ToUk(app.Clock.Now).DateTime);

    public static string Unique(string prefix) => $"{prefix} {Guid.NewGuid().ToString("N")[..8]}";

    public static Guid RoleId(OneToOneApp app, string name) => app.World.StaffRoles[name].Id;

    public static Task<StaffMember> StaffAsync(OneToOneApp app, string org = "A", string role = "Support worker", Guid? teamId = null,
        bool active = true, bool noTeam = false) =>
        app.WithDbAsync(app.World.Org(org), async db =>
        {
            var name = Unique(role);
            var staff = new StaffMember
            {
                TeamId = noTeam ? null : teamId ?? app.World.Teams[org].Id,
                StaffRoleId = RoleId(app, role),
                DisplayName = name,
                Email = name.Replace(' ', '.').ToLowerInvariant() + "@test.example",
                Active = active,
            };
            db.Staff.Add(staff);
            await db.SaveChangesAsync();
            return staff;
        });

    public static Task<Team> TeamAsync(OneToOneApp app, string org = "A") =>
        app.WithDbAsync(app.World.Org(org), async db =>
        {
            var team = new Team { Name = Unique("Team") };
            db.Teams.Add(team);
            await db.SaveChangesAsync();
            return team;
        });

    public static Task<SupervisionLink> LinkAsync(OneToOneApp app, Guid supervisor, Guid supervisee, DateOnly from, DateOnly? to = null, string org = "A") =>
        app.WithDbAsync(app.World.Org(org), async db =>
        {
            var link = new SupervisionLink
            {
                SupervisorStaffId = supervisor, SuperviseeStaffId = supervisee, EffectiveFrom = from, EffectiveTo = to,
                CreatedAt = DateTimeOffset.UtcNow, CreatedByName = "Test",
            };
            db.Add(link);
            await db.SaveChangesAsync();
            return link;
        });

    public static Task<(Person Person, Referral Referral)> EpisodeAsync(OneToOneApp app, Guid? keyWorker, ReferralStatus status = ReferralStatus.Active,
        DateTimeOffset? dischargedAt = null, string org = "A") =>
        app.WithDbAsync(app.World.Org(org), async db =>
        {
            var person = new Person
            {
                NhsNumber = NhsNumber.CreateTestNumber(Interlocked.Increment(ref _next) % NhsNumber.TestNumberCapacity),
                GivenName = "Sam", FamilyName = Unique("Supervised").Replace(" ", "", StringComparison.Ordinal),
                DateOfBirth = new DateOnly(1958, 3, 1), Postcode = "LS6 2AB", TumourSite = "breast",
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            };
            var referral = new Referral
            {
                PersonId = person.Id, ReferrerName = "Dr Test", Reason = "End of treatment", Channel = "page",
                ReceivedOn = new DateOnly(2026, 6, 1), TriageDueOn = new DateOnly(2026, 6, 8), Status = status,
                Level = PathwayLevel.SupportedSelfManagement, SuggestedLevel = PathwayLevel.SupportedSelfManagement,
                KeyWorkerId = keyWorker, AllocatedAt = keyWorker is null ? null : new DateTimeOffset(2026, 6, 10, 9, 0, 0, TimeSpan.Zero),
                DischargedAt = dischargedAt, CreatedAt = DateTimeOffset.UtcNow,
            };
            db.People.Add(person);
            db.Referrals.Add(referral);
            await db.SaveChangesAsync();
            return (person, referral);
        });

    public static string Payload(string mode) => JsonSerializer.Serialize(new { mode });

    /// <summary>Asks for sign-off through <see cref="SignOffs.RequestAsync"/> as <paramref name="requesterStaffId"/>
    /// signed in as a support worker (a request-scoped principal, as the owning module's page would have).</summary>
    public static Task<SignOffRequest> RequestAsync(OneToOneApp app, Guid requesterStaffId, Guid personId, string mode = "ok",
        string kind = TestSignOffAction.TestKind, string org = "A") =>
        AsSupportWorkerAsync(app, requesterStaffId, async services =>
        {
            var signOffs = services.GetRequiredService<SignOffs>();
            Assert.True(signOffs.IsRequired(SignOffKinds.Discharge));
            var request = await signOffs.RequestAsync(kind, Guid.NewGuid(), personId, "Discharge after the final review", Payload(mode), default);
            await services.GetRequiredService<OneToOneDb>().SaveChangesAsync();
            return request;
        }, org);

    /// <summary>Runs <paramref name="work"/> in a request scope whose user is a support worker with that staff record.</summary>
    public static async Task<T> AsSupportWorkerAsync<T>(OneToOneApp app, Guid staffId, Func<IServiceProvider, Task<T>> work, string org = "A")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()),
            new Claim(CurrentUser.OrganisationClaim, app.World.Org(org).ToString()),
            new Claim(CurrentUser.StaffClaim, staffId.ToString()),
            new Claim(CurrentUser.DisplayNameClaim, "Requesting worker"),
            new Claim(ClaimTypes.Role, Roles.SupportWorker),
        ], "Test");
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext { User = new ClaimsPrincipal(identity), RequestServices = scope.ServiceProvider };
        try
        {
            return await work(scope.ServiceProvider);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    /// <summary>A request arranged directly (for who-may-decide tests that need no supervisor link).</summary>
    public static Task<SignOffRequest> ArrangeRequestAsync(OneToOneApp app, Guid requesterStaffId, Guid personId, Guid? supervisor, Guid? teamId,
        string mode = "ok", string kind = TestSignOffAction.TestKind, string org = "A") =>
        app.WithDbAsync(app.World.Org(org), async db =>
        {
            var request = new SignOffRequest
            {
                Kind = kind, SubjectId = Guid.NewGuid(), PersonId = personId, Summary = "Change of level after review", Payload = Payload(mode),
                RequestedByStaffId = requesterStaffId, RequestedByName = "Requesting worker", RequestedAt = app is SupervisionApp s ? s.Clock.Now : DateTimeOffset.UtcNow,
                SupervisorStaffId = supervisor, TeamId = teamId, Status = SignOffStatus.Pending,
            };
            db.Add(request);
            await db.SaveChangesAsync();
            return request;
        });

    public static Task<SignOffRequest> LoadRequestAsync(OneToOneApp app, Guid id, string org = "A") =>
        app.WithDbAsync(app.World.Org(org), db => db.Set<SignOffRequest>().AsNoTracking().SingleAsync(r => r.Id == id));

    public static Task<List<WorkTask>> TasksAsync(OneToOneApp app, WorkTaskKind kind, Guid sourceId, string org = "A") =>
        app.WithDbAsync(app.World.Org(org), db => db.Set<WorkTask>().AsNoTracking().Where(t => t.Kind == kind && t.SourceId == sourceId).ToListAsync());

    /// <summary>Every message in the error summary, linked to a field or not.</summary>
    public static async Task<IReadOnlyList<string>> AllErrorsAsync(this HttpResponseMessage response)
    {
        IHtmlDocument page = await response.ParseAsync();
        return page.QuerySelectorAll(".nhsuk-error-summary__list li").Select(li => li.TextContent.Trim()).ToList();
    }

    public static void Date(Dictionary<string, string> values, string name, DateOnly? d)
    {
        values[name + ".Day"] = d?.Day.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
        values[name + ".Month"] = d?.Month.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
        values[name + ".Year"] = d?.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
