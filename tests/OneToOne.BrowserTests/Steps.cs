using System.Globalization;
using Microsoft.Playwright;
using OneToOne.People;
using OneToOne.Tests.Infrastructure;

namespace OneToOne.BrowserTests;

/// <summary>A person as a team lead would type them into the referral form.</summary>
public sealed record NewPerson(string NhsNumber, string GivenName, string FamilyName, string Language = "English", string Postcode = "LS6 2AB")
{
    /// <summary>A person with a fresh synthetic NHS number (999 range). Names are not made unique (they would
    /// spoil the README screenshots): give each test its own names.</summary>
    public static NewPerson Create(string givenName, string familyName, string language = "English") =>
        new(OneToOne.People.NhsNumber.CreateTestNumber(Random.Shared), givenName, familyName, language);

    public string FullName => $"{GivenName} {FamilyName}";
}

/// <summary>What users do in the browser, the way they do it: through the real forms, found by their labels.</summary>
public static class Steps
{
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new();

    /// <summary>Signs in through the sign-in form, and the security code form for accounts with two-factor.
    /// With <paramref name="checkEachPage"/>, every page on the way must pass axe.</summary>
    public static async Task SignInAsync(this IPage page, TestAccount account, bool checkEachPage = false)
    {
        await page.GotoAsync("/account/sign-in");
        if (checkEachPage)
        {
            await page.AssertAccessibleAsync();
        }

        await page.GetByLabel("Email address").FillAsync(account.Email);
        await page.GetByLabel("Password").FillAsync(TestWorld.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        if (page.Url.Contains("/account/two-factor", StringComparison.Ordinal))
        {
            if (checkEachPage)
            {
                await page.AssertAccessibleAsync();
            }

            await page.GetByLabel("Security code", new() { Exact = false }).FillAsync(account.CurrentTotp());
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync(Visible);
    }

    public static ILocator Field(this IPage page, string label) => page.GetByLabel(label, new() { Exact = true });

    public static ILocator Group(this IPage page, string legend) => page.GetByRole(AriaRole.Group, new() { Name = legend, Exact = true });

    public static Task ChooseAsync(this IPage page, string legend, string option) =>
        page.Group(legend).GetByLabel(option, new() { Exact = true }).CheckAsync();

    public static async Task FillDateAsync(this IPage page, string legend, DateOnly date)
    {
        var group = page.Group(legend);
        await group.GetByLabel("Day", new() { Exact = true }).FillAsync(date.Day.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Month", new() { Exact = true }).FillAsync(date.Month.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Year", new() { Exact = true }).FillAsync(date.Year.ToString(CultureInfo.InvariantCulture));
    }

    public static Task ClickButtonAsync(this IPage page, string name) =>
        page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();

    /// <summary>Fills every field of the person and referral form on /referrals/new that a real referral has.</summary>
    public static async Task FillReferralFormAsync(this IPage page, NewPerson person)
    {
        await page.Field("NHS number").FillAsync(NhsNumber.Format(person.NhsNumber));
        await page.Field("Given name").FillAsync(person.GivenName);
        await page.Field("Family name").FillAsync(person.FamilyName);
        await page.FillDateAsync("Date of birth", new DateOnly(1961, 4, 12));
        await page.ChooseAsync("Sex", "Female");
        await page.Field("Postcode").FillAsync(person.Postcode);
        await page.Field("Phone number (optional)").FillAsync("07700 900982");
        await page.ChooseAsync("Preferred contact method", "Phone call");
        await page.Field("Preferred language").FillAsync(person.Language);
        await page.ChooseAsync("Needs an interpreter", "No");
        await page.Field("Tumour site").SelectOptionAsync(new SelectOptionValue { Label = "Breast" });
        await page.ChooseAsync("Consents to share information with their GP", "Yes");
        await page.ChooseAsync("Where the referral came from", "Hospital team");
        await page.Field("Referrer's name").FillAsync("Dr Amara Okafor");
        await page.Field("Referrer's team or organisation (optional)").FillAsync("Breast care unit, St James's");
        await page.FillDateAsync("Date received", DateOnly.FromDateTime(DateTime.Today).AddDays(-1));
        await page.ChooseAsync("Urgency", "Routine");
        await page.Field("Reason for referral").FillAsync("Finished radiotherapy; worried about going back to work and about money.");
    }

    /// <summary>Records a referral through the form (as whoever is signed in on <paramref name="page"/>) and
    /// returns its id, read from the address of the referral page it lands on.</summary>
    public static async Task<Guid> RecordReferralAsync(this IPage page, NewPerson person)
    {
        await page.GotoAsync("/referrals/new");
        await page.FillReferralFormAsync(person);
        await page.ClickButtonAsync("Record referral");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(person.FullName);
        return ReferralIdFrom(page.Url);
    }

    public static Guid ReferralIdFrom(string url)
    {
        var path = new Uri(url).AbsolutePath;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("referrals", segments[0]);
        return Guid.Parse(segments[1]);
    }

    public static ILocator ErrorSummary(this IPage page) => page.Locator(".nhsuk-error-summary");
}
