using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.Evaluation.Costs;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Tests.Infrastructure;

namespace OneToOne.Tests.Evaluation.Costs;

/// <summary>Unit costs under /admin/unit-costs: programme reference data only administrators change, effective-dated
/// (a new rate for a role ends the previous one the day before), loaded one by one or as a CSV table all or nothing.</summary>
public abstract class UnitCostPagesTests(EvaluationCostsApp app)
{
    private static readonly DateOnly April2025 = new(2025, 4, 1);
    private static readonly DateOnly April2026 = new(2026, 4, 1);

    private Task<HttpClient> AdminAsync() => app.SignInAsync("A", Roles.Administrator);

    private Task<List<UnitCost>> RatesAsync(string role) =>
        app.WithDbAsync(null, db => db.Set<UnitCost>().AsNoTracking().Where(u => u.StaffRole == role).OrderBy(u => u.EffectiveFrom).ToListAsync());

    private Task<List<AuditEvent>> AuditAsync(string action) =>
        app.WithDbAsync(app.World.Org("A"), db => db.AuditEvents.AsNoTracking().Where(e => e.Action == action).ToListAsync());

    [Fact]
    public async Task An_administrator_adds_a_rate_and_a_later_one_ends_it_the_day_before()
    {
        var role = await CostsKit.NewRoleAsync(app);
        var admin = await AdminAsync();
        var first = await admin.SubmitFormAsync("/admin/unit-costs/new", CostsKit.RateForm(role, "36.50", April2025, band: "4", source: "PSSRU 2024, table 9.1"));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/admin/unit-costs", first.Headers.Location!.OriginalString);
        var second = await admin.SubmitFormAsync("/admin/unit-costs/new", CostsKit.RateForm(role, "38", April2026, band: "4"));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);

        var rates = await RatesAsync(role);
        Assert.Equal(
            [(April2025, (DateOnly?)new DateOnly(2026, 3, 31), 36.50m, (int?)4, "PSSRU 2024, table 9.1"), (April2026, null, 38.00m, 4, null)],
            rates.Select(r => (r.EffectiveFrom, r.EffectiveTo, r.CostPerHour, r.Band, r.Source)));
        Assert.All(rates, r => Assert.Equal("Administrator A", r.LoadedBy));
        Assert.Equal(2, (await AuditAsync("unit-costs.add")).Count(e => e.Detail!.Contains(role, StringComparison.Ordinal)));

