using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OneToOne.PatientAccess;
using OneToOne.Notifications;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.Referrals;

namespace OneToOne.BrowserTests;

/// <summary>Issue 4 items 6, 7 and 9 as real users: a practitioner discharges a person (who then has open access), the
/// person signs in on their phone with a code from their email, asks for help, and the request appears for staff, who
/// answer it. Every page passes axe (WCAG 2.2 AA); the person's pages also work without JavaScript.</summary>
public sealed partial class PersonAccessTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly DateOnly BirthDate = new(1957, 9, 14);

    [GeneratedRegex(@"\b(\d{6})\b")]
    private static partial Regex SixDigits();

    private ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    private async Task<(Person Person, Referral Referral)> ArrangeActiveAsync(string given, string family)
    {
        var worker = app.World.Account("A", Roles.SupportWorker).StaffId!.Value;
        var person = new Person
        {
            NhsNumber = NhsNumber.CreateTestNumber(Random.Shared), GivenName = given, FamilyName = family, DateOfBirth = BirthDate, Sex = Sex.Female,
            Postcode = "LS6 2AB", Email = $"{given.ToLowerInvariant()}.{Guid.NewGuid().ToString("N")[..6]}@example.com", TumourSite = "breast",
            ConsentToShareWithGp = true, GpPracticeName = "Hyde Park Surgery", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        var referral = new Referral
        {
            PersonId = person.Id, ReferrerName = "Dr Browser", Reason = "End of treatment", Channel = "page", ReceivedOn = new DateOnly(2026, 3, 2),
            TriageDueOn = new DateOnly(2026, 3, 9), Status = ReferralStatus.Active, Level = PathwayLevel.SupportedSelfManagement,
            SuggestedLevel = PathwayLevel.SupportedSelfManagement, KeyWorkerId = worker, AllocatedAt = DateTimeOffset.UtcNow.AddDays(-90),
            ActivatedAt = DateTimeOffset.UtcNow.AddDays(-85), CreatedAt = DateTimeOffset.UtcNow.AddDays(-95),
        };
        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            db.People.Add(person);
            db.Referrals.Add(referral);
            await db.SaveChangesAsync();
        });
        return (person, referral);
    }

    private async Task<IPage> PhoneAsync(bool javaScriptEnabled = true)
    {
        var context = await app.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
            Locale = "en-GB", TimezoneId = "Europe/London", JavaScriptEnabled = javaScriptEnabled,
        });
        return await context.NewPageAsync();
    }

    private Task<string> CodeForAsync(Guid personId) =>
        app.WithDbAsync(app.World.Org("A"), async db =>
        {
            var body = await db.Set<OutboxMessage>().Where(m => m.PersonId == personId && m.Subject == "Your sign-in code")
                .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Select(m => m.Body).FirstAsync();
            return SixDigits().Match(body).Groups[1].Value;
        });

    private async Task DischargeAsync(IPage nurse, Person person, Referral referral, bool checkEachPage)
    {
        await nurse.GotoAsync($"/referrals/{referral.Id}");
        await nurse.GetByRole(AriaRole.Link, new() { Name = "Discharge " + person.GivenName, Exact = true }).ClickAsync();
        await Assertions.Expect(Heading(nurse)).ToContainTextAsync("Discharge " + person.FullName);
        if (checkEachPage)
        {
            await nurse.AssertAccessibleAsync();
            await nurse.ClickButtonAsync("Discharge " + person.GivenName);
            await Assertions.Expect(nurse.ErrorSummary()).ToBeVisibleAsync();
            await nurse.AssertAccessibleAsync();
        }

        await nurse.ChooseAsync("What happened about the before-discharge assessment?", "They did not want one");
        await nurse.ChooseAsync("Why are they being discharged?", "Needs met and goals achieved");
        await nurse.ClickButtonAsync("Discharge " + person.GivenName);
        await Assertions.Expect(nurse.Locator("#discharge-summary")).ToBeVisibleAsync();
    }

    private async Task SignInOnPhoneAsync(IPage phone, Person person, bool checkEachPage)
    {
        await phone.GotoAsync("/my/sign-in");
        await Assertions.Expect(Heading(phone)).ToHaveTextAsync("Sign in to see your support");
        if (checkEachPage)
        {
            await phone.AssertAccessibleAsync();
            await phone.ClickButtonAsync("Send me a code");
            await Assertions.Expect(phone.ErrorSummary()).ToBeVisibleAsync();
            await phone.AssertAccessibleAsync();
        }

        await phone.Field("Email address or mobile phone number").FillAsync(person.Email!);
        await phone.FillDateAsync("Date of birth", BirthDate);
        await phone.ClickButtonAsync("Send me a code");
        await Assertions.Expect(Heading(phone)).ToHaveTextAsync("Enter the code we sent you");
        if (checkEachPage)
        {
            await phone.AssertAccessibleAsync();
            await phone.Field("Code").FillAsync("12");
            await phone.ClickButtonAsync("Continue");
            await Assertions.Expect(phone.ErrorSummary()).ToContainTextAsync(PersonAccessRules.CodeFormat);
            await phone.AssertAccessibleAsync();
        }

        await phone.Field("Code").FillAsync(await CodeForAsync(person.Id));
        await phone.ClickButtonAsync("Continue");
        await Assertions.Expect(Heading(phone)).ToContainTextAsync("Your support");
    }

    [Fact]
    public async Task A_discharged_person_signs_in_with_a_code_on_their_phone_asks_for_help_and_staff_answer_it()
    {
        var (person, referral) = await ArrangeActiveAsync("Demelza", "Penhallow");
        var nurse = await app.NewPageAsync();
        await nurse.SignInAsync(app.World.Account("A", Roles.RegisteredPractitioner));
        await DischargeAsync(nurse, person, referral, checkEachPage: true);
        await nurse.AssertAccessibleAsync();
        await nurse.GetByRole(AriaRole.Link, new() { Name = "Discharge letter to the GP (to print)" }).ClickAsync();
        await Assertions.Expect(Heading(nurse)).ToHaveTextAsync("Discharge from one-to-one support: " + person.FullName);
        await nurse.AssertAccessibleAsync();

        var phone = await PhoneAsync();
        await SignInOnPhoneAsync(phone, person, checkEachPage: true);
        await Assertions.Expect(phone.Locator("#my-status")).ToContainTextAsync("you can ask the team for help without a new referral");
        await phone.AssertAccessibleAsync();

        foreach (var (link, heading) in new[] { ("Your care and support plan", "Your care and support plan"), ("Questionnaires to complete", "Questionnaires to complete"), ("Who has looked at your record", "Who has looked at your record") })
        {
            await phone.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await Assertions.Expect(Heading(phone)).ToHaveTextAsync(heading);
            await phone.AssertAccessibleAsync();
            await phone.GetByRole(AriaRole.Link, new() { Name = "Back to your support" }).ClickAsync();
        }

        await phone.GetByRole(AriaRole.Link, new() { Name = "Ask the team for help" }).ClickAsync();
        await Assertions.Expect(Heading(phone)).ToHaveTextAsync("Ask the team for help");
        await phone.AssertAccessibleAsync();
        await phone.ClickButtonAsync("Send to the team");
        await Assertions.Expect(phone.ErrorSummary()).ToBeVisibleAsync();
        await phone.AssertAccessibleAsync();
        await phone.Field("What would you like help with?").FillAsync("The swelling in my arm has come back and I am worried about it");
        await phone.ChooseAsync(PersonAccessRules.RedFlagQuestion, "No");
        await phone.ChooseAsync("How would you like us to contact you?", "Phone call");
        await phone.Field("Phone number or email address to use").FillAsync("07700 900461");
        await phone.ClickButtonAsync("Send to the team");
        await Assertions.Expect(Heading(phone)).ToHaveTextAsync("Your request has been sent");
        await phone.AssertAccessibleAsync();

        // The request is a task in the team's queue, and staff see it in the list of requests.
        var request = await app.WithDbAsync(app.World.Org("A"), db => db.Set<HelpRequest>().AsNoTracking().SingleAsync(r => r.PersonId == person.Id));
        var task = await app.WithDbAsync(app.World.Org("A"), db => db.Set<OneToOne.Worklists.WorkTask>().AsNoTracking()
            .SingleAsync(t => t.Kind == OneToOne.Worklists.WorkTaskKind.HelpRequest && t.SourceId == request.Id));
        Assert.Equal(app.World.Teams["A"].Id, task.AssignedToTeamId);

        var worker = await app.NewPageAsync();
        await worker.SignInAsync(app.World.Account("A", Roles.SupportWorker));
        await worker.GetByRole(AriaRole.Link, new() { Name = "Help requests" }).First.ClickAsync();
        await Assertions.Expect(Heading(worker)).ToHaveTextAsync("Requests for help");
        await worker.AssertAccessibleAsync();
        await worker.GetByRole(AriaRole.Link, new() { Name = "Request from " + person.FullName }).ClickAsync();
        await Assertions.Expect(worker.Locator("#help-about")).ToHaveTextAsync("The swelling in my arm has come back and I am worried about it");
        await worker.AssertAccessibleAsync();
        await worker.ClickButtonAsync("Save the answer");
        await Assertions.Expect(worker.ErrorSummary()).ToBeVisibleAsync();
        await worker.AssertAccessibleAsync();
        await worker.ChooseAsync("What happened?", "Advice or information given");
        await worker.Field("What was done").FillAsync("Phoned back; arranged a lymphoedema clinic appointment through the GP");
        await worker.ClickButtonAsync("Save the answer");
        await Assertions.Expect(worker.Locator("#help-outcome")).ToHaveTextAsync("Advice or information given");
        await worker.AssertAccessibleAsync();

        // The person's record view shows up in their access list, by role and organisation.
        await phone.GotoAsync("/my/record-access");
        await Assertions.Expect(phone.Locator("#access-log")).ToContainTextAsync("Registered practitioner");
        await phone.AssertAccessibleAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(Heading(phone)).ToHaveTextAsync("Sign in to see your support");
        await phone.AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_persons_pages_work_without_javascript_on_a_phone()
    {
        var (person, referral) = await ArrangeActiveAsync("Loveday", "Trevithick");
        var nurse = await app.NewPageAsync();
        await nurse.SignInAsync(app.World.Account("A", Roles.RegisteredPractitioner));
        await DischargeAsync(nurse, person, referral, checkEachPage: false);

        var phone = await PhoneAsync(javaScriptEnabled: false);
        await SignInOnPhoneAsync(phone, person, checkEachPage: false);
        await phone.GetByRole(AriaRole.Link, new() { Name = "Ask the team for help" }).ClickAsync();
        await phone.Field("What would you like help with?").FillAsync("A question about my medicines");
        await phone.ChooseAsync(PersonAccessRules.RedFlagQuestion, "No");
        await phone.ClickButtonAsync("Send to the team");
        await Assertions.Expect(Heading(phone)).ToHaveTextAsync("Your request has been sent");
        Assert.True(await app.WithDbAsync(app.World.Org("A"), db => db.Set<HelpRequest>().AnyAsync(r => r.PersonId == person.Id)));
    }
}
