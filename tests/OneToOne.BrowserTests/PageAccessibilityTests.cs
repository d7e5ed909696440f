using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OneToOne.Platform.Auth;
using OneToOne.Referrals;
using OtpNet;

namespace OneToOne.BrowserTests;

/// <summary>Every other page a user reaches, as the role that uses it, passes axe (WCAG 2.2 AA), including
/// its error states. One app and one browser for the class; each test makes its own data.</summary>
public sealed class PageAccessibilityTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task People_search_record_and_edit_pages_are_accessible()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync(app.World.Account("A", Roles.TeamLead));
        var person = NewPerson.Create("Iris", "Abernethy");
        await page.RecordReferralAsync(person);

        await page.GetByRole(AriaRole.Link, new() { Name = "People", Exact = true }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.Field("NHS number or family name").FillAsync("Abernethy");
        await page.ClickButtonAsync("Search");
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("Abernethy, Iris");
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Abernethy, Iris" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Iris Abernethy");
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Change Iris's details" }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.Field("Postcode").FillAsync("not a postcode");
        await page.ClickButtonAsync("Save details");
        await Assertions.Expect(page.ErrorSummary()).ToContainTextAsync("Enter a real postcode");
        await page.AssertAccessibleAsync();
        await page.Field("Postcode").FillAsync("LS7 3JB");
        await page.ClickButtonAsync("Save details");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("LS7 3JB");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_csv_upload_page_is_accessible_with_a_missing_file_and_with_a_bad_file_s_report()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync(app.World.Account("A", Roles.TeamLead));
        await page.GotoAsync("/referrals/upload");
        await page.AssertAccessibleAsync();

        await page.ClickButtonAsync("Upload");
        await Assertions.Expect(page.ErrorSummary()).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        var header = string.Join(',', ReferralCsvImport.Columns.Select(c => c.Column));
        var badRow = string.Join(',', ReferralCsvImport.Columns.Select(_ => "not-right"));
        var csv = header + "\n" + badRow + "\n";
        await page.Field("CSV file").SetInputFilesAsync(new FilePayload { Name = "referrals.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.ClickButtonAsync("Upload");
        await Assertions.Expect(page.Locator(".app-upload-errors")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".app-upload-result")).ToContainTextAsync("0 of 1 row was recorded");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_team_view_and_a_member_s_caseload_are_accessible()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync(app.World.Account("A", Roles.TeamLead));
        await page.GetByRole(AriaRole.Link, new() { Name = "Team", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Team capacity");
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "SupportWorker A" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Caseload: SupportWorker A");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task Every_administration_page_is_accessible()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync(app.World.Account("A", Roles.Administrator), checkEachPage: true);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Administration");
        await page.AssertAccessibleAsync();

        foreach (var list in new[] { "/admin/organisations", "/admin/teams", "/admin/roles", "/admin/staff" })
        {
            await page.GotoAsync(list);
            await page.AssertAccessibleAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Change" }).First.ClickAsync();
            await Assertions.Expect(page.Locator("form[method=post]").Last).ToBeVisibleAsync();
            await page.AssertAccessibleAsync();
            // The add form is the change form's markup; checked here in its error state.
            await page.GotoAsync(list + "/new");
            await page.Locator("main form[method=post] button[type=submit]").Last.ClickAsync();
            await Assertions.Expect(page.ErrorSummary()).ToBeVisibleAsync();
            await page.AssertAccessibleAsync();
        }

        await page.GotoAsync("/admin/staff");
        await page.Locator("main a[href$='/account']").First.ClickAsync();
        await page.AssertAccessibleAsync();

        await page.GotoAsync("/admin/accounts");
        await page.AssertAccessibleAsync();
        await page.Locator("main a[href^='/admin/accounts/']").First.ClickAsync();
        await page.AssertAccessibleAsync();

        await page.GotoAsync("/admin/api-clients");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add an API client" }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.ClickButtonAsync("Create token");
        await Assertions.Expect(page.ErrorSummary()).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.Field("Name").FillAsync("GP referral hub");
        await page.ClickButtonAsync("Create token");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("API client added");
        await page.AssertAccessibleAsync();

        await page.GotoAsync("/admin/audit");
        await page.AssertAccessibleAsync();
        await page.FillDateAsync("From", DateOnly.FromDateTime(DateTime.Today).AddDays(-1));
        await page.ClickButtonAsync("Search");
        await Assertions.Expect(page.Locator("main table").First).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_two_factor_setup_page_is_accessible_and_turns_two_factor_on()
    {
        var admin = app.World.Account("B", Roles.Administrator);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
            var user = await users.FindByIdAsync(admin.AccountId.ToString());
            await users.SetTwoFactorEnabledAsync(user!, false);
            await users.ResetAuthenticatorKeyAsync(user!);
        }

        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(admin.Email);
        await page.GetByLabel("Password").FillAsync(Tests.Infrastructure.TestWorld.Password);
        await page.ClickButtonAsync("Sign in");
        await page.GotoAsync("/admin");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Set up your authenticator app");
        await page.AssertAccessibleAsync();

        await page.Field("Security code").FillAsync("000000");
        await page.ClickButtonAsync("Turn on two-factor sign-in");
        await Assertions.Expect(page.ErrorSummary()).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        var key = (await page.Locator("#authenticator-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        await page.Field("Security code").FillAsync(new Totp(Base32Encoding.ToBytes(key)).ComputeTotp());
        await page.ClickButtonAsync("Turn on two-factor sign-in");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Administration");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_not_found_and_access_denied_pages_are_accessible()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync(app.World.Account("A", Roles.SupportWorker));
        await page.GotoAsync("/error/404");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
        await page.AssertAccessibleAsync();

        var denied = await page.GotoAsync("/account/access-denied");
        Assert.Equal(403, denied!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You do not have access to this page");
        await page.AssertAccessibleAsync();

        var signedOut = await app.NewPageAsync();
        await signedOut.GotoAsync("/error/404");
        await Assertions.Expect(signedOut.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
        await signedOut.AssertAccessibleAsync();
    }

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/people/00000000-0000-0000-0000-000000000001")]
    public async Task A_missing_page_or_record_shows_the_NHS_page_not_found_page(string url)
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync(app.World.Account("A", Roles.SupportWorker));
        var response = await page.GotoAsync(url);
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_practitioner_records_and_triages_a_referral_with_JavaScript_turned_off()
    {
        var page = await app.NewPageAsync(javaScriptEnabled: false);
        await page.SignInAsync(app.World.Account("A", Roles.RegisteredPractitioner));
        var person = NewPerson.Create("Hamish", "Macleod");
        var referralId = await page.RecordReferralAsync(person);

        await page.GetByRole(AriaRole.Link, new() { Name = "Triage this referral" }).ClickAsync();
        await page.ClickButtonAsync("Save triage decision");
        await Assertions.Expect(page.ErrorSummary()).ToBeVisibleAsync();
        await page.ChooseAsync("Your decision", "Accept at a pathway level");
        await page.Group("Pathway level (if accepting)").GetByLabel("Supported self-management").CheckAsync();
        await page.Field("Reason").FillAsync("Managing well after surgery.");
        await page.ClickButtonAsync("Save triage decision");

        Assert.EndsWith($"/referrals/{referralId}", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Referral accepted at supported self-management");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Accepted, waiting for a key worker");
    }
}
