using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.Referrals;
using OneToOne.Supervision;
using OneToOne.Tests.Infrastructure;
using OneToOne.Workforce;
using OneToOne.Worklists;

namespace OneToOne.BrowserTests;

/// <summary>A sign-off action of the tests' own: approving it opens a handover task about the subject, so the
/// journey does not depend on the modules that own real actions.</summary>
public sealed class BrowserTestSignOffAction(WorkTasks tasks, TimeProvider clock) : ISignOffAction
{
    public const string TestKind = "test-action";

    public string Kind => TestKind;

    public Task ApplyAsync(SignOffRequest approved, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(approved);
        return tasks.EnsureAsync(new WorkTaskSpec(WorkTaskKind.Handover, approved.SubjectId, "Test action carried out", "/test",
            clock.GetUtcNow().AddDays(1), approved.PersonId, AssignedToStaffId: approved.DecidedByStaffId), ct);
    }
}

/// <summary>The browser harness (Kestrel, SQLite, Chromium) with the test sign-off action registered.</summary>
public sealed class SupervisionBrowserApp : OneToOneApp, IAsyncLifetime
{
    private IPlaywright? _playwright;

    public SupervisionBrowserApp()
        : base(Provider.Sqlite) => UseKestrel(0);

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddScoped<ISignOffAction, BrowserTestSignOffAction>());
    }

    protected override void Start()
    {
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
    }

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        const string chromium = "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException("Chromium not found at /usr/bin/chromium. Install with: apt-get install -y chromium");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "en-GB", TimezoneId = "Europe/London",
        });
        return await context.NewPageAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}

