using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Time;
using OneToOne.Referrals;
using OneToOne.Tests.Allocation;
using OneToOne.Tests.Infrastructure;
using OneToOne.Worklists;

namespace OneToOne.Tests.Worklists;

public abstract class CaseloadTests(OneToOneApp app)
{
    [Fact]
    public async Task The_caseload_shows_each_allocated_person_with_flags_and_next_step_due_overdue_first()
    {
        var worker = await Arrange.StaffAsync(app, "A", "Support worker", Arrange.Unique("Caseload Worker"), s => s.CaseloadCapacity = 10);
        var allocatedAt = DateTimeOffset.UtcNow.AddDays(-30);
        var overduePerson = await Arrange.PersonAsync(app, "A", p =>
        {
            p.InterpreterNeeded = true;
            p.PreferredLanguage = "polish";
            p.AccessibilityNeeds = "Uses a wheelchair";
        });
        var overdue = await Arrange.ReferralAsync(app, "A", overduePerson.Id, ReferralStatus.Allocated, PathwayLevel.SupportedSelfManagement, worker.Id, r =>
        {
            r.AllocatedAt = allocatedAt;
            r.Urgency = ReferralUrgency.Urgent;
            r.ReceivedOn = UkTime.Today(TimeProvider.System).AddDays(-42);
        });
        var freshPerson = await Arrange.PersonAsync(app, "A");
        var fresh = await Arrange.ReferralAsync(app, "A", freshPerson.Id, ReferralStatus.Allocated, PathwayLevel.SharedCare, worker.Id);
        var activePerson = await Arrange.PersonAsync(app, "A");
        var active = await Arrange.ReferralAsync(app, "A", activePerson.Id, ReferralStatus.Active, PathwayLevel.ComplexCaseManagement, worker.Id);
        var dischargedPerson = await Arrange.PersonAsync(app, "A");
        await Arrange.ReferralAsync(app, "A", dischargedPerson.Id, ReferralStatus.Discharged, PathwayLevel.SupportedSelfManagement, worker.Id);
        var lead = await app.SignInAsync("A", Roles.TeamLead);

        var page = await lead.GetPageAsync($"/caseload/{worker.Id}");

        Assert.Equal("6 of 10 units used", page.QuerySelector("#capacity-summary")!.TextContent.Split('\n')[0].Trim());
        var rows = page.QuerySelectorAll("#caseload tbody tr").ToList();
        Assert.Equal([overdue.Id.ToString(), fresh.Id.ToString(), active.Id.ToString()], rows.Select(r => r.GetAttribute("data-referral-id")));
        var calendar = app.Services.GetRequiredService<WorkingDayCalendar>();
        var due = CaseloadRules.FirstContactDue(allocatedAt, 10, calendar);
        Assert.Contains($"First contact due by {UkTime.Format(due)}", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Overdue", rows[0].QuerySelector(".next-step")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Interpreter needed", "Urgent referral", "Overdue first contact", "Accessibility needs"],
            rows[0].QuerySelectorAll(".flags li").Select(li => li.TextContent.Trim()));
        Assert.Contains("6 weeks", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains(OneToOne.People.NhsNumber.Format(overduePerson.NhsNumber), rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal($"/referrals/{overdue.Id}", rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Empty(rows[1].QuerySelectorAll(".flags li"));
        Assert.DoesNotContain("Overdue", rows[1].QuerySelector(".next-step")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("No step scheduled", rows[2].TextContent, StringComparison.Ordinal);
        await app.WithDbAsync(app.World.Org("A"), async db =>
            Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "caseload.view" && a.EntityId == worker.Id.ToString() && a.Detail == "3 people")));
    }

    [Fact]
    public async Task A_support_worker_sees_their_own_caseload_but_not_a_colleagues()
    {
        var me = app.World.Account("A", Roles.SupportWorker);
        var person = await Arrange.PersonAsync(app, "A");
        var referral = await Arrange.ReferralAsync(app, "A", person.Id, ReferralStatus.Allocated, PathwayLevel.SupportedSelfManagement, me.StaffId);
        var client = await app.SignInAsync("A", Roles.SupportWorker);

        var page = await client.GetPageAsync("/caseload");
        Assert.NotNull(page.QuerySelector($"#caseload tr[data-referral-id='{referral.Id}']"));
        Assert.Equal("Your caseload", page.QuerySelector("h1")!.TextContent);

        // Like the platform's forbidden record routes: 404, so the answer never confirms the record.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/caseload/{app.World.ExtraWorkers["A"][0].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/staff/{app.World.ExtraWorkers["A"][0].Id}/caseload")).StatusCode);

        var api = await client.GetFromJsonAsync<JsonElement>("/api/v1/caseload");
        Assert.Contains(api.GetProperty("people").EnumerateArray(), e => e.GetProperty("referralId").GetGuid() == referral.Id);
    }

    [Fact]
    public async Task Another_organisations_staff_caseload_is_not_found()
    {
        var lead = await app.SignInAsync("A", Roles.TeamLead);
        var other = app.World.Account("B", Roles.SupportWorker).StaffId;
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/caseload/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/api/v1/staff/{other}/caseload")).StatusCode);
    }

    [Fact]
    public async Task A_team_lead_reads_a_workers_caseload_through_the_api()
    {
        var worker = await Arrange.StaffAsync(app, "A", "Support worker", Arrange.Unique("Api Caseload"));
        await Arrange.FillCaseloadAsync(app, "A", worker.Id, PathwayLevel.SupportedSelfManagement, 2);
        var lead = await app.SignInAsync("A", Roles.TeamLead);

        var body = await lead.GetFromJsonAsync<JsonElement>($"/api/v1/staff/{worker.Id}/caseload");

        Assert.Equal(2, body.GetProperty("people").GetArrayLength());
        Assert.Equal(2m, body.GetProperty("weightedCaseload").GetDecimal());
        Assert.Equal("Allocated", body.GetProperty("people")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_team_view_shows_each_workers_capacity_used_with_a_tag()
    {
        var near = await Arrange.StaffAsync(app, "A", "Clinical nurse specialist", Arrange.Unique("Near Nurse"), s => s.CaseloadCapacity = 4);
        await Arrange.FillCaseloadAsync(app, "A", near.Id, PathwayLevel.ComplexCaseManagement, 1);
        await Arrange.FillCaseloadAsync(app, "A", near.Id, PathwayLevel.SupportedSelfManagement, 1);
        var over = await Arrange.StaffAsync(app, "A", "Support worker", Arrange.Unique("Over Worker"), s => s.CaseloadCapacity = 1);
        await Arrange.FillCaseloadAsync(app, "A", over.Id, PathwayLevel.SupportedSelfManagement, 2);
        var ok = await Arrange.StaffAsync(app, "A", "Support worker", Arrange.Unique("Ok Worker"));
        var lead = await app.SignInAsync("A", Roles.TeamLead);

        var page = await lead.GetPageAsync("/team");

        var nearRow = page.QuerySelector($"#team tr[data-staff-id='{near.Id}']")!;
        Assert.Contains("4 of 4 units (100%)", nearRow.QuerySelector(".capacity")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Near capacity", nearRow.TextContent, StringComparison.Ordinal);
        Assert.Contains("2 (self-management 1, shared care 0, complex 1)", nearRow.QuerySelector(".open-people")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Over capacity", page.QuerySelector($"#team tr[data-staff-id='{over.Id}']")!.TextContent, StringComparison.Ordinal);
        var okRow = page.QuerySelector($"#team tr[data-staff-id='{ok.Id}']")!;
        Assert.Contains("0 of 40 units (0%)", okRow.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/caseload/{ok.Id}", okRow.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_team_view_counts_the_referrals_queue()
    {
        var lead = await app.SignInAsync("A", Roles.TeamLead);
        var before = await QueueAsync(lead);
        var today = UkTime.Today(TimeProvider.System);
        var p1 = await Arrange.PersonAsync(app, "A");
        await Arrange.ReferralAsync(app, "A", p1.Id, ReferralStatus.Received, null, configure: r => r.TriageDueOn = today.AddDays(-1));
        var p2 = await Arrange.PersonAsync(app, "A");
        await Arrange.ReferralAsync(app, "A", p2.Id, ReferralStatus.Received, null, configure: r => r.TriageDueOn = today.AddDays(3));
        await Arrange.AcceptedAsync(app, "A", PathwayLevel.SharedCare);

        var after = await QueueAsync(lead);

        Assert.Equal((before.Waiting + 2, before.Overdue + 1, before.Accepted + 1), after);
    }

    [Theory]
    [InlineData(Roles.SupportWorker)]
    [InlineData(Roles.Evaluator)]
    public async Task Only_team_leads_and_registered_practitioners_see_the_team_view(string role)
    {
        var client = await app.SignInAsync("A", role);
        var response = await client.GetAsync("/team");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    private static async Task<(int Waiting, int Overdue, int Accepted)> QueueAsync(HttpClient client)
    {
        var page = await client.GetPageAsync("/team");
        int Read(string id) => int.Parse(page.QuerySelector(id)!.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return (Read("#queue-awaiting-triage"), Read("#queue-overdue"), Read("#queue-awaiting-allocation"));
    }
}

public sealed class CaseloadOnSqlite(SqliteApp app) : CaseloadTests(app), IClassFixture<SqliteApp>;

public sealed class CaseloadOnPostgres(PostgresApp app) : CaseloadTests(app), IClassFixture<PostgresApp>;
