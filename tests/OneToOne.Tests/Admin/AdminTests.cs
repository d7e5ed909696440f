using System.Net;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Auth;
using OneToOne.Tests.Infrastructure;
using OneToOne.Workforce;

namespace OneToOne.Tests.Admin;

public abstract class AdminTests(OneToOneApp app)
{
    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    private Task<HttpClient> AdminAsync(string org = "A") => app.SignInAsync(org, Roles.Administrator);

    private async Task<StaffMember> NewStaffAsync(string org, string role = "Support worker")
    {
        var staff = new StaffMember
        {
            DisplayName = "New starter " + Unique(), Email = Unique() + "@" + org.ToLowerInvariant() + ".test",
            StaffRoleId = app.World.StaffRoles[role].Id, TeamId = app.World.Teams[org].Id,
        };
        await app.WithDbAsync(app.World.Org(org), async db =>
        {
            db.Staff.Add(staff);
            await db.SaveChangesAsync();
        });
        return staff;
    }

    private static async Task<string?> TextAsync(HttpResponseMessage response, string selector) =>
        (await response.ParseAsync()).QuerySelector(selector)?.TextContent.Trim();

    [Fact]
    public async Task The_administration_index_links_every_section_with_counts()
    {
        var page = await (await AdminAsync()).GetPageAsync("/admin");
        var links = page.QuerySelectorAll("a.nhsuk-card__link").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/admin/staff", "/admin/teams", "/admin/accounts", "/admin/api-clients", "/admin/roles", "/admin/organisations", "/admin/unit-costs",
            "/supervision/links", "/admin/instruments", "/admin/directory", "/admin/outbox", "/admin/jobs", "/admin/audit"], links);
        Assert.Matches(@"\d+ accounts in your organisation", page.Body!.TextContent);

        // Every card leads to a page the administrator can use.
        var admin = await AdminAsync();
        foreach (var link in links)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(link)).StatusCode);
        }
    }

    [Theory]
    [InlineData(Roles.SupportWorker)]
    [InlineData(Roles.RegisteredPractitioner)]
    [InlineData(Roles.TeamLead)]
    [InlineData(Roles.Evaluator)]
    public async Task Administration_pages_are_forbidden_to_other_roles(string role)
    {
        var client = await app.SignInAsync("A", role);
        var account = app.World.Account("A", Roles.SupportWorker).AccountId;
        foreach (var path in new[] { "/admin", "/admin/accounts", "/admin/api-clients", "/admin/api-clients/new", "/admin/audit" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/access-denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        // A route naming a record answers 404 to a role that may not use it (ADR 0004).
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/accounts/{account}")).StatusCode);
    }

    // Sign-in accounts

    [Fact]
    public async Task Accounts_lists_only_the_administrators_own_organisation()
    {
        var page = await (await AdminAsync()).GetStringAsync("/admin/accounts");
        Assert.Contains(app.World.Account("A", Roles.SupportWorker).Email, page, StringComparison.Ordinal);
        Assert.DoesNotContain(app.World.Account("B", Roles.SupportWorker).Email, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_organisations_account_is_not_found_and_cannot_be_changed()
    {
        var client = await AdminAsync();
        var accountB = app.World.Account("B", Roles.SupportWorker).AccountId;
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/accounts/{accountB}")).StatusCode);
        var own = await client.GetPageAsync($"/admin/accounts/{app.World.Account("A", Roles.SupportWorker).AccountId}");
        var token = own.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var post = await client.PostAsync($"/admin/accounts/{accountB}?handler=Roles",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Granted", Roles.Administrator)]));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        var reset = await client.PostAsync($"/admin/accounts/{accountB}?handler=ResetTwoFactor",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, reset.StatusCode);
        Assert.False(await app.WithDbAsync(null, db => db.UserRoles.AnyAsync(ur => ur.UserId == accountB && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Administrator))));
    }

    [Fact]
    public async Task An_administrator_grants_and_removes_extra_roles_and_it_is_audited()
    {
        var client = await AdminAsync();
        var staff = await NewStaffAsync("A");
        var created = await client.SubmitFormAsync($"/admin/staff/{staff.Id}/account", new(), "form[action*='handler=Create']");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var accountId = await app.WithDbAsync(app.World.Org("A"), db => db.Staff.Where(s => s.Id == staff.Id).Select(s => s.AccountId!.Value).SingleAsync());
        var granted = await PostRolesAsync(client, accountId, Roles.Evaluator, Roles.TeamLead);
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.Equal([Roles.Evaluator, Roles.SupportWorker, Roles.TeamLead], await RolesOfAsync(accountId));
        var removed = await PostRolesAsync(client, accountId, Roles.Evaluator);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal([Roles.Evaluator, Roles.SupportWorker], await RolesOfAsync(accountId));
        Assert.Equal(2, await app.WithDbAsync(app.World.Org("A"), db => db.AuditEvents.CountAsync(e => e.Action == "account.roles" && e.EntityId == accountId.ToString())));
    }

    /// <summary>Posts the roles form with exactly these boxes ticked (the form helper would keep boxes already ticked).</summary>
    private static async Task<HttpResponseMessage> PostRolesAsync(HttpClient client, Guid accountId, params string[] roles)
    {
        var page = await client.GetPageAsync($"/admin/accounts/{accountId}");
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        return await client.PostAsync($"/admin/accounts/{accountId}?handler=Roles",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. roles.Select(r => new KeyValuePair<string, string>("Granted", r))]));
    }

    private Task<List<string>> RolesOfAsync(Guid accountId) =>
        app.WithDbAsync(null, db => (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == accountId orderby r.Name select r.Name!).ToListAsync());

    [Fact]
    public async Task An_administrator_cannot_remove_their_own_administrator_role()
    {
        var client = await AdminAsync("B");
        var self = app.World.Account("B", Roles.Administrator).AccountId;
        var response = await PostRolesAsync(client, self, Roles.Evaluator);
        Assert.Contains("You cannot remove the administrator role from your own account. Ask another administrator.", await response.ErrorSummaryAsync());
        Assert.Contains(Roles.Administrator, await RolesOfAsync(self));
    }

    [Fact]
    public async Task Resetting_two_factor_turns_it_off_with_a_new_key()
    {
        var staff = await NewStaffAsync("A");
        var client = await AdminAsync();
        await client.SubmitFormAsync($"/admin/staff/{staff.Id}/account", new(), "form[action*='handler=Create']");
        var accountId = await app.WithDbAsync(app.World.Org("A"), db => db.Staff.Where(s => s.Id == staff.Id).Select(s => s.AccountId!.Value).SingleAsync());
        await app.WithDbAsync(null, async db =>
        {
            var a = await db.Users.SingleAsync(u => u.Id == accountId);
            a.TwoFactorEnabled = true;
            await db.SaveChangesAsync();
        });
        var response = await client.SubmitFormAsync($"/admin/accounts/{accountId}", new(), "form[action*='handler=ResetTwoFactor']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await app.WithDbAsync(null, db => db.Users.Where(u => u.Id == accountId).Select(u => u.TwoFactorEnabled).SingleAsync()));
        Assert.True(await app.WithDbAsync(app.World.Org("A"), db => db.AuditEvents.AnyAsync(e => e.Action == "account.two-factor-reset" && e.EntityId == accountId.ToString())));
    }

    // Staff sign-in accounts

    [Fact]
    public async Task A_new_account_gets_a_one_time_password_that_signs_in_through_the_real_form()
    {
        var staff = await NewStaffAsync("A", "Clinical nurse specialist");
        var client = await AdminAsync();
        var response = await client.SubmitFormAsync($"/admin/staff/{staff.Id}/account", new(), "form[action*='handler=Create']");
        var password = await TextAsync(response, "#temporary-password");
        Assert.NotNull(password);
        Assert.True(password.Length >= 16);
        var account = await app.WithDbAsync(null, db => db.Users.SingleAsync(u => u.Email == staff.Email));
        Assert.Equal(app.World.Org("A"), account.OrganisationId);
        Assert.Equal(staff.DisplayName, account.DisplayName);
        Assert.Equal([Roles.RegisteredPractitioner], await RolesOfAsync(account.Id));
        Assert.DoesNotContain(password, account.PasswordHash, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(app.World.Org("A"), db => db.AuditEvents.AnyAsync(e => e.Action == "account.create" && e.EntityId == account.Id.ToString())));

        // Shown once: the page does not show it again.
        Assert.Null((await client.GetPageAsync($"/admin/staff/{staff.Id}/account")).QuerySelector("#temporary-password"));

        var newcomer = app.NewClient();
        var signIn = await newcomer.SubmitFormAsync("/account/sign-in", new() { ["Input.Email"] = staff.Email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);
        Assert.Equal("/referrals", (await newcomer.GetAsync("/")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Resetting_the_password_replaces_the_old_one()
    {
        var staff = await NewStaffAsync("A");
        var client = await AdminAsync();
        var first = await TextAsync(await client.SubmitFormAsync($"/admin/staff/{staff.Id}/account", new(), "form[action*='handler=Create']"), "#temporary-password");
        var second = await TextAsync(await client.SubmitFormAsync($"/admin/staff/{staff.Id}/account", new(), "form[action*='handler=Create']"), "#temporary-password");
        Assert.NotEqual(first, second);
        var old = await app.NewClient().SubmitFormAsync("/account/sign-in", new() { ["Input.Email"] = staff.Email, ["Input.Password"] = first! });
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        var now = await app.NewClient().SubmitFormAsync("/account/sign-in", new() { ["Input.Email"] = staff.Email, ["Input.Password"] = second! });
        Assert.Equal(HttpStatusCode.Redirect, now.StatusCode);
    }

    [Fact]
    public async Task A_locked_account_cannot_sign_in_until_unlocked()
    {
        var staff = await NewStaffAsync("A");
        var client = await AdminAsync();
        var password = await TextAsync(await client.SubmitFormAsync($"/admin/staff/{staff.Id}/account", new(), "form[action*='handler=Create']"), "#temporary-password");
        var locked = await client.SubmitFormAsync($"/admin/staff/{staff.Id}/account", new(), "form[action*='handler=Lock']");
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        var refused = await app.NewClient().SubmitFormAsync("/account/sign-in", new() { ["Input.Email"] = staff.Email, ["Input.Password"] = password! });
        Assert.Contains("This account is locked after too many wrong passwords. Try again in 15 minutes or ask your administrator.", await refused.ErrorSummaryAsync());
        await client.SubmitFormAsync($"/admin/staff/{staff.Id}/account", new(), "form[action*='handler=Unlock']");
        var allowed = await app.NewClient().SubmitFormAsync("/account/sign-in", new() { ["Input.Email"] = staff.Email, ["Input.Password"] = password! });
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        Assert.Equal(2, await app.WithDbAsync(app.World.Org("A"), db => db.AuditEvents.CountAsync(e => (e.Action == "account.lock" || e.Action == "account.unlock") && e.Detail!.Contains(staff.Id.ToString()))));
    }

    // API clients

    [Fact]
    public async Task A_new_api_token_is_shown_once_works_and_stops_working_when_revoked()
    {
        var client = await AdminAsync();
        var name = "Hospital EPR " + Unique();
        var created = await client.SubmitFormAsync("/admin/api-clients/new", new() { ["Input.Name"] = name });
        var token = await TextAsync(created, "#api-token");
        Assert.StartsWith(ApiClient.TokenStart, token, StringComparison.Ordinal);
        var row = await app.WithDbAsync(app.World.Org("A"), db => db.ApiClients.SingleAsync(c => c.Name == name));
        Assert.Equal(ApiClient.Hash(token!), row.TokenHash);
        Assert.Equal(token![..10], row.TokenPrefix);
        Assert.NotEqual(token, row.TokenHash);
        Assert.True(await app.WithDbAsync(app.World.Org("A"), db => db.AuditEvents.AnyAsync(e => e.Action == "apiclient.create" && e.EntityId == row.Id.ToString())));

        var caller = app.NewClient();
        caller.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await caller.GetAsync("/openapi/v1.json")).StatusCode);
        var list = await client.GetStringAsync("/admin/api-clients");
        Assert.Contains(row.TokenPrefix, list, StringComparison.Ordinal);
        Assert.DoesNotContain(token, list, StringComparison.Ordinal);

        var revoked = await client.SubmitFormAsync("/admin/api-clients", new(), $"form[action*='{row.Id}']");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await caller.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.True(await app.WithDbAsync(app.World.Org("A"), db => db.AuditEvents.AnyAsync(e => e.Action == "apiclient.revoke" && e.EntityId == row.Id.ToString())));
    }

    [Fact]
    public async Task An_api_client_needs_a_name_of_200_characters_or_fewer()
    {
        var client = await AdminAsync();
        Assert.Contains("Enter a name for the system that will use the token",
            await (await client.SubmitFormAsync("/admin/api-clients/new", new() { ["Input.Name"] = "" })).ErrorSummaryAsync());
        var name = new string('h', 201);
        Assert.Contains("Name must be 200 characters or fewer",
            await (await client.SubmitFormAsync("/admin/api-clients/new", new() { ["Input.Name"] = name })).ErrorSummaryAsync());
        Assert.False(await app.WithDbAsync(app.World.Org("A"), db => db.ApiClients.AnyAsync(c => c.Name == name)));
    }

    [Fact]
    public async Task Another_organisations_api_client_cannot_be_revoked()
    {
        var client = await AdminAsync();
        var clientB = await app.WithDbAsync(app.World.Org("B"), db => db.ApiClients.Select(c => c.Id).FirstAsync());
        var page = await client.GetPageAsync("/admin/api-clients/new");
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var response = await client.PostAsync($"/admin/api-clients?handler=Revoke&id={clientB}",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(await app.WithDbAsync(app.World.Org("B"), db => db.ApiClients.Where(c => c.Id == clientB).Select(c => c.RevokedAt).SingleAsync()));
    }

    // Audit trail

    [Fact]
    public async Task Audit_search_finds_events_by_action_and_by_person_and_never_shows_another_organisation()
    {
        var person = Guid.CreateVersion7();
        var marker = "marker-" + Unique();
        foreach (var org in new[] { "A", "B" })
        {
            await app.WithDbAsync(app.World.Org(org), async db =>
            {
                db.AuditEvents.Add(new OneToOne.Platform.Audit.AuditEvent
                {
                    OrganisationId = app.World.Org(org), OccurredAt = OneToOne.Platform.Audit.AuditEvent.Truncate(DateTimeOffset.UtcNow), UserName = "tester", Role = Roles.SupportWorker,
                    Action = "test.look", EntityType = "Person", EntityId = person.ToString(), PersonId = person, Detail = marker + "-" + org,
                });
                await db.SaveChangesAsync();
            });
        }

        var client = await AdminAsync();
        var byAction = await client.GetStringAsync("/admin/audit?Filter.Action=test.look");
        Assert.Contains(marker + "-A", byAction, StringComparison.Ordinal);
        Assert.DoesNotContain(marker + "-B", byAction, StringComparison.Ordinal);
        var byPerson = await client.GetPageAsync($"/admin/audit?Filter.PersonId={person}");
        var rows = byPerson.QuerySelectorAll("#audit-results tbody tr");
        Assert.Single(rows);
        Assert.Contains(marker + "-A", rows[0].TextContent, StringComparison.Ordinal);
        var otherAction = await client.GetStringAsync("/admin/audit?Filter.Action=staff.create");
        Assert.DoesNotContain(marker, otherAction, StringComparison.Ordinal);

        // Searching is itself recorded, against the person searched for.
        Assert.True(await app.WithDbAsync(app.World.Org("A"), db => db.AuditEvents.AnyAsync(e => e.Action == "audit.search" && e.PersonId == person)));
    }

    [Fact]
    public async Task Audit_search_filters_by_uk_date_range_and_user()
    {
        var marker = "dated-" + Unique();
        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            db.AuditEvents.Add(new OneToOne.Platform.Audit.AuditEvent
            {
                // 23:30 UTC on 30 June 2026 is 00:30 on 1 July in the UK (BST).
                OrganisationId = app.World.Org("A"), OccurredAt = new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.Zero),
                UserId = app.World.Account("A", Roles.TeamLead).AccountId, UserName = "TeamLead A", Role = Roles.TeamLead,
                Action = "test.dated", EntityType = "Referral", EntityId = Guid.CreateVersion7().ToString(), Detail = marker,
            });
            await db.SaveChangesAsync();
        });
        var client = await AdminAsync();
        static string Range(int fromDay, int fromMonth, int toDay, int toMonth) =>
            $"/admin/audit?Filter.From.Day={fromDay}&Filter.From.Month={fromMonth}&Filter.From.Year=2026&Filter.To.Day={toDay}&Filter.To.Month={toMonth}&Filter.To.Year=2026";
        Assert.Contains(marker, await client.GetStringAsync(Range(1, 7, 1, 7)), StringComparison.Ordinal);
        Assert.DoesNotContain(marker, await client.GetStringAsync(Range(30, 6, 30, 6)), StringComparison.Ordinal);
        Assert.Contains(marker, await client.GetStringAsync("/admin/audit?Filter.User=teamlead@&Filter.Action=test.dated"), StringComparison.Ordinal);
        Assert.DoesNotContain(marker, await client.GetStringAsync("/admin/audit?Filter.User=supportworker@&Filter.Action=test.dated"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_search_refuses_a_malformed_person_id_and_a_backwards_date_range()
    {
        var client = await AdminAsync();
        var bad = await client.GetAsync("/admin/audit?Filter.PersonId=not-a-guid");
        Assert.Contains("Enter a person ID in the correct format, like 0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", await bad.ErrorSummaryAsync());
        var backwards = await client.GetAsync("/admin/audit?Filter.From.Day=2&Filter.From.Month=7&Filter.From.Year=2026&Filter.To.Day=1&Filter.To.Month=7&Filter.To.Year=2026");
        Assert.Contains("The 'to' date must be the same as or after the 'from' date", await backwards.ErrorSummaryAsync());
    }

    [Fact]
    public async Task Audit_results_are_paged_fifty_at_a_time_newest_first()
    {
        var action = "test.page" + Unique()[..4];
        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            var start = DateTimeOffset.UtcNow.AddMinutes(-100);
            for (var i = 0; i < 55; i++)
            {
                db.AuditEvents.Add(new OneToOne.Platform.Audit.AuditEvent
                {
                    OrganisationId = app.World.Org("A"), OccurredAt = OneToOne.Platform.Audit.AuditEvent.Truncate(start.AddMinutes(i)), UserName = "tester", Role = Roles.SupportWorker,
                    Action = action, EntityType = "Person", EntityId = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                });
            }

            await db.SaveChangesAsync();
        });
        var client = await AdminAsync();
        var first = await client.GetPageAsync("/admin/audit?Filter.Action=" + action);
        var rows = first.QuerySelectorAll("#audit-results tbody tr");
        Assert.Equal(50, rows.Length);
        Assert.Contains("Person 54", rows[0].TextContent, StringComparison.Ordinal);
        var next = first.QuerySelector("a.nhsuk-pagination__link--next")!.GetAttribute("href")!;
        var second = await client.GetPageAsync(next);
        Assert.Equal(5, second.QuerySelectorAll("#audit-results tbody tr").Length);
        Assert.Null(second.QuerySelector("a.nhsuk-pagination__link--next"));
    }

    [Fact]
    public async Task Verifying_the_chain_reports_it_intact_for_the_organisation()
    {
        var client = await AdminAsync();
        var response = await client.SubmitFormAsync("/admin/audit", new(), "form[action*='handler=Verify']");
        var text = await TextAsync(response, "#verification");
        Assert.Matches(@"Intact: \d+ events", text);
    }
}

public sealed class AdminOnSqlite(SqliteApp app) : AdminTests(app), IClassFixture<SqliteApp>;

public sealed class AdminOnPostgres(PostgresApp app) : AdminTests(app), IClassFixture<PostgresApp>;
