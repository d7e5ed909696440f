using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OneToOne.Tests.Infrastructure;

namespace OneToOne.BrowserTests;

/// <summary>The real app on a real socket (Kestrel, SQLite) and Debian's Chromium driven by Playwright.
/// Never skipped: without Chromium the tests fail and say how to install it (.ci/run does).</summary>
public sealed class BrowserApp : OneToOneApp, IAsyncLifetime
{
    private IPlaywright? _playwright;

    public BrowserApp()
        : base(Provider.Sqlite) => UseKestrel(0);

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

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

    /// <summary>A page in a browser context of its own: one per user, so cookies never mix.</summary>
    public async Task<IPage> NewPageAsync(bool javaScriptEnabled = true)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "en-GB", TimezoneId = "Europe/London",
            JavaScriptEnabled = javaScriptEnabled,
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

/// <summary>What every page must pass: axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules, no violations.</summary>
public static class Accessibility
{
    private static readonly AxeRunOptions Wcag22AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    public static async Task AssertAccessibleAsync(this IPage page)
    {
        var result = await page.RunAxe(Wcag22AA);
        var problems = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
        Assert.True(problems.Count == 0, $"Accessibility violations on {page.Url}:\n" + string.Join("\n", problems));
    }

    /// <summary>Takes the screenshot (so the step always runs) and, when UPDATE_SCREENSHOTS=1, saves it over
    /// docs/screenshots/NAME.png for the README; otherwise it goes to the test output folder, so an ordinary
    /// test run never changes tracked files.</summary>
    public static async Task ScreenshotForReadmeAsync(this IPage page, string name)
    {
        var target = Path.Combine(AppContext.BaseDirectory, "screenshots");
        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1")
        {
            var dir = AppContext.BaseDirectory;
            while (dir is not null && !File.Exists(Path.Combine(dir, "OneToOne.slnx")))
            {
                dir = Path.GetDirectoryName(dir);
            }

            target = Path.Combine(dir ?? AppContext.BaseDirectory, "docs", "screenshots");
        }

        Directory.CreateDirectory(target);
        await page.ScreenshotAsync(new() { Path = Path.Combine(target, name + ".png"), FullPage = false });
    }
}
