using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OneToOne.Assessments;
using OneToOne.Notifications;
using OneToOne.PatientAccess;
using OneToOne.PatientAccess.Pages;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.Tests.Allocation;
using OneToOne.Tests.Assessments;
using OneToOne.Tests.Infrastructure;

namespace OneToOne.Tests.PatientAccess;

public abstract partial class PatientLinkTests(OneToOneApp app)
{
    private static readonly DateOnly Dob = new(1961, 4, 9);

    [GeneratedRegex("/a/[A-Za-z0-9_-]{64}")]
    private static partial Regex LinkPattern();

    private async Task<(Person Person, string Url, HttpClient Worker)> SendAsync(string email = "jo.bloggs@example.com")
    {
        var worker = await AssessmentsApiTests.WorkerAsync(app);
        var person = await Arrange.PersonAsync(app, "A", p =>
        {
            p.DateOfBirth = Dob;
            p.Email = email;
        });
        var sent = await worker.SubmitFormAsync($"/people/{person.Id}/assessments/send-link", []);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var body = await app.WithDbAsync(app.World.Org("A"), db => db.Set<OutboxMessage>().Where(m => m.PersonId == person.Id)
            .OrderByDescending(m => m.CreatedAt).Select(m => m.Body).FirstAsync());
        return (person, LinkPattern().Match(body).Value, worker);
    }

    private static Dictionary<string, string> DobForm(DateOnly d) => new()
    {
        ["DateOfBirth.Day"] = d.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["DateOfBirth.Month"] = d.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["DateOfBirth.Year"] = d.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task The_worker_sends_a_link_that_shows_a_masked_address_and_stores_only_the_token_hash()
    {
        var (person, url, worker) = await SendAsync();
        Assert.False(string.IsNullOrEmpty(url));
        var page = await worker.GetPageAsync($"/people/{person.Id}/assessments");
        Assert.Contains("Link sent to j***@example.com", page.Body!.TextContent, StringComparison.Ordinal);
        var link = await app.WithDbAsync(app.World.Org("A"), db => db.Set<AssessmentLink>().SingleAsync(l => l.PersonId == person.Id));
        Assert.Equal(32, link.TokenHash.Length);
        Assert.DoesNotContain(url[3..], Convert.ToBase64String(link.TokenHash), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_person_completes_the_assessment_on_their_phone_with_progress_kept_and_the_link_is_then_used()
    {
        var (person, url, _) = await SendAsync();
        var phone = app.NewClient();
        var start = await phone.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.DoesNotContain(person.GivenName, await start.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var verified = await phone.SubmitFormAsync(url, DobForm(Dob));
        Assert.Equal(url + "/0", verified.Headers.Location!.OriginalString);
        var step = await phone.SubmitFormAsync(url + "/0", new() { ["answer-distress"] = "6" });
        Assert.Equal(url + "/1", step.Headers.Location!.OriginalString);
        await phone.SubmitFormAsync(url + "/1", new() { ["answer-pain"] = "8", ["answer-unexplained-bleeding"] = "2" });

        // Closing and reopening the link resumes after the date of birth again.
        var again = app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync(url + "/1")).StatusCode);
        await again.SubmitFormAsync(url, DobForm(Dob));
        var resumed = await again.GetPageAsync(url + "/1");
        Assert.NotNull(resumed.QuerySelector("input[name='answer-pain'][value='8'][checked]"));

        var submitted = await again.SubmitFormAsync(url + "/check", new() { ["TopConcerns[]"] = "pain" });
        Assert.Equal("/a/done", submitted.Headers.Location!.OriginalString);
        var response = await app.WithDbAsync(app.World.Org("A"), db => db.Set<AssessmentResponse>().SingleAsync(r => r.PersonId == person.Id));
        Assert.Equal(ResponseStatus.Submitted, response.Status);
        Assert.Equal(CompletionMode.PersonOnline, response.Mode);
        Assert.Equal(["distress", "pain"], response.Flags);
        Assert.Equal(["unexplained-bleeding"], response.RedFlags);
        Assert.Equal(["pain"], response.TopConcerns);

        var used = await app.NewClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Gone, used.StatusCode);
        Assert.Contains(StartModel.UsedMessage, await used.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync(url + "/0")).StatusCode);
    }

