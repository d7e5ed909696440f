using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OneToOne.Contacts;
using OneToOne.Platform.Auth;
using OneToOne.Referrals;
using OneToOne.Tests.Allocation;
using OneToOne.Tests.Infrastructure;
using OneToOne.Tests.Referrals;

namespace OneToOne.Tests.Contacts;

/// <summary>On the fixed clock (Wednesday 6 January 2027, noon GMT), so "now", "the past" and the BST change are certain.</summary>
public abstract class ContactsTests(OneToOneApp app)
{
    private static readonly DateOnly Today = FixedClock.Today;
    private static readonly string[] Emotional = ["emotional"];
    private static readonly string[] Physical = ["physical"];

    private static Dictionary<string, string> Form(DateOnly? date = null, string time = "11:00", string mode = "Phone", string duration = "25",
        string addressed = "emotional|practical", string outcome = "Talked through money worries; benefits referral agreed", DateOnly? next = null)
    {
        var values = new Dictionary<string, string>
        {
            ["Input.Time"] = time, ["Input.Mode"] = mode, ["Input.DurationMinutes"] = duration,
            ["Input.Addressed[]"] = addressed, ["Input.Outcome"] = outcome,
        };
        Kit.Date(values, "Input.Date", date ?? Today);
        Kit.Date(values, "Input.NextContactOn", next);
        return values;
    }

    private Task<List<Contact>> ContactsOfAsync(string org, Guid personId) =>
        app.WithDbAsync(app.World.Org(org), db => db.Set<Contact>().Where(c => c.PersonId == personId).ToListAsync());

