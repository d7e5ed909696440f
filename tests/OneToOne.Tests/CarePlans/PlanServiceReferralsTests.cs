using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneToOne.CarePlans;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.ServiceDirectory;
using OneToOne.Tests.Allocation;
using OneToOne.Tests.Infrastructure;

namespace OneToOne.Tests.CarePlans;

/// <summary>A referral sent from a care plan action done by a directory service: the action offers it, the referral
/// remembers the action, the plan shows where it is; an action from another plan is never used.</summary>
public abstract class PlanServiceReferralsTests(OneToOneApp app)
{
    private static int _next = Random.Shared.Next(0, 600);

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>A postcode area of its own (two letters from Q, X or Z, never seeded), so the services one test adds
    /// to the shared directory never show in another's search.</summary>
    private static string NewArea()
    {
        var n = Interlocked.Increment(ref _next);
        return new string(["QXZ"[n / 26 % 3], (char)('A' + (n % 26))]);
    }

    private async Task<DirectoryService> AddServiceAsync(string name, string concern, string district, HowToUse how = HowToUse.Referral)
    {
        var service = new DirectoryService
        {
            Name = name, ProviderOrganisationName = "Test provider", HowToUse = how, Active = true, UpdatedAt = DateTimeOffset.UtcNow,
            Phone = "0113 496 0000", Email = "hello@service.test", Website = "https://service.test/",
            Categories = [new DirectoryServiceCategory { Code = concern }],
            Areas = [.. DirectoryRules.AreaRows(false, [district]).Select(d => new DirectoryServiceArea { District = d })],
        };
        await app.WithDbAsync(null, async db =>
        {
            db.Add(service);
            await db.SaveChangesAsync();
        });
        return service;
    }

