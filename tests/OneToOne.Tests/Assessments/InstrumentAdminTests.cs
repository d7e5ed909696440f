using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OneToOne.Assessments;
using OneToOne.Platform.Auth;
using OneToOne.Tests.Allocation;
using OneToOne.Tests.Infrastructure;

namespace OneToOne.Tests.Assessments;

public abstract class InstrumentAdminTests(OneToOneApp app)
{
    [Fact]
    public async Task An_administrator_publishes_a_new_version_without_code_and_old_responses_keep_theirs()
    {
        var worker = await AssessmentsApiTests.WorkerAsync(app);
        var person = await Arrange.PersonAsync(app, "A");
        var old = await AssessmentsApiTests.StartAsync(worker, person.Id);
        var admin = await app.SignInAsync("A", Roles.Administrator);

        var bad = await admin.SubmitFormAsync("/admin/instruments/hna/new-version", new()
        {
            ["Definition"] = """{"sections":[{"code":"s","title":"S","items":[{"code":"a","text":"A","answerType":"Slider"}]}]}""",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains(await bad.ErrorSummaryAsync(), e => e.StartsWith("Unknown answer type", StringComparison.Ordinal));
        var duplicate = await admin.SubmitFormAsync("/admin/instruments/hna/new-version", new()
        {
            ["Definition"] = """{"sections":[{"code":"s","title":"S","items":[{"code":"a","text":"A"},{"code":"a","text":"B"}]}]}""",
        });
        Assert.Equal(["Duplicate item code \"a\""], await duplicate.ErrorSummaryAsync());

        var v2 = AssessmentDefaults.HnaV1() with { };
        v2.Sections[1].Items.Add(new InstrumentItem { Code = "hot-flushes", Text = "Hot flushes or sweats", DomainCode = "physical" });
        var published = await admin.SubmitFormAsync("/admin/instruments/hna/new-version", new() { ["Name"] = "Holistic needs assessment", ["Definition"] = v2.ToJson() });
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var active = await worker.GetFromJsonAsync<InstrumentDto>("/api/v1/instruments/hna");
        Assert.Equal(2, active!.Version);
        var fresh = await AssessmentsApiTests.StartAsync(worker, person.Id);
        Assert.Equal(2, fresh.InstrumentVersion);
        Assert.Equal(HttpStatusCode.OK, (await worker.PutAsJsonAsync($"/api/v1/assessments/{fresh.Id}/answers", new { answers = new Dictionary<string, int> { ["hot-flushes"] = 4 } })).StatusCode);
        // The older response still answers version 1, which has no such item.
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PutAsJsonAsync($"/api/v1/assessments/{old.Id}/answers", new { answers = new Dictionary<string, int> { ["hot-flushes"] = 4 } })).StatusCode);
        Assert.Equal(2, await app.WithDbAsync(null, db => db.Set<Instrument>().CountAsync(i => i.Code == "hna")));
    }

    [Fact]
    public async Task Only_administrators_manage_questionnaires()
    {
        await AssessmentsApiTests.WorkerAsync(app);
        var lead = await app.SignInAsync("A", Roles.TeamLead);
        var response = await lead.GetAsync("/admin/instruments");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class InstrumentAdminOnSqlite(SqliteApp app) : InstrumentAdminTests(app), IClassFixture<SqliteApp>;

public sealed class InstrumentAdminOnPostgres(PostgresApp app) : InstrumentAdminTests(app), IClassFixture<PostgresApp>;