    [Fact]
    public async Task Logging_the_first_contact_from_the_caseload_stores_it_activates_the_allocated_referral_and_returns_to_the_caseload()
    {
        var me = app.World.Account("A", Roles.SupportWorker);
        var person = await Arrange.PersonAsync(app, "A");
        var referral = await Arrange.ReferralAsync(app, "A", person.Id, ReferralStatus.Allocated, PathwayLevel.SupportedSelfManagement, me.StaffId);
        var client = await app.SignInAsync(me);
        var url = $"/people/{person.Id}/contacts/new?returnUrl=/caseload";

        var page = await client.GetPageAsync(url);
        Assert.Equal("6", page.QuerySelector("#Input_Date-day")!.GetAttribute("value"));
        Assert.Equal("12:00", page.QuerySelector("#Input_Time")!.GetAttribute("value"));
        Assert.Equal("30", page.QuerySelector("#Input_DurationMinutes")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("input[name='Input.Mode'][checked]"));

        var response = await client.SubmitFormAsync(url, Form(next: Today.AddDays(14)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/caseload", response.Headers.Location!.OriginalString);
        var contact = Assert.Single(await ContactsOfAsync("A", person.Id));
        Assert.Equal(new DateTimeOffset(2027, 1, 6, 11, 0, 0, TimeSpan.Zero), contact.OccurredAt);
        Assert.Equal(ContactMode.Phone, contact.Mode);
        Assert.Equal(25, contact.DurationMinutes);
        Assert.Equal(["practical", "emotional"], contact.Addressed);
        Assert.Equal(me.StaffId, contact.StaffMemberId);
        Assert.Equal(referral.Id, contact.ReferralId);
        Assert.Equal(Today.AddDays(14), contact.NextContactOn);
        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            var r = await db.Referrals.SingleAsync(x => x.Id == referral.Id);
            Assert.Equal(ReferralStatus.Active, r.Status);
            Assert.Equal(contact.OccurredAt, r.ActivatedAt);
            Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "contact.create" && a.EntityId == contact.Id.ToString()));
            Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "referral.first-contact" && a.EntityId == referral.Id.ToString()));
        });

        var list = await client.GetPageAsync($"/people/{person.Id}/contacts");
        Assert.Contains("Contact logged", list.QuerySelector(".nhsuk-notification-banner")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Contains("benefits referral agreed", list.QuerySelector($"tr[data-contact-id='{contact.Id}']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_contact_leaves_an_active_referral_alone_and_a_foreign_return_address_goes_to_the_caseload()
    {
        var me = app.World.Account("A", Roles.SupportWorker);
        var person = await Arrange.PersonAsync(app, "A");
        var activatedAt = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        var referral = await Arrange.ReferralAsync(app, "A", person.Id, ReferralStatus.Active, PathwayLevel.SupportedSelfManagement, me.StaffId,
            r => r.ActivatedAt = activatedAt);
        var client = await app.SignInAsync(me);

        var response = await client.SubmitFormAsync($"/people/{person.Id}/contacts/new?returnUrl=https://evil.example/", Form());

        Assert.Equal("/caseload", response.Headers.Location!.OriginalString);
        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            var r = await db.Referrals.SingleAsync(x => x.Id == referral.Id);
            Assert.Equal(activatedAt, r.ActivatedAt);
            Assert.False(await db.AuditEvents.AnyAsync(a => a.Action == "referral.first-contact" && a.EntityId == referral.Id.ToString()));
        });
    }

    public static TheoryData<string, string> BadInputs() => new()
    {
        { "future", ContactRules.InFuture },
        { "over a year ago", ContactRules.TooOld },
        { "zero duration", ContactRules.DurationRange },
        { "absurd duration", ContactRules.DurationRange },
        { "unreadable duration", ContactRules.DurationNotNumber },
        { "nothing addressed", ContactRules.AddressedMissing },
        { "next contact in the past", ContactRules.NextContactPast },
        { "no outcome", ContactRules.OutcomeMissing },
        { "impossible date", "Date of contact must be a real date" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_gets_a_clear_message_and_nothing_is_stored(string bad, string message)
    {
        var me = app.World.Account("A", Roles.SupportWorker);
        var person = await Arrange.PersonAsync(app, "A");
        var referral = await Arrange.ReferralAsync(app, "A", person.Id, ReferralStatus.Allocated, PathwayLevel.SupportedSelfManagement, me.StaffId);
        var client = await app.SignInAsync(me);
        var form = bad switch
        {
            "future" => Form(date: Today.AddDays(1)),
            "over a year ago" => Form(date: Today.AddYears(-1).AddDays(-1)),
            "zero duration" => Form(duration: "0"),
            "absurd duration" => Form(duration: "600"),
            "unreadable duration" => Form(duration: "an hour"),
            "nothing addressed" => Form(addressed: ""),
            "next contact in the past" => Form(next: Today.AddDays(-1)),
            "no outcome" => Form(outcome: "  "),
            _ => Form(),
        };
        if (bad == "impossible date")
        {
            form["Input.Date.Day"] = "31";
            form["Input.Date.Month"] = "2";
        }

        var response = await client.SubmitFormAsync($"/people/{person.Id}/contacts/new", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.ErrorSummaryAsync());
        Assert.Empty(await ContactsOfAsync("A", person.Id));
        await app.WithDbAsync(app.World.Org("A"), async db =>
            Assert.Equal(ReferralStatus.Allocated, (await db.Referrals.SingleAsync(x => x.Id == referral.Id)).Status));
    }

    [Fact]
    public async Task A_uk_time_entered_after_the_clocks_go_forward_is_stored_as_the_right_utc_time()
    {
        var person = await Arrange.PersonAsync(app, "A");
        var client = await app.SignInAsync("A", Roles.SupportWorker);

        var gap = await client.SubmitFormAsync($"/people/{person.Id}/contacts/new", Form(date: new DateOnly(2026, 3, 29), time: "01:30"));
        Assert.Contains(ContactRules.NotInUk, await gap.ErrorSummaryAsync());

        var response = await client.SubmitFormAsync($"/people/{person.Id}/contacts/new", Form(date: new DateOnly(2026, 3, 30), time: "01:30"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var contact = Assert.Single(await ContactsOfAsync("A", person.Id));
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 0, 30, 0, TimeSpan.Zero), contact.OccurredAt);
        var list = await client.GetPageAsync($"/people/{person.Id}/contacts");
        Assert.Contains("30 Mar 2026, 01:30", list.QuerySelector($"tr[data-contact-id='{contact.Id}']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_without_a_staff_record_is_told_they_cannot_log_contacts_and_nothing_is_stored()
    {
        var account = await AccountWithoutStaffRecordAsync("A");
        var person = await Arrange.PersonAsync(app, "A");
        var client = await app.SignInAsync(account);

        var page = await client.GetPageAsync($"/people/{person.Id}/contacts/new");
        Assert.Contains(ContactLog.NoStaffRecord, page.QuerySelector("#no-staff-record")!.TextContent, StringComparison.Ordinal);
        var response = await client.SubmitFormAsync($"/people/{person.Id}/contacts/new", Form());
        var summary = (await response.ParseAsync()).QuerySelectorAll(".nhsuk-error-summary__list li").Select(li => li.TextContent.Trim());
        Assert.Contains(ContactLog.NoStaffRecord, summary);

        var api = await client.PostAsJsonAsync($"/api/v1/people/{person.Id}/contacts", ApiBody());
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Contains(ContactLog.NoStaffRecord, await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await ContactsOfAsync("A", person.Id));
    }

    [Fact]
    public async Task Group_attendance_shows_on_each_attendees_contacts_and_a_duplicate_attendee_is_refused()
    {
        var client = await app.SignInAsync("A", Roles.SupportWorker);
        var first = await Arrange.PersonAsync(app, "A");
        var second = await Arrange.PersonAsync(app, "A");
        var title = Arrange.Unique("Moving forward event");
        var values = new Dictionary<string, string>
        {
            ["Input.Title"] = title, ["Input.Kind"] = "HealthAndWellbeingEvent", ["Input.Time"] = "10:00", ["Input.DurationMinutes"] = "120",
            ["Input.Location"] = "Maggie's centre", ["Input.Addressed[]"] = "lifestyle|emotional",
        };
        Kit.Date(values, "Input.Date", Today.AddDays(-2));
        var created = await client.SubmitFormAsync("/groups/new", values);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var groupUrl = created.Headers.Location!.OriginalString;
        var groupId = Guid.Parse(groupUrl["/groups/".Length..]);

        foreach (var person in new[] { first, second })
        {
            var search = $"{groupUrl}?search={person.NhsNumber}";
            var added = await client.SubmitFormAsync(search, [], $"form.add-attendee[data-person-id='{person.Id}']");
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var register = await client.GetPageAsync(groupUrl);
        Assert.Equal(2, register.QuerySelectorAll("#attendees tbody tr").Length);
        foreach (var person in new[] { first, second })
        {
            var contacts = await client.GetPageAsync($"/people/{person.Id}/contacts");
            var row = Assert.Single(contacts.QuerySelectorAll("table.contacts tbody tr"));
            Assert.Contains(title, row.QuerySelector(".mode")!.TextContent, StringComparison.Ordinal);
            Assert.Contains("Group session", row.QuerySelector(".mode")!.TextContent, StringComparison.Ordinal);
            var contact = Assert.Single(await ContactsOfAsync("A", person.Id));
            Assert.Equal((ContactMode.Group, groupId, 120), (contact.Mode, contact.GroupSessionId, contact.DurationMinutes));
            Assert.Equal(new DateTimeOffset(2027, 1, 4, 10, 0, 0, TimeSpan.Zero), contact.OccurredAt);
        }

        // Adding the same person again (a second tab, or the API) is refused.
        var again = await client.PostAsJsonAsync($"/api/v1/groups/{groupId}/attendees", new { personId = first.Id });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Single(await ContactsOfAsync("A", first.Id));

        // Removing an attendee removes their group contact.
        var removed = await client.SubmitFormAsync(groupUrl, [], $"form.remove-attendee[data-person-id='{second.Id}']");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Empty(await ContactsOfAsync("A", second.Id));
        Assert.Single(await ContactsOfAsync("A", first.Id));
        await app.WithDbAsync(app.World.Org("A"), async db =>
            Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "group.attendee.remove" && a.EntityId == groupId.ToString() && a.PersonId == second.Id)));
    }

    [Fact]
    public async Task A_stale_register_form_is_refused_rather_than_adding_twice()
    {
        var client = await app.SignInAsync("A", Roles.SupportWorker);
        var person = await Arrange.PersonAsync(app, "A");
        var groupId = await GroupAsync(client, Today.AddDays(-1));
        var search = $"/groups/{groupId}?search={person.NhsNumber}";
        var page = await client.GetPageAsync(search);
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector($"form.add-attendee[data-person-id='{person.Id}']")!;
        var fields = form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields))).StatusCode);
        var second = await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains(ContactLog.DuplicateAttendee, await second.ErrorSummaryAsync());
        Assert.Single(await ContactsOfAsync("A", person.Id));
    }

    [Fact]
    public async Task Attendance_cannot_be_recorded_before_a_session_starts()
    {
        var client = await app.SignInAsync("A", Roles.SupportWorker);
        var person = await Arrange.PersonAsync(app, "A");
        var groupId = await GroupAsync(client, Today.AddDays(7));

        var response = await client.PostAsJsonAsync($"/api/v1/groups/{groupId}/attendees", new { personId = person.Id });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(ContactLog.NotStartedMessage, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var groups = await client.GetFromJsonAsync<JsonElement>("/api/v1/groups");
        Assert.Contains(groups.GetProperty("upcoming").EnumerateArray(), g => g.GetProperty("id").GetGuid() == groupId);
        Assert.Empty(await ContactsOfAsync("A", person.Id));
    }

    [Fact]
    public async Task Another_organisations_people_and_groups_answer_404()
    {
        var person = await Arrange.PersonAsync(app, "A");
        var clientA = await app.SignInAsync("A", Roles.SupportWorker);
        var groupId = await GroupAsync(clientA, Today.AddDays(-1));
        var b = await app.SignInAsync("B", Roles.SupportWorker);
        var personB = await Arrange.PersonAsync(app, "B");

        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/people/{person.Id}/contacts/new")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/people/{person.Id}/contacts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/groups/{groupId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/v1/people/{person.Id}/contacts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsJsonAsync($"/api/v1/people/{person.Id}/contacts", ApiBody())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsJsonAsync($"/api/v1/groups/{groupId}/attendees", new { personId = personB.Id })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clientA.PostAsJsonAsync($"/api/v1/groups/{groupId}/attendees", new { personId = personB.Id })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.DeleteAsync($"/api/v1/groups/{groupId}/attendees/{person.Id}")).StatusCode);
        Assert.Empty(await ContactsOfAsync("A", person.Id));
        Assert.Empty(await ContactsOfAsync("B", personB.Id));
    }

    [Fact]
    public async Task The_api_logs_and_lists_contacts_and_names_the_fields_it_refuses()
    {
        var person = await Arrange.PersonAsync(app, "A");
        var client = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var url = $"/api/v1/people/{person.Id}/contacts";

        var bad = await client.PostAsJsonAsync(url, new
        {
            occurredAt = "2027-01-07T09:00:00Z", mode = "Group", durationMinutes = 0, addressed = Array.Empty<string>(), outcome = "",
            nextContactOn = "2027-01-01",
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(ContactRules.InFuture, errors.GetProperty("occurredAt")[0].GetString());
        Assert.Equal(ContactRules.ModeGroup, errors.GetProperty("mode")[0].GetString());
        Assert.Equal(ContactRules.DurationRange, errors.GetProperty("durationMinutes")[0].GetString());
        Assert.Equal(ContactRules.AddressedMissing, errors.GetProperty("addressed")[0].GetString());
        Assert.Equal(ContactRules.OutcomeMissing, errors.GetProperty("outcome")[0].GetString());
        Assert.Equal(ContactRules.NextContactPast, errors.GetProperty("nextContactOn")[0].GetString());
        Assert.Empty(await ContactsOfAsync("A", person.Id));

        var older = await client.PostAsJsonAsync(url, ApiBody("2026-03-30T01:30"));
        Assert.Equal(HttpStatusCode.Created, older.StatusCode);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 0, 30, 0, TimeSpan.Zero),
            (await older.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("occurredAt").GetDateTimeOffset());
        var newer = await client.PostAsJsonAsync(url, ApiBody("2027-01-05T15:00:00Z"));
        Assert.Equal(HttpStatusCode.Created, newer.StatusCode);

        var list = await client.GetFromJsonAsync<JsonElement>(url);
        Assert.Equal([new DateTimeOffset(2027, 1, 5, 15, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 30, 0, 30, 0, TimeSpan.Zero)],
            list.EnumerateArray().Select(c => c.GetProperty("occurredAt").GetDateTimeOffset()));
        Assert.Equal("Video", list[0].GetProperty("mode").GetString());
    }

    private static object ApiBody(string occurredAt = "2027-01-06T10:00:00Z") => new
    {
        occurredAt, mode = "Video", durationMinutes = 40, addressed = Physical, outcome = "Fatigue plan reviewed",
    };

    private async Task<Guid> GroupAsync(HttpClient client, DateOnly date)
    {
        var response = await client.PostAsJsonAsync("/api/v1/groups", new
        {
            title = Arrange.Unique("Support group"), kind = "SupportGroup",
            occurredAt = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T10:00", durationMinutes = 90, addressed = Emotional,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private Task<TestAccount> AccountWithoutStaffRecordAsync(string org) =>
        app.WithDbAsync(app.World.Org(org), async db =>
        {
            var email = $"nostaff-{Guid.NewGuid():N}@{org.ToLowerInvariant()}.test";
            var account = new StaffAccount
            {
                OrganisationId = app.World.Org(org), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
                NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, DisplayName = "No Staff Record", LockoutEnabled = true,
                SecurityStamp = Guid.NewGuid().ToString("N"),
            };
            account.PasswordHash = new PasswordHasher<StaffAccount>().HashPassword(account, TestWorld.Password);
            db.Users.Add(account);
            var role = await db.Roles.SingleAsync(r => r.Name == Roles.SupportWorker);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = account.Id, RoleId = role.Id });
            await db.SaveChangesAsync();
            return new TestAccount(account.OrganisationId, account.Id, null, email, Roles.SupportWorker, null);
        });
}

public sealed class ContactsOnSqlite(ClockedSqliteApp app) : ContactsTests(app), IClassFixture<ClockedSqliteApp>;

public sealed class ContactsOnPostgres(ClockedPostgresApp app) : ContactsTests(app), IClassFixture<ClockedPostgresApp>;