    /// <summary>A person in <paramref name="district"/> with a draft plan: one concern and one action, arranged directly.</summary>
    private async Task<(Person Person, CarePlan Plan, CarePlanAction Action)> PlanWithActionAsync(string org, string district,
        ActionOwnerKind owner, DirectoryService? service, string concern = "money")
    {
        var person = await Arrange.PersonAsync(app, org, p => p.Postcode = district + " 1AA");
        return await app.WithDbAsync(app.World.Org(org), async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var plan = new CarePlan { PersonId = person.Id, CreatedAt = now, UpdatedAt = now };
            var item = new CarePlanConcern { PlanId = plan.Id, ItemCode = concern, Goal = "Feel on top of bills again" };
            var action = new CarePlanAction
            {
                PlanId = plan.Id, ConcernId = item.Id, Description = "Benefits check", OwnerKind = owner,
                OwnerName = service?.Name ?? (owner == ActionOwnerKind.OtherProfessional ? "Dr Shah" : null), ServiceId = service?.Id,
                DueOn = Today.AddDays(14), CreatedAt = now,
            };
            db.AddRange(plan, item, action);
            await db.SaveChangesAsync();
            return (person, plan, action);
        });
    }

    private Task<List<ServiceReferral>> ReferralsAsync(Guid personId) =>
        app.WithDbAsync(app.World.Org("A"), db => db.Set<ServiceReferral>().AsNoTracking().Where(r => r.PersonId == personId).ToListAsync());

    private static string NewUrl(Guid personId, Guid actionId) => $"/people/{personId}/service-referrals/new?actionId={actionId}";

    /// <summary>Every message in the error summary, form-level ones (no field to link to) included.</summary>
    private static async Task<List<string>> SummaryAsync(HttpResponseMessage response) =>
        [.. (await response.ParseAsync()).QuerySelectorAll(".nhsuk-error-summary__list li").Select(li => li.TextContent.Trim())];

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task An_action_done_by_a_service_offers_a_referral_that_remembers_the_action_and_the_plan_shows_its_status()
    {
        var area = NewArea();
        var service = await AddServiceAsync("Welfare rights " + area, "money", area + "1");
        var (person, _, action) = await PlanWithActionAsync("A", area + "1", ActionOwnerKind.Service, service);
        var client = await app.SignInAsync("A", Roles.SupportWorker);

        var plan = await client.GetPageAsync($"/people/{person.Id}/plan");
        var send = plan.QuerySelector($"[data-action-id='{action.Id}'] a[href='{NewUrl(person.Id, action.Id)}']");
        Assert.NotNull(send);
        Assert.StartsWith($"Send referral to {service.Name}", send.TextContent.Trim(), StringComparison.Ordinal);

        var form = await client.GetPageAsync(NewUrl(person.Id, action.Id));
        Assert.Equal(action.Id.ToString(), form.QuerySelector("input[name='Input.CarePlanActionId']")?.GetAttribute("value"));
        Assert.Equal(service.Id.ToString(), form.QuerySelector("input[name='Input.ServiceId']")?.GetAttribute("value"));
        Assert.Equal("money", form.QuerySelector("input[name='Input.ConcernItemCode']")?.GetAttribute("value"));
        Assert.Contains("Benefits check", form.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var sent = await client.SubmitFormAsync(NewUrl(person.Id, action.Id), new() { ["Input.Note"] = "Wants a benefits check" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal($"/people/{person.Id}/plan", sent.Headers.Location?.OriginalString);
        var referral = Assert.Single(await ReferralsAsync(person.Id));
        Assert.Equal((action.Id, service.Id, "money", ServiceReferralStatus.Sent), (referral.CarePlanActionId, referral.ServiceId, referral.ConcernItemCode, referral.Status));

        plan = await client.GetPageAsync($"/people/{person.Id}/plan");
        var row = plan.QuerySelector($"[data-action-id='{action.Id}']")!;
        Assert.Contains("Sent", row.QuerySelector(".app-action-referral")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector($"a[href='/service-referrals/{referral.Id}']"));
        Assert.Null(row.QuerySelector("a[href*='/service-referrals/new']"));

        // Unanswered past its response day: overdue. Declined: the action offers another referral.
        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            var r = await db.Set<ServiceReferral>().SingleAsync(x => x.Id == referral.Id);
            r.ResponseDueOn = Today.AddDays(-1);
            await db.SaveChangesAsync();
        });
        plan = await client.GetPageAsync($"/people/{person.Id}/plan");
        Assert.Contains("Response overdue", plan.QuerySelector($"[data-action-id='{action.Id}'] .app-action-referral")!.TextContent, StringComparison.Ordinal);

        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            var r = await db.Set<ServiceReferral>().SingleAsync(x => x.Id == referral.Id);
            r.Status = ServiceReferralStatus.Declined;
            r.DeclineReason = "Outside our area";
            await db.SaveChangesAsync();
        });
        plan = await client.GetPageAsync($"/people/{person.Id}/plan");
        row = plan.QuerySelector($"[data-action-id='{action.Id}']")!;
        Assert.Contains("Declined", row.QuerySelector(".app-action-referral")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("overdue", row.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(row.QuerySelector($"a[href='{NewUrl(person.Id, action.Id)}']"));
    }

    [Fact]
    public async Task A_second_referral_from_an_action_with_one_still_open_is_refused_and_nothing_more_is_stored()
    {
        var area = NewArea();
        var service = await AddServiceAsync("Money advice " + area, "money", area + "1");
        var (person, _, action) = await PlanWithActionAsync("A", area + "1", ActionOwnerKind.Service, service);
        var client = await app.SignInAsync("A", Roles.SupportWorker);
        var form = await client.GetPageAsync(NewUrl(person.Id, action.Id));
        Assert.NotNull(form.QuerySelector("input[name='Input.CarePlanActionId']"));

        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(NewUrl(person.Id, action.Id), [])).StatusCode);
        // The same form sent again (a double click, or the back button).
        var again = await client.PostAsync(NewUrl(person.Id, action.Id), new FormUrlEncodedContent(
        [
            new("Input.ServiceId", service.Id.ToString()), new("Input.ConcernItemCode", "money"), new("Input.CarePlanActionId", action.Id.ToString()),
            new("__RequestVerificationToken", form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!),
        ]));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(ServiceReferrals.ActionAlreadyReferredMessage, await SummaryAsync(again));
        Assert.Single(await ReferralsAsync(person.Id));
    }

    [Fact]
    public async Task An_action_done_by_a_signpost_only_service_shows_its_contact_details_and_offers_no_referral()
    {
        var area = NewArea();
        var service = await AddServiceAsync("Drop-in advice " + area, "money", area + "1", HowToUse.SignpostOnly);
        var (person, _, action) = await PlanWithActionAsync("A", area + "1", ActionOwnerKind.Service, service);
        var client = await app.SignInAsync("A", Roles.SupportWorker);

        var plan = await client.GetPageAsync($"/people/{person.Id}/plan");
        var row = plan.QuerySelector($"[data-action-id='{action.Id}']")!;
        var signpost = row.QuerySelector(".app-action-signpost")!.TextContent;
        Assert.Contains("Signpost only", signpost, StringComparison.Ordinal);
        Assert.Contains("0113 496 0000", signpost, StringComparison.Ordinal);
        Assert.Contains("hello@service.test", signpost, StringComparison.Ordinal);
        Assert.Null(row.QuerySelector("a[href*='/service-referrals/new']"));

        // Its referral page says why, and a forced POST is refused: nothing is stored.
        var page = await client.GetPageAsync(NewUrl(person.Id, action.Id));
        Assert.Contains(ServiceReferrals.SignpostOnlyMessage, page.QuerySelector(".nhsuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("input[name='Input.CarePlanActionId']"));
        var api = await app.ApiClient("A").PostAsJsonAsync($"/api/v1/people/{person.Id}/service-referrals", new { carePlanActionId = action.Id });
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal(ServiceReferrals.SignpostOnlyMessage, (await JsonAsync(api)).GetProperty("errors").GetProperty("serviceId")[0].GetString());
        Assert.Empty(await ReferralsAsync(person.Id));
    }

    [Fact]
    public async Task Another_person_s_or_another_organisation_s_action_is_not_found_on_the_page_and_refused_on_post()
    {
        var area = NewArea();
        var service = await AddServiceAsync("Carers' centre " + area, "money", area + "1");
        var (person, _, _) = await PlanWithActionAsync("A", area + "1", ActionOwnerKind.Service, service);
        var (_, _, otherPersons) = await PlanWithActionAsync("A", area + "1", ActionOwnerKind.Service, service);
        var (_, _, otherOrganisations) = await PlanWithActionAsync("B", area + "1", ActionOwnerKind.Service, service);
        var client = await app.SignInAsync("A", Roles.SupportWorker);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(NewUrl(person.Id, otherPersons.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(NewUrl(person.Id, otherOrganisations.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(NewUrl(person.Id, Guid.NewGuid()))).StatusCode);

        // A form for this person, with another plan's action put in.
        var url = $"/people/{person.Id}/service-referrals/new?Concern=money&ServiceId={service.Id}";
        foreach (var foreign in new[] { otherPersons.Id, otherOrganisations.Id })
        {
            var response = await client.SubmitFormAsync(url, new() { ["Input.CarePlanActionId"] = foreign.ToString() });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(ServiceReferrals.ActionNotFoundMessage, await SummaryAsync(response));
        }

        Assert.Empty(await ReferralsAsync(person.Id));
        Assert.Empty(await ReferralsAsync((await PersonOfAsync(otherPersons)).Id));
    }

    private Task<Person> PersonOfAsync(CarePlanAction action) =>
        app.WithDbAsync(app.World.Org("A"), db => (from p in db.People
                                                  join plan in db.Set<CarePlan>() on p.Id equals plan.PersonId
                                                  where plan.Id == action.PlanId
                                                  select p).SingleAsync());

    [Fact]
    public async Task The_api_sends_a_referral_from_a_plan_action_filling_in_the_action_s_service_and_concern()
    {
        var area = NewArea();
        var service = await AddServiceAsync("Macmillan grants " + area, "money", area + "1");
        var (person, _, action) = await PlanWithActionAsync("A", area + "1", ActionOwnerKind.Service, service);
        var api = app.ApiClient("A");

        var created = await api.PostAsJsonAsync($"/api/v1/people/{person.Id}/service-referrals", new { carePlanActionId = action.Id, note = "Grant" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await JsonAsync(created);
        Assert.Equal(action.Id, body.GetProperty("carePlanActionId").GetGuid());
        Assert.Equal(service.Id, body.GetProperty("serviceId").GetGuid());
        Assert.Equal("money", body.GetProperty("concernItemCode").GetString());

        var again = await api.PostAsJsonAsync($"/api/v1/people/{person.Id}/service-referrals", new { carePlanActionId = action.Id });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(ServiceReferrals.ActionAlreadyReferredMessage, (await JsonAsync(again)).GetProperty("errors").GetProperty("carePlanActionId")[0].GetString());
        Assert.Single(await ReferralsAsync(person.Id));
    }

    [Fact]
    public async Task The_api_refuses_an_action_from_another_plan_one_not_done_by_a_service_or_another_service_or_concern()
    {
        var area = NewArea();
        var service = await AddServiceAsync("Housing advice " + area, "money", area + "1");
        var otherService = await AddServiceAsync("Another service " + area, "money", area + "1");
        var (person, _, action) = await PlanWithActionAsync("A", area + "1", ActionOwnerKind.Service, service);
        var (_, _, personsOwn) = await PlanWithActionAsync("A", area + "1", ActionOwnerKind.Person, null);
        var (samePersonOwn, _, professionals) = await PlanWithActionAsync("A", area + "1", ActionOwnerKind.OtherProfessional, null);
        var (_, _, otherPersons) = await PlanWithActionAsync("A", area + "1", ActionOwnerKind.Service, service);
        var (_, _, otherOrganisations) = await PlanWithActionAsync("B", area + "1", ActionOwnerKind.Service, service);
        var api = app.ApiClient("A");
        var url = $"/api/v1/people/{person.Id}/service-referrals";

        async Task Refused(object request, string field, string message)
        {
            var response = await api.PostAsJsonAsync(url, request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(message, (await JsonAsync(response)).GetProperty("errors").GetProperty(field)[0].GetString());
        }

        await Refused(new { carePlanActionId = otherPersons.Id }, "carePlanActionId", ServiceReferrals.ActionNotFoundMessage);
        await Refused(new { carePlanActionId = otherOrganisations.Id }, "carePlanActionId", ServiceReferrals.ActionNotFoundMessage);
        await Refused(new { carePlanActionId = Guid.NewGuid() }, "carePlanActionId", ServiceReferrals.ActionNotFoundMessage);
        await Refused(new { carePlanActionId = action.Id, serviceId = otherService.Id }, "serviceId", ServiceReferrals.ActionOtherServiceMessage);
        await Refused(new { carePlanActionId = action.Id, concernItemCode = "pain" }, "concernItemCode", ServiceReferrals.ActionOtherConcernMessage);
        // Actions not done by a service, each on its own person's plan.
        var own = await api.PostAsJsonAsync($"/api/v1/people/{(await PersonOfAsync(personsOwn)).Id}/service-referrals",
            new { carePlanActionId = personsOwn.Id, serviceId = service.Id, concernItemCode = "money" });
        Assert.Equal(ServiceReferrals.ActionNotServiceMessage, (await JsonAsync(own)).GetProperty("errors").GetProperty("carePlanActionId")[0].GetString());
        var professional = await api.PostAsJsonAsync($"/api/v1/people/{samePersonOwn.Id}/service-referrals",
            new { carePlanActionId = professionals.Id, serviceId = service.Id, concernItemCode = "money" });
        Assert.Equal(HttpStatusCode.BadRequest, professional.StatusCode);

        var stored = await app.WithDbAsync(app.World.Org("A"), db => db.Set<ServiceReferral>().CountAsync(r => r.ServiceId == service.Id || r.ServiceId == otherService.Id));
        Assert.Equal(0, stored);
    }

    [Fact]
    public async Task Adding_an_action_offers_the_directory_services_for_the_concern_in_the_person_s_district_and_not_others()
    {
        var area = NewArea();
        var local = await AddServiceAsync("Local money help " + area, "money", area + "1");
        var elsewhere = await AddServiceAsync("Money help elsewhere " + area, "money", area + "9");
        var otherConcern = await AddServiceAsync("Pain clinic " + area, "pain", area + "1");
        var (person, plan, action) = await PlanWithActionAsync("A", area + "1", ActionOwnerKind.Person, null);
        var client = await app.SignInAsync("A", Roles.SupportWorker);
        var url = $"/plans/{plan.Id}/concerns/{action.ConcernId}/actions/new";

        var page = await client.GetPageAsync(url);
        var offered = page.QuerySelectorAll("input[name='Input.ServiceId']").Select(i => Guid.Parse(i.GetAttribute("value")!)).ToList();
        Assert.Contains(local.Id, offered);
        Assert.DoesNotContain(elsewhere.Id, offered);
        Assert.DoesNotContain(otherConcern.Id, offered);
        Assert.Contains($"in {area}1", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("takes referrals", page.QuerySelector($"label[for='{page.QuerySelector($"input[value='{local.Id}']")!.Id}']")!.TextContent, StringComparison.Ordinal);

        var form = new Dictionary<string, string>
        {
            ["Input.Description"] = "Benefits check", ["Input.OwnerKind"] = "Service", ["Input.ServiceId"] = local.Id.ToString(),
            ["Input.DueOn.Day"] = Today.AddDays(10).Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.DueOn.Month"] = Today.AddDays(10).Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.DueOn.Year"] = Today.AddDays(10).Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(url, form)).StatusCode);
        var added = await app.WithDbAsync(app.World.Org("A"), db => db.Set<CarePlanAction>().SingleAsync(a => a.PlanId == plan.Id && a.OwnerKind == ActionOwnerKind.Service));
        Assert.Equal((local.Id, local.Name), (added.ServiceId!.Value, added.OwnerName!));
        var planPage = await client.GetPageAsync($"/people/{person.Id}/plan");
        Assert.NotNull(planPage.QuerySelector($"a[href='{NewUrl(person.Id, added.Id)}']"));
    }
}

public sealed class PlanServiceReferralsOnSqlite(SqliteApp app) : PlanServiceReferralsTests(app), IClassFixture<SqliteApp>;

public sealed class PlanServiceReferralsOnPostgres(PostgresApp app) : PlanServiceReferralsTests(app), IClassFixture<PostgresApp>;
