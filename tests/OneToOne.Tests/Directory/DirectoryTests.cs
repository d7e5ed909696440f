using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.ServiceDirectory;
using OneToOne.Tests.Infrastructure;

namespace OneToOne.Tests.ServiceDirectory;

/// <summary>A clock the tests move: deadlines are computed from "now" and the overdue list compares with today.</summary>
public sealed class MovableClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2027, 1, 6, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}

public class DirectoryApp(Provider provider) : OneToOneApp(provider)
{
    public MovableClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class DirectorySqliteApp() : DirectoryApp(Provider.Sqlite);

public sealed class DirectoryPostgresApp() : DirectoryApp(Provider.Postgres);

public abstract class DirectoryTests(DirectoryApp app)
{
    private static int _next = Random.Shared.Next(0, 500_000);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A postcode area no other test uses, so directory rows (shared by everyone) do not mix between tests.</summary>
    private static string NewArea()
    {
        var n = Interlocked.Increment(ref _next);
        return new string([(char)('A' + (n / 26 % 26)), (char)('A' + (n % 26))]);
    }

    private async Task<Guid> AddServiceAsync(string name, string[] codes, string[] districts, bool nationwide = false,
        HowToUse how = HowToUse.Referral, bool active = true)
    {
        var service = new DirectoryService
        {
            Name = name, ProviderOrganisationName = "Test provider", Nationwide = nationwide, HowToUse = how, Active = active,
            UpdatedAt = app.Clock.Now,
            Categories = [.. codes.Select(c => new DirectoryServiceCategory { Code = c })],
            Areas = [.. DirectoryRules.AreaRows(nationwide, districts).Select(d => new DirectoryServiceArea { District = d })],
        };
        await app.WithDbAsync(null, async db =>
        {
            db.Add(service);
            await db.SaveChangesAsync();
        });
        return service.Id;
    }

