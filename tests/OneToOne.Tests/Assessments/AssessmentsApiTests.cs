using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OneToOne.Assessments;
using OneToOne.Platform.Auth;
using OneToOne.Tests.Allocation;
using OneToOne.Tests.Infrastructure;

namespace OneToOne.Tests.Assessments;

public abstract class AssessmentsApiTests(OneToOneApp app)
{
    private static readonly string[] TopTwo = ["pain", "new-lump"];

    internal static async Task<HttpClient> WorkerAsync(OneToOneApp app, string org = "A")
    {
        await app.WithDbAsync(null, db => AssessmentDefaults.EnsureDefaultsAsync(db, CancellationToken.None));
        return await app.SignInAsync(org, Roles.SupportWorker);
    }

    internal static async Task<AssessmentSummaryDto> StartAsync(HttpClient client, Guid personId)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/people/{personId}/assessments", new { timepoint = "Baseline" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AssessmentSummaryDto>())!;
    }

    private static Task<HttpResponseMessage> AnswerAsync(HttpClient client, Guid id, object body) =>
        client.PutAsJsonAsync($"/api/v1/assessments/{id}/answers", body);

    [Fact]
    public async Task The_active_hna_definition_is_served()
    {
        var client = await WorkerAsync(app);
        var dto = await client.GetFromJsonAsync<InstrumentDto>("/api/v1/instruments/hna");
        Assert.Equal(1, dto!.Version);
        Assert.Contains(dto.Definition.AllItems, i => i.Code == "self-harm" && i.RedFlag);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/instruments/nope")).StatusCode);
    }

    [Fact]
    public async Task An_assessment_is_started_answered_in_parts_and_submitted_with_scores_flags_and_red_flags()
    {
        var client = await WorkerAsync(app);
        var person = await Arrange.PersonAsync(app, "A");
        var started = await StartAsync(client, person.Id);
        Assert.Equal("InProgress", started.Status);
        Assert.Equal(1, started.InstrumentVersion);

        Assert.Equal(HttpStatusCode.OK, (await AnswerAsync(client, started.Id, new { answers = new Dictionary<string, int> { ["distress"] = 6, ["pain"] = 8 } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AnswerAsync(client, started.Id, new { answers = new Dictionary<string, int> { ["fatigue"] = 2, ["new-lump"] = 3 }, topConcerns = TopTwo })).StatusCode);
        var submit = await client.PostAsync($"/api/v1/assessments/{started.Id}/submit", null);
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        var done = (await submit.Content.ReadFromJsonAsync<AssessmentSummaryDto>())!;
        Assert.Equal("Submitted", done.Status);
        Assert.Equal(6, done.DistressScore);
        Assert.Equal(3, done.ConcernCount);
        Assert.Equal(4.3m, done.MeanSeverity);
        Assert.Equal(["distress", "pain"], done.Flags);
        Assert.Equal(["new-lump"], done.RedFlags);
        Assert.Equal(["pain", "new-lump"], done.TopConcerns);

        var flags = await app.WithDbAsync(app.World.Org("A"), db => RedFlags.ForPeopleAsync(db, [person.Id], CancellationToken.None));
        Assert.Equal(["new-lump"], flags[person.Id].ItemCodes);
    }

    [Fact]
    public async Task An_unknown_item_or_a_score_outside_0_to_10_is_refused_naming_the_item_and_nothing_is_stored()
    {
        var client = await WorkerAsync(app);
        var person = await Arrange.PersonAsync(app, "A");
        var started = await StartAsync(client, person.Id);

        var unknown = await AnswerAsync(client, started.Id, new { answers = new Dictionary<string, int> { ["pain"] = 3, ["unicorns"] = 2 } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var problem = await unknown.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>();
        Assert.Equal(["answers.unicorns"], problem!.Errors.Keys);

        var outOfRange = await AnswerAsync(client, started.Id, new { answers = new Dictionary<string, int> { ["pain"] = 3, ["fatigue"] = 11 } });
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        problem = await outOfRange.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>();
        Assert.Contains("between 0 and 10", problem!.Errors["answers.fatigue"][0], StringComparison.Ordinal);

        var stored = await app.WithDbAsync(app.World.Org("A"), db => db.Set<AssessmentAnswer>().CountAsync(a => a.ResponseId == started.Id));
        Assert.Equal(0, stored);
    }

    [Fact]
    public async Task Submitting_without_the_distress_score_or_twice_is_refused()
    {
        var client = await WorkerAsync(app);
        var person = await Arrange.PersonAsync(app, "A");
        var started = await StartAsync(client, person.Id);
        var missing = await client.PostAsync($"/api/v1/assessments/{started.Id}/submit", null);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var status = await app.WithDbAsync(app.World.Org("A"), db => db.Set<AssessmentResponse>().Where(r => r.Id == started.Id).Select(r => r.Status).SingleAsync());
        Assert.Equal(ResponseStatus.InProgress, status);

        await AnswerAsync(client, started.Id, new { answers = new Dictionary<string, int> { ["distress"] = 1 } });
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/assessments/{started.Id}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/v1/assessments/{started.Id}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await AnswerAsync(client, started.Id, new { answers = new Dictionary<string, int> { ["pain"] = 1 } })).StatusCode);
    }

    [Fact]
    public async Task A_repeat_assessment_shows_the_change_per_concern_since_the_last()
    {
        var client = await WorkerAsync(app);
        var person = await Arrange.PersonAsync(app, "A");
        var first = await StartAsync(client, person.Id);
        await AnswerAsync(client, first.Id, new { answers = new Dictionary<string, int> { ["distress"] = 5, ["pain"] = 7 } });
        await client.PostAsync($"/api/v1/assessments/{first.Id}/submit", null);
        var second = await StartAsync(client, person.Id);
        await AnswerAsync(client, second.Id, new { answers = new Dictionary<string, int> { ["distress"] = 5, ["pain"] = 3 } });
        await client.PostAsync($"/api/v1/assessments/{second.Id}/submit", null);

        var dto = await client.GetFromJsonAsync<AssessmentDto>($"/api/v1/assessments/{second.Id}");
        Assert.Contains("Pain 7 -> 3 (down 4)", dto!.ChangesSinceLast);
        var list = await client.GetFromJsonAsync<List<AssessmentSummaryDto>>($"/api/v1/people/{person.Id}/assessments");
        Assert.Equal([second.Id, first.Id], list!.Select(a => a.Id));
    }

    [Fact]
    public async Task Another_organisations_person_or_assessment_is_not_found()
    {
        var clientA = await WorkerAsync(app);
        var clientB = await app.SignInAsync("B", Roles.SupportWorker);
        var person = await Arrange.PersonAsync(app, "A");
        var started = await StartAsync(clientA, person.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await clientB.GetAsync($"/api/v1/assessments/{started.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clientB.GetAsync($"/api/v1/people/{person.Id}/assessments")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clientB.PostAsJsonAsync($"/api/v1/people/{person.Id}/assessments", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await AnswerAsync(clientB, started.Id, new { answers = new Dictionary<string, int> { ["distress"] = 1 } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clientB.PostAsync($"/api/v1/assessments/{started.Id}/submit", null)).StatusCode);
    }

    private static async Task<HttpResponseMessage> StartWithKeyAsync(HttpClient client, Guid personId, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/people/{personId}/assessments") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private Task<int> AssessmentCountAsync(string org, Guid personId) =>
        app.WithDbAsync(app.World.Org(org), db => db.Set<AssessmentResponse>().CountAsync(r => r.PersonId == personId));

    [Fact]
    public async Task Starting_twice_with_the_same_idempotency_key_and_request_starts_one_assessment_and_answers_the_same()
    {
        var client = await WorkerAsync(app);
        var person = await Arrange.PersonAsync(app, "A");
        var key = Guid.NewGuid().ToString();

        var first = await StartWithKeyAsync(client, person.Id, key, new { timepoint = "Baseline" });
        var retry = await StartWithKeyAsync(client, person.Id, key, new { timepoint = "Baseline" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(1, await AssessmentCountAsync("A", person.Id));

        // Keys belong to one organisation: the same key elsewhere is a new request.
        var other = await Arrange.PersonAsync(app, "B");
        var elsewhere = await StartWithKeyAsync(await WorkerAsync(app, "B"), other.Id, key, new { timepoint = "Baseline" });
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
        Assert.Equal(1, await AssessmentCountAsync("B", other.Id));
    }

    [Fact]
    public async Task The_same_idempotency_key_with_a_different_request_or_another_person_gets_422_and_starts_nothing()
    {
        var client = await WorkerAsync(app);
        var person = await Arrange.PersonAsync(app, "A");
        var someoneElse = await Arrange.PersonAsync(app, "A");
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await StartWithKeyAsync(client, person.Id, key, new { timepoint = "Baseline" })).StatusCode);

        var differentBody = await StartWithKeyAsync(client, person.Id, key, new { timepoint = "Review" });
        var differentPerson = await StartWithKeyAsync(client, someoneElse.Id, key, new { timepoint = "Baseline" });

        foreach (var response in new[] { differentBody, differentPerson })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>();
            Assert.Equal(OneToOne.Platform.Data.Idempotency.ReusedTitle, problem!.Title);
        }

        Assert.Equal(1, await AssessmentCountAsync("A", person.Id));
        Assert.Equal(0, await AssessmentCountAsync("A", someoneElse.Id));
    }

    [Fact]
    public async Task An_idempotency_key_over_100_characters_is_refused_and_starts_nothing()
    {
        var client = await WorkerAsync(app);
        var person = await Arrange.PersonAsync(app, "A");

        var response = await StartWithKeyAsync(client, person.Id, new string('k', 101), new { timepoint = "Baseline" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>();
        Assert.Equal([OneToOne.Platform.Data.Idempotency.BadKeyMessage], problem!.Errors["Idempotency-Key"]);
        Assert.Equal(0, await AssessmentCountAsync("A", person.Id));
    }
}

public sealed class AssessmentsApiOnSqlite(SqliteApp app) : AssessmentsApiTests(app), IClassFixture<SqliteApp>;

public sealed class AssessmentsApiOnPostgres(PostgresApp app) : AssessmentsApiTests(app), IClassFixture<PostgresApp>;