/// <summary>Supervision as its users do it: a supervisor records a session and approves a request for sign-off,
/// returns another, reviews a sampled case; a team lead sets supervisors; a support worker follows their requests.
/// Every page, including its error states, passes axe (WCAG 2.2 AA).</summary>
public sealed class SupervisionTests(SupervisionBrowserApp app) : IClassFixture<SupervisionBrowserApp>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private Guid Org => app.World.Org("A");

    private Guid Practitioner => app.World.Account("A", Roles.RegisteredPractitioner).StaffId!.Value;

    private static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    private Task<StaffMember> StaffAsync(string name, string role = "Support worker") =>
        app.WithDbAsync(Org, async db =>
        {
            var staff = new StaffMember
            {
                TeamId = app.World.Teams["A"].Id, StaffRoleId = app.World.StaffRoles[role].Id, DisplayName = name,
                Email = Guid.NewGuid().ToString("N")[..10] + "@staff.test",
            };
            db.Staff.Add(staff);
            db.Add(new SupervisionLink
            {
                SupervisorStaffId = Practitioner, SuperviseeStaffId = staff.Id, EffectiveFrom = Today.AddDays(-60), CreatedAt = DateTimeOffset.UtcNow, CreatedByName = "Arranged",
            });
            await db.SaveChangesAsync();
            return staff;
        });

    private Task<(Person Person, Referral Referral)> EpisodeAsync(Guid keyWorker, string given, string family, ReferralStatus status = ReferralStatus.Active,
        DateTimeOffset? dischargedAt = null) =>
        app.WithDbAsync(Org, async db =>
        {
            var person = new Person
            {
                NhsNumber = NhsNumber.CreateTestNumber(Random.Shared), GivenName = given, FamilyName = family, DateOfBirth = new DateOnly(1957, 8, 14),
                Postcode = "LS6 2AB", TumourSite = "breast", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            };
            var referral = new Referral
            {
                PersonId = person.Id, ReferrerName = "Dr Amara Okafor", Reason = "End of treatment", Channel = "page", ReceivedOn = Today.AddDays(-90),
                TriageDueOn = Today.AddDays(-85), Status = status, Level = PathwayLevel.SupportedSelfManagement, SuggestedLevel = PathwayLevel.SupportedSelfManagement,
                KeyWorkerId = keyWorker, AllocatedAt = DateTimeOffset.UtcNow.AddDays(-80), DischargedAt = dischargedAt, CreatedAt = DateTimeOffset.UtcNow,
            };
            db.People.Add(person);
            db.Referrals.Add(referral);
            await db.SaveChangesAsync();
            return (person, referral);
        });

    private Task<SignOffRequest> RequestAsync(Guid requester, string requesterName, Guid personId, string summary) =>
        app.WithDbAsync(Org, async db =>
        {
            var request = new SignOffRequest
            {
                Kind = BrowserTestSignOffAction.TestKind, SubjectId = Guid.NewGuid(), PersonId = personId, Summary = summary,
                Payload = JsonSerializer.Serialize(new { mode = "ok" }), RequestedByStaffId = requester, RequestedByName = requesterName,
                RequestedAt = DateTimeOffset.UtcNow.AddHours(-3), SupervisorStaffId = Practitioner, TeamId = app.World.Teams["A"].Id, Status = SignOffStatus.Pending,
            };
            db.Add(request);
            await db.SaveChangesAsync();
            return request;
        });

    private async Task<IPage> SignedInAsync(string role)
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync(app.World.Account("A", role));
        return page;
    }

    [Fact]
    public async Task A_supervisor_records_a_session_and_approves_a_request_for_sign_off()
    {
        var worker = await StaffAsync("Jordan Reyes");
        var (imogen, _) = await EpisodeAsync(worker.Id, "Imogen", "Castellano");
        await EpisodeAsync(worker.Id, "Tobias", "Whitcombe");
        var toApprove = await RequestAsync(worker.Id, worker.DisplayName, imogen.Id, "Discharge: goals met, final review done");
        var toReturn = await RequestAsync(worker.Id, worker.DisplayName, imogen.Id, "Change of level to shared care");
        var page = await SignedInAsync(Roles.RegisteredPractitioner);

        await page.GotoAsync("/supervision");
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Supervision");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Review caseload of Jordan Reyes" }).ClickAsync();
        await Assertions.Expect(Heading(page)).ToContainTextAsync("Supervision: Jordan Reyes");
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Record a supervision session" }).ClickAsync();
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Record a supervision session with Jordan Reyes");
        await page.AssertAccessibleAsync();
        var date = page.Group("Date of the session");
        foreach (var part in new[] { "Day", "Month", "Year" })
        {
            await date.GetByLabel(part, new() { Exact = true }).FillAsync("");
        }

        await page.ClickButtonAsync("Record session");
        await Assertions.Expect(page.ErrorSummary()).ToContainTextAsync(SupervisionRules.EnterSessionDate);
        await page.AssertAccessibleAsync();
        await page.FillDateAsync("Date of the session", Today);
        await page.GetByLabel("Imogen Castellano", new() { Exact = false }).CheckAsync();
        await page.Field("Notes").FillAsync("Talked through Imogen's discharge plan and Jordan's caseload pressures.");
        await page.ClickButtonAsync("Record session");
        await Assertions.Expect(Heading(page)).ToContainTextAsync("Jordan Reyes");
        await Assertions.Expect(page.Locator("#people-discussed")).ToContainTextAsync("Imogen Castellano");
        await page.AssertAccessibleAsync();

        await page.ClickButtonAsync("Add action");
        await Assertions.Expect(page.ErrorSummary()).ToContainTextAsync(SupervisionRules.EnterAction);
        await page.AssertAccessibleAsync();
        await page.Field("Action agreed").FillAsync("Shadow a complex discharge conversation");
        await page.ChooseAsync("Who will do it?", "Jordan Reyes (supervisee)");
        await page.FillDateAsync("Due date (optional)", Today.AddDays(14));
        await page.ClickButtonAsync("Add action");
        await Assertions.Expect(page.Locator("#actions")).ToContainTextAsync("Shadow a complex discharge conversation");
        await page.AssertAccessibleAsync();

        await page.GotoAsync("/supervision/sign-offs");
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Sign-off queue");
        await page.AssertAccessibleAsync();
        await page.Locator($"tr[data-sign-off-id='{toApprove.Id}'] a").ClickAsync();
        await Assertions.Expect(Heading(page)).ToContainTextAsync("Imogen Castellano");
        await page.AssertAccessibleAsync();
        await page.ClickButtonAsync("Approve");
        await Assertions.Expect(page.Locator("#sign-off-status")).ToContainTextAsync("Approved");
        await page.AssertAccessibleAsync();

        await page.GotoAsync($"/supervision/sign-offs/{toReturn.Id}");
        await page.ClickButtonAsync("Return request");
        await Assertions.Expect(page.ErrorSummary()).ToContainTextAsync(SupervisionRules.EnterComment);
        await page.AssertAccessibleAsync();
        await page.Field("Comment").FillAsync("Let's discuss the level change at supervision first.");
        await page.ClickButtonAsync("Return request");
        await Assertions.Expect(page.Locator("#sign-off-status")).ToContainTextAsync("Returned");

        var stored = await app.WithDbAsync(Org, db => db.Set<SignOffRequest>().AsNoTracking()
            .Where(r => r.Id == toApprove.Id || r.Id == toReturn.Id).ToDictionaryAsync(r => r.Id, r => r.Status));
        Assert.Equal(SignOffStatus.Approved, stored[toApprove.Id]);
        Assert.Equal(SignOffStatus.Returned, stored[toReturn.Id]);
        Assert.True(await app.WithDbAsync(Org, db => db.Set<WorkTask>().AnyAsync(t => t.Kind == WorkTaskKind.Handover && t.SourceId == toApprove.SubjectId)));
        Assert.Single(await app.WithDbAsync(Org, db => db.Set<SupervisionSession>().Where(s => s.SuperviseeStaffId == worker.Id).ToListAsync()));
    }

    [Fact]
    public async Task The_case_audit_supervisor_links_and_a_workers_own_requests_are_accessible()
    {
        var worker = await StaffAsync("Priya Anand");
        var (person, referral) = await EpisodeAsync(worker.Id, "Halima", "Okonjo", ReferralStatus.Discharged, DateTimeOffset.UtcNow.AddDays(-40));
        var item = await app.WithDbAsync(Org, async db =>
        {
            var sample = new CaseAuditSample { Month = new DateOnly(2099, 1, 1), Seed = 7, SizePerGroup = 2, Candidates = 1, CreatedAt = DateTimeOffset.UtcNow };
            var i = new CaseAuditItem
            {
                SampleId = sample.Id, ReferralId = referral.Id, PersonId = person.Id, KeyWorkerStaffId = worker.Id, ReviewerStaffId = Practitioner,
                TeamId = app.World.Teams["A"].Id, DischargedAt = referral.DischargedAt!.Value,
            };
            db.AddRange(sample, i);
            await db.SaveChangesAsync();
            return i;
        });
        var supervisor = await SignedInAsync(Roles.RegisteredPractitioner);
        await supervisor.GotoAsync("/supervision/case-audit");
        await Assertions.Expect(Heading(supervisor)).ToHaveTextAsync("Case audit");
        await supervisor.AssertAccessibleAsync();
        await supervisor.GetByRole(AriaRole.Link, new() { Name = "Halima Okonjo" }).ClickAsync();
        await Assertions.Expect(Heading(supervisor)).ToContainTextAsync("Halima Okonjo");
        await supervisor.AssertAccessibleAsync();
        await supervisor.ClickButtonAsync("Record review");
        await Assertions.Expect(supervisor.ErrorSummary()).ToContainTextAsync(SupervisionRules.EnterFindings);
        await supervisor.AssertAccessibleAsync();
        await supervisor.Field("Findings").FillAsync("Thorough assessment and plan; GP letter sent on discharge.");
        await supervisor.ChooseAsync("Does the case need follow-up?", "No");
        await supervisor.ClickButtonAsync("Record review");
        await Assertions.Expect(supervisor.Locator($"tr[data-item-id='{item.Id}']")).ToContainTextAsync("Reviewed");
        await supervisor.AssertAccessibleAsync();

        var lead = await SignedInAsync(Roles.TeamLead);
        await lead.GotoAsync("/supervision/links");
        await Assertions.Expect(Heading(lead)).ToHaveTextAsync("Supervisors");
        await lead.AssertAccessibleAsync();
        await lead.GetByRole(AriaRole.Link, new() { Name = "Change for Priya Anand" }).ClickAsync();
        await Assertions.Expect(Heading(lead)).ToHaveTextAsync("Supervisor for Priya Anand");
        await lead.AssertAccessibleAsync();
        await lead.Field("Supervisor").SelectOptionAsync(new SelectOptionValue { Index = 0 });
        await lead.ClickButtonAsync("Save supervisor");
        await Assertions.Expect(lead.ErrorSummary()).ToBeVisibleAsync();
        await lead.AssertAccessibleAsync();

        // A team lead may record supervision for anyone in the team, so the page first asks whom.
        await lead.GotoAsync("/supervision/sessions/new");
        await Assertions.Expect(lead.Locator("#choose-supervisee")).ToBeVisibleAsync();
        await lead.AssertAccessibleAsync();
        await lead.Field("Who did you supervise?").SelectOptionAsync(new SelectOptionValue { Label = "Priya Anand" });
        await lead.ClickButtonAsync("Continue");
        await Assertions.Expect(Heading(lead)).ToHaveTextAsync("Record a supervision session with Priya Anand");
        await lead.AssertAccessibleAsync();

        var own = app.World.Account("A", Roles.SupportWorker);
        var request = await RequestAsync(own.StaffId!.Value, "SupportWorker A", person.Id, "Discharge: goals met");
        var workerPage = await SignedInAsync(Roles.SupportWorker);
        await workerPage.GotoAsync("/supervision");
        await workerPage.AssertAccessibleAsync();
        await workerPage.GotoAsync("/supervision/sign-offs/mine");
        await Assertions.Expect(Heading(workerPage)).ToHaveTextAsync("Your requests for sign-off");
        await workerPage.AssertAccessibleAsync();
        await workerPage.Locator($"tr[data-sign-off-id='{request.Id}'] a").ClickAsync();
        await Assertions.Expect(workerPage.Locator("#sign-off-status")).ToContainTextAsync("Waiting for sign-off");
        await workerPage.AssertAccessibleAsync();
    }
}