        // On 6 January 2027 the 2026 rate is current and the 2025 one is past.
        var page = await admin.GetPageAsync("/admin/unit-costs");
        Assert.Contains(page.QuerySelectorAll("#current-rates tbody tr"), r => r.TextContent.Contains(role, StringComparison.Ordinal) && r.TextContent.Contains("£38.00", StringComparison.Ordinal));
        Assert.Contains(page.QuerySelectorAll("#past-rates tbody tr"), r => r.TextContent.Contains(role, StringComparison.Ordinal) && r.TextContent.Contains("£36.50", StringComparison.Ordinal));
        Assert.DoesNotContain(page.QuerySelectorAll("#current-rates tbody tr"), r => r.TextContent.Contains("£36.50", StringComparison.Ordinal) && r.TextContent.Contains(role, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_backdated_rate_fits_between_the_earlier_and_the_later_ones()
    {
        var role = await CostsKit.NewRoleAsync(app);
        var admin = await AdminAsync();
        await admin.SubmitFormAsync("/admin/unit-costs/new", CostsKit.RateForm(role, "30", new DateOnly(2024, 4, 1)));
        await admin.SubmitFormAsync("/admin/unit-costs/new", CostsKit.RateForm(role, "34", April2026));
        await admin.SubmitFormAsync("/admin/unit-costs/new", CostsKit.RateForm(role, "32", April2025));
        Assert.Equal(
            [(new DateOnly(2024, 4, 1), (DateOnly?)new DateOnly(2025, 3, 31)), (April2025, new DateOnly(2026, 3, 31)), (April2026, null)],
            (await RatesAsync(role)).Select(r => (r.EffectiveFrom, r.EffectiveTo)));
    }

    [Fact]
    public async Task The_add_form_refuses_bad_values_and_a_second_rate_from_the_same_day_and_stores_nothing()
    {
        var role = await CostsKit.NewRoleAsync(app);
        var admin = await AdminAsync();
        var bad = await admin.SubmitFormAsync("/admin/unit-costs/new", CostsKit.RateForm("", "0", April2025, band: "12", source: new string('s', 201)));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Equal(
            ["Enter the staff role", "Band must be a whole number from 1 to 9, or blank", "Cost per hour must be between £0.01 and £9,999.99", "Source must be 200 characters or fewer"],
            await bad.ErrorSummaryAsync());
        var noDate = await admin.SubmitFormAsync("/admin/unit-costs/new", new(CostsKit.RateForm(role, "40.123", April2025))
        {
            ["Input.EffectiveFrom.Day"] = "", ["Input.EffectiveFrom.Month"] = "", ["Input.EffectiveFrom.Year"] = "",
        });
        Assert.Equal(["Cost per hour must have no more than 2 decimal places", "Enter the date the rate takes effect"], await noDate.ErrorSummaryAsync());
        Assert.Empty(await RatesAsync(role));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync("/admin/unit-costs/new", CostsKit.RateForm(role, "40", April2025))).StatusCode);
        var again = await admin.SubmitFormAsync("/admin/unit-costs/new", CostsKit.RateForm(role, "41", April2025));
        Assert.Equal([$"There is already a rate for {role} from 2025-04-01: to change it, add a rate from a later date"], await again.ErrorSummaryAsync());
        Assert.Equal(40m, Assert.Single(await RatesAsync(role)).CostPerHour);
    }