    private async Task<Guid> AddPersonAsync(string organisation, string postcode = "LS6 2AB")
    {
        var person = new Person
        {
            NhsNumber = NhsNumber.CreateTestNumber(Interlocked.Increment(ref _next) % NhsNumber.TestNumberCapacity),
            GivenName = "Robin", FamilyName = "Example" + _next, Postcode = postcode, TumourSite = "breast",
            DateOfBirth = new DateOnly(1960, 1, 1), CreatedAt = app.Clock.Now, UpdatedAt = app.Clock.Now,
        };
        await app.WithDbAsync(app.World.Org(organisation), async db =>
        {
            db.People.Add(person);
            await db.SaveChangesAsync();
        });
        return person.Id;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<List<Guid>> SearchIdsAsync(HttpClient client, string concern, string district)
    {
        var response = await client.GetAsync($"/api/v1/services?concern={concern}&district={district}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        return [.. body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
    }

    // ---- Search ----

    [Fact]
    public async Task Search_ranks_item_matches_before_domain_matches_and_local_before_nationwide()
    {
        var area = NewArea();
        var domainLocal = await AddServiceAsync("A domain local " + area, ["practical"], [area + "1"]);
        var itemNationwide = await AddServiceAsync("B item nationwide " + area, ["transport"], [], nationwide: true);
        var itemLocal = await AddServiceAsync("C item local " + area, ["transport"], [area + "1"]);
        var domainNationwide = await AddServiceAsync("D domain nationwide " + area, ["practical"], [], nationwide: true);
        var client = app.ApiClient("A");

        var ids = await SearchIdsAsync(client, "transport", area + "1");

        var mine = ids.Where(new[] { domainLocal, itemNationwide, itemLocal, domainNationwide }.Contains).ToList();
        Assert.Equal([itemLocal, itemNationwide, domainLocal, domainNationwide], mine);
    }

    [Fact]
    public async Task Search_leaves_out_other_districts_other_concerns_and_inactive_services_and_matches_a_whole_postcode_area()
    {
        var area = NewArea();
        var elsewhere = await AddServiceAsync("Elsewhere " + area, ["work"], [area + "2"]);
        var otherConcern = await AddServiceAsync("Other concern " + area, ["pain"], [area + "1"]);
        var inactive = await AddServiceAsync("Inactive " + area, ["work"], [area + "1"], active: false);
        var wholeArea = await AddServiceAsync("Whole area " + area, ["work"], [area]);
        var client = app.ApiClient("A");

        var ids = await SearchIdsAsync(client, "work", area + "1");

        Assert.Contains(wholeArea, ids);
        Assert.DoesNotContain(elsewhere, ids);
        Assert.DoesNotContain(otherConcern, ids);
        Assert.DoesNotContain(inactive, ids);
    }

    [Fact]
    public async Task Search_needs_a_known_concern_and_a_real_district()
    {
        var client = app.ApiClient("A");
        var response = await client.GetAsync("/api/v1/services?concern=nonsense&district=Leeds");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("concern", out _));
        Assert.True(errors.TryGetProperty("district", out _));
    }

    [Fact]
    public async Task The_directory_page_shows_the_services_for_a_concern_near_a_district()
    {
        var area = NewArea();
        await AddServiceAsync("Page walking group " + area, ["exercise"], [area + "3"], how: HowToUse.SignpostOnly);
        var client = await app.SignInAsync("A", Roles.SupportWorker);

        var page = await client.GetPageAsync($"/directory?Concern=exercise&District={area}3");

        Assert.Contains("Page walking group " + area, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Signpost only", page.Body.TextContent, StringComparison.Ordinal);
    }

    // ---- Import ----

    [Fact]
    public async Task Import_keeps_the_good_records_and_lists_each_bad_one_with_why()
    {
        var admin = await app.SignInAsync("A", Roles.Administrator);
        var json = await File.ReadAllTextAsync(TestData.Path("hsds-sample.json"));

        var response = await admin.PostAsync("/api/v1/services/import", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await JsonAsync(response);
        Assert.Equal(8, report.GetProperty("records").GetInt32());
        Assert.Equal(4, report.GetProperty("created").GetInt32() + report.GetProperty("updated").GetInt32());
        Assert.Equal(4, report.GetProperty("skipped").GetInt32());
        var problems = report.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("index").GetInt32(), p.GetProperty("reason").GetString()!)).ToList();
        Assert.Equal([3, 4, 5, 6], problems.Select(p => p.Item1));
        Assert.Contains(problems, p => p.Item2 == "Missing name");
        Assert.Contains(problems, p => p.Item2 == "Missing id");
        var kept = await app.WithDbAsync(null, db => db.Set<DirectoryService>().Include(s => s.Areas).Include(s => s.Categories)
            .Where(s => s.ExternalId!.StartsWith("sample-")).ToListAsync());
        Assert.Equal(["sample-benefits-1", "sample-counselling-2", "sample-no-terms-8", "sample-walking-7"], kept.Select(s => s.ExternalId).Order());
        var benefits = kept.Single(s => s.ExternalId == "sample-benefits-1");
        Assert.Equal(["LS6"], benefits.Areas.Select(a => a.District));
        Assert.Equal(["money"], benefits.Categories.Select(c => c.Code));
    }

    [Fact]
    public async Task Importing_a_service_again_updates_it_by_its_id()
    {
        var admin = await app.SignInAsync("A", Roles.Administrator);
        var id = "upsert-" + Guid.NewGuid().ToString("N");
        var first = $$"""[ { "id": "{{id}}", "name": "First name", "service_areas": ["LS6"], "taxonomies": [ { "name": "Debt advice" } ] } ]""";
        var second = $$"""[ { "id": "{{id}}", "name": "Second name", "service_areas": ["BD1"], "taxonomies": [ { "name": "Carers" } ] } ]""";

        var r1 = await JsonAsync(await admin.PostAsync("/api/v1/services/import", new StringContent(first, Encoding.UTF8, "application/json")));
        var r2 = await JsonAsync(await admin.PostAsync("/api/v1/services/import", new StringContent(second, Encoding.UTF8, "application/json")));

        Assert.Equal(1, r1.GetProperty("created").GetInt32());
        Assert.Equal(0, r2.GetProperty("created").GetInt32());
        Assert.Equal(1, r2.GetProperty("updated").GetInt32());
        var services = await app.WithDbAsync(null, db => db.Set<DirectoryService>().Include(s => s.Areas).Include(s => s.Categories)
            .Where(s => s.ExternalId == id).ToListAsync());
        var service = Assert.Single(services);
        Assert.Equal("Second name", service.Name);
        Assert.Equal(["BD1"], service.Areas.Select(a => a.District));
        Assert.Equal(["caring"], service.Categories.Select(c => c.Code));
    }

    [Fact]
    public async Task Only_administrators_may_import()
    {
        var lead = await app.SignInAsync("A", Roles.TeamLead);
        var response = await lead.PostAsync("/api/v1/services/import", new StringContent("[]", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ApiClient("A").PostAsync("/api/v1/services/import", new StringContent("[]", Encoding.UTF8, "application/json"))).StatusCode);
    }

    [Fact]
    public async Task A_file_that_is_not_json_at_all_is_refused_with_why()
    {
        var admin = await app.SignInAsync("A", Roles.Administrator);
        var response = await admin.PostAsync("/api/v1/services/import", new StringContent("hello", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("JSON array of services", (await JsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    // ---- Admin pages ----

    [Fact]
    public async Task An_administrator_adds_a_service_with_categories_and_areas_and_bad_areas_are_refused()
    {
        var admin = await app.SignInAsync("A", Roles.Administrator);
        var name = "Admin added " + Guid.NewGuid().ToString("N")[..8];
        var values = new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.ProviderOrganisationName"] = "Provider", ["Input.HowToUse"] = "Referral",
            ["Input.Categories"] = "money", ["Input.Areas"] = "ls6, Leeds", ["Input.Active"] = "True",
        };

        var bad = await admin.SubmitFormAsync("/admin/directory/edit", values);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains(await bad.ErrorSummaryAsync(), e => e.Contains("Leeds", StringComparison.Ordinal));

        values["Input.Areas"] = "ls6, BD";
        var good = await admin.SubmitFormAsync("/admin/directory/edit", values);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var saved = await app.WithDbAsync(null, db => db.Set<DirectoryService>().Include(s => s.Areas).Include(s => s.Categories).SingleAsync(s => s.Name == name));
        Assert.Equal(["BD", "LS6"], saved.Areas.Select(a => a.District).Order());
        Assert.Equal(["money"], saved.Categories.Select(c => c.Code));
        Assert.Equal(HowToUse.Referral, saved.HowToUse);
    }

    [Fact]
    public async Task A_service_needs_at_least_one_concern()
    {
        var admin = await app.SignInAsync("A", Roles.Administrator);
        var response = await admin.SubmitFormAsync("/admin/directory/edit", new()
        {
            ["Input.Name"] = "No concerns", ["Input.ProviderOrganisationName"] = "Provider", ["Input.HowToUse"] = "SignpostOnly",
            ["Input.Areas"] = "nationwide", ["Input.Active"] = "True",
        });
        Assert.Contains("Select at least one concern the service helps with", await response.ErrorSummaryAsync());
    }

    [Fact]
    public async Task Directory_administration_is_for_administrators_only()
    {
        var lead = await app.SignInAsync("A", Roles.TeamLead);
        Assert.NotEqual(HttpStatusCode.OK, (await lead.GetAsync("/admin/directory")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await lead.GetAsync("/admin/directory/import")).StatusCode);
    }

    // ---- Referrals ----

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, Guid personId, Guid serviceId, string concern = "money") =>
        await client.PostAsJsonAsync($"/api/v1/people/{personId}/service-referrals", new { serviceId, concernItemCode = concern, note = "Wants help with bills" });

    [Fact]
    public async Task A_referral_is_due_ten_working_days_after_it_is_sent_skipping_christmas_bank_holidays()
    {
        app.Clock.Now = new DateTimeOffset(2026, 12, 24, 12, 0, 0, TimeSpan.Zero); // Thursday before Christmas
        var area = NewArea();
        var service = await AddServiceAsync("Deadline service " + area, ["money"], [area + "1"]);
        var person = await AddPersonAsync("A");
        var client = app.ApiClient("A");

        var response = await SendAsync(client, person, service);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        // Christmas (Fri 25), Boxing Day's substitute (Mon 28) and New Year's Day (Fri 1) are not working days.
        Assert.Equal("2027-01-12", (await JsonAsync(response)).GetProperty("responseDueOn").GetString());
    }

    [Fact]
    public async Task A_referral_goes_sent_accepted_outcome_and_the_concern_is_rescored()
    {
        app.Clock.Now = new DateTimeOffset(2027, 1, 6, 12, 0, 0, TimeSpan.Zero);
        var service = await AddServiceAsync("Lifecycle service " + NewArea(), ["money"], [], nationwide: true);
        var person = await AddPersonAsync("A");
        var client = app.ApiClient("A");
        var sent = await JsonAsync(await SendAsync(client, person, service));
        var id = sent.GetProperty("id").GetGuid();
        Assert.Equal("Sent", sent.GetProperty("status").GetString());

        var accepted = await client.PostAsJsonAsync($"/api/v1/service-referrals/{id}/response", new { accepted = true });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("Accepted", (await JsonAsync(accepted)).GetProperty("status").GetString());

        var outOfRange = await client.PostAsJsonAsync($"/api/v1/service-referrals/{id}/outcome", new { outcome = "Got a grant", rescore = 11 });
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        Assert.Equal(ServiceReferrals.RescoreMessage, (await JsonAsync(outOfRange)).GetProperty("errors").GetProperty("rescore")[0].GetString());

        var outcome = await client.PostAsJsonAsync($"/api/v1/service-referrals/{id}/outcome", new { outcome = "Got a grant", rescore = 2 });
        Assert.Equal(HttpStatusCode.OK, outcome.StatusCode);
        var body = await JsonAsync(outcome);
        Assert.Equal("OutcomeRecorded", body.GetProperty("status").GetString());
        Assert.Equal(2, body.GetProperty("rescoreScore").GetInt32());

        var list = await JsonAsync(await client.GetAsync($"/api/v1/people/{person}/service-referrals"));
        Assert.Equal(id, Assert.Single(list.EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_decline_needs_a_reason_and_an_answered_referral_cannot_be_answered_again()
    {
        var service = await AddServiceAsync("Decline service " + NewArea(), ["money"], [], nationwide: true);
        var person = await AddPersonAsync("A");
        var client = app.ApiClient("A");
        var id = (await JsonAsync(await SendAsync(client, person, service))).GetProperty("id").GetGuid();

        var noReason = await client.PostAsJsonAsync($"/api/v1/service-referrals/{id}/response", new { accepted = false });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await JsonAsync(noReason)).GetProperty("errors").TryGetProperty("reason", out _));

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/service-referrals/{id}/response", new { accepted = false, reason = "Outside our area" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/v1/service-referrals/{id}/response", new { accepted = true })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/v1/service-referrals/{id}/outcome", new { outcome = "x" })).StatusCode);
    }

    [Fact]
    public async Task A_signpost_only_service_cannot_be_referred_to()
    {
        var service = await AddServiceAsync("Signpost only " + NewArea(), ["money"], [], nationwide: true, how: HowToUse.SignpostOnly);
        var person = await AddPersonAsync("A");

        var response = await SendAsync(app.ApiClient("A"), person, service);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ServiceReferrals.SignpostOnlyMessage, (await JsonAsync(response)).GetProperty("errors").GetProperty("serviceId")[0].GetString());
        Assert.Equal(0, await app.WithDbAsync(app.World.Org("A"), db => db.Set<ServiceReferral>().CountAsync(r => r.PersonId == person)));
    }

    [Fact]
    public async Task The_overdue_list_shows_the_organisations_unanswered_referrals_past_their_response_day()
    {
        app.Clock.Now = new DateTimeOffset(2027, 2, 1, 12, 0, 0, TimeSpan.Zero);
        var service = await AddServiceAsync("Overdue service " + NewArea(), ["money"], [], nationwide: true);
        var overduePerson = await AddPersonAsync("A");
        var answeredPerson = await AddPersonAsync("A");
        var client = app.ApiClient("A");
        await SendAsync(client, overduePerson, service);
        var answered = (await JsonAsync(await SendAsync(client, answeredPerson, service))).GetProperty("id").GetGuid();
        await client.PostAsJsonAsync($"/api/v1/service-referrals/{answered}/response", new { accepted = true });
        var overdueName = await app.WithDbAsync(app.World.Org("A"), db => db.People.Where(p => p.Id == overduePerson).Select(p => p.FamilyName).SingleAsync());
        var answeredName = await app.WithDbAsync(app.World.Org("A"), db => db.People.Where(p => p.Id == answeredPerson).Select(p => p.FamilyName).SingleAsync());

        // Sign in after moving the clock: the cookie lasts 8 hours.
        app.Clock.Now = new DateTimeOffset(2027, 2, 15, 12, 0, 0, TimeSpan.Zero); // due Mon 15 Feb: not yet overdue
        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        Assert.DoesNotContain(overdueName, (await worker.GetPageAsync("/service-referrals/overdue")).Body!.TextContent, StringComparison.Ordinal);

        app.Clock.Now = new DateTimeOffset(2027, 2, 16, 12, 0, 0, TimeSpan.Zero);
        worker = await app.SignInAsync("A", Roles.SupportWorker);
        var text = (await worker.GetPageAsync("/service-referrals/overdue")).Body!.TextContent;
        Assert.Contains(overdueName, text, StringComparison.Ordinal);
        Assert.DoesNotContain(answeredName, text, StringComparison.Ordinal);

        var otherOrg = await app.SignInAsync("B", Roles.TeamLead);
        Assert.DoesNotContain(overdueName, (await otherOrg.GetPageAsync("/service-referrals/overdue")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_organisations_referrals_and_people_are_not_found()
    {
        var service = await AddServiceAsync("Cross org " + NewArea(), ["money"], [], nationwide: true);
        var person = await AddPersonAsync("A");
        var id = (await JsonAsync(await SendAsync(app.ApiClient("A"), person, service))).GetProperty("id").GetGuid();
        var b = app.ApiClient("B");

        Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsJsonAsync($"/api/v1/service-referrals/{id}/response", new { accepted = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsJsonAsync($"/api/v1/service-referrals/{id}/outcome", new { outcome = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/v1/people/{person}/service-referrals")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(b, person, service)).StatusCode);
        var bWorker = await app.SignInAsync("B", Roles.SupportWorker);
        Assert.Equal(HttpStatusCode.NotFound, (await bWorker.GetAsync($"/service-referrals/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bWorker.GetAsync($"/people/{person}/service-referrals")).StatusCode);
    }

    [Fact]
    public async Task Roles_without_person_records_cannot_reach_referrals()
    {
        var service = await AddServiceAsync("Roles " + NewArea(), ["money"], [], nationwide: true);
        var person = await AddPersonAsync("A");
        var id = (await JsonAsync(await SendAsync(app.ApiClient("A"), person, service))).GetProperty("id").GetGuid();
        var evaluator = await app.SignInAsync("A", Roles.Evaluator);

        Assert.Equal(HttpStatusCode.NotFound, (await evaluator.GetAsync($"/service-referrals/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await evaluator.GetAsync($"/api/v1/people/{person}/service-referrals")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await evaluator.GetAsync("/service-referrals/overdue")).StatusCode);
    }

    [Fact]
    public async Task A_worker_refers_through_the_pages_and_records_decline_outcome_and_rescore()
    {
        app.Clock.Now = new DateTimeOffset(2027, 1, 6, 12, 0, 0, TimeSpan.Zero);
        var area = NewArea();
        var service = await AddServiceAsync("Page referral service " + area, ["worry"], [area + "4"]);
        var person = await AddPersonAsync("A", postcode: area + "4 1AB");
        var worker = await app.SignInAsync("A", Roles.SupportWorker);

        var results = await worker.GetPageAsync($"/people/{person}/service-referrals/new?Concern=worry");
        Assert.Contains("Page referral service " + area, results.Body!.TextContent, StringComparison.Ordinal);

        var sent = await worker.SubmitFormAsync($"/people/{person}/service-referrals/new?Concern=worry&ServiceId={service}", new() { ["Input.Note"] = "Anxious at night" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var url = sent.Headers.Location!.OriginalString;

        var noReason = await worker.SubmitFormAsync(url, new() { ["Input.Accepted"] = "False" });
        Assert.Contains(ServiceReferrals.DeclineReasonMessage, await noReason.ErrorSummaryAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await worker.SubmitFormAsync(url, new() { ["Input.Accepted"] = "True" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await worker.SubmitFormAsync(url, new() { ["Input.Outcome"] = "Six sessions of counselling" })).StatusCode);
        var badScore = await worker.SubmitFormAsync(url, new() { ["Input.Rescore"] = "eleven" });
        Assert.Contains(ServiceReferrals.RescoreMessage, await badScore.ErrorSummaryAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await worker.SubmitFormAsync(url, new() { ["Input.Rescore"] = "3" })).StatusCode);

        var saved = await app.WithDbAsync(app.World.Org("A"), db => db.Set<ServiceReferral>().SingleAsync(r => r.PersonId == person));
        Assert.Equal(ServiceReferralStatus.OutcomeRecorded, saved.Status);
        Assert.Equal(3, saved.RescoreScore);
        Assert.Equal("Anxious at night", saved.Note);
        Assert.True(await app.WithDbAsync(app.World.Org("A"), db => db.AuditEvents.AnyAsync(e => e.Action == "service-referral.rescore" && e.PersonId == person)));
    }

    [Fact]
    public async Task A_page_refuses_a_signpost_only_service()
    {
        var service = await AddServiceAsync("Page signpost " + NewArea(), ["worry"], [], nationwide: true, how: HowToUse.SignpostOnly);
        var person = await AddPersonAsync("A");
        var worker = await app.SignInAsync("A", Roles.SupportWorker);

        var page = await worker.GetPageAsync($"/people/{person}/service-referrals/new?Concern=worry&ServiceId={service}");

        // A form-level error: in the summary, with no field to link to.
        Assert.Contains(ServiceReferrals.SignpostOnlyMessage, page.QuerySelector(".nhsuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("textarea[name='Input.Note']"));
    }

    [Fact]
    public async Task The_seeded_directory_is_added_once()
    {
        await app.WithDbAsync(null, db => DirectorySeed.EnsureDefaultsAsync(db, CancellationToken.None));
        await app.WithDbAsync(null, db => DirectorySeed.EnsureDefaultsAsync(db, CancellationToken.None));
        var count = await app.WithDbAsync(null, db => db.Set<DirectoryService>().CountAsync(s => s.ExternalId!.StartsWith("o2o-seed-")));
        Assert.Equal(30, count);
    }
}

public sealed class DirectoryOnSqlite(DirectorySqliteApp app) : DirectoryTests(app), IClassFixture<DirectorySqliteApp>;

public sealed class DirectoryOnPostgres(DirectoryPostgresApp app) : DirectoryTests(app), IClassFixture<DirectoryPostgresApp>;
