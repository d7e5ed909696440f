using System.Net;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Auth;
using OneToOne.Referrals;
using OneToOne.Tests.Infrastructure;
using OneToOne.Workforce;

namespace OneToOne.Tests.Workforce;

public abstract class WorkforceAdminTests(OneToOneApp app)
{
    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    private static string UniqueOds() => "Z" + Random.Shared.Next(0, 9999).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    private Task<HttpClient> AdminAsync(string org = "A") => app.SignInAsync(org, Roles.Administrator);

    private Task<int> AuditCountAsync(string org, string action) =>
        app.WithDbAsync(app.World.Org(org), db => db.AuditEvents.CountAsync(e => e.Action == action));

    // Organisations

    [Fact]
    public async Task An_administrator_adds_an_organisation_with_its_ods_code_upper_cased_and_the_change_audited()
    {
        var client = await AdminAsync();
        var name = "Partner " + Unique();
        var before = await AuditCountAsync("A", "organisation.create");
        var response = await client.SubmitFormAsync("/admin/organisations/new",
            new() { ["Input.Name"] = name, ["Input.OdsCode"] = " z9x ", ["Input.Nation"] = "Wales" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var org = await app.WithDbAsync(null, db => db.Organisations.SingleAsync(o => o.Name == name));
        Assert.Equal("Z9X", org.OdsCode);
        Assert.Equal(Nation.Wales, org.Nation);
        Assert.Equal(before + 1, await AuditCountAsync("A", "organisation.create"));
        var list = await client.GetStringAsync("/admin/organisations");
        Assert.Contains(name, list, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("R8", "ODS code must be 3 to 5 letters or numbers, like RR8 or 8HV48")]
    [InlineData("RR8-1", "ODS code must be 3 to 5 letters or numbers, like RR8 or 8HV48")]
    [InlineData("", "Enter the ODS code")]
    public async Task A_badly_formed_ods_code_is_refused_and_nothing_is_stored(string ods, string message)
    {
        var client = await AdminAsync();
        var name = "Bad ODS " + Unique();
        var response = await client.SubmitFormAsync("/admin/organisations/new",
            new() { ["Input.Name"] = name, ["Input.OdsCode"] = ods, ["Input.Nation"] = "England" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.ErrorSummaryAsync());
        Assert.False(await app.WithDbAsync(null, db => db.Organisations.AnyAsync(o => o.Name == name)));
    }

    [Fact]
    public async Task A_duplicate_ods_code_is_refused_whatever_its_case()
    {
        var client = await AdminAsync();
        var existing = UniqueOds();
        await app.WithDbAsync(null, async db =>
        {
            db.Organisations.Add(new Organisation { Name = "First " + Unique(), OdsCode = existing });
            await db.SaveChangesAsync();
        });
        var name = "Duplicate " + Unique();
        var response = await client.SubmitFormAsync("/admin/organisations/new",
            new() { ["Input.Name"] = name, ["Input.OdsCode"] = existing.ToLowerInvariant(), ["Input.Nation"] = "England" });
        Assert.Contains("Another organisation already has the ODS code " + existing, await response.ErrorSummaryAsync());
        Assert.False(await app.WithDbAsync(null, db => db.Organisations.AnyAsync(o => o.Name == name)));
    }

    [Fact]
    public async Task An_organisation_name_over_200_characters_is_refused()
    {
        var client = await AdminAsync();
        var response = await client.SubmitFormAsync("/admin/organisations/new",
            new() { ["Input.Name"] = new string('a', 201), ["Input.OdsCode"] = UniqueOds(), ["Input.Nation"] = "England" });
        Assert.Contains("Name must be 200 characters or fewer", await response.ErrorSummaryAsync());
    }

    [Fact]
    public async Task An_administrator_edits_an_organisation_and_can_mark_it_inactive()
    {
        var org = new Organisation { Name = "Edit me " + Unique(), OdsCode = UniqueOds(), Nation = Nation.Scotland };
        await app.WithDbAsync(null, async db =>
        {
            db.Organisations.Add(org);
            await db.SaveChangesAsync();
        });
        var client = await AdminAsync();
        var response = await client.SubmitFormAsync($"/admin/organisations/{org.Id}/edit",
            new() { ["Input.Name"] = org.Name + " renamed", ["Input.Active"] = "False" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await app.WithDbAsync(null, db => db.Organisations.SingleAsync(o => o.Id == org.Id));
        Assert.Equal(org.Name + " renamed", saved.Name);
        Assert.False(saved.Active);
        Assert.Equal(Nation.Scotland, saved.Nation);
    }

    // Roles

    [Fact]
    public async Task The_four_default_roles_are_listed()
    {
        var page = await (await AdminAsync()).GetStringAsync("/admin/roles");
        foreach (var name in new[] { "Support worker", "Clinical nurse specialist", "Complex case manager", "Community specialist practitioner" })
        {
            Assert.Contains(name, page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_administrator_adds_a_registered_role_with_its_levels_and_sign_in_role()
    {
        var client = await AdminAsync();
        var name = "Specialist radiographer " + Unique();
        var response = await client.SubmitFormAsync("/admin/roles/new", new()
        {
            ["Input.Name"] = name, ["Input.Band"] = "6", ["Input.Registered"] = "True",
            ["Input.Levels[]"] = "SharedCare|ComplexCaseManagement", ["Input.MaySupervise"] = "True",
            ["Input.SignInRole"] = Roles.RegisteredPractitioner,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var role = await app.WithDbAsync(null, db => db.StaffRoles.SingleAsync(r => r.Name == name));
        Assert.Equal(6, role.Band);
        Assert.Equal([PathwayLevel.SharedCare, PathwayLevel.ComplexCaseManagement], role.LevelsMayCarry().Order());
        Assert.True(role.MaySupervise);
        Assert.Equal(Roles.RegisteredPractitioner, role.SignInRole);
        Assert.True(await app.WithDbAsync(app.World.Org("A"), db => db.AuditEvents.AnyAsync(e => e.Action == "role.create" && e.EntityId == role.Id.ToString())));
    }

    [Theory]
    [InlineData("SharedCare", "False", "A role that is not registered may only carry supported self-management, not shared care or complex case management")]
    [InlineData("ComplexCaseManagement", "False", "A role that is not registered may only carry supported self-management, not shared care or complex case management")]
    [InlineData("SupportedSelfManagement", "True", "A role that is not registered may not supervise")]
    public async Task A_non_registered_role_may_not_carry_shared_care_complex_cases_or_supervise(string level, string supervise, string message)
    {
        var client = await AdminAsync();
        var name = "Unregistered " + Unique();
        var response = await client.SubmitFormAsync("/admin/roles/new", new()
        {
            ["Input.Name"] = name, ["Input.Band"] = "4", ["Input.Registered"] = "False",
            ["Input.Levels[]"] = level, ["Input.MaySupervise"] = supervise, ["Input.SignInRole"] = Roles.SupportWorker,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.ErrorSummaryAsync());
        Assert.False(await app.WithDbAsync(null, db => db.StaffRoles.AnyAsync(r => r.Name == name)));
    }

    [Theory]
    [InlineData("0", "Band must be a number from 1 to 9")]
    [InlineData("10", "Band must be a number from 1 to 9")]
    [InlineData("", "Enter the Agenda for Change band")]
    public async Task A_band_outside_1_to_9_is_refused(string band, string message)
    {
        var client = await AdminAsync();
        var response = await client.SubmitFormAsync("/admin/roles/new", new()
        {
            ["Input.Name"] = "Band test " + Unique(), ["Input.Band"] = band, ["Input.Registered"] = "True",
            ["Input.MaySupervise"] = "False", ["Input.SignInRole"] = Roles.RegisteredPractitioner,
        });
        Assert.Contains(message, await response.ErrorSummaryAsync());
    }

    [Fact]
    public async Task A_role_name_must_be_unique()
    {
        var client = await AdminAsync();
        var response = await client.SubmitFormAsync("/admin/roles/new", new()
        {
            ["Input.Name"] = "support WORKER", ["Input.Band"] = "4", ["Input.Registered"] = "False",
            ["Input.Levels[]"] = "SupportedSelfManagement", ["Input.MaySupervise"] = "False", ["Input.SignInRole"] = Roles.SupportWorker,
        });
        Assert.Contains("There is already a role called support WORKER", await response.ErrorSummaryAsync());
    }

    [Fact]
    public async Task A_role_may_not_give_its_holders_the_administrator_sign_in_role()
    {
        var client = await AdminAsync();
        var name = "Sneaky " + Unique();
        var response = await client.SubmitFormAsync("/admin/roles/new", new()
        {
            ["Input.Name"] = name, ["Input.Band"] = "7", ["Input.Registered"] = "True",
            ["Input.MaySupervise"] = "False", ["Input.SignInRole"] = Roles.Administrator,
        });
        Assert.Contains("Select what the holder signs in as", await response.ErrorSummaryAsync());
        Assert.False(await app.WithDbAsync(null, db => db.StaffRoles.AnyAsync(r => r.Name == name)));
    }

    // Teams

    [Fact]
    public async Task An_administrator_adds_and_renames_a_team_in_their_own_organisation()
    {
        var client = await AdminAsync();
        var name = "Team " + Unique();
        var created = await client.SubmitFormAsync("/admin/teams/new", new() { ["Input.Name"] = name, ["Input.Description"] = "Evening clinic" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var team = await app.WithDbAsync(app.World.Org("A"), db => db.Teams.SingleAsync(t => t.Name == name));
        Assert.Equal(app.World.Org("A"), team.OrganisationId);
        var renamed = await client.SubmitFormAsync($"/admin/teams/{team.Id}/edit", new() { ["Input.Name"] = name + " renamed" });
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        Assert.Equal(name + " renamed", await app.WithDbAsync(app.World.Org("A"), db => db.Teams.Where(t => t.Id == team.Id).Select(t => t.Name).SingleAsync()));
        Assert.Equal(1, await app.WithDbAsync(app.World.Org("A"), db => db.AuditEvents.CountAsync(e => e.Action == "team.update" && e.EntityId == team.Id.ToString())));
    }

    [Fact]
    public async Task A_team_name_must_be_unique_within_the_organisation_but_not_across_organisations()
    {
        var client = await AdminAsync();
        var response = await client.SubmitFormAsync("/admin/teams/new", new() { ["Input.Name"] = "ONE-TO-ONE support team" });
        Assert.Contains("Your organisation already has a team called ONE-TO-ONE support team", await response.ErrorSummaryAsync());
        var name = "Shared name " + Unique();
        await app.WithDbAsync(app.World.Org("B"), async db =>
        {
            db.Teams.Add(new Team { Name = name });
            await db.SaveChangesAsync();
        });
        var allowed = await client.SubmitFormAsync("/admin/teams/new", new() { ["Input.Name"] = name });
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
    }

    [Fact]
    public async Task A_team_description_over_1000_characters_is_refused()
    {
        var client = await AdminAsync();
        var name = "Long " + Unique();
        var response = await client.SubmitFormAsync("/admin/teams/new", new() { ["Input.Name"] = name, ["Input.Description"] = new string('x', 1001) });
        Assert.Contains("Description must be 1000 characters or fewer", await response.ErrorSummaryAsync());
        Assert.False(await app.WithDbAsync(app.World.Org("A"), db => db.Teams.AnyAsync(t => t.Name == name)));
    }

    // Staff

    private Dictionary<string, string> StaffForm(string email, string role = "Support worker") => new()
    {
        ["Input.DisplayName"] = "Worker " + email,
        ["Input.Email"] = email,
        ["Input.StaffRoleId"] = app.World.StaffRoles[role].Id.ToString(),
        ["Input.TeamId"] = app.World.Teams["A"].Id.ToString(),
        ["Input.Skills[]"] = "benefits|work",
        ["Input.TumourSites[]"] = "breast|lung",
        ["Input.Languages"] = "English, Polish",
        ["Input.BaseLocality"] = "ls6",
        ["Input.HoursPerWeek"] = "22.5",
        ["Input.CaseloadCapacity"] = "30",
    };

    [Fact]
    public async Task An_administrator_adds_a_member_of_staff_with_skills_languages_locality_and_capacity()
    {
        var client = await AdminAsync();
        var email = Unique() + "@a.test";
        var response = await client.SubmitFormAsync("/admin/staff/new", StaffForm(email.ToUpperInvariant()));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var staff = await app.WithDbAsync(app.World.Org("A"), db => db.Staff.SingleAsync(s => s.Email == email));
        Assert.Equal(["benefits", "work"], staff.Skills);
        Assert.Equal(["breast", "lung"], staff.TumourSites);
        Assert.Equal(["english", "polish"], staff.Languages);
        Assert.Equal("LS6", staff.BaseLocality);
        Assert.Equal(22.5m, staff.HoursPerWeek);
        Assert.Equal(30m, staff.CaseloadCapacity);
        Assert.Equal(app.World.Org("A"), staff.OrganisationId);
        Assert.True(await app.WithDbAsync(app.World.Org("A"), db => db.AuditEvents.AnyAsync(e => e.Action == "staff.create" && e.EntityId == staff.Id.ToString())));
        var list = await client.GetStringAsync($"/admin/staff?team={app.World.Teams["A"].Id}&role={app.World.StaffRoles["Support worker"].Id}");
        Assert.Contains(email, list, StringComparison.Ordinal);
        var otherRole = await client.GetStringAsync($"/admin/staff?role={app.World.StaffRoles["Complex case manager"].Id}");
        Assert.DoesNotContain(email, otherRole, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_new_staff_form_starts_with_english()
    {
        var page = await (await AdminAsync()).GetPageAsync("/admin/staff/new");
        Assert.Equal("english", page.QuerySelector("#Input_Languages")?.GetAttribute("value"));
    }

    [Theory]
    [InlineData("Input.BaseLocality", "Leeds 6", "Base locality must be a postcode district, like LS6 or SW1A")]
    [InlineData("Input.BaseLocality", "LS6 3AB", "Base locality must be a postcode district, like LS6 or SW1A")]
    [InlineData("Input.CaseloadCapacity", "201", "Caseload capacity must be between 0 and 200")]
    [InlineData("Input.CaseloadCapacity", "-1", "Caseload capacity must be between 0 and 200")]
    [InlineData("Input.HoursPerWeek", "0.4", "Hours per week must be between 0.5 and 48")]
    [InlineData("Input.HoursPerWeek", "49", "Hours per week must be between 0.5 and 48")]
    [InlineData("Input.Languages", "english, 42", "Enter languages as names separated by commas, like english, polish (up to 20)")]
    [InlineData("Input.Email", "not-an-email", "Enter an email address in the correct format, like name@example.com")]
    [InlineData("Input.Skills[]", "juggling", "Select skills from the list")]
    [InlineData("Input.TumourSites[]", "elbow", "Select tumour sites from the list")]
    public async Task Bad_staff_details_are_refused_with_a_clear_message_and_nothing_is_stored(string field, string value, string message)
    {
        var client = await AdminAsync();
        var name = "Refused " + Unique();
        var form = StaffForm(Unique() + "@a.test");
        form["Input.DisplayName"] = name;
        form[field] = value;
        var response = await client.SubmitFormAsync("/admin/staff/new", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.ErrorSummaryAsync());
        Assert.False(await app.WithDbAsync(app.World.Org("A"), db => db.Staff.AnyAsync(s => s.DisplayName == name)));
    }

    [Fact]
    public async Task A_display_name_over_200_characters_is_refused()
    {
        var form = StaffForm(Unique() + "@a.test");
        form["Input.DisplayName"] = new string('n', 201);
        var response = await (await AdminAsync()).SubmitFormAsync("/admin/staff/new", form);
        Assert.Contains("Display name must be 200 characters or fewer", await response.ErrorSummaryAsync());
    }

    [Fact]
    public async Task A_staff_email_must_be_unique_in_the_organisation()
    {
        var client = await AdminAsync();
        var response = await client.SubmitFormAsync("/admin/staff/new", StaffForm("PL@A.test"));
        Assert.Contains("Another member of your organisation's staff already has this email address", await response.ErrorSummaryAsync());
    }

    [Fact]
    public async Task A_staff_member_cannot_be_put_in_another_organisations_team()
    {
        var form = StaffForm(Unique() + "@a.test");
        form["Input.TeamId"] = app.World.Teams["B"].Id.ToString();
        var response = await (await AdminAsync()).SubmitFormAsync("/admin/staff/new", form);
        Assert.Contains("Select a team", await response.ErrorSummaryAsync());
    }

    [Fact]
    public async Task Editing_staff_keeps_what_was_not_changed_and_can_remove_english_deliberately()
    {
        var client = await AdminAsync();
        var email = Unique() + "@a.test";
        await client.SubmitFormAsync("/admin/staff/new", StaffForm(email));
        var id = await app.WithDbAsync(app.World.Org("A"), db => db.Staff.Where(s => s.Email == email).Select(s => s.Id).SingleAsync());
        var response = await client.SubmitFormAsync($"/admin/staff/{id}/edit", new() { ["Input.Languages"] = "welsh", ["Input.CaseloadCapacity"] = "12.5" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var staff = await app.WithDbAsync(app.World.Org("A"), db => db.Staff.SingleAsync(s => s.Id == id));
        Assert.Equal(["welsh"], staff.Languages);
        Assert.Equal(12.5m, staff.CaseloadCapacity);
        Assert.Equal(["benefits", "work"], staff.Skills);
        Assert.Equal("LS6", staff.BaseLocality);
    }

    [Fact]
    public async Task A_staff_edit_that_lost_a_race_says_so_and_does_not_overwrite()
    {
        var client = await AdminAsync();
        var id = app.World.ExtraWorkers["A"][1].Id;
        var page = await client.GetPageAsync($"/admin/staff/{id}/edit");
        var staleVersion = page.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;
        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            var s = await db.Staff.SingleAsync(x => x.Id == id);
            s.HoursPerWeek = 30;
            await db.SaveChangesAsync();
        });
        var response = await client.SubmitFormAsync($"/admin/staff/{id}/edit", new() { ["Input.Version"] = staleVersion, ["Input.HoursPerWeek"] = "10" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // A form-level error is listed in the summary without a link to a field.
        var summary = (await response.ParseAsync()).QuerySelector(".nhsuk-error-summary")?.TextContent;
        Assert.Contains("This record was changed by someone else while you were editing. Reload the page to see their changes.", summary, StringComparison.Ordinal);
        Assert.Equal(30m, await app.WithDbAsync(app.World.Org("A"), db => db.Staff.Where(s => s.Id == id).Select(s => s.HoursPerWeek).SingleAsync()));
    }

    // Tenancy and access

    [Fact]
    public async Task Another_organisations_team_and_staff_are_not_found()
    {
        var client = await AdminAsync();
        var teamB = app.World.Teams["B"].Id;
        var staffB = app.World.ExtraWorkers["B"][0].Id;
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/teams/{teamB}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/staff/{staffB}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/staff/{staffB}/account")).StatusCode);
        // A forged POST is refused the same way and changes nothing.
        var form = await client.GetPageAsync("/admin/teams/new");
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var post = await client.PostAsync($"/admin/teams/{teamB}/edit",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Name", "Taken over")]));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal("One-to-one support team", await app.WithDbAsync(app.World.Org("B"), db => db.Teams.Where(t => t.Id == teamB).Select(t => t.Name).SingleAsync()));
    }

    [Theory]
    [InlineData(Roles.SupportWorker)]
    [InlineData(Roles.RegisteredPractitioner)]
    [InlineData(Roles.TeamLead)]
    [InlineData(Roles.Evaluator)]
    public async Task Workforce_administration_is_for_administrators_only(string role)
    {
        var client = await app.SignInAsync("A", role);
        foreach (var path in new[] { "/admin/organisations", "/admin/organisations/new", "/admin/roles", "/admin/roles/new", "/admin/teams", "/admin/teams/new", "/admin/staff", "/admin/staff/new" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect
                && response.Headers.Location!.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal), path);
        }
    }
}

public sealed class WorkforceAdminOnSqlite(SqliteApp app) : WorkforceAdminTests(app), IClassFixture<SqliteApp>;

public sealed class WorkforceAdminOnPostgres(PostgresApp app) : WorkforceAdminTests(app), IClassFixture<PostgresApp>;
