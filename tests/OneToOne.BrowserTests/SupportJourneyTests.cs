using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OneToOne.Assessments;
using OneToOne.CarePlans;
using OneToOne.Contacts;
using OneToOne.Notifications;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.Referrals;
using OneToOne.ServiceDirectory;

namespace OneToOne.BrowserTests;

/// <summary>Issue 3's "done when", walked as the people who do it: a support worker sends the person an assessment
/// link; the person completes it on their phone; the worker sees the scores and flags, builds the plan with them
/// (a directory service near them for their top concern), agrees it, sends the service referral from the plan,
/// logs the contact from the caseload and prints the plan. Every page on the way, the person's included, passes axe.</summary>
public sealed partial class SupportJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly DateOnly BirthDate = new(1958, 9, 23);
    private const string ServiceName = "Calderdale Cancer Money Advice";
    private const string Goal = "Keep up with the bills while I am off work";
    private const string ActionText = "Benefits check and help to apply for grants";

    private static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    private static ILocator Banner(IPage page) => page.Locator(".nhsuk-notification-banner");

    [Fact]
    public async Task A_person_completes_their_assessment_on_a_phone_and_their_worker_builds_agrees_refers_logs_the_contact_and_prints_the_plan()
    {
        var account = app.World.Account("A", Roles.SupportWorker);
        var person = await ArrangePersonOnCaseloadAsync(account.StaffId!.Value);
        var service = await ArrangeLocalServiceAsync(person.PostcodeDistrict);

        // 1. The support worker opens the person from their caseload and sends them an assessment link.
        var worker = await app.NewPageAsync();
        await worker.SignInAsync(account, checkEachPage: true);
        await Assertions.Expect(worker).ToHaveURLAsync(new Regex("/caseload$"));
        await worker.AssertAccessibleAsync();
        await worker.Locator("#caseload").GetByRole(AriaRole.Link, new() { Name = person.FullName, Exact = true }).ClickAsync();
        await Assertions.Expect(Heading(worker)).ToContainTextAsync(person.FullName);
        await worker.AssertAccessibleAsync();
        await worker.GetByRole(AriaRole.Link, new() { Name = $"See {person.GivenName}'s record" }).ClickAsync();
        await Assertions.Expect(worker).ToHaveURLAsync(new Regex($"/people/{person.Id}$"));
        await worker.AssertAccessibleAsync();
        await worker.GetByRole(AriaRole.Link, new() { Name = "Assessments", Exact = true }).ClickAsync();
        await Assertions.Expect(Heading(worker)).ToHaveTextAsync($"Assessments for {person.FullName}");
        await worker.AssertAccessibleAsync();
        await worker.GetByRole(AriaRole.Link, new() { Name = "Send a link to complete it on their phone" }).ClickAsync();
        await Assertions.Expect(Heading(worker)).ToHaveTextAsync($"Send an assessment link to {person.FullName}");
        await worker.AssertAccessibleAsync();
        await worker.ClickButtonAsync("Send the link");
        await Assertions.Expect(Heading(worker)).ToHaveTextAsync($"Assessments for {person.FullName}");
        await Assertions.Expect(worker.GetByText("Waiting for the person")).ToBeVisibleAsync();
        await worker.AssertAccessibleAsync();
        var link = await LinkSentToAsync(person.Id);

        // 2. The person opens the link on their phone, proves who they are and answers, section by section.
        var phone = await PhoneAsync();
        await phone.GotoAsync(link);
        await Assertions.Expect(Heading(phone)).ToHaveTextAsync("Confirm it is you");
        await phone.AssertAccessibleAsync();
        await phone.FillDateAsync("What is your date of birth?", BirthDate);
        await phone.ClickButtonAsync("Continue");

        var sections = AssessmentDefaults.HnaV1().Sections;
        foreach (var section in sections)
        {
            await Assertions.Expect(Heading(phone)).ToHaveTextAsync(section.Title);
            await phone.AssertAccessibleAsync();
            switch (section.Code)
            {
                case "distress":
                    await ScoreAsync(phone, section.Items[0].Text, 7);
                    break;
                case "physical":
                    await ScoreAsync(phone, ConcernCatalogue.ItemText("fatigue"), 5);
                    await ScoreAsync(phone, ConcernCatalogue.ItemText("new-lump"), 6);
                    break;
                case "practical":
                    await ScoreAsync(phone, ConcernCatalogue.ItemText("money"), 9);
                    await phone.ScreenshotForReadmeAsync("assessment-phone");
                    break;
                case "emotional":
                    await ScoreAsync(phone, ConcernCatalogue.ItemText("worry"), 6);
                    break;
                default:
                    break;
            }

            await phone.ClickButtonAsync("Save and continue");
        }

        await Assertions.Expect(Heading(phone)).ToHaveTextAsync("Check your answers");
        await phone.AssertAccessibleAsync();
        var mostImportant = phone.GetByRole(AriaRole.Group, new() { NameRegex = new Regex("^Which of your concerns matter most to you") });
        await mostImportant.GetByLabel(ConcernCatalogue.ItemText("money"), new() { Exact = true }).CheckAsync();
        await mostImportant.GetByLabel(ConcernCatalogue.ItemText("worry"), new() { Exact = true }).CheckAsync();
        await phone.ClickButtonAsync("Send my answers");
        await Assertions.Expect(Heading(phone)).ToHaveTextAsync("Thank you");
        await phone.AssertAccessibleAsync();
        await phone.Context.CloseAsync();

        // 3. The worker sees the scores and the flags: on the assessment, the caseload and the record.
        await worker.ReloadAsync();
        await Assertions.Expect(worker.Locator(".nhsuk-warning-callout")).ToContainTextAsync(ConcernCatalogue.ItemText("new-lump"));
        await worker.AssertAccessibleAsync();
        await worker.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Summary of the assessment") }).ClickAsync();
        await Assertions.Expect(Heading(worker)).ToHaveTextAsync($"Assessment summary for {person.FullName}");
        var summary = worker.Locator(".nhsuk-summary-list");
        await Assertions.Expect(summary).ToContainTextAsync("Online by the person");
        await Assertions.Expect(Row(summary, "Distress")).ToContainTextAsync("7 (significant)");
        await Assertions.Expect(Row(summary, "Flagged")).ToContainTextAsync(ConcernCatalogue.ItemText("money"));
        await Assertions.Expect(Row(summary, "What matters most")).ToContainTextAsync(
            $"{ConcernCatalogue.ItemText("money")}, {ConcernCatalogue.ItemText("worry")}");
        await Assertions.Expect(worker.Locator(".nhsuk-warning-callout")).ToContainTextAsync(ConcernCatalogue.ItemText("new-lump"));
        await worker.AssertAccessibleAsync();
        await worker.ScreenshotForReadmeAsync("assessment-summary");

        await worker.GetByRole(AriaRole.Link, new() { Name = "Caseload", Exact = true }).ClickAsync();
        var caseloadRow = worker.Locator("#caseload tbody tr").Filter(new() { HasText = person.FullName });
        await Assertions.Expect(caseloadRow.Locator(".flags")).ToContainTextAsync("Red flag");
        await worker.AssertAccessibleAsync();
        await caseloadRow.GetByRole(AriaRole.Link, new() { Name = person.FullName, Exact = true }).ClickAsync();
        await worker.GetByRole(AriaRole.Link, new() { Name = $"See {person.GivenName}'s record" }).ClickAsync();
        await Assertions.Expect(worker.Locator(".nhsuk-warning-callout")).ToContainTextAsync(ConcernCatalogue.ItemText("new-lump"));
        await worker.AssertAccessibleAsync();

        // 4. The plan, built with the person from the concerns they chose.
        await worker.GetByRole(AriaRole.Link, new() { Name = $"{person.GivenName}'s care and support plan" }).ClickAsync();
        await Assertions.Expect(Heading(worker)).ToContainTextAsync($"Care and support plan for {person.FullName}");
        await worker.AssertAccessibleAsync();
        await worker.ClickButtonAsync("Start the care plan");
        await Assertions.Expect(Banner(worker)).ToContainTextAsync("Care plan started from the assessment");
        var money = ConcernCard(worker, "money");
        await Assertions.Expect(ConcernCard(worker, "worry")).ToBeVisibleAsync();
        await worker.AssertAccessibleAsync();
        await money.GetByLabel($"What {person.GivenName} wants to achieve").FillAsync(Goal);
        await worker.Field("How to contact the team in hours").FillAsync("Phone 01422 000 000, Monday to Friday, 9am to 5pm");
        await worker.Field("How to get help out of hours").FillAsync("Acute oncology line 01422 000 111, or NHS 111");
        await worker.ClickButtonAsync("Save the plan");
        await Assertions.Expect(Banner(worker)).ToContainTextAsync("Care plan saved");
        await worker.AssertAccessibleAsync();

        await money.GetByRole(AriaRole.Link, new() { Name = $"Add an action for {ConcernCatalogue.ItemText("money")}" }).ClickAsync();
        await Assertions.Expect(Heading(worker)).ToContainTextAsync($"Add an action for {ConcernCatalogue.ItemText("money")}");
        await worker.AssertAccessibleAsync();
        await worker.Field("What will be done").FillAsync(ActionText);
        await worker.ChooseAsync("Who will do this", "A service from the directory");
        // The local service for this concern comes first, before the nationwide ones.
        var services = worker.Group("Service (when a service will do this)");
        await Assertions.Expect(services.GetByRole(AriaRole.Radio).First).ToHaveAttributeAsync("value", service.Id.ToString());
        await services.GetByLabel(new Regex($"^{ServiceName} ")).CheckAsync();
        await worker.FillDateAsync("Done by", UkToday().AddDays(14));
        await worker.ClickButtonAsync("Add action");
        await Assertions.Expect(Banner(worker)).ToContainTextAsync("Action added");
        var actionRow = money.Locator("tr[data-action-id]").Filter(new() { HasText = ActionText });
        await Assertions.Expect(actionRow).ToContainTextAsync(ServiceName);
        await worker.AssertAccessibleAsync();

        await worker.GetByRole(AriaRole.Link, new() { Name = $"Agree the plan with {person.GivenName}" }).ClickAsync();
        await Assertions.Expect(Heading(worker)).ToContainTextAsync("Agree the plan");
        await worker.AssertAccessibleAsync();
        await worker.ClickButtonAsync("Agree the plan");
        await Assertions.Expect(worker.Locator("#plan-status")).ToContainTextAsync("Agreed with the person");
        await worker.AssertAccessibleAsync();

        // 5. The referral to the service, sent from the plan's action; the plan then shows where it is.
        await actionRow.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^Send referral to {ServiceName}") }).ClickAsync();
        await Assertions.Expect(Heading(worker)).ToContainTextAsync("Refer to a service");
        await Assertions.Expect(worker.Locator("main")).ToContainTextAsync($"From the care plan action: {ActionText}");
        await worker.AssertAccessibleAsync();
        await worker.Field("Note for the service").FillAsync("Off work since surgery; statutory sick pay ends next month.");
        await worker.ClickButtonAsync("Send referral");
        await Assertions.Expect(Banner(worker)).ToContainTextAsync($"Referral sent to {ServiceName}");
        await Assertions.Expect(actionRow.Locator(".app-action-referral")).ToContainTextAsync("Sent");
        await Assertions.Expect(actionRow.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Send referral") })).ToHaveCountAsync(0);
        await worker.AssertAccessibleAsync();
        // Tall enough for the heading, the status and the top concern with its action in one picture.
        await worker.SetViewportSizeAsync(1280, 1500);
        await worker.ScreenshotForReadmeAsync("care-plan");
        await worker.SetViewportSizeAsync(1280, 900);

        var referral = await app.WithDbAsync(app.World.Org("A"), db => db.Set<ServiceReferral>().AsNoTracking().SingleAsync(r => r.PersonId == person.Id));
        var action = await app.WithDbAsync(app.World.Org("A"), db => db.Set<CarePlanAction>().AsNoTracking().SingleAsync(a => a.Id == referral.CarePlanActionId));
        Assert.Equal((service.Id, "money", ActionText), (referral.ServiceId, referral.ConcernItemCode, action.Description));

        await actionRow.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^View the referral") }).ClickAsync();
        await Assertions.Expect(worker).ToHaveURLAsync(new Regex($"/service-referrals/{referral.Id}$"));
        await Assertions.Expect(Heading(worker)).ToContainTextAsync($"Referral to {ServiceName}");
        await worker.AssertAccessibleAsync();

        // 6. The contact, logged from the caseload.
        await worker.GetByRole(AriaRole.Link, new() { Name = "Caseload", Exact = true }).ClickAsync();
        await Assertions.Expect(Heading(worker)).ToHaveTextAsync("Your caseload");
        await worker.GetByRole(AriaRole.Link, new() { Name = $"Log contact with {person.FullName}" }).ClickAsync();
        await Assertions.Expect(Heading(worker)).ToContainTextAsync($"Log a contact with {person.FullName}");
        await worker.AssertAccessibleAsync();
        var earlier = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddMinutes(-50), TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
        await worker.FillDateAsync("Date of contact", DateOnly.FromDateTime(earlier.DateTime));
        await worker.Field("Time").FillAsync(earlier.ToString("HH:mm", CultureInfo.InvariantCulture));
        await worker.ChooseAsync("How did the contact happen?", "Face to face");
        await worker.Field("Duration in minutes").FillAsync("45");
        await worker.Group("What did it address?").GetByLabel(ConcernCatalogue.DomainName("practical"), new() { Exact = true }).CheckAsync();
        await worker.Field("Outcome").FillAsync($"Assessment talked through; plan agreed; referred to {ServiceName} for a benefits check.");
        await worker.FillDateAsync("Next contact date (optional)", UkToday().AddDays(14));
        await worker.ClickButtonAsync("Log contact");
        await Assertions.Expect(Banner(worker)).ToContainTextAsync("Contact logged");
        await Assertions.Expect(Heading(worker)).ToHaveTextAsync("Your caseload");
        await worker.AssertAccessibleAsync();
        var contact = await app.WithDbAsync(app.World.Org("A"), db => db.Set<Contact>().AsNoTracking().SingleAsync(c => c.PersonId == person.Id));
        Assert.Equal((45, account.StaffId!.Value), (contact.DurationMinutes, contact.StaffMemberId));

        // 7. The plan, printed for the person.
        await worker.Locator("#caseload tbody tr").Filter(new() { HasText = person.FullName })
            .GetByRole(AriaRole.Link, new() { Name = person.FullName, Exact = true }).ClickAsync();
        await worker.GetByRole(AriaRole.Link, new() { Name = $"See {person.GivenName}'s record" }).ClickAsync();
        await worker.GetByRole(AriaRole.Link, new() { Name = $"{person.GivenName}'s care and support plan" }).ClickAsync();
        await worker.GetByRole(AriaRole.Link, new() { Name = $"Printable copy for {person.GivenName}" }).ClickAsync();
        await Assertions.Expect(Heading(worker)).ToHaveTextAsync("My care and support plan");
        var printed = worker.Locator("main");
        await Assertions.Expect(printed).ToContainTextAsync(person.FullName);
        await Assertions.Expect(worker.Locator("#print-status")).ToContainTextAsync("Agreed with the person (version 1)");
        await Assertions.Expect(printed).ToContainTextAsync(Goal);
        await Assertions.Expect(printed).ToContainTextAsync(ActionText);
        await Assertions.Expect(printed).ToContainTextAsync(ServiceName);
        await Assertions.Expect(printed).ToContainTextAsync("Acute oncology line 01422 000 111");
        await worker.AssertAccessibleAsync();
        await worker.ScreenshotForReadmeAsync("plan-print");
    }

    private static ILocator Row(ILocator summaryList, string key) =>
        summaryList.Locator(".nhsuk-summary-list__row").Filter(new() { Has = summaryList.Page.Locator("dt", new() { HasTextString = key }) });

    private static ILocator ConcernCard(IPage page, string itemCode) =>
        page.Locator("section.nhsuk-card").Filter(new()
        {
            Has = page.GetByRole(AriaRole.Heading, new() { Name = ConcernCatalogue.ItemText(itemCode), Exact = true }),
        });

    private static Task ScoreAsync(IPage page, string question, int score) =>
        page.Group(question).GetByLabel(score.ToString(CultureInfo.InvariantCulture), new() { Exact = true }).CheckAsync();

    private static DateOnly UkToday() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);

    /// <summary>The person as triage and allocation (issue 1's journey) leave them: allocated to the worker.</summary>
    private async Task<Person> ArrangePersonOnCaseloadAsync(Guid staffId)
    {
        var now = DateTimeOffset.UtcNow;
        var person = new Person
        {
            NhsNumber = NhsNumber.CreateTestNumber(Random.Shared), GivenName = "Bronwen", FamilyName = "Ashworth", DateOfBirth = BirthDate,
            Sex = Sex.Female, Postcode = "HX1 2AB", Phone = "07700 900461", PreferredContactMethod = ContactMethod.Phone,
            TumourSite = "breast", ConsentToShareWithGp = true, GpPracticeName = "Spring Hall Surgery", CreatedAt = now, UpdatedAt = now,
        };
        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            db.People.Add(person);
            var received = UkToday().AddDays(-12);
            db.Referrals.Add(new Referral
            {
                PersonId = person.Id, ReferrerName = "Dr Amara Okafor", ReferrerOrganisation = "Breast care unit, Calderdale Royal",
                Reason = "Finished treatment; worried about money and going back to work.", Channel = "page", Source = ReferralSource.HospitalTeam,
                ReceivedOn = received, TriageDueOn = received.AddDays(2), Status = ReferralStatus.Allocated,
                Level = PathwayLevel.SupportedSelfManagement, SuggestedLevel = PathwayLevel.SupportedSelfManagement,
                KeyWorkerId = staffId, AllocatedAt = now.AddDays(-8), CreatedAt = now.AddDays(-12),
            });
            await db.SaveChangesAsync();
        });
        return person;
    }

    /// <summary>A service that takes referrals for money worries in the person's postcode district.</summary>
    private async Task<DirectoryService> ArrangeLocalServiceAsync(string district)
    {
        var service = new DirectoryService
        {
            Name = ServiceName, ProviderOrganisationName = "Calderdale Advice Network (example)",
            Description = "Benefits checks, grant applications and debt advice for people affected by cancer.",
            HowToUse = HowToUse.Referral, Active = true, Phone = "01422 000 222", Email = "referrals@calderdale-advice.example",
            UpdatedAt = DateTimeOffset.UtcNow,
            Categories = [new DirectoryServiceCategory { Code = "money" }],
            Areas = [.. DirectoryRules.AreaRows(false, [district]).Select(d => new DirectoryServiceArea { District = d })],
        };
        await app.WithDbAsync(null, async db =>
        {
            db.Add(service);
            await db.SaveChangesAsync();
        });
        return service;
    }

    /// <summary>The link as the person receives it: read from the newest outbox message for them.</summary>
    private async Task<string> LinkSentToAsync(Guid personId)
    {
        var body = await app.WithDbAsync(app.World.Org("A"), db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.PersonId == personId).OrderByDescending(m => m.CreatedAt).Select(m => m.Body).FirstAsync());
        var url = LinkInMessage().Match(body);
        Assert.True(url.Success, "No link in the message: " + body);
        return new Uri(url.Value).PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+/a/[A-Za-z0-9_\-]+")]
    private static partial Regex LinkInMessage();

    /// <summary>The person's own phone: a browser context of its own, phone-sized, touch.</summary>
    private async Task<IPage> PhoneAsync()
    {
        var context = await app.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
            Locale = "en-GB", TimezoneId = "Europe/London",
        });
        return await context.NewPageAsync();
    }
}