    [Fact]
    public async Task A_csv_table_is_added_in_one_go_closing_each_role_s_previous_rate()
    {
        var (one, two) = (await CostsKit.NewRoleAsync(app), await CostsKit.NewRoleAsync(app));
        var admin = await AdminAsync();
        await admin.SubmitFormAsync("/admin/unit-costs/new", CostsKit.RateForm(one, "30", April2025));
        var csv = "\uFEFFstaff_role,band,cost_per_hour,effective_from,source\r\n"
            + $"{one},4,31.25,2026-04-01,\"PSSRU 2025, table 9.1\"\r\n"
            + $"{two.ToUpperInvariant()},,£58.00,2026-04-01,\r\n"
            + ",,,,\r\n";
        var response = await CostsKit.UploadAsync(admin, csv);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await admin.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("2 rates added; 1 earlier rate now ends the day before the new one", page.Body!.TextContent, StringComparison.Ordinal);

        Assert.Equal([(April2025, (DateOnly?)new DateOnly(2026, 3, 31), 30m), (April2026, null, 31.25m)],
            (await RatesAsync(one)).Select(r => (r.EffectiveFrom, r.EffectiveTo, r.CostPerHour)));
        var added = Assert.Single(await RatesAsync(two));
        Assert.Equal((two, (int?)null, 58m, (string?)null), (added.StaffRole, added.Band, added.CostPerHour, added.Source));
        Assert.Contains(await AuditAsync("unit-costs.upload"), e => e.Detail!.Contains(one, StringComparison.Ordinal) && e.Detail.Contains("1 earlier rates closed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_csv_with_bad_rows_stores_nothing_and_names_every_bad_row()
    {
        var (one, two) = (await CostsKit.NewRoleAsync(app), await CostsKit.NewRoleAsync(app));
        var admin = await AdminAsync();
        await admin.SubmitFormAsync("/admin/unit-costs/new", CostsKit.RateForm(two, "50", April2025));
        var csv = "staff_role,band,cost_per_hour,effective_from,source\n"
            + $"{one},4,31.25,2026-04-01,good row\n"
            + $"{one},4,thirty,2026-04-01,\n"
            + "Chief wizard,4,31,2026-04-01,\n"
            + $"{one},4,32,2026-04-01,\n"
            + $"{two},7,51,2025-04-01,\n"
            + $"{one},4,33,01/04/2027,\n"
            + $"{one},4\n";
        var response = await CostsKit.UploadAsync(admin, csv);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["The file has problems in 6 rows, listed below: nothing was added. Fix them and upload the whole file again."], await response.ErrorSummaryAsync());
        var rows = (await response.ParseAsync()).QuerySelectorAll("#upload-errors tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(["3", "cost_per_hour", "Cost per hour must be a number of pounds, like 42.50"], rows[0]);
        Assert.Equal("4", rows[1][0]);
        Assert.StartsWith("\"Chief wizard\" is not a staff role", rows[1][2], StringComparison.Ordinal);
        Assert.Equal(["5", "effective_from", $"Row 2 already gives a rate for {one} from 2026-04-01: give each role one rate per date"], rows[2]);
        Assert.Equal(["6", "effective_from", $"There is already a rate for {two} from 2025-04-01: to change it, add a rate from a later date"], rows[3]);
        Assert.Equal(["7", "effective_from", "The date the rate takes effect must be a real date like 2025-04-01"], rows[4]);
        Assert.Equal(["8", "Whole row", "This row has 2 values but the header has 5 columns"], rows[5]);

        // Nothing half-stored: not even the good row 2.
        Assert.Empty(await RatesAsync(one));
        Assert.Equal(50m, Assert.Single(await RatesAsync(two)).CostPerHour);
    }

    [Theory]
    [InlineData("", "The file is empty")]
    [InlineData("staff_role,cost_per_hour\nSupport worker,30\n", "The header row (row 1) does not match the template (missing columns: effective_from)")]
    [InlineData("staff_role,cost_per_hour,effective_from,grade\nSupport worker,30,2026-04-01,x\n", "The header row (row 1) does not match the template (unknown columns: grade)")]
    [InlineData("staff_role,cost_per_hour,effective_from,effective_from\n", "The header row (row 1) does not match the template (a column appears twice)")]
    [InlineData("staff_role,cost_per_hour,effective_from\n", "The file has no rates below its header row")]
    public async Task A_file_that_is_not_a_table_of_rates_is_refused(string csv, string message)
    {
        var admin = await AdminAsync();
        var before = await app.WithDbAsync(null, db => db.Set<UnitCost>().CountAsync());
        var response = await CostsKit.UploadAsync(admin, csv);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([message], await response.ErrorSummaryAsync());
        Assert.Equal(before, await app.WithDbAsync(null, db => db.Set<UnitCost>().CountAsync()));
    }

    [Fact]
    public async Task Uploading_with_no_file_asks_for_one_and_the_template_downloads()
    {
        var admin = await AdminAsync();
        var response = await admin.SubmitFormAsync("/admin/unit-costs/upload", []);
        Assert.Equal(["Select a CSV file"], await response.ErrorSummaryAsync());
        var template = await admin.GetAsync("/admin/unit-costs/upload?handler=template");
        Assert.Equal("text/csv", template.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("staff_role,band,cost_per_hour,effective_from,source\r\n", await template.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_shows_the_configured_non_contact_ratio_read_only_and_roles_with_no_rate()
    {
        var role = await CostsKit.NewRoleAsync(app);
        var page = await (await AdminAsync()).GetPageAsync("/admin/unit-costs");
        Assert.Contains("0.75 hours", page.QuerySelector("#ratio")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(role, page.QuerySelector("#roles-without-rate")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("#ratio input"));
        var index = await (await AdminAsync()).GetPageAsync("/admin");
        Assert.NotNull(index.QuerySelector("a.nhsuk-card__link[href='/admin/unit-costs']"));
    }

    [Theory]
    [InlineData(Roles.SupportWorker)]
    [InlineData(Roles.RegisteredPractitioner)]
    [InlineData(Roles.TeamLead)]
    [InlineData(Roles.Evaluator)]
    public async Task Only_administrators_reach_unit_costs(string role)
    {
        var name = await CostsKit.NewRoleAsync(app);
        var client = await app.SignInAsync("A", role);
        foreach (var path in new[] { "/admin/unit-costs", "/admin/unit-costs/new", "/admin/unit-costs/upload", "/admin/unit-costs/upload?handler=template" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/access-denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        // A forged post (with an antiforgery token from a page the role can reach) adds nothing.
        var page = await (await client.GetAsync("/account/access-denied")).ParseAsync();
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        var form = CostsKit.RateForm(name, "40", April2025);
        form["__RequestVerificationToken"] = token;
        var posted = await client.PostAsync("/admin/unit-costs/new", new FormUrlEncodedContent(form));
        Assert.NotEqual(HttpStatusCode.OK, posted.StatusCode);
        Assert.Empty(await RatesAsync(name));
    }

    [Fact]
    public async Task The_rate_service_gives_each_role_s_rate_on_a_day()
    {
        var role = await CostsKit.NewRoleAsync(app);
        var admin = await AdminAsync();
        await admin.SubmitFormAsync("/admin/unit-costs/new", CostsKit.RateForm(role, "30", April2025));
        await admin.SubmitFormAsync("/admin/unit-costs/new", CostsKit.RateForm(role, "33", April2026));
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActFor(app.World.Org("A"));
        var costs = scope.ServiceProvider.GetRequiredService<UnitCosts>();
        Assert.Null(await costs.RateAsync(role, April2025.AddDays(-1), default));
        Assert.Equal(30m, (await costs.RateAsync(role, April2025, default))!.CostPerHour);
        Assert.Equal(30m, (await costs.RateAsync(role, new DateOnly(2026, 3, 31), default))!.CostPerHour);
        Assert.Equal(33m, (await costs.RateAsync(role, April2026, default))!.CostPerHour);
        Assert.Equal(33m, (await costs.RatesAsync(new DateOnly(2030, 1, 1), default))[role]);
        Assert.False((await costs.RatesAsync(new DateOnly(2025, 3, 31), default)).ContainsKey(role));
        Assert.Equal(30m, (await costs.RatesAsync(new DateOnly(2025, 12, 25), default))[role]);
    }
}

public sealed class UnitCostPagesOnSqlite(EvaluationCostsSqliteApp app) : UnitCostPagesTests(app), IClassFixture<EvaluationCostsSqliteApp>;

public sealed class UnitCostPagesOnPostgres(EvaluationCostsPostgresApp app) : UnitCostPagesTests(app), IClassFixture<EvaluationCostsPostgresApp>;

/// <summary>The illustrative demo rates, on a database of their own (the unit cost table is programme-wide).</summary>
public abstract class UnitCostDefaultsTests(OneToOneApp app)
{
    [Fact]
    public async Task Illustrative_rates_are_seeded_once_for_the_four_default_roles_and_say_so()
    {
        await app.WithDbAsync(null, db => UnitCostDefaults.EnsureDefaultsAsync(db, default));
        await app.WithDbAsync(null, db => UnitCostDefaults.EnsureDefaultsAsync(db, default));
        var rates = await app.WithDbAsync(null, db => db.Set<UnitCost>().AsNoTracking().ToListAsync());
        Assert.Equal(["Clinical nurse specialist", "Community specialist practitioner", "Complex case manager", "Support worker"],
            rates.Select(r => r.StaffRole).Order(StringComparer.Ordinal));
        Assert.All(rates, r => Assert.Contains("Illustrative", r.Source, StringComparison.Ordinal));
        Assert.All(rates, r => Assert.Equal((UnitCostDefaults.EffectiveFrom, (DateOnly?)null), (r.EffectiveFrom, r.EffectiveTo)));
    }
}

public sealed class UnitCostDefaultsOnSqlite(SqliteApp app) : UnitCostDefaultsTests(app), IClassFixture<SqliteApp>;

public sealed class UnitCostDefaultsOnPostgres(PostgresApp app) : UnitCostDefaultsTests(app), IClassFixture<PostgresApp>;
