using System.Net;
using OneToOne.Platform.Auth;
using OneToOne.Tests.Infrastructure;

namespace OneToOne.Tests.Platform;

public abstract class SignInTests(OneToOneApp app)
{
    [Theory]
    [InlineData(Roles.SupportWorker, "/caseload")]
    [InlineData(Roles.RegisteredPractitioner, "/referrals")]
    [InlineData(Roles.TeamLead, "/referrals")]
    [InlineData(Roles.Administrator, "/admin")]
    public async Task Each_role_signs_in_and_starts_on_its_own_page(string role, string start)
    {
        var client = await app.SignInAsync("A", role);
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal(start, home.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_summary_and_does_not_sign_in()
    {
        var client = app.NewClient();
        var response = await client.SubmitFormAsync("/account/sign-in",
            new() { ["Input.Email"] = app.World.Account("A", Roles.SupportWorker).Email, ["Input.Password"] = "not-the-password" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The email address or password is not right", await response.ErrorSummaryAsync());
    }

    [Fact]
    public async Task Missing_fields_are_each_named_in_the_error_summary()
    {
        var response = await app.NewClient().SubmitFormAsync("/account/sign-in", new() { ["Input.Email"] = "", ["Input.Password"] = "" });
        var errors = await response.ErrorSummaryAsync();
        Assert.Contains("Enter your email address", errors);
        Assert.Contains("Enter your password", errors);
    }

    [Fact]
    public async Task An_administrator_needs_the_authenticator_code_as_well_as_the_password()
    {
        var admin = app.World.Account("B", Roles.Administrator);
        var client = app.NewClient();
        var response = await client.SubmitFormAsync("/account/sign-in", new() { ["Input.Email"] = admin.Email, ["Input.Password"] = TestWorld.Password });
        Assert.StartsWith("/account/two-factor", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var wrong = await client.SubmitFormAsync(response.Headers.Location!.OriginalString, new() { ["Code"] = "000000" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("The security code is not right. Check your authenticator app and try again", await wrong.ErrorSummaryAsync());
        var right = await client.SubmitFormAsync(response.Headers.Location!.OriginalString, new() { ["Code"] = admin.CurrentTotp() });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/caseload")]
    [InlineData("/referrals")]
    [InlineData("/admin")]
    public async Task Pages_send_anonymous_visitors_to_sign_in(string path)
    {
        var response = await app.NewClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/sign-in", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_answers_anonymous_callers_with_401_not_a_redirect()
    {
        var response = await app.NewClient().GetAsync("/api/v1/referrals");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Health_and_sign_in_are_open_to_anyone()
    {
        var client = app.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/sign-in")).StatusCode);
    }

    [Fact]
    public async Task Pages_carry_a_strict_content_security_policy_and_are_not_cached()
    {
        var response = await app.NewClient().GetAsync("/account/sign-in");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}

public sealed class SignInOnSqlite(SqliteApp app) : SignInTests(app), IClassFixture<SqliteApp>;

public sealed class SignInOnPostgres(PostgresApp app) : SignInTests(app), IClassFixture<PostgresApp>;
