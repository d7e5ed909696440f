using System.Net;
using OneToOne.Assessments;
using OneToOne.Platform.Auth;
using OneToOne.Tests.Allocation;
using OneToOne.Tests.Infrastructure;

namespace OneToOne.Tests.Assessments;

public abstract class AssessmentPagesTests(OneToOneApp app)
{
    private static async Task<string> CompleteAsync(HttpClient worker, Guid personId, int distress, int pain, int selfHarm = 0)
    {
        var started = await worker.SubmitFormAsync($"/people/{personId}/assessments", new() { ["Timepoint"] = "Baseline" });
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var url = started.Headers.Location!.OriginalString;
        Assert.Equal(url + "/1", (await worker.SubmitFormAsync(url, new() { ["answer-distress"] = distress.ToString(System.Globalization.CultureInfo.InvariantCulture) })).Headers.Location!.OriginalString);
        await worker.SubmitFormAsync(url + "/1", new() { ["answer-pain"] = pain.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await worker.SubmitFormAsync(url + "/4", new() { ["answer-self-harm"] = selfHarm.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var submitted = await worker.SubmitFormAsync(url + "/review", new() { ["TopConcerns[]"] = "pain" });
        Assert.Equal(url + "/summary", submitted.Headers.Location!.OriginalString);
        return url;
    }

    [Fact]
    public async Task The_worker_completes_an_assessment_with_the_person_and_a_repeat_shows_the_change_and_red_flags()
    {
        var worker = await AssessmentsApiTests.WorkerAsync(app);
        var person = await Arrange.PersonAsync(app, "A");
        await CompleteAsync(worker, person.Id, 7, 7);
        var second = await CompleteAsync(worker, person.Id, 3, 3, selfHarm: 2);

        var summary = await worker.GetPageAsync(second + "/summary");
        var text = summary.Body!.TextContent;
        Assert.Contains("Pain 7 -> 3 (down 4)", text, StringComparison.Ordinal);
        Assert.Contains("Thoughts of harming myself", summary.QuerySelector(".nhsuk-warning-callout")!.TextContent, StringComparison.Ordinal);

        var list = await worker.GetPageAsync($"/people/{person.Id}/assessments");
        Assert.NotNull(list.QuerySelector(".nhsuk-warning-callout"));
        Assert.Equal(2, list.QuerySelectorAll("tbody tr").Length);
    }

    [Fact]
    public async Task A_score_outside_0_to_10_or_an_unknown_item_on_the_workers_form_is_refused()
    {
        var worker = await AssessmentsApiTests.WorkerAsync(app);
        var person = await Arrange.PersonAsync(app, "A");
        var started = await worker.SubmitFormAsync($"/people/{person.Id}/assessments", new() { ["Timepoint"] = "Review" });
        var url = started.Headers.Location!.OriginalString;
        var bad = await worker.SubmitFormAsync(url + "/1", new() { ["answer-pain"] = "11" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Equal(["Pain: the score must be between 0 and 10"], await bad.ErrorSummaryAsync());
        var unknown = await worker.SubmitFormAsync(url + "/1", new() { ["answer-pain"] = "3", ["answer-unicorns"] = "3" });
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        var id = Guid.Parse(url["/assessments/".Length..]);
        var count = await app.WithDbAsync(app.World.Org("A"), db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.Set<AssessmentAnswer>(), a => a.ResponseId == id));
        Assert.Equal(0, count);
    }

    [Fact]
    public async Task Submitting_without_the_distress_score_is_refused()
    {
        var worker = await AssessmentsApiTests.WorkerAsync(app);
        var person = await Arrange.PersonAsync(app, "A");
        var started = await worker.SubmitFormAsync($"/people/{person.Id}/assessments", new() { ["Timepoint"] = "Review" });
        var review = await worker.SubmitFormAsync(started.Headers.Location!.OriginalString + "/review", []);
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        Assert.Contains(await review.ErrorSummaryAsync(), e => e.Contains("distress", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_organisations_assessment_pages_are_not_found()
    {
        var worker = await AssessmentsApiTests.WorkerAsync(app);
        var person = await Arrange.PersonAsync(app, "A");
        var started = await worker.SubmitFormAsync($"/people/{person.Id}/assessments", new() { ["Timepoint"] = "Review" });
        var b = await app.SignInAsync("B", Roles.SupportWorker);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync(started.Headers.Location!.OriginalString)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/people/{person.Id}/assessments")).StatusCode);
    }
}

public sealed class AssessmentPagesOnSqlite(SqliteApp app) : AssessmentPagesTests(app), IClassFixture<SqliteApp>;

public sealed class AssessmentPagesOnPostgres(PostgresApp app) : AssessmentPagesTests(app), IClassFixture<PostgresApp>;
