using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Background;
using OneToOne.Referrals;
using OneToOne.Tests.Infrastructure;
using OneToOne.Worklists.Jobs;

namespace OneToOne.BrowserTests;

/// <summary>The browser app (as <see cref="BrowserApp"/>: Kestrel on a real socket, SQLite, Debian's Chromium) with a
/// clock the test moves. A fixture of its own rather than a change to the shared BrowserApp, which is sealed.</summary>
public sealed class WorklistsBrowserApp : OneToOneApp, IAsyncLifetime
{
    private IPlaywright? _playwright;

    public WorklistsBrowserApp()
        : base(Provider.Sqlite) => UseKestrel(0);

    public WorklistsBrowserClock Clock { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
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

public sealed class WorklistsBrowserClock : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2027, 1, 6, 12, 0, 0, TimeSpan.Zero);

    public DateTimeOffset Now { get; set; } = Start;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>The safety net as its users see it: a deadline passes (the test moves the clock), the scheduler's breach
/// pass runs, and the team lead finds the breach on the team breaches page; My work, the breaches page, the safety
/// report and the background jobs page pass axe (WCAG 2.2 AA).</summary>
public sealed class WorklistsTests(WorklistsBrowserApp app) : IClassFixture<WorklistsBrowserApp>
{
    private ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    private async Task<(Person Person, Referral Referral)> ArrangeReferralAsync(string given, string family, DateOnly triageDue)
    {
        var person = new Person
        {
            NhsNumber = NhsNumber.CreateTestNumber(Random.Shared), GivenName = given, FamilyName = family, DateOfBirth = new DateOnly(1957, 9, 14),
            Sex = Sex.Female, Postcode = "LS6 2AB", TumourSite = "breast", CreatedAt = app.Clock.Now, UpdatedAt = app.Clock.Now,
        };
        var referral = new Referral
        {
            PersonId = person.Id, ReferrerName = "Dr Amara Okafor", Reason = "End of treatment; worried about going back to work", Channel = "page",
            ReceivedOn = new DateOnly(2027, 1, 4), TriageDueOn = triageDue, Status = ReferralStatus.Received, CreatedAt = app.Clock.Now,
        };
        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            db.People.Add(person);
            db.Referrals.Add(referral);
            await db.SaveChangesAsync();
        });
        return (person, referral);
    }

    private async Task<IPage> SignedInAsync(string role)
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync(app.World.Account("A", role));
        return page;
    }

    [Fact]
    public async Task A_team_lead_sees_a_breach_on_team_breaches_once_the_clock_passes_the_deadline()
    {
        app.Clock.Now = WorklistsBrowserClock.Start;
        var (person, referral) = await ArrangeReferralAsync("Marguerite", "Oyelaran", new DateOnly(2027, 1, 7));
        var lead = await SignedInAsync(Roles.TeamLead);
        await lead.GotoAsync("/team/breaches");
        await Assertions.Expect(Heading(lead)).ToHaveTextAsync("Team breaches");
        await Assertions.Expect(lead.Locator($"tr[data-task-id]").Filter(new() { HasText = person.FullName })).ToHaveCountAsync(0);
        await lead.AssertAccessibleAsync();

        // Triage was due by the end of Thursday 7 January; on Friday morning the breach pass finds it late.
        app.Clock.Now = new DateTimeOffset(2027, 1, 8, 9, 0, 0, TimeSpan.Zero);
        await app.Services.GetRequiredService<JobRunner>().RunOnceAsync(BreachPass.JobName);

        lead = await SignedInAsync(Roles.TeamLead);
        await lead.GotoAsync("/my-work");
        await lead.GetByRole(AriaRole.Link, new() { Name = "See team breaches" }).ClickAsync();
        await Assertions.Expect(Heading(lead)).ToHaveTextAsync("Team breaches");
        var row = lead.Locator("#breaches tr[data-task-id]").Filter(new() { HasText = person.FullName });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Triage the referral");
        await Assertions.Expect(row.Locator(".owner")).ToContainTextAsync("One-to-one support team (queue)");
        await Assertions.Expect(row.Locator(".late")).ToContainTextAsync("1 day late");
        await lead.AssertAccessibleAsync();
        await lead.ScreenshotForReadmeAsync("team-breaches");

        // The link goes to where the work is done.
        await row.GetByRole(AriaRole.Link, new() { Name = $"Triage the referral for {person.FullName}" }).ClickAsync();
        await Assertions.Expect(lead).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/referrals/{referral.Id}/triage$"));
    }

    [Fact]
    public async Task My_work_the_safety_report_and_the_background_jobs_page_are_accessible()
    {
        app.Clock.Now = WorklistsBrowserClock.Start;
        await ArrangeReferralAsync("Ifeoma", "Castellanos", new DateOnly(2027, 1, 5));
        await ArrangeReferralAsync("Bronwen", "Achterberg", new DateOnly(2027, 1, 12));
        await app.Services.GetRequiredService<JobRunner>().RunOnceAsync(BreachPass.JobName);

        foreach (var role in new[] { Roles.SupportWorker, Roles.RegisteredPractitioner, Roles.TeamLead })
        {
            var page = await SignedInAsync(role);
            await page.GetByRole(AriaRole.Link, new() { Name = "My work", Exact = true }).ClickAsync();
            await Assertions.Expect(Heading(page)).ToHaveTextAsync("My work");
            await Assertions.Expect(page.Locator("#summary")).ToBeVisibleAsync();
            await page.AssertAccessibleAsync();
            if (role == Roles.RegisteredPractitioner)
            {
                await Assertions.Expect(page.Locator("#team-overdue tr").Filter(new() { HasText = "Ifeoma Castellanos" })).ToHaveCountAsync(1);
                await page.ScreenshotForReadmeAsync("my-work");
                await page.GotoAsync("/team");
                await page.GetByRole(AriaRole.Link, new() { Name = "Safety report", Exact = false }).ClickAsync();
                await Assertions.Expect(Heading(page)).ToHaveTextAsync("Safety report");
                await Assertions.Expect(page.Locator("#past-triage-table")).ToContainTextAsync("Ifeoma Castellanos");
                await page.AssertAccessibleAsync();
            }
        }

        var admin = await app.NewPageAsync();
        await admin.SignInAsync(app.World.Account("A", Roles.Administrator));
        await admin.GotoAsync("/admin/jobs");
        await Assertions.Expect(Heading(admin)).ToHaveTextAsync("Background jobs");
        await admin.AssertAccessibleAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = $"Run now {BreachPass.JobName}" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".nhsuk-notification-banner")).ToContainTextAsync($"{BreachPass.JobName} ran in");
        await admin.AssertAccessibleAsync();
    }
}
