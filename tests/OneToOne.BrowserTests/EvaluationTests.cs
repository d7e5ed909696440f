using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OneToOne.Assessments;
using OneToOne.Evaluation;
using OneToOne.Evaluation.Live;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Time;
using OneToOne.Referrals;

namespace OneToOne.BrowserTests;

/// <summary>Issue 5's "done when" for the live evaluation: an evaluator signs in, sees the programme and per-organisation
/// dashboards with charts, filters by organisation and period, downloads CSV and XLSX, and sees no identifying data and no
/// unsuppressed small numbers below programme level; every page passes axe (WCAG 2.2 AA).</summary>
public sealed partial class EvaluationTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    private string Ods(string key) => app.World.Organisations[key].OdsCode;

    [GeneratedRegex(@"^\s*[1-7]\s*$")]
    private static partial Regex SmallCount();

    /// <summary>People of an organisation with an episode discharged in the last year; the demo seed then gives them contacts,
    /// outcome and experience questionnaires, as it does for a demo.</summary>
    private async Task<List<Person>> ArrangeAsync(string organisation, int count, string surname)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var received = today.AddDays(-250);
        DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(11, 0)), TimeSpan.Zero);
        var worker = app.World.Account(organisation, Roles.SupportWorker).StaffId!.Value;
        var people = new List<Person>();
        await app.WithDbAsync(app.World.Org(organisation), async db =>
        {
            for (var i = 0; i < count; i++)
            {
                var person = new Person
                {
                    NhsNumber = NhsNumber.CreateTestNumber(Random.Shared), GivenName = "Evagiven" + i, FamilyName = surname, DateOfBirth = new DateOnly(1957, 2, 23),
                    Sex = i % 2 == 0 ? Sex.Female : Sex.Male, Postcode = "LS6 2AB", TumourSite = i % 3 == 0 ? "lung" : "breast",
                    CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
                };
                db.People.Add(person);
                db.Referrals.Add(new Referral
                {
                    PersonId = person.Id, ReferrerName = "Dr Test", Reason = "End of treatment", ReceivedOn = received, TriageDueOn = received.AddDays(7),
                    Status = ReferralStatus.Discharged, Level = PathwayLevel.SharedCare, TriagedAt = At(received.AddDays(2)), AllocatedAt = At(received.AddDays(3)),
                    ActivatedAt = At(received.AddDays(6)), DischargedAt = At(today.AddDays(-20)), KeyWorkerId = worker, Channel = "page", CreatedAt = At(received),
                });
                people.Add(person);
            }

            await db.SaveChangesAsync();
        });
        return people;
    }

    private async Task EnsureInstrumentsAsync() => await app.WithDbAsync(null, async db =>
    {
        foreach (var (code, kind) in new[] { (EvaluationInstruments.OutcomesCode, InstrumentKind.Outcome), (EvaluationInstruments.ExperienceCode, InstrumentKind.Experience) })
        {
            if (!await db.Set<Instrument>().AnyAsync(i => i.Code == code))
            {
                db.Add(new Instrument
                {
                    Code = code, Version = 1, Name = code, Kind = kind, DefinitionJson = AssessmentDefaults.HnaV1().ToJson(), PublishedAt = DateTimeOffset.UtcNow,
                    PublishedBy = "test", Active = true,
                });
            }
        }

        await db.SaveChangesAsync();
    });

    private static async Task AssertNoIdentifyingDataAsync(IPage page, IEnumerable<Person> people)
    {
        var html = await page.ContentAsync();
        foreach (var p in people)
        {
            Assert.DoesNotContain(p.FamilyName, html, StringComparison.Ordinal);
            Assert.DoesNotContain(p.GivenName + "<", html, StringComparison.Ordinal);
            Assert.DoesNotContain(p.NhsNumber, html, StringComparison.Ordinal);
            Assert.DoesNotContain(NhsNumber.Format(p.NhsNumber), html, StringComparison.Ordinal);
            Assert.DoesNotContain(p.Id.ToString(), html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("LS6 2AB", html, StringComparison.Ordinal);
        Assert.DoesNotContain("23 Feb 1957", html, StringComparison.Ordinal);
    }

    /// <summary>Below programme level no table cell is a count of 1 to 7.</summary>
    private static async Task AssertNoSmallNumbersAsync(IPage page, string tablesSelector)
    {
        foreach (var text in await page.Locator(tablesSelector + " td").AllInnerTextsAsync())
        {
            Assert.DoesNotMatch(SmallCount(), text);
        }
    }

    [Fact]
    public async Task An_evaluator_sees_the_dashboards_filters_them_downloads_the_tables_and_never_sees_identifying_data_or_small_numbers()
    {
        await EnsureInstrumentsAsync();
        var people = await ArrangeAsync("A", 14, "Evansurnamea");
        people.AddRange(await ArrangeAsync("B", 3, "Evansurnameb"));
        await DemoEvaluationSeed.EnsureAsync(app.Services, CancellationToken.None);

        var page = await app.NewPageAsync();
        await page.SignInAsync(app.World.Account("A", Roles.Evaluator), checkEachPage: true);

        // The programme dashboard is the evaluator's start page: charts, each with its table.
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Programme evaluation");
        Assert.EndsWith("/evaluation", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.True(await page.Locator("svg[role=img]").CountAsync() >= 5);
        await Assertions.Expect(page.Locator("section#outcomes tbody tr", new() { HasText = "Distress: baseline to follow-up" }).Locator("td").First).Not.ToHaveTextAsync("0");
        Assert.Equal(4, await page.Locator("section#escalation-funnel svg polyline").CountAsync());
        await Assertions.Expect(page.Locator("#disclosure-level")).ToContainTextAsync("Programme level");
        var bRow = page.Locator("section#by-organisation tbody tr", new() { HasText = $"({Ods("B")})" });
        await Assertions.Expect(bRow.Locator("td").First).ToHaveTextAsync("*");
        await AssertNoSmallNumbersAsync(page, "section#by-organisation, section#escalation-funnel, section#by-tumour-site, section#by-sex, section#by-age-band, section#by-level");
        await AssertNoIdentifyingDataAsync(page, people);
        await page.AssertAccessibleAsync();
        await page.ScreenshotForReadmeAsync("evaluation-dashboard");
        await page.Locator("section#by-organisation").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotForReadmeAsync("evaluation-chart");
        await page.EvaluateAsync("window.scrollTo(0, 0)");

        // Filter by organisation: everything is then below programme level.
        await page.GetByText("Filter and compare").ClickAsync();
        await page.Field("Organisation").SelectOptionAsync(Ods("A"));
        await page.ClickButtonAsync("Apply filters");
        Assert.Contains("Filter.Organisation=" + Ods("A"), page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#disclosure-level")).ToContainTextAsync("Below programme level");
        await Assertions.Expect(page.Locator("section#activity tbody tr", new() { HasText = "People with an episode in the period" }).Locator("td")).ToHaveTextAsync("15");
        await AssertNoSmallNumbersAsync(page, "section#activity, section#by-tumour-site, section#by-sex");
        await page.AssertAccessibleAsync();

        // Filter by period: two years ago, nobody.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await page.GetByText("Filter and compare").ClickAsync();
        await page.Field("Organisation").SelectOptionAsync("");
        await page.FillDateAsync("From", today.AddYears(-3));
        await page.FillDateAsync("To", today.AddYears(-2));
        await page.ClickButtonAsync("Apply filters");
        await Assertions.Expect(page.Locator("#evaluation-period")).ToContainTextAsync(UkTime.Format(today.AddYears(-2)));
        await Assertions.Expect(page.Locator("section#activity tbody tr", new() { HasText = "People with an episode in the period" }).Locator("td")).ToHaveTextAsync("0");
        await page.AssertAccessibleAsync();

        // A bad period is explained in the error summary.
        await page.GetByText("Filter and compare").ClickAsync();
        await page.FillDateAsync("From", today);
        await page.FillDateAsync("To", today.AddDays(-1));
        await page.ClickButtonAsync("Apply filters");
        await Assertions.Expect(page.ErrorSummary()).ToContainTextAsync("The 'to' date must be the same as or after the 'from' date");
        await page.AssertAccessibleAsync();

        // Back to the last twelve months, then to organisation B's own dashboard from the organisations table.
        await page.GotoAsync("/evaluation");
        await page.Locator("section#by-organisation").GetByRole(AriaRole.Link, new() { Name = $"({Ods("B")})" }).ClickAsync();
        await Assertions.Expect(Heading(page)).ToContainTextAsync($"({Ods("B")})");
        Assert.Contains($"/evaluation/organisations/{Ods("B")}", page.Url, StringComparison.Ordinal);
        Assert.True(await page.Locator("svg[role=img]").CountAsync() >= 3);
        await Assertions.Expect(page.Locator("section#activity tbody tr", new() { HasText = "People with an episode in the period" }).Locator("td")).ToHaveTextAsync("*");
        await AssertNoSmallNumbersAsync(page, "main");
        await AssertNoIdentifyingDataAsync(page, people);
        await page.AssertAccessibleAsync();

        // Downloads of B's tables: the same suppressed figures.
        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download this organisation's tables as CSV" }).ClickAsync());
        var csvText = await File.ReadAllTextAsync((await csv.PathAsync())!);
        Assert.Contains("Activity,People with an episode in the period,Value,*", csvText, StringComparison.Ordinal);
        Assert.DoesNotContain("Evansurname", csvText, StringComparison.Ordinal);
        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download this organisation's tables as a spreadsheet (XLSX)" }).ClickAsync());
        Assert.EndsWith(".xlsx", xlsx.SuggestedFilename, StringComparison.Ordinal);
        using (var zip = ZipFile.OpenRead((await xlsx.PathAsync())!))
        {
            XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
            using var sheet = zip.GetEntry("xl/worksheets/sheet1.xml")!.Open();
            var cells = XDocument.Load(sheet).Descendants(ns + "c").ToDictionary(c => c.Attribute("r")!.Value, c => string.Concat(c.Descendants(ns + "t").Select(t => t.Value)) + c.Element(ns + "v")?.Value);
            Assert.Equal("People with an episode in the period", cells["A3"]);
            Assert.Equal("*", cells["B3"]);
        }

        // The printable report.
        await page.GetByRole(AriaRole.Link, new() { Name = "Printable evaluation report for this organisation" }).ClickAsync();
        await Assertions.Expect(Heading(page)).ToContainTextAsync("Evaluation report");
        await AssertNoSmallNumbersAsync(page, "main");
        await AssertNoIdentifyingDataAsync(page, people);
        await page.AssertAccessibleAsync();

        // The programme-level report and the programme download.
        await page.GotoAsync("/evaluation");
        await page.GetByRole(AriaRole.Link, new() { Name = "Printable evaluation report for this period" }).ClickAsync();
        await Assertions.Expect(page.Locator("#report-level")).ToContainTextAsync("Programme level");
        await page.AssertAccessibleAsync();
        await page.GotoAsync("/evaluation");
        var programmeCsv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download the tables as CSV" }).ClickAsync());
        Assert.Contains("Activity,People with an episode in the period,Value,17", await File.ReadAllTextAsync((await programmeCsv.PathAsync())!), StringComparison.Ordinal);
    }
}
