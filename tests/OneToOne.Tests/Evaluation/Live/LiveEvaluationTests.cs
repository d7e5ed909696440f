using System.IO.Compression;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.Evaluation.Live;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.Referrals;
using OneToOne.Tests.Infrastructure;
using static OneToOne.Tests.Evaluation.Live.LiveEvaluationKit;

namespace OneToOne.Tests.Evaluation.Live;

/// <summary>The evaluator's dashboards, report and downloads over the live database: the numbers, small-number suppression
/// below programme level, no identifying data anywhere, evaluators only, filters, CSV and XLSX.</summary>
public abstract class LiveEvaluationTests(OneToOneApp app)
{
    private string Ods(string key) => app.World.Organisations[key].OdsCode;

    private Task<HttpClient> EvaluatorAsync() => app.SignInAsync("A", Roles.Evaluator);

    /// <summary>A: 12 people, 2 half-hour contacts each, distress 7 then 4, rating 9. B: 3 people, one hour each, distress 6 then 5, one escalation.</summary>
    private async Task<((DateOnly From, DateOnly To) Period, List<ArrangedPerson> People)> ArrangeTwoOrganisationsAsync()
    {
        await EnsureUnitCostsAsync(app);
        var period = NewPeriod();
        var a = await ArrangeAsync(app, "A", period, new Arrangement(12, Rating: 9));
        var b = await ArrangeAsync(app, "B", period, new Arrangement(3, ContactsEach: 1, MinutesEach: 60, DistressBefore: 6, DistressAfter: 5, Escalations: 1, TumourSite: "lung"));
        return (period, [.. a, .. b]);
    }

    private static string CellText(IHtmlDocument page, string table, string row, int column = 0)
    {
        var tr = page.QuerySelectorAll($"section#{table} tbody tr").FirstOrDefault(r => r.QuerySelector("th")!.TextContent.Trim() == row)
            ?? throw new InvalidOperationException($"No row '{row}' in {table}");
        return tr.QuerySelectorAll("td")[column].TextContent.Trim();
    }

    [Fact]
    public async Task At_programme_level_the_totals_are_exact_and_each_organisation_is_suppressed()
    {
        var (period, _) = await ArrangeTwoOrganisationsAsync();
        var evaluator = await EvaluatorAsync();
        var page = await evaluator.GetPageAsync("/evaluation" + Query(period));

        Assert.Equal("15", CellText(page, "activity", "People with an episode in the period"));
        Assert.Equal("15", CellText(page, "activity", "Referrals received"));
        Assert.Equal("27", CellText(page, "activity", "Contacts"));
        Assert.Equal("1", CellText(page, "activity", "Escalations"));
        Assert.Equal("6.7", CellText(page, "activity", "Escalations per 100 people"));
        Assert.Equal("2.0", CellText(page, "activity", "Median days from referral to triage"));
        Assert.Equal("5.0", CellText(page, "activity", "Median days from referral to first contact"));
        // 15 hours of support workers' contacts at 40 an hour plus half again for non-contact time.
        Assert.Equal("15.0", CellText(page, "costs", "Contact hours (staff time)"));
        Assert.Equal("900", CellText(page, "costs", "Cost of contacts (£)"));
        Assert.Equal("60", CellText(page, "costs", "Cost per person supported (£)"));
        Assert.Equal("1,800", CellText(page, "specialist-time", "The same contacts at the clinical nurse specialist rate (£)"));
        // Outcomes from the engine: (12 x 7 + 3 x 6) / 15 = 6.80 before, (12 x 4 + 3 x 5) / 15 = 4.20 after.
        Assert.Equal("15", CellText(page, "outcomes", "Distress: baseline to follow-up", 0));
        Assert.Equal("6.80", CellText(page, "outcomes", "Distress: baseline to follow-up", 1));
        Assert.Equal("4.20", CellText(page, "outcomes", "Distress: baseline to follow-up", 2));
        Assert.Equal("-2.60", CellText(page, "outcomes", "Distress: baseline to follow-up", 3));
        Assert.Equal("12", CellText(page, "experience", "Overall rating of care (0-10)", 0));
        Assert.Equal("100", CellText(page, "experience", "Overall rating of care (0-10)", 1));
        Assert.Equal("9.0", CellText(page, "experience", "Overall rating of care (0-10)", 2));
        Assert.Equal("12", CellText(page, "experience", "Ease of contacting the team", 0));
        Assert.Equal("0", CellText(page, "experience", "Involvement in decisions", 1)); // 3 of 5 is not positive

        // Each organisation is a split below programme level: A's 12 people show as 10, B's 3 as *.
        var a = $"{app.World.Organisations["A"].Name} ({Ods("A")})";
        var b = $"{app.World.Organisations["B"].Name} ({Ods("B")})";
        Assert.Equal("10", CellText(page, "by-organisation", a, 0));
        Assert.Equal("25", CellText(page, "by-organisation", a, 2));
        Assert.Equal("*", CellText(page, "by-organisation", b, 0));
        Assert.Equal("*", CellText(page, "by-organisation", b, 2));
        Assert.Equal("*", CellText(page, "by-organisation", b, 3));
        Assert.Equal("*", CellText(page, "by-organisation", b, 5));
        Assert.Equal("0.0", CellText(page, "escalation-funnel", a, 2));
        Assert.Equal("*", CellText(page, "escalation-funnel", b, 1));
        Assert.Equal("*", CellText(page, "escalation-funnel", b, 2));
        // Every split table: B's tumour site (lung, 3 people) is suppressed.
        Assert.Equal("*", CellText(page, "by-tumour-site", "Lung", 0));
        Assert.Equal("10", CellText(page, "by-tumour-site", "Breast", 0));
        Assert.NotNull(page.QuerySelector("section#escalation-funnel svg[role=img] circle"));
    }

