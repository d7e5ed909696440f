using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.Tests.Infrastructure;
using OneToOne.Tests.Referrals;

namespace OneToOne.Tests.People;

public abstract class PeoplePagesTests(OneToOneApp app)
{
    private Guid OrgA => app.World.Org("A");

    [Fact]
    public async Task Searching_by_nhs_number_with_spaces_finds_the_person_and_is_audited_as_one_list_event()
    {
        var referral = await Kit.ArrangeReferralAsync(app, OrgA, new DateOnly(2026, 12, 1));
        var nhs = await app.WithDbAsync(OrgA, db => db.People.Where(p => p.Id == referral.PersonId).Select(p => p.NhsNumber).SingleAsync());
        var client = await app.SignInAsync("A", Roles.SupportWorker);
        var before = await app.WithDbAsync(OrgA, db => db.AuditEvents.CountAsync(e => e.Action == "person.search"));
        var page = await client.GetPageAsync("/people?Search=" + Uri.EscapeDataString(NhsNumber.Format(nhs)));
        Assert.NotNull(page.QuerySelector($"a[href='/people/{referral.PersonId}']"));
        Assert.Contains(NhsNumber.Format(nhs), page.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before + 1, await app.WithDbAsync(OrgA, db => db.AuditEvents.CountAsync(e => e.Action == "person.search")));

        var bad = await client.GetAsync("/people?Search=123");
        Assert.Contains(NhsNumber.WrongLengthMessage, await bad.ErrorSummaryAsync());
    }

    [Fact]
    public async Task Searching_by_family_name_finds_people_whose_name_starts_with_it_in_any_case()
    {
        var referral = await Kit.ArrangeReferralAsync(app, OrgA, new DateOnly(2026, 12, 1));
        var family = await app.WithDbAsync(OrgA, db => db.People.Where(p => p.Id == referral.PersonId).Select(p => p.FamilyName).SingleAsync());
        var client = await app.SignInAsync("A", Roles.TeamLead);
        var page = await client.GetPageAsync("/people?Search=" + family[..8].ToUpperInvariant());
        Assert.NotNull(page.QuerySelector($"a[href='/people/{referral.PersonId}']"));
    }

