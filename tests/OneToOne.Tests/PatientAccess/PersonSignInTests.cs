using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.Notifications;
using OneToOne.PatientAccess;
using OneToOne.Platform.Auth;
using OneToOne.Tests.Infrastructure;

namespace OneToOne.Tests.PatientAccess;

/// <summary>Signing in with a one-time code (issue 4 item 7): each rule and each bad input, and that the answer never
/// reveals whether an address is known.</summary>
public abstract class PersonSignInTests(PersonAccessApp app)
{
    private string OrgA => "A";

    private async Task<(HttpClient Client, HttpResponseMessage Asked)> AskAsync(string contact, DateOnly dob)
    {
        var client = app.NewClient();
        var asked = await client.SubmitFormAsync("/my/sign-in", PersonKit.SignInForm(contact, dob));
        return (client, asked);
    }

    private Task<int> MessagesToAsync(string org, Guid personId) =>
        app.WithDbAsync(app.World.Org(org), db => db.Set<OutboxMessage>().CountAsync(m => m.PersonId == personId));

    [Fact]
    public async Task A_person_signs_in_with_the_code_sent_to_the_email_on_their_record_and_reaches_their_pages()
    {
        app.Clock.Now = PersonAccessClock.Start;
        var person = await PersonKit.PersonAsync(app, OrgA);
        var (client, asked) = await AskAsync(person.Email!.ToUpperInvariant(), person.DateOfBirth);
        PersonKit.AssertRedirect(asked, "/my/sign-in/code");

        var message = await app.WithDbAsync(app.World.Org(OrgA), db => db.Set<OutboxMessage>().SingleAsync(m => m.PersonId == person.Id));
        Assert.Equal((NotificationChannels.Email, person.Email), (message.Channel, message.To));
        var code = await PersonKit.LatestCodeAsync(app, OrgA, person.Id);
        var challenge = await app.WithDbAsync(null, db => db.Set<PersonSignInChallenge>().SingleAsync(c => c.PersonId == person.Id));
        Assert.Equal(32, challenge.CodeHash!.Length);
        Assert.Equal(PersonKit.BirthDate, person.DateOfBirth);
        Assert.DoesNotContain(code!, Convert.ToHexString(challenge.CodeHash), StringComparison.Ordinal);
        Assert.Equal(PersonAccessClock.Start.AddMinutes(10), challenge.ExpiresAt);

        var signedIn = await client.SubmitFormAsync("/my/sign-in/code", new() { ["Code"] = code! });
        PersonKit.AssertRedirect(signedIn, "/my");
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(PersonSessions.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/my", cookie, StringComparison.OrdinalIgnoreCase);

        var home = await client.GetPageAsync("/my");
        Assert.Equal("Your support", home.QuerySelector("h1")!.LastChild!.TextContent.Trim());
        Assert.True(await app.WithDbAsync(app.World.Org(OrgA), db => db.AuditEvents.AnyAsync(e => e.PersonId == person.Id && e.Action == "person.sign-in" && e.Role == PersonAudit.Role)));
    }

    [Fact]
    public async Task A_mobile_number_written_differently_finds_the_record_and_the_code_goes_by_sms_to_the_record()
    {
        app.Clock.Now = PersonAccessClock.Start;
        var mobile = PersonKit.NewMobile();
        var person = await PersonKit.PersonAsync(app, OrgA, p =>
        {
            p.Email = null;
            p.Phone = mobile;
        });
        var client = await PersonKit.SignInPersonAsync(app, OrgA, person, "+44 " + mobile[1..]);
        var message = await app.WithDbAsync(app.World.Org(OrgA), db => db.Set<OutboxMessage>().SingleAsync(m => m.PersonId == person.Id));
        Assert.Equal((NotificationChannels.Sms, mobile.Replace(" ", "", StringComparison.Ordinal)), (message.Channel, message.To));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/my")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_address_or_a_wrong_date_of_birth_gets_exactly_the_same_answer_and_no_message()
    {
        app.Clock.Now = PersonAccessClock.Start;
        var person = await PersonKit.PersonAsync(app, OrgA);
        var (knownClient, known) = await AskAsync(person.Email!, person.DateOfBirth);
        var (unknownClient, unknown) = await AskAsync(PersonKit.NewEmail(), person.DateOfBirth);
        var (wrongDobClient, wrongDob) = await AskAsync(person.Email!, person.DateOfBirth.AddDays(1));

        foreach (var response in new[] { unknown, wrongDob })
        {
            Assert.Equal(known.StatusCode, response.StatusCode);
            Assert.Equal(known.Headers.Location, response.Headers.Location);
            Assert.Equal(await known.Content.ReadAsStringAsync(), await response.Content.ReadAsStringAsync());
            Assert.Equal(known.Headers.GetValues("Set-Cookie").Count(), response.Headers.GetValues("Set-Cookie").Count());
        }

        var pages = new List<string>();
        foreach (var client in new[] { knownClient, unknownClient, wrongDobClient })
        {
            pages.Add((await client.GetPageAsync("/my/sign-in/code")).QuerySelector("main")!.TextContent);
        }

        Assert.All(pages, p => Assert.Equal(pages[0], p));
        Assert.Equal(1, await MessagesToAsync(OrgA, person.Id));

        // The code page behaves the same too: a wrong code is "not right" either way, and so is any code for an unknown address.
        var code = await PersonKit.LatestCodeAsync(app, OrgA, person.Id);
        var forUnknown = await unknownClient.SubmitFormAsync("/my/sign-in/code", new() { ["Code"] = code! });
        Assert.Equal([PersonAccessRules.CodeWrong], await forUnknown.ErrorSummaryAsync());
        var wrongForKnown = await knownClient.SubmitFormAsync("/my/sign-in/code", new() { ["Code"] = code == "000000" ? "111111" : "000000" });
        Assert.Equal([PersonAccessRules.CodeWrong], await wrongForKnown.ErrorSummaryAsync());
    }

    [Fact]
    public async Task Missing_or_malformed_details_are_refused_with_messages_and_nothing_is_sent()
    {
        var empty = await app.NewClient().SubmitFormAsync("/my/sign-in", new() { ["Contact"] = "" });
        Assert.Equal([PersonAccessRules.ContactRequired, OneToOne.PatientAccess.Pages.My.SignInModel.DateOfBirthRequired], await empty.ErrorSummaryAsync());
        var landline = await app.NewClient().SubmitFormAsync("/my/sign-in", PersonKit.SignInForm("0113 496 0000", PersonKit.BirthDate));
        Assert.Equal([PersonAccessRules.ContactFormat], await landline.ErrorSummaryAsync());
        var future = await app.NewClient().SubmitFormAsync("/my/sign-in", PersonKit.SignInForm("jo@example.com", new DateOnly(2030, 1, 1)));
        Assert.Equal([OneToOne.PatientAccess.Pages.My.SignInModel.DateOfBirthPast], await future.ErrorSummaryAsync());
        var impossible = await app.NewClient().SubmitFormAsync("/my/sign-in", new() { ["Contact"] = "jo@example.com", ["DateOfBirth.Day"] = "31", ["DateOfBirth.Month"] = "2", ["DateOfBirth.Year"] = "1960" });
        Assert.Single(await impossible.ErrorSummaryAsync());
        Assert.Equal(HttpStatusCode.OK, impossible.StatusCode);
    }

    [Fact]
    public async Task An_invalid_code_is_refused_with_a_message_and_counts_as_a_try()
    {
        app.Clock.Now = PersonAccessClock.Start;
        var person = await PersonKit.PersonAsync(app, OrgA);
        var (client, _) = await AskAsync(person.Email!, person.DateOfBirth);
        Assert.Equal([PersonAccessRules.CodeRequired], await (await client.SubmitFormAsync("/my/sign-in/code", new() { ["Code"] = "" })).ErrorSummaryAsync());
        Assert.Equal([PersonAccessRules.CodeFormat], await (await client.SubmitFormAsync("/my/sign-in/code", new() { ["Code"] = "12ab56" })).ErrorSummaryAsync());
        var code = await PersonKit.LatestCodeAsync(app, OrgA, person.Id);
        var wrong = code == "123456" ? "654321" : "123456";
        Assert.Equal([PersonAccessRules.CodeWrong], await (await client.SubmitFormAsync("/my/sign-in/code", new() { ["Code"] = wrong })).ErrorSummaryAsync());
        // Malformed input is not a guess; a wrong code is.
        Assert.Equal(1, await app.WithDbAsync(null, db => db.Set<PersonSignInChallenge>().Where(c => c.PersonId == person.Id).Select(c => c.FailedAttempts).SingleAsync()));
        Assert.True(await app.WithDbAsync(app.World.Org(OrgA), db => db.AuditEvents.AnyAsync(e => e.PersonId == person.Id && e.Action == "person.sign-in.wrong-code")));
        // Still usable after one wrong try.
        PersonKit.AssertRedirect(await client.SubmitFormAsync("/my/sign-in/code", new() { ["Code"] = code! }), "/my");
    }

    [Fact]
    public async Task A_used_code_cannot_be_used_again_even_from_another_browser_with_the_same_challenge()
    {
        app.Clock.Now = PersonAccessClock.Start;
        var person = await PersonKit.PersonAsync(app, OrgA);
        var (client, asked) = await AskAsync(person.Email!, person.DateOfBirth);
        var challengeCookie = asked.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(PersonSignIn.ChallengeCookie + "=", StringComparison.Ordinal)).Split(';')[0];
        var code = await PersonKit.LatestCodeAsync(app, OrgA, person.Id);
        PersonKit.AssertRedirect(await client.SubmitFormAsync("/my/sign-in/code", new() { ["Code"] = code! }), "/my");

        var other = app.NewClient();
        other.DefaultRequestHeaders.Add("Cookie", challengeCookie);
        var again = await other.SubmitFormAsync("/my/sign-in/code", new() { ["Code"] = code! });
        Assert.Equal([PersonAccessRules.CodeUsed], await again.ErrorSummaryAsync());
        Assert.Null((await again.ParseAsync()).QuerySelector("form[method=post] input[name=Code]"));
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/my")).StatusCode);

        // And the service itself: a right code after use is "used", never a second session.
        await using var scope = app.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<PersonSignIn>();
        var id = await app.WithDbAsync(null, db => db.Set<PersonSignInChallenge>().Where(c => c.PersonId == person.Id).Select(c => c.Id).SingleAsync());
        Assert.Equal(CodeCheck.Used, (await signIn.VerifyAsync(id, code!, default)).Result);
    }

    [Fact]
    public async Task An_expired_code_is_refused_after_10_minutes()
    {
        app.Clock.Now = PersonAccessClock.Start;
        var person = await PersonKit.PersonAsync(app, OrgA);
        var (client, _) = await AskAsync(person.Email!, person.DateOfBirth);
        var code = await PersonKit.LatestCodeAsync(app, OrgA, person.Id);
        app.Clock.Now = PersonAccessClock.Start.AddMinutes(10).AddSeconds(1);
        var late = await client.SubmitFormAsync("/my/sign-in/code", new() { ["Code"] = code! });
        Assert.Equal([PersonAccessRules.CodeExpired], await late.ErrorSummaryAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/my")).StatusCode);
        app.Clock.Now = PersonAccessClock.Start;
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_code_so_even_the_right_one_then_fails()
    {
        app.Clock.Now = PersonAccessClock.Start;
        var person = await PersonKit.PersonAsync(app, OrgA);
        var (client, _) = await AskAsync(person.Email!, person.DateOfBirth);
        var code = await PersonKit.LatestCodeAsync(app, OrgA, person.Id);
        var wrong = code == "123456" ? "654321" : "123456";
        for (var i = 1; i <= 4; i++)
        {
            Assert.Equal([PersonAccessRules.CodeWrong], await (await client.SubmitFormAsync("/my/sign-in/code", new() { ["Code"] = wrong })).ErrorSummaryAsync());
        }

        var fifth = await client.SubmitFormAsync("/my/sign-in/code", new() { ["Code"] = wrong });
        Assert.Equal([PersonAccessRules.CodeLocked], await fifth.ErrorSummaryAsync());
        await using var scope = app.Services.CreateAsyncScope();
        var id = await app.WithDbAsync(null, db => db.Set<PersonSignInChallenge>().Where(c => c.PersonId == person.Id).Select(c => c.Id).SingleAsync());
        Assert.Equal(CodeCheck.Locked, (await scope.ServiceProvider.GetRequiredService<PersonSignIn>().VerifyAsync(id, code!, default)).Result);
        Assert.True(await app.WithDbAsync(app.World.Org(OrgA), db => db.AuditEvents.AnyAsync(e => e.PersonId == person.Id && e.Action == "person.sign-in.locked")));

        // A new code works.
        PersonKit.AssertRedirect(await client.SubmitFormAsync("/my/sign-in", PersonKit.SignInForm(person.Email!, person.DateOfBirth)), "/my/sign-in/code");
        var fresh = await PersonKit.LatestCodeAsync(app, OrgA, person.Id);
        PersonKit.AssertRedirect(await client.SubmitFormAsync("/my/sign-in/code", new() { ["Code"] = fresh! }), "/my");
    }

    [Fact]
    public async Task An_unknown_address_is_locked_after_five_tries_like_a_known_one()
    {
        var (client, _) = await AskAsync(PersonKit.NewEmail(), PersonKit.BirthDate);
        for (var i = 1; i <= 4; i++)
        {
            await client.SubmitFormAsync("/my/sign-in/code", new() { ["Code"] = "123456" });
        }

        Assert.Equal([PersonAccessRules.CodeLocked], await (await client.SubmitFormAsync("/my/sign-in/code", new() { ["Code"] = "123456" })).ErrorSummaryAsync());
    }

    [Fact]
    public async Task Codes_to_one_person_are_limited_per_hour_and_the_limit_looks_the_same_as_success()
    {
        app.Clock.Now = PersonAccessClock.Start;
        var person = await PersonKit.PersonAsync(app, OrgA);
        var answers = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var (_, asked) = await AskAsync(person.Email!, person.DateOfBirth);
            PersonKit.AssertRedirect(asked, "/my/sign-in/code");
        }

        Assert.Equal(5, await MessagesToAsync(OrgA, person.Id));
        Assert.True(await app.WithDbAsync(app.World.Org(OrgA), db => db.AuditEvents.AnyAsync(e => e.PersonId == person.Id && e.Action == "person.sign-in.code-limit")));
        app.Clock.Now = PersonAccessClock.Start.AddMinutes(61);
        await AskAsync(person.Email!, person.DateOfBirth);
        Assert.Equal(6, await MessagesToAsync(OrgA, person.Id));
        app.Clock.Now = PersonAccessClock.Start;
    }

    [Fact]
    public async Task Two_records_with_the_same_details_get_no_code_but_a_message_to_contact_the_team()
    {
        app.Clock.Now = PersonAccessClock.Start;
        var shared = PersonKit.NewEmail();
        var twin1 = await PersonKit.PersonAsync(app, OrgA, p => p.Email = shared);
        var twin2 = await PersonKit.PersonAsync(app, OrgA, p => p.Email = shared);
        var (client, asked) = await AskAsync(shared, PersonKit.BirthDate);
        PersonKit.AssertRedirect(asked, "/my/sign-in/code");
        var messages = await app.WithDbAsync(app.World.Org(OrgA), db => db.Set<OutboxMessage>().Where(m => m.To == shared).ToListAsync());
        var message = Assert.Single(messages);
        Assert.Equal("We could not sign you in", message.Subject);
        Assert.Null(await PersonKit.LatestCodeAsync(app, OrgA, twin1.Id));
        Assert.Null(await PersonKit.LatestCodeAsync(app, OrgA, twin2.Id));
        Assert.Equal([PersonAccessRules.CodeWrong], await (await client.SubmitFormAsync("/my/sign-in/code", new() { ["Code"] = "123456" })).ErrorSummaryAsync());
    }

    [Fact]
    public async Task A_person_of_another_organisation_signs_in_to_their_own_organisation()
    {
        app.Clock.Now = PersonAccessClock.Start;
        var person = await PersonKit.PersonAsync(app, "B");
        var client = await PersonKit.SignInPersonAsync(app, "B", person);
        var home = await client.GetPageAsync("/my");
        Assert.Contains(app.World.Organisations["B"].Name, home.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(app.World.Org("B"), db => db.AuditEvents.AnyAsync(e => e.PersonId == person.Id && e.Action == "view" && e.Role == PersonAudit.Role)));
    }

    [Fact]
    public async Task The_code_page_without_a_challenge_goes_back_to_the_start_and_signing_out_ends_the_session()
    {
        PersonKit.AssertRedirect(await app.NewClient().GetAsync("/my/sign-in/code"), "/my/sign-in");
        app.Clock.Now = PersonAccessClock.Start;
        var person = await PersonKit.PersonAsync(app, OrgA);
        var client = await PersonKit.SignInPersonAsync(app, OrgA, person);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/my")).StatusCode);
        var signedOut = await client.SubmitFormAsync("/my/sign-out", []);
        PersonKit.AssertRedirect(signedOut, "/my/sign-in");
        Assert.StartsWith("/my/sign-in", (await client.GetAsync("/my")).Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_ends_after_20_idle_minutes()
    {
        app.Clock.Now = PersonAccessClock.Start;
        var person = await PersonKit.PersonAsync(app, OrgA);
        var client = await PersonKit.SignInPersonAsync(app, OrgA, person);
        app.Clock.Now = PersonAccessClock.Start.AddMinutes(21);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/my")).StatusCode);
        app.Clock.Now = PersonAccessClock.Start;
    }

    [Fact]
    public async Task Person_pages_do_not_accept_staff_cookies_and_staff_pages_do_not_accept_a_persons_cookie()
    {
        app.Clock.Now = PersonAccessClock.Start;
        foreach (var role in Roles.StaffRoles)
        {
            var staff = await app.SignInAsync(OrgA, role);
            foreach (var url in new[] { "/my", "/my/plan", "/my/help", "/my/record-access", "/my/questionnaires" })
            {
                var response = await staff.GetAsync(url);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/my/sign-in", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
            }
        }

        var person = await PersonKit.PersonAsync(app, OrgA);
        var client = await PersonKit.SignInPersonAsync(app, OrgA, person);
        foreach (var url in new[] { "/caseload", "/people", $"/people/{person.Id}", "/help-requests", $"/people/{person.Id}/help-requests/new" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/v1/people/{person.Id}")).StatusCode);
    }
}

internal static class UriPaths
{
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}

public sealed class PersonSignInOnSqlite(PersonAccessSqliteApp app) : PersonSignInTests(app), IClassFixture<PersonAccessSqliteApp>;

public sealed class PersonSignInOnPostgres(PersonAccessPostgresApp app) : PersonSignInTests(app), IClassFixture<PersonAccessPostgresApp>;

/// <summary>Sign-in posts per IP address are rate-limited (a low limit in a fixture of its own).</summary>
public abstract class PersonSignInRateLimitTests(PersonAccessApp app)
{
    [Fact]
    public async Task Sign_in_attempts_from_one_address_are_limited_per_minute()
    {
        var client = app.NewClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.SubmitFormAsync("/my/sign-in", PersonKit.SignInForm(PersonKit.NewEmail(), PersonKit.BirthDate))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
        // Reading the page is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/my/sign-in")).StatusCode);
    }
}

public sealed class LimitedPersonAccessSqliteApp() : PersonAccessApp(Provider.Sqlite, attemptsPerMinute: 3);

public sealed class LimitedPersonAccessPostgresApp() : PersonAccessApp(Provider.Postgres, attemptsPerMinute: 3);

public sealed class PersonSignInRateLimitOnSqlite(LimitedPersonAccessSqliteApp app) : PersonSignInRateLimitTests(app), IClassFixture<LimitedPersonAccessSqliteApp>;

public sealed class PersonSignInRateLimitOnPostgres(LimitedPersonAccessPostgresApp app) : PersonSignInRateLimitTests(app), IClassFixture<LimitedPersonAccessPostgresApp>;