    [Fact]
    public async Task Below_programme_level_no_count_from_1_to_7_is_shown_and_other_counts_are_rounded()
    {
        var (period, _) = await ArrangeTwoOrganisationsAsync();
        var evaluator = await EvaluatorAsync();

        var b = await evaluator.GetPageAsync($"/evaluation/organisations/{Ods("B")}" + Query(period));
        Assert.Equal("*", CellText(b, "activity", "People with an episode in the period"));
        Assert.Equal("*", CellText(b, "activity", "Contacts"));
        Assert.Equal("*", CellText(b, "activity", "Escalations"));
        Assert.Equal("*", CellText(b, "activity", "Escalations per 100 people"));
        Assert.Equal("*", CellText(b, "activity", "Median days from referral to first contact"));
        Assert.Equal("*", CellText(b, "costs", "Cost of contacts (£)"));
        Assert.Equal("*", CellText(b, "outcomes", "Distress: baseline to follow-up", 0));
        Assert.Equal("*", CellText(b, "outcomes", "Distress: baseline to follow-up", 1));
        Assert.Equal("*", CellText(b, "outcomes", "Distress: baseline to follow-up", 6));
        AssertNoSmallCounts(b);

        var a = await evaluator.GetPageAsync($"/evaluation/organisations/{Ods("A")}" + Query(period));
        Assert.Equal("10", CellText(a, "activity", "People with an episode in the period"));
        Assert.Equal("25", CellText(a, "activity", "Contacts"));
        Assert.Equal("0", CellText(a, "activity", "Escalations"));
        Assert.Equal("10", CellText(a, "outcomes", "Distress: baseline to follow-up", 0));
        Assert.Equal("7.00", CellText(a, "outcomes", "Distress: baseline to follow-up", 1)); // 12 people: an average may show
        Assert.Contains("Below programme level", a.QuerySelector("#disclosure-level")!.TextContent, StringComparison.Ordinal);
        AssertNoSmallCounts(a);
    }