    [Fact]
    public async Task The_persons_record_shows_their_details_referrals_and_triage_history_and_the_view_is_audited()
    {
        var referral = await Kit.ArrangeReferralAsync(app, OrgA, new DateOnly(2026, 12, 1));
        var practitioner = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        await practitioner.SubmitFormAsync($"/referrals/{referral.Id}/triage",
            new() { ["Input.Decision"] = "Accept", ["Input.Level"] = "SupportedSelfManagement", ["Input.Reason"] = "Practical needs only" });
        var client = await app.SignInAsync("A", Roles.SupportWorker);
        var page = await client.GetPageAsync($"/people/{referral.PersonId}");
        var nhs = await app.WithDbAsync(OrgA, db => db.People.Where(p => p.Id == referral.PersonId).Select(p => p.NhsNumber).SingleAsync());
        var text = page.Body!.TextContent;
        Assert.Contains(NhsNumber.Format(nhs), text, StringComparison.Ordinal);
        Assert.Contains("Colorectal", text, StringComparison.Ordinal);
        Assert.Contains("Practical needs only", text, StringComparison.Ordinal);
        Assert.Contains("RegisteredPractitioner A", text, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"a[href='/referrals/{referral.Id}']"));
        Assert.True(await app.WithDbAsync(OrgA, db => db.AuditEvents.AnyAsync(e => e.Action == "view" && e.EntityType == "Person" && e.PersonId == referral.PersonId && e.Role == Roles.SupportWorker)));
    }

    [Fact]
    public async Task Ethnicity_saved_on_the_edit_form_shows_on_the_record_and_through_the_api_and_the_edit_is_audited()
    {
        var referral = await Kit.ArrangeReferralAsync(app, OrgA, new DateOnly(2026, 12, 1));
        var url = $"/people/{referral.PersonId}/edit";
        var client = await app.SignInAsync("A", Roles.SupportWorker);
        var form = await client.GetPageAsync(url);
        var select = form.QuerySelector("select[name='Input.Ethnicity']")!;
        Assert.Equal("", select.QuerySelector("option[selected]")?.GetAttribute("value") ?? "");
        Assert.Contains("Choose 'Not stated' if they prefer not to say", form.Body!.TextContent, StringComparison.Ordinal);
        var updatesBefore = await app.WithDbAsync(OrgA, db => db.AuditEvents.CountAsync(e => e.Action == "person.update" && e.PersonId == referral.PersonId));

        var saved = await client.SubmitFormAsync(url, new() { ["Input.Ethnicity"] = "N" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("N", await app.WithDbAsync(OrgA, db => db.People.Where(p => p.Id == referral.PersonId).Select(p => p.Ethnicity).SingleAsync()));
        Assert.Equal(updatesBefore + 1, await app.WithDbAsync(OrgA, db => db.AuditEvents.CountAsync(e => e.Action == "person.update" && e.PersonId == referral.PersonId)));
        var details = await client.GetPageAsync($"/people/{referral.PersonId}");
        var row = details.QuerySelectorAll(".nhsuk-summary-list__row").Single(r => r.QuerySelector("dt")!.TextContent == "Ethnicity");
        Assert.Equal("Black or Black British: African", row.QuerySelector("dd")!.TextContent);
        var again = await client.GetPageAsync(url);
        Assert.Equal("N", again.QuerySelector("select[name='Input.Ethnicity'] option[selected]")!.GetAttribute("value"));
        var dto = await app.ApiClient("A").GetFromJsonAsync<PersonDto>($"/api/v1/people/{referral.PersonId}");
        Assert.Equal("N", dto!.Ethnicity);

        // Choosing the empty option takes it off the record again.
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(url, new() { ["Input.Ethnicity"] = "" })).StatusCode);
        Assert.Null(await app.WithDbAsync(OrgA, db => db.People.Where(p => p.Id == referral.PersonId).Select(p => p.Ethnicity).SingleAsync()));
    }

    [Fact]
    public async Task An_unknown_ethnicity_code_on_the_edit_form_is_a_form_error_and_nothing_is_stored()
    {
        var referral = await Kit.ArrangeReferralAsync(app, OrgA, new DateOnly(2026, 12, 1));
        var url = $"/people/{referral.PersonId}/edit";
        var client = await app.SignInAsync("A", Roles.TeamLead);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(url, new() { ["Input.Ethnicity"] = "Z" })).StatusCode);
        var version = await app.WithDbAsync(OrgA, db => db.People.Where(p => p.Id == referral.PersonId).Select(p => p.Version).SingleAsync());

        var refused = await client.SubmitFormAsync(url, new() { ["Input.Ethnicity"] = "Q", ["Input.Phone"] = "07700 900333" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(PersonRules.EthnicityMessage, await refused.ErrorSummaryAsync());
        var stored = await app.WithDbAsync(OrgA, db => db.People.Where(p => p.Id == referral.PersonId).Select(p => new { p.Ethnicity, p.Phone, p.Version }).SingleAsync());
        Assert.Equal("Z", stored.Ethnicity);
        Assert.Null(stored.Phone);
        Assert.Equal(version, stored.Version);
    }

    [Fact]
    public async Task Two_edits_of_the_same_person_the_second_gets_the_conflict_message_and_the_first_is_kept()
    {
        var referral = await Kit.ArrangeReferralAsync(app, OrgA, new DateOnly(2026, 12, 1));
        var url = $"/people/{referral.PersonId}/edit";
        var first = await app.SignInAsync("A", Roles.SupportWorker);
        var second = await app.SignInAsync("A", Roles.TeamLead);
        // Both open the form before either saves.
        var secondForm = await second.GetPageAsync(url);
        var staleVersion = secondForm.QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        var saved = await first.SubmitFormAsync(url, new() { ["Input.Phone"] = "07700 900111" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var conflict = await second.SubmitFormAsync(url, new() { ["Input.Phone"] = "07700 900222", ["Version"] = staleVersion });
        var page = await conflict.ParseAsync();
        Assert.Contains(OneToOne.People.Pages.EditModel.ConflictMessage, page.QuerySelector(".nhsuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("07700 900111", await app.WithDbAsync(OrgA, db => db.People.Where(p => p.Id == referral.PersonId).Select(p => p.Phone).SingleAsync()));
    }

    [Fact]
    public async Task Editing_to_another_persons_nhs_number_or_bad_details_is_refused()
    {
        var one = await Kit.ArrangeReferralAsync(app, OrgA, new DateOnly(2026, 12, 1));
        var two = await Kit.ArrangeReferralAsync(app, OrgA, new DateOnly(2026, 12, 1));
        var otherNhs = await app.WithDbAsync(OrgA, db => db.People.Where(p => p.Id == two.PersonId).Select(p => p.NhsNumber).SingleAsync());
        var client = await app.SignInAsync("A", Roles.TeamLead);
        var response = await client.SubmitFormAsync($"/people/{one.PersonId}/edit", new()
        {
            ["Input.NhsNumber"] = NhsNumber.Format(otherNhs),
            ["Input.DateOfBirth.Day"] = "1", ["Input.DateOfBirth.Month"] = "1", ["Input.DateOfBirth.Year"] = "2099",
        });
        var errors = await response.ErrorSummaryAsync();
        Assert.Contains(PersonRules.BirthInFutureMessage, errors);
        var dup = await client.SubmitFormAsync($"/people/{one.PersonId}/edit", new() { ["Input.NhsNumber"] = NhsNumber.Format(otherNhs) });
        Assert.Contains("Another person in your organisation already has this NHS number", await dup.ErrorSummaryAsync());
    }
}

public sealed class PeoplePagesOnSqlite(ClockedSqliteApp app) : PeoplePagesTests(app), IClassFixture<ClockedSqliteApp>;

public sealed class PeoplePagesOnPostgres(ClockedPostgresApp app) : PeoplePagesTests(app), IClassFixture<ClockedPostgresApp>;
