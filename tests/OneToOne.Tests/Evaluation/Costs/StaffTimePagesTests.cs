using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using OneToOne.Evaluation.Costs;
using OneToOne.Platform.Auth;
using OneToOne.Tests.Allocation;
using OneToOne.Tests.Infrastructure;

namespace OneToOne.Tests.Evaluation.Costs;

/// <summary>Staff time at /team/staff-time: a team lead records each team member's days worked and lost in a month.
/// Each test uses a month of its own (the class shares one database).</summary>
public abstract class StaffTimePagesTests(EvaluationCostsApp app)
{
    private Guid OrgA => app.World.Org("A");

    private Guid Worker => app.World.Account("A", Roles.SupportWorker).StaffId!.Value;

    private Guid Nurse => app.World.Account("A", Roles.RegisteredPractitioner).StaffId!.Value;

    private static string Url(string month) => "/team/staff-time?month=" + month;

    private Task<HttpClient> LeadAsync() => app.SignInAsync("A", Roles.TeamLead);

    /// <summary>The row index the page gives a staff member.</summary>
    private static int RowOf(IHtmlDocument page, Guid staffId) =>
        page.QuerySelectorAll("#staff-time input[name$='.StaffMemberId']").Select((e, i) => (e.GetAttribute("value"), i))
            .Single(x => Guid.Parse(x.Item1!) == staffId).i;

    private static Dictionary<string, string> Row(int i, string worked, string lost = "", string reason = "") => new()
    {
        [$"Rows[{i}].DaysWorked"] = worked,
        [$"Rows[{i}].DaysLost"] = lost,
        [$"Rows[{i}].LostReason"] = reason,
    };

    private static Dictionary<string, string> Merge(params Dictionary<string, string>[] parts) =>
        parts.SelectMany(p => p).ToDictionary(p => p.Key, p => p.Value);

    private Task<List<StaffTimeRecord>> RecordsAsync(DateOnly month, Guid? org = null) =>
        app.WithDbAsync(org ?? OrgA, db => db.Set<StaffTimeRecord>().AsNoTracking().Where(r => r.Month == month).ToListAsync());

    /// <summary>The fields the staff time form would post now (hidden versions included), to post later as a stale page.</summary>
    private static Dictionary<string, string> Fields(IHtmlDocument page)
    {
        var form = (IHtmlFormElement)page.QuerySelector("#staff-time")!;
        var fields = form.Elements.OfType<IHtmlInputElement>().Where(i => !string.IsNullOrEmpty(i.Name)).ToDictionary(i => i.Name!, i => i.Value ?? "");
        foreach (var select in form.Elements.OfType<IHtmlSelectElement>())
        {
            fields[select.Name!] = select.Value ?? "";
        }

        return fields;
    }