    /// <summary>Every count cell of the activity and per-group tables is "*", 0 or a multiple of 5.</summary>
    private static void AssertNoSmallCounts(IHtmlDocument page)
    {
        string[] countRows =
        [
            "People with an episode in the period", "People supported (at least one contact)", "Referrals received", "Referrals accepted",
            "Referrals declined or redirected", "Referrals awaiting triage", "Contacts", "Escalations", "Referrals to other services (signposting)",
            "Signposting loops closed (outcome known)", "Discharges", "Requests for help after discharge",
        ];
        foreach (var row in countRows)
        {
            var text = CellText(page, "activity", row);
            Assert.True(text is "*" or "0" || int.Parse(text.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) % 5 == 0, $"{row}: {text}");
        }

        foreach (var td in page.QuerySelectorAll("section#by-level td, section#by-tumour-site td, section#by-sex td, section#by-age-band td, section#modes td").Take(1000))
        {
            var text = td.TextContent.Trim();
            if (int.TryParse(text, out var n))
            {
                Assert.True(n == 0 || n > 7, $"A small count {n} is shown below programme level");
            }
        }
    }

    [Fact]
    public async Task No_names_NHS_numbers_dates_of_birth_postcodes_comments_or_ids_appear_in_pages_or_downloads()
    {
        var (period, people) = await ArrangeTwoOrganisationsAsync();
        var evaluator = await EvaluatorAsync();
        var bodies = new List<string>
        {
            await (await evaluator.GetAsync("/evaluation" + Query(period))).Content.ReadAsStringAsync(),
            await (await evaluator.GetAsync($"/evaluation/organisations/{Ods("B")}" + Query(period))).Content.ReadAsStringAsync(),
            await (await evaluator.GetAsync("/evaluation/report" + Query(period))).Content.ReadAsStringAsync(),
            await (await evaluator.GetAsync("/evaluation/download" + Query(period) + "&format=csv")).Content.ReadAsStringAsync(),
        };
        using (var zip = new ZipArchive(await (await evaluator.GetAsync("/evaluation/download" + Query(period) + "&format=xlsx")).Content.ReadAsStreamAsync()))
        {
            bodies.Add(XlsxReader.AllText(zip));
        }

        foreach (var body in bodies)
        {
            Assert.DoesNotContain("Qzgiven", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Qzfamily", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Secretcomment", body, StringComparison.Ordinal);
            Assert.DoesNotContain("LS6 2AB", body, StringComparison.Ordinal);
            var born = BornIn(period);
            Assert.DoesNotContain($"12 Apr {born}", body, StringComparison.Ordinal);
            Assert.DoesNotContain($"{born}-04-12", body, StringComparison.Ordinal);
            foreach (var p in people)
            {
                Assert.DoesNotContain(p.NhsNumber, body, StringComparison.Ordinal);
                Assert.DoesNotContain(NhsNumber.Format(p.NhsNumber), body, StringComparison.Ordinal);
                Assert.DoesNotContain(p.Id.ToString(), body, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Theory]
    [InlineData(Roles.SupportWorker)]
    [InlineData(Roles.RegisteredPractitioner)]
    [InlineData(Roles.TeamLead)]
    [InlineData(Roles.Administrator)]
    public async Task Only_evaluators_can_see_the_dashboards_the_report_and_the_downloads(string role)
    {
        var (period, _) = await ArrangeTwoOrganisationsAsync();
        var client = await app.SignInAsync("A", role);
        foreach (var url in new[]
                 {
                     "/evaluation" + Query(period), $"/evaluation/organisations/{Ods("A")}" + Query(period), "/evaluation/report" + Query(period),
                     "/evaluation/download" + Query(period) + "&format=csv", "/evaluation/download" + Query(period) + "&format=xlsx",
                 })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/access-denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        var anonymous = await app.NewClient().GetAsync("/evaluation" + Query(period));
        Assert.StartsWith("/account/sign-in", anonymous.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        var evaluator = await EvaluatorAsync();
        Assert.Equal(HttpStatusCode.OK, (await evaluator.GetAsync("/evaluation" + Query(period))).StatusCode);
    }

    [Fact]
    public async Task Filters_narrow_the_people_by_organisation_period_tumour_site_staff_role_age_band_sex_and_pathway_level()
    {
        var (period, _) = await ArrangeTwoOrganisationsAsync();
        var evaluator = await EvaluatorAsync();
        async Task<string> People(string extra) =>
            CellText(await evaluator.GetPageAsync("/evaluation" + Query(period, extra + "&Filter.Compare=none")), "activity", "People with an episode in the period");

        Assert.Equal("10", await People($"&Filter.Organisation={Ods("A")}"));
        Assert.Equal("*", await People($"&Filter.Organisation={Ods("B")}"));
        Assert.Equal("*", await People("&Filter.TumourSite=lung"));
        Assert.Equal("10", await People("&Filter.TumourSite=breast"));
        Assert.Equal("15", await People("&Filter.Sex=Female"));
        Assert.Equal("0", await People("&Filter.Sex=Male"));
        Assert.Equal("15", await People("&Filter.AgeBand=60-69")); // 65 at the end of the period
        Assert.Equal("0", await People("&Filter.AgeBand=70-79"));
        Assert.Equal("15", await People("&Filter.PathwayLevel=SharedCare"));
        Assert.Equal("0", await People("&Filter.PathwayLevel=ComplexCaseManagement"));
        Assert.Equal("15", await People("&Filter.StaffRole=Support%20worker"));
        Assert.Equal("0", await People("&Filter.StaffRole=Clinical%20nurse%20specialist"));

        // Another period (the year after) has none of these people; a period filter alone stays at programme level (exact).
        var next = (period.From.AddYears(1), period.To.AddYears(1));
        var page = await evaluator.GetPageAsync("/evaluation" + Query(next));
        Assert.Equal("0", CellText(page, "activity", "People with an episode in the period"));
        Assert.Contains("Programme level", page.QuerySelector("#disclosure-level")!.TextContent, StringComparison.Ordinal);

        // The filter form is a GET form that round-trips the dates as day, month and year.
        var viaForm = await evaluator.GetPageAsync(
            $"/evaluation?Filter.From.Day=1&Filter.From.Month=1&Filter.From.Year={period.From.Year}&Filter.To.Day=31&Filter.To.Month=12&Filter.To.Year={period.To.Year}&Filter.Organisation={Ods("A")}&Filter.Compare=none");
        Assert.Equal("10", CellText(viaForm, "activity", "People with an episode in the period"));
        Assert.Equal("get", viaForm.QuerySelector("form#evaluation-filter")!.GetAttribute("method"));
    }

    [Fact]
    public async Task Filtering_by_ethnic_group_narrows_the_people_and_the_report_and_export_carry_the_broad_group()
    {
        await EnsureUnitCostsAsync(app);
        var period = NewPeriod();
        await ArrangeAsync(app, "A", period, new Arrangement(12, Ethnicity: "H"));
        await ArrangeAsync(app, "A", period, new Arrangement(20, Ethnicity: "C"));
        await ArrangeAsync(app, "A", period, new Arrangement(2, Ethnicity: "Z"));
        await ArrangeAsync(app, "A", period, new Arrangement(1));
        var evaluator = await EvaluatorAsync();
        async Task<IHtmlDocument> Page(string extra) => await evaluator.GetPageAsync("/evaluation" + Query(period, extra + "&Filter.Compare=none"));
        async Task<string> People(string extra) => CellText(await Page(extra), "activity", "People with an episode in the period");

        Assert.Equal("35", await People(""));
        Assert.Equal("10", await People("&Filter.Ethnicity=" + Uri.EscapeDataString("Asian or Asian British")));
        Assert.Equal("20", await People("&Filter.Ethnicity=White"));
        Assert.Equal("0", await People("&Filter.Ethnicity=" + Uri.EscapeDataString("Black, Black British, Caribbean or African")));
        Assert.Equal("*", await People("&Filter.Ethnicity=" + Uri.EscapeDataString("Not stated"))); // Z and nothing recorded: 3
        var filtered = await Page("&Filter.Ethnicity=White");
        Assert.Contains("Below programme level", filtered.QuerySelector("#disclosure-level")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("White", filtered.QuerySelector("select[name='Filter.Ethnicity'] option[selected]")!.GetAttribute("value"));
        Assert.Contains("Select an ethnic group from the list", await (await evaluator.GetAsync("/evaluation" + Query(period, "&Filter.Ethnicity=A"))).ErrorSummaryAsync());

        // The split by ethnic group follows the same disclosure rules as the other splits.
        var all = await Page("");
        Assert.Equal("10", CellText(all, "by-ethnicity", "Asian or Asian British"));
        Assert.Equal("20", CellText(all, "by-ethnicity", "White"));
        Assert.Equal("*", CellText(all, "by-ethnicity", "Not stated"));

        // The engine (and so the --export people.csv) gets the broad group, never the code.
        await using var scope = app.Services.CreateAsyncScope();
        var source = scope.ServiceProvider.GetRequiredService<OneToOne.Evaluation.Engine.IEvaluationDatasetSource>();
        var dataset = await source.LoadAsync(new OneToOne.Evaluation.EvaluationFilter(period.From, period.To, Ethnicity: "Asian or Asian British"), CancellationToken.None);
        Assert.Equal(12, dataset.People.Count);
        Assert.All(dataset.People, p => Assert.Equal("Asian or Asian British", p.Ethnicity));
        var everyone = await source.LoadAsync(new OneToOne.Evaluation.EvaluationFilter(period.From, period.To), CancellationToken.None);
        Assert.Equal(3, everyone.People.Count(p => p.Ethnicity == "Not stated"));
        Assert.Equal(20, everyone.People.Count(p => p.Ethnicity == "White"));
    }

    [Fact]
    public async Task Bad_filters_are_explained_and_unknown_organisations_are_not_found()
    {
        var evaluator = await EvaluatorAsync();
        var response = await evaluator.GetAsync("/evaluation?Filter.From=2041-05-01&Filter.To=2041-04-01");
        Assert.Contains("The 'to' date must be the same as or after the 'from' date", await response.ErrorSummaryAsync());
        response = await evaluator.GetAsync("/evaluation?Filter.Organisation=NOPE1");
        Assert.Contains("Select an organisation from the list", await response.ErrorSummaryAsync());
        response = await evaluator.GetAsync("/evaluation?Filter.Sex=Robot");
        Assert.Contains("Select a sex from the list", await response.ErrorSummaryAsync());
        response = await evaluator.GetAsync($"/evaluation?Filter.Organisation={Ods("A")}&Filter.Compare={Ods("A")}");
        Assert.Contains("Compare with a different organisation from the one you are looking at", await response.ErrorSummaryAsync());
        response = await evaluator.GetAsync("/evaluation?Filter.From=2001-01-01&Filter.To=2041-01-01");
        Assert.Contains("The period must be 10 years or shorter", await response.ErrorSummaryAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await evaluator.GetAsync("/evaluation/organisations/NOPE1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await evaluator.GetAsync("/evaluation/download?format=pdf")).StatusCode);
    }

    [Fact]
    public async Task The_CSV_and_XLSX_downloads_hold_the_same_suppressed_figures_as_the_page()
    {
        var (period, _) = await ArrangeTwoOrganisationsAsync();
        var evaluator = await EvaluatorAsync();

        var csvResponse = await evaluator.GetAsync("/evaluation/download" + Query(period) + "&format=csv");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", csvResponse.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        var csv = (await csvResponse.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Contains("Activity,People with an episode in the period,Value,15", csv);
        var b = $"{app.World.Organisations["B"].Name} ({Ods("B")})";
        Assert.Contains($"Organisations compared,{b},People,*", csv);

        var xlsxResponse = await evaluator.GetAsync("/evaluation/download" + Query(period) + "&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsxResponse.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(await xlsxResponse.Content.ReadAsStreamAsync());
        var activity = XlsxReader.Cells(zip, 1);
        Assert.Equal("Activity", activity["A1"]);
        Assert.Equal("People with an episode in the period", activity["A3"]);
        Assert.Equal("15", activity["B3"]);
        var organisations = XlsxReader.Cells(zip, 2);
        var bRow = organisations.First(c => c.Value == b).Key[1..];
        Assert.Equal("*", organisations["B" + bRow]);

        // One organisation's download is below programme level throughout.
        var bCsv = (await (await evaluator.GetAsync("/evaluation/download" + Query(period, $"&Filter.Organisation={Ods("B")}&Filter.Compare=none") + "&format=csv"))
            .Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Contains("Activity,People with an episode in the period,Value,*", bCsv);
    }

    [Fact]
    public async Task The_printable_report_has_every_section_with_charts_and_tables()
    {
        var (period, _) = await ArrangeTwoOrganisationsAsync();
        var evaluator = await EvaluatorAsync();
        var page = await evaluator.GetPageAsync("/evaluation/report" + Query(period));
        Assert.Contains($"Evaluation report: 1 Jan {period.From.Year} to 31 Dec {period.To.Year}", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        foreach (var id in new[] { "activity", "by-organisation", "escalation-funnel", "outcomes", "experience", "costs", "specialist-time", "cost-effectiveness" })
        {
            Assert.NotNull(page.QuerySelector($"section#{id} table"));
        }

        Assert.Equal("15", CellText(page, "activity", "People with an episode in the period"));
        Assert.NotEmpty(page.QuerySelectorAll("svg[role=img]"));
        Assert.NotNull(page.QuerySelector("link[href='/css/print.css']"));
    }

    [Fact]
    public async Task Cost_effectiveness_compares_with_the_services_earlier_cohort_by_default()
    {
        await EnsureUnitCostsAsync(app);
        var period = NewPeriod();
        var earlier = (period.From.AddYears(-1), period.To.AddYears(-1));
        // The service now: two half-hour contacts (60 each at 40 an hour + half), distress 7 -> 4 (3 points better).
        await ArrangeAsync(app, "A", period, new Arrangement(9));
        // The year before: one half-hour contact (30), distress 7 -> 6 (1 point better).
        await ArrangeAsync(app, "A", earlier, new Arrangement(9, ContactsEach: 1, DistressAfter: 6));
        var evaluator = await EvaluatorAsync();
        var page = await evaluator.GetPageAsync("/evaluation" + Query(period, ""));
        Assert.Equal("9", CellText(page, "cost-effectiveness", "People with both timepoints: intervention"));
        Assert.Equal("9", CellText(page, "cost-effectiveness", "People with both timepoints: comparator"));
        Assert.Equal("60", CellText(page, "cost-effectiveness", "Mean cost per person: intervention (£)"));
        Assert.Equal("30", CellText(page, "cost-effectiveness", "Mean cost per person: comparator (£)"));
        Assert.Equal("30", CellText(page, "cost-effectiveness", "Incremental cost (£)"));
        Assert.Equal("2.00", CellText(page, "cost-effectiveness", "Incremental effect"));
        Assert.Equal("15", CellText(page, "cost-effectiveness", "ICER (£ per point of improvement)"));
        // The earlier cohort is not counted in this period's activity.
        Assert.Equal("9", CellText(page, "activity", "People with an episode in the period"));

        // Another organisation as the comparator: B has nobody in this period, so nothing to compare. "Everyone but B" is not
        // the programme (with the programme total it would give B's figures away), so it is suppressed like any split.
        var other = await evaluator.GetPageAsync("/evaluation" + Query(period, $"&Filter.Compare={Ods("B")}"));
        Assert.Equal("0", CellText(other, "cost-effectiveness", "People with both timepoints: comparator"));
        Assert.Equal("–", CellText(other, "cost-effectiveness", "ICER (£ per point of improvement)"));
        Assert.Equal("10", CellText(other, "activity", "People with an episode in the period"));
    }

    [Fact]
    public async Task Each_view_and_download_is_audited_once_without_personal_data()
    {
        var (period, people) = await ArrangeTwoOrganisationsAsync();
        var evaluator = await EvaluatorAsync();
        await evaluator.GetPageAsync("/evaluation" + Query(period));
        await evaluator.GetAsync("/evaluation/download" + Query(period) + "&format=csv");
        var from = Iso(period.From);
        var events = await app.WithDbAsync(app.World.Org("A"), db => db.AuditEvents.AsNoTracking()
            .Where(e => e.Detail != null && e.Detail.StartsWith(from)).ToListAsync());
        Assert.Single(events, e => e.Action == "evaluation.view");
        Assert.Single(events, e => e.Action == "evaluation.download.csv");
        foreach (var e in events)
        {
            Assert.Null(e.PersonId);
            Assert.Equal(Roles.Evaluator, e.Role);
            Assert.Contains("15 people", e.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain("Qz", e.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain(people[0].NhsNumber, e.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_live_source_gives_the_engine_pseudonyms_and_cohort_fields_only()
    {
        var (period, people) = await ArrangeTwoOrganisationsAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var source = scope.ServiceProvider.GetRequiredService<OneToOne.Evaluation.Engine.IEvaluationDatasetSource>();
        var dataset = await source.LoadAsync(new OneToOne.Evaluation.EvaluationFilter(period.From, period.To), CancellationToken.None);
        Assert.Equal(15, dataset.People.Count);
        Assert.All(dataset.People, p => Assert.Matches("^[A-Z2-7]{16}$", p.PersonKey));
        Assert.DoesNotContain(dataset.People, p => people.Any(x => p.PersonKey.Contains(x.Id.ToString("N")[..6], StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(12, dataset.People.Count(p => p.Organisation == Ods("A")));
        Assert.All(dataset.People, p => Assert.Equal("60-69", p.AgeBand));
        Assert.All(dataset.People, p => Assert.Equal(LiveFilters.LevelText(PathwayLevel.SharedCare), p.PathwayLevel));
        Assert.Equal(27, dataset.Contacts.Count);
        Assert.Equal(15, dataset.Responses.Count(r => r.Instrument == "distress" && r.Timepoint == OneToOne.Evaluation.EvaluationTimepoint.Baseline));
        // A support worker's contact hour: 40 an hour plus half again for non-contact time.
        Assert.Equal(60, dataset.UnitCosts["Support worker"]);
    }
    [Fact]
    public async Task The_evaluate_command_reads_the_live_database_through_the_live_source()
    {
        var (period, _) = await ArrangeTwoOrganisationsAsync();
        await using var scope = app.Services.CreateAsyncScope();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await OneToOne.Evaluation.Engine.EvaluateCommand.RunAsync(scope.ServiceProvider,
            ["--from", Iso(period.From), "--to", Iso(period.To), "--format", "json", "--resamples", "200"], output, error);
        Assert.True(exit == 0, error.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(output.ToString());
        Assert.Equal(15, json.RootElement.GetProperty("interventionPeople").GetInt32());
        Assert.Equal(27, json.RootElement.GetProperty("contacts").GetInt32());
        var distress = json.RootElement.GetProperty("outcomes").EnumerateArray()
            .Single(o => o.GetProperty("instrument").GetString() == "distress" && o.GetProperty("to").GetString() == "followup");
        Assert.Equal(15, distress.GetProperty("pairs").GetInt32());
        Assert.Equal(-2.6, distress.GetProperty("meanChange").GetDouble(), 9);

        // The command builds the engine's frame straight from the database; with --export it goes through the dataset, and
        // `evaluate --dataset` reads the export back: all three give the same output, byte for byte.
        var export = Directory.CreateTempSubdirectory("o2o-live-export-").FullName;
        try
        {
            using var viaDataset = new StringWriter();
            exit = await OneToOne.Evaluation.Engine.EvaluateCommand.RunAsync(scope.ServiceProvider,
                ["--from", Iso(period.From), "--to", Iso(period.To), "--format", "json", "--resamples", "200", "--export", export], viaDataset, error);
            Assert.True(exit == 0, error.ToString());
            using var viaFiles = new StringWriter();
            exit = await OneToOne.Evaluation.Engine.EvaluateCommand.RunAsync(scope.ServiceProvider,
                ["--dataset", export, "--format", "json", "--resamples", "200"], viaFiles, error);
            Assert.True(exit == 0, error.ToString());
            Assert.Equal(output.ToString(), viaDataset.ToString());
            Assert.Equal(output.ToString(), viaFiles.ToString());
        }
        finally
        {
            Directory.Delete(export, recursive: true);
        }
    }

    [Fact]
    public async Task A_role_without_a_unit_cost_is_reported_on_the_dashboard_and_refused_by_the_command()
    {
        var (period, _) = await ArrangeTwoOrganisationsAsync();
        var role = "Uncosted role " + Guid.NewGuid().ToString("N")[..6];
        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            var staffRole = new OneToOne.Workforce.StaffRole { Name = role, Band = 5, SignInRole = Roles.SupportWorker, MayCarrySelfManagement = true };
            var member = new OneToOne.Workforce.StaffMember { StaffRoleId = staffRole.Id, DisplayName = "Uncosted worker", Email = role.Replace(" ", "", StringComparison.Ordinal) + "@a.test" };
            var person = await db.Referrals.Where(r => r.ReceivedOn == period.From.AddDays(10)).Select(r => new { r.PersonId, r.Id }).FirstAsync();
            db.AddRange(staffRole, member, new OneToOne.Contacts.Contact
            {
                PersonId = person.PersonId, ReferralId = person.Id, StaffMemberId = member.Id, OccurredAt = new DateTimeOffset(period.From.AddDays(40).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero),
                Mode = OneToOne.Contacts.ContactMode.Phone, DurationMinutes = 90, Outcome = "Talked", CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        });

        var evaluator = await EvaluatorAsync();
        var page = await evaluator.GetPageAsync("/evaluation" + Query(period));
        Assert.Contains(role, page.QuerySelector(".nhsuk-warning-callout")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1.5", CellText(page, "costs", "Contact hours with no unit cost"));
        Assert.Equal("900", CellText(page, "costs", "Cost of contacts (£)")); // the costed contacts are still costed
        Assert.Equal("28", CellText(page, "activity", "Contacts"));          // and every contact is still counted

        await using var scope = app.Services.CreateAsyncScope();
        using var error = new StringWriter();
        var exit = await OneToOne.Evaluation.Engine.EvaluateCommand.RunAsync(scope.ServiceProvider,
            ["--from", Iso(period.From), "--to", Iso(period.To), "--format", "json"], new StringWriter(), error);
        Assert.Equal(OneToOne.Evaluation.Engine.EvaluateCommand.BadData, exit);
        Assert.Contains(role, error.ToString(), StringComparison.Ordinal);

        // The frame straight from the database and the dataset (the --export path) refuse it with the same report.
        using var viaDataset = new StringWriter();
        var export = Path.Combine(Path.GetTempPath(), "o2o-refused-" + Guid.NewGuid().ToString("N"));
        exit = await OneToOne.Evaluation.Engine.EvaluateCommand.RunAsync(scope.ServiceProvider,
            ["--from", Iso(period.From), "--to", Iso(period.To), "--format", "json", "--export", export], new StringWriter(), viaDataset);
        Assert.Equal(OneToOne.Evaluation.Engine.EvaluateCommand.BadData, exit);
        Assert.Equal(error.ToString(), viaDataset.ToString());
        Assert.False(Directory.Exists(export)); // nothing is exported from refused data
    }
}

public sealed class LiveEvaluationOnSqlite(SqliteApp app) : LiveEvaluationTests(app), IClassFixture<SqliteApp>;

public sealed class LiveEvaluationOnPostgres(PostgresApp app) : LiveEvaluationTests(app), IClassFixture<PostgresApp>;
