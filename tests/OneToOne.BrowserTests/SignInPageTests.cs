using Microsoft.Playwright;
using OneToOne.Platform.Auth;

namespace OneToOne.BrowserTests;

public sealed class SignInPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_sign_in_page_is_accessible_and_shows_errors_in_the_summary()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToContainTextAsync("Enter your email address");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_support_worker_signs_in_with_the_form()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(app.World.Account("A", Roles.SupportWorker).Email);
        await page.GetByLabel("Password").FillAsync(Tests.Infrastructure.TestWorld.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_accessibility_check_fails_a_page_with_a_violation()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.EvaluateAsync("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=\"text\" name=\"unlabelled\">')");
        var failure = await Assert.ThrowsAnyAsync<Exception>(page.AssertAccessibleAsync);
        Assert.Contains("label", failure.Message, StringComparison.Ordinal);
    }
}