    [Fact]
    public async Task The_team_lead_records_a_month_for_each_team_member_and_changes_it_later()
    {
        var lead = await LeadAsync();
        var url = Url("2026-01");
        var page = await lead.GetPageAsync(url);
        Assert.Equal("Staff time: January 2026", page.QuerySelector("h1")!.TextContent.Trim());
        var names = page.QuerySelectorAll("#staff-time tbody th").Select(t => t.TextContent).ToList();
        Assert.Contains(names, n => n.Contains("SupportWorker A", StringComparison.Ordinal) && n.Contains("Support worker", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("Polish Speaker A", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.Contains(" B", StringComparison.Ordinal));
        Assert.NotNull(page.QuerySelector("label[for='Rows_0__DaysWorked']"));

        var (w, n) = (RowOf(page, Worker), RowOf(page, Nurse));
        var saved = await lead.SubmitFormAsync(url, Merge(Row(w, "18.5", "2", "Sickness"), Row(n, "20")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(url, saved.Headers.Location!.OriginalString);
        var records = await RecordsAsync(new DateOnly(2026, 1, 1));
        Assert.Equal(2, records.Count);
        var worker = records.Single(r => r.StaffMemberId == Worker);
        Assert.Equal((18.5m, 2m, "Sickness"), (worker.DaysWorked, worker.DaysLost, worker.LostReason));
        var nurse = records.Single(r => r.StaffMemberId == Nurse);
        Assert.Equal((20m, 0m, (string?)null), (nurse.DaysWorked, nurse.DaysLost, nurse.LostReason));
        var audits = await app.WithDbAsync(OrgA, db => db.AuditEvents.AsNoTracking().Where(e => e.Action == "staff-time.record" && e.EntityId == Worker.ToString()).ToListAsync());
        Assert.Contains(audits, a => a.Detail == "2026-01: 18.5 days worked, 2 lost (Sickness)");

        var shown = await lead.GetPageAsync(url);
        Assert.Equal("18.5", shown.QuerySelector($"input[name='Rows[{w}].DaysWorked']")!.GetAttribute("value"));
        Assert.Equal("Sickness", ((IHtmlSelectElement)shown.QuerySelector($"select[name='Rows[{w}].LostReason']")!).Value);

        var changed = await lead.SubmitFormAsync(url, Row(w, "19", "1.5", "Training"));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var again = (await RecordsAsync(new DateOnly(2026, 1, 1))).Single(r => r.StaffMemberId == Worker);
        Assert.Equal((19m, 1.5m, "Training"), (again.DaysWorked, again.DaysLost, again.LostReason));
        Assert.Equal(worker.Id, again.Id);
        Assert.NotEqual(worker.Version, again.Version);

        // Clearing a row removes that month's record.
        await lead.SubmitFormAsync(url, Row(n, ""));
        Assert.DoesNotContain(await RecordsAsync(new DateOnly(2026, 1, 1)), r => r.StaffMemberId == Nurse);
    }

    [Fact]
    public async Task Bad_days_are_refused_naming_the_staff_member_and_nothing_is_stored()
    {
        var lead = await LeadAsync();
        var url = Url("2026-02");
        var page = await lead.GetPageAsync(url);
        var (w, n) = (RowOf(page, Worker), RowOf(page, Nurse));
        var response = await lead.SubmitFormAsync(url, Merge(Row(w, "20", "10", "Sickness"), Row(n, "29")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            ["Days RegisteredPractitioner A worked must be between 0 and 28", "Days worked and lost by SupportWorker A add up to more than the 28 days in February 2026"],
            await response.ErrorSummaryAsync());
        var html = await response.ParseAsync();
        Assert.Equal($"#Rows_{n}__DaysWorked", html.QuerySelector(".nhsuk-error-summary__list a")!.GetAttribute("href"));
        Assert.NotNull(html.QuerySelector($"#Rows_{n}__DaysWorked-error"));
        Assert.Equal("29", html.QuerySelector($"input[name='Rows[{n}].DaysWorked']")!.GetAttribute("value"));

        var noReason = await lead.SubmitFormAsync(url, Merge(Row(w, "18", "2"), Row(n, "")));
        Assert.Equal(["Select why SupportWorker A lost days"], await noReason.ErrorSummaryAsync());
        Assert.Empty(await RecordsAsync(new DateOnly(2026, 2, 1)));
    }

    [Fact]
    public async Task A_month_changed_by_someone_else_meanwhile_is_not_overwritten()
    {
        var lead = await LeadAsync();
        var url = Url("2026-03");
        var first = await lead.GetPageAsync(url);
        var w = RowOf(first, Worker);
        await lead.SubmitFormAsync(url, Row(w, "15"));

        // A page loaded before that save has no version for the row: its save would overwrite, so it is refused.
        var stale = Fields(first);
        stale[$"Rows[{w}].DaysWorked"] = "21";
        var refused = await lead.PostAsync(url, new FormUrlEncodedContent(stale));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(StaffTimeModelMessages.Conflict, (await refused.ParseAsync()).QuerySelector(".nhsuk-error-summary")!.TextContent, StringComparison.Ordinal);

        // Likewise a page holding an older version of the record.
        var second = await lead.GetPageAsync(url);
        await lead.SubmitFormAsync(url, Row(w, "16"));
        var older = Fields(second);
        older[$"Rows[{w}].DaysWorked"] = "22";
        var refusedAgain = await lead.PostAsync(url, new FormUrlEncodedContent(older));
        Assert.Contains(StaffTimeModelMessages.Conflict, (await refusedAgain.ParseAsync()).QuerySelector(".nhsuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(16m, (await RecordsAsync(new DateOnly(2026, 3, 1))).Single(r => r.StaffMemberId == Worker).DaysWorked);
    }

    [Fact]
    public async Task Another_organisation_s_or_another_team_s_staff_member_is_not_found()
    {
        var lead = await LeadAsync();
        var url = Url("2026-04");
        var otherTeam = await app.WithDbAsync(OrgA, async db =>
        {
            var team = new OneToOne.Workforce.Team { Name = "Other team " + Guid.NewGuid().ToString("N")[..6] };
            db.Teams.Add(team);
            await db.SaveChangesAsync();
            return team.Id;
        });
        var elsewhere = await Arrange.StaffAsync(app, "A", "Support worker", "Elsewhere Worker", s => s.TeamId = otherTeam);
        var page = await lead.GetPageAsync(url);
        Assert.DoesNotContain("Elsewhere Worker", page.Body!.TextContent, StringComparison.Ordinal);

        var fields = Fields(page);
        var w = RowOf(page, Worker);
        foreach (var intruder in new[] { app.World.Account("B", Roles.SupportWorker).StaffId!.Value, elsewhere.Id })
        {
            var forged = new Dictionary<string, string>(fields)
            {
                [$"Rows[{w}].StaffMemberId"] = intruder.ToString(),
                [$"Rows[{w}].DaysWorked"] = "20",
            };
            Assert.Equal(HttpStatusCode.NotFound, (await lead.PostAsync(url, new FormUrlEncodedContent(forged))).StatusCode);
        }

        Assert.Empty(await RecordsAsync(new DateOnly(2026, 4, 1)));
        Assert.Empty(await RecordsAsync(new DateOnly(2026, 4, 1), app.World.Org("B")));
    }

    [Theory]
    [InlineData(Roles.SupportWorker)]
    [InlineData(Roles.RegisteredPractitioner)]
    [InlineData(Roles.Evaluator)]
    [InlineData(Roles.Administrator)]
    public async Task Only_team_leads_record_staff_time(string role)
    {
        var client = await app.SignInAsync("A", role);
        var response = await client.GetAsync(Url("2026-05"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var token = (await (await client.GetAsync("/account/access-denied")).ParseAsync()).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var posted = await client.PostAsync(Url("2026-05"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Rows[0].StaffMemberId"] = Worker.ToString(), ["Rows[0].DaysWorked"] = "20",
        }));
        Assert.NotEqual(HttpStatusCode.OK, posted.StatusCode);
        Assert.Empty(await RecordsAsync(new DateOnly(2026, 5, 1)));
    }

    [Fact]
    public async Task A_month_that_has_not_started_or_is_not_a_month_cannot_be_recorded()
    {
        var lead = await LeadAsync();
        var future = await lead.GetPageAsync(Url("2027-02"));
        Assert.Equal("You cannot record time for a month that has not started", future.QuerySelector(".nhsuk-error-summary__list a")!.TextContent.Trim());
        Assert.Null(future.QuerySelector("#staff-time"));
        var nonsense = await lead.GetPageAsync(Url("last-month"));
        Assert.Equal("Select a month from the list", nonsense.QuerySelector(".nhsuk-error-summary__list a")!.TextContent.Trim());

        // This month is the default, and the picker offers the last two years.
        var current = await lead.GetPageAsync("/team/staff-time");
        Assert.Equal("Staff time: January 2027", current.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(StaffTimeModelMessages.MonthsShown, current.QuerySelectorAll("#Month option").Length);

        var token = current.QuerySelector("#staff-time input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var posted = await lead.PostAsync(Url("2027-02"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Month"] = "2027-02", ["Rows[0].StaffMemberId"] = Worker.ToString(), ["Rows[0].DaysWorked"] = "20",
        }));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Empty(await RecordsAsync(new DateOnly(2027, 2, 1)));
    }

    [Fact]
    public async Task A_team_lead_who_is_in_no_team_is_told_so()
    {
        var leadStaff = app.World.Account("A", Roles.TeamLead).StaffId!.Value;
        var team = app.World.Teams["A"].Id;
        await app.WithDbAsync(OrgA, db => db.Staff.Where(s => s.Id == leadStaff).ExecuteUpdateAsync(u => u.SetProperty(s => s.TeamId, (Guid?)null)));
        try
        {
            var page = await (await LeadAsync()).GetPageAsync(Url("2026-06"));
            Assert.NotNull(page.QuerySelector("#no-team"));
            Assert.Null(page.QuerySelector("#staff-time"));
        }
        finally
        {
            await app.WithDbAsync(OrgA, db => db.Staff.Where(s => s.Id == leadStaff).ExecuteUpdateAsync(u => u.SetProperty(s => s.TeamId, team)));
        }
    }
}

/// <summary>The page's messages and limits, visible to the tests.</summary>
internal static class StaffTimeModelMessages
{
    public const string Conflict = OneToOne.Evaluation.Costs.Pages.StaffTimeModel.ConflictMessage;
    public const int MonthsShown = OneToOne.Evaluation.Costs.Pages.StaffTimeModel.MonthsShown;
}

public sealed class StaffTimePagesOnSqlite(EvaluationCostsSqliteApp app) : StaffTimePagesTests(app), IClassFixture<EvaluationCostsSqliteApp>;

public sealed class StaffTimePagesOnPostgres(EvaluationCostsPostgresApp app) : StaffTimePagesTests(app), IClassFixture<EvaluationCostsPostgresApp>;