    [Fact]
    public async Task An_altered_or_unknown_link_is_not_valid()
    {
        var (_, url, _) = await SendAsync();
        var altered = url[..^2] + (url[^2] == 'A' ? "B" : "A") + url[^1];
        foreach (var bad in new[] { altered, "/a/nonsense", "/a/" + new string('A', 64) })
        {
            var response = await app.NewClient().GetAsync(bad);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains(StartModel.InvalidMessage, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_expired_link_says_so()
    {
        var (person, url, _) = await SendAsync();
        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            var link = await db.Set<AssessmentLink>().SingleAsync(l => l.PersonId == person.Id);
            link.ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        });
        var response = await app.NewClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains(StartModel.ExpiredMessage, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_date_of_birth_is_refused_and_five_lock_the_link()
    {
        var (_, url, _) = await SendAsync();
        var phone = app.NewClient();
        for (var i = 1; i <= 4; i++)
        {
            var wrong = await phone.SubmitFormAsync(url, DobForm(Dob.AddDays(i)));
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Equal([StartModel.WrongDateMessage], await wrong.ErrorSummaryAsync());
        }

        var locked = await phone.SubmitFormAsync(url, DobForm(Dob.AddDays(9)));
        Assert.Equal(HttpStatusCode.Forbidden, locked.StatusCode);
        Assert.Contains(StartModel.LockedMessage, await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Even the right date cannot open a locked link.
        var right = await app.NewClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, right.StatusCode);
    }

    [Fact]
    public async Task A_score_outside_0_to_10_on_the_persons_page_is_refused_and_nothing_is_stored()
    {
        var (person, url, _) = await SendAsync();
        var phone = app.NewClient();
        await phone.SubmitFormAsync(url, DobForm(Dob));
        var bad = await phone.SubmitFormAsync(url + "/1", new() { ["answer-pain"] = "4", ["answer-fatigue"] = "12" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains(await bad.ErrorSummaryAsync(), e => e.Contains("between 0 and 10", StringComparison.Ordinal));
        var stored = await app.WithDbAsync(app.World.Org("A"), db => db.Set<AssessmentAnswer>()
            .CountAsync(a => db.Set<AssessmentLink>().Any(l => l.PersonId == person.Id && l.ResponseId == a.ResponseId)));
        Assert.Equal(0, stored);
    }

    [Fact]
    public async Task More_than_five_links_a_day_for_one_person_are_refused()
    {
        var (person, _, worker) = await SendAsync();
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await worker.SubmitFormAsync($"/people/{person.Id}/assessments/send-link", [])).StatusCode);
        }

        var sixth = await worker.SubmitFormAsync($"/people/{person.Id}/assessments/send-link", []);
        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        Assert.Equal([PatientLinks.TooManyLinksMessage], (await sixth.ParseAsync()).QuerySelectorAll(".nhsuk-error-summary__list li").Select(li => li.TextContent.Trim()));
        Assert.Equal(5, await app.WithDbAsync(app.World.Org("A"), db => db.Set<AssessmentLink>().CountAsync(l => l.PersonId == person.Id)));
    }

    [Fact]
    public async Task Another_organisation_cannot_send_a_link_for_a_person()
    {
        var person = await Arrange.PersonAsync(app, "A", p => p.Email = "x@example.com");
        var b = await app.SignInAsync("B", Roles.SupportWorker);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/people/{person.Id}/assessments/send-link")).StatusCode);
    }
}

public sealed class PatientLinkOnSqlite(SqliteApp app) : PatientLinkTests(app), IClassFixture<SqliteApp>;

public sealed class PatientLinkOnPostgres(PostgresApp app) : PatientLinkTests(app), IClassFixture<PostgresApp>;
