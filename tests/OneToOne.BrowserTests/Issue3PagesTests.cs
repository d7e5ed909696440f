using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OneToOne.Assessments;
using OneToOne.Notifications;
using OneToOne.PatientAccess;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.ServiceDirectory;

namespace OneToOne.BrowserTests;

/// <summary>The issue 3 pages (assessments, the person's own assessment link, the service directory and
/// referrals to services, contacts and groups) pass axe (WCAG 2.2 AA) as the role that uses them, including
/// their error states; the person's pages on a phone-sized screen and without JavaScript.</summary>
public sealed partial class Issue3PagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly DateOnly BirthDate = new(1961, 4, 12);

    private ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>A person in organisation A, arranged directly: these tests are about the new pages.</summary>
    private async Task<Person> ArrangePersonAsync(string given, string family, string postcode = "LS6 2AB")
    {
        var person = new Person
        {
            NhsNumber = NhsNumber.CreateTestNumber(Random.Shared), GivenName = given, FamilyName = family, DateOfBirth = BirthDate,
            Sex = Sex.Female, Postcode = postcode, Phone = "07700 900982", PreferredContactMethod = ContactMethod.Phone,
            TumourSite = "breast", ConsentToShareWithGp = true, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            db.People.Add(person);
            await db.SaveChangesAsync();
        });
        return person;
    }

    private async Task<IPage> SupportWorkerAsync()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync(app.World.Account("A", Roles.SupportWorker));
        return page;
    }

    private static Task ScoreAsync(IPage page, string question, int score) =>
        page.Group(question).GetByLabel(score.ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Exact = true }).CheckAsync();

    [Fact]
    public async Task A_support_worker_s_assessment_pages_from_start_to_the_red_flag_summary_are_accessible()
    {
        var person = await ArrangePersonAsync("Rosalind", "Achterberg");
        var page = await SupportWorkerAsync();
        await page.GotoAsync($"/people/{person.Id}/assessments");
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Assessments for Rosalind Achterberg");
        await page.AssertAccessibleAsync();

        await page.ClickButtonAsync("Start assessment with the person");
        await Assertions.Expect(page.ErrorSummary()).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.ChooseAsync("When in the person's support is this?", "Baseline (start of support)");
        await page.ClickButtonAsync("Start assessment with the person");

        var sections = AssessmentDefaults.HnaV1().Sections;
        var assessment = new Uri(page.Url).AbsolutePath.TrimEnd('/');
        for (var i = 0; i < sections.Count; i++)
        {
            await Assertions.Expect(Heading(page)).ToHaveTextAsync(sections[i].Title);
            await page.AssertAccessibleAsync();
            if (sections[i].Code == "physical")
            {
                await ScoreAsync(page, ConcernCatalogue.ItemText("new-lump"), 8);
                await ScoreAsync(page, ConcernCatalogue.ItemText("fatigue"), 9);
            }

            await page.ClickButtonAsync("Save and continue");
        }

        // Distress is required, and checked on submit: the review page in its error state.
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Check the answers and submit");
        await page.AssertAccessibleAsync();
        await page.ClickButtonAsync("Submit assessment");
        await Assertions.Expect(page.ErrorSummary()).ToContainTextAsync(sections[0].Items[0].Text);
        await page.AssertAccessibleAsync();

        await page.GotoAsync(assessment + "/0");
        await ScoreAsync(page, sections[0].Items[0].Text, 6);
        await page.ClickButtonAsync("Save and continue");
        await Assertions.Expect(Heading(page)).ToHaveTextAsync(sections[1].Title);
        await page.GotoAsync(assessment + "/review");
        await page.ClickButtonAsync("Submit assessment");

        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Assessment summary for Rosalind Achterberg");
        await Assertions.Expect(page.Locator(".nhsuk-warning-callout")).ToContainTextAsync(ConcernCatalogue.ItemText("new-lump"));
        await page.AssertAccessibleAsync();

        await page.GotoAsync($"/people/{person.Id}/assessments");
        await Assertions.Expect(page.Locator(".nhsuk-warning-callout")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_questionnaire_administration_pages_are_accessible_with_a_bad_definition_error()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync(app.World.Account("A", Roles.Administrator));
        await page.GotoAsync("/admin/instruments");
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Questionnaires");
        await page.AssertAccessibleAsync();

        await page.Locator("main a[href$='/new-version']").First.ClickAsync();
        await Assertions.Expect(Heading(page)).ToContainTextAsync("Publish a new version of");
        await page.AssertAccessibleAsync();
        await page.Field("Definition").FillAsync("{ this is not json");
        await page.ClickButtonAsync("Publish version");
        await Assertions.Expect(page.ErrorSummary()).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }

    /// <summary>Sends a link from the worker's page and reads it back from the outbox, as the sender would.</summary>
    private async Task<string> SendLinkAsync(Person person)
    {
        var worker = await SupportWorkerAsync();
        await worker.GotoAsync($"/people/{person.Id}/assessments");
        await worker.GetByRole(AriaRole.Link, new() { Name = "Send a link to complete it on their phone" }).ClickAsync();
        await Assertions.Expect(Heading(worker)).ToHaveTextAsync($"Send an assessment link to {person.FullName}");
        await worker.AssertAccessibleAsync();
        await worker.ClickButtonAsync("Send the link");
        await Assertions.Expect(Heading(worker)).ToHaveTextAsync($"Assessments for {person.FullName}");
        await worker.AssertAccessibleAsync();
        await worker.Context.CloseAsync();

        var body = await app.WithDbAsync(app.World.Org("A"), db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.PersonId == person.Id).OrderByDescending(m => m.CreatedAt).Select(m => m.Body).FirstAsync());
        var url = LinkInMessage().Match(body);
        Assert.True(url.Success, "No link in the message: " + body);
        return new Uri(url.Value).PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+/a/[A-Za-z0-9_\-]+")]
    private static partial Regex LinkInMessage();

    private async Task<IPage> PhoneAsync(bool javaScriptEnabled = true)
    {
        var context = await app.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
            Locale = "en-GB", TimezoneId = "Europe/London", JavaScriptEnabled = javaScriptEnabled,
        });
        return await context.NewPageAsync();
    }

    private async Task CompleteOwnAssessmentAsync(IPage page, string link, bool checkEachPage)
    {
        async Task Check()
        {
            if (checkEachPage)
            {
                await page.AssertAccessibleAsync();
            }
        }

        await page.GotoAsync(link);
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Confirm it is you");
        await Check();
        await page.FillDateAsync("What is your date of birth?", BirthDate.AddDays(1));
        await page.ClickButtonAsync("Continue");
        await Assertions.Expect(page.ErrorSummary()).ToBeVisibleAsync();
        await Check();
        await page.FillDateAsync("What is your date of birth?", BirthDate);
        await page.ClickButtonAsync("Continue");

        var sections = AssessmentDefaults.HnaV1().Sections;
        for (var i = 0; i < sections.Count; i++)
        {
            await Assertions.Expect(Heading(page)).ToHaveTextAsync(sections[i].Title);
            await Check();
            if (sections[i].Code == "practical")
            {
                await ScoreAsync(page, ConcernCatalogue.ItemText("money"), 8);
            }

            await page.ClickButtonAsync("Save and continue");
        }

        // Distress is required, and checked on submit: the check page in its error state.
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Check your answers");
        await Check();
        await page.ClickButtonAsync("Send my answers");
        await Assertions.Expect(page.ErrorSummary()).ToContainTextAsync(sections[0].Items[0].Text);
        await Check();

        await page.GotoAsync(link + "/0");
        await ScoreAsync(page, sections[0].Items[0].Text, 3);
        await page.ClickButtonAsync("Save and continue");
        await Assertions.Expect(Heading(page)).ToHaveTextAsync(sections[1].Title);
        await page.GotoAsync(link + "/check");
        await page.ClickButtonAsync("Send my answers");
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Thank you");
        await Check();
    }

    [Fact]
    public async Task The_person_s_own_assessment_pages_are_accessible_on_a_phone_and_a_used_link_says_so()
    {
        var person = await ArrangePersonAsync("Morwenna", "Trelawney");
        var link = await SendLinkAsync(person);
        var phone = await PhoneAsync();
        await CompleteOwnAssessmentAsync(phone, link, checkEachPage: true);

        await phone.GotoAsync(link);
        await Assertions.Expect(Heading(phone)).ToHaveTextAsync(OneToOne.PatientAccess.Pages.StartModel.UsedMessage);
        await phone.AssertAccessibleAsync();

        await phone.GotoAsync("/a/not-a-real-link-at-all");
        await Assertions.Expect(Heading(phone)).ToHaveTextAsync(OneToOne.PatientAccess.Pages.StartModel.InvalidMessage);
        await phone.AssertAccessibleAsync();
    }

    [Fact]
    public async Task An_expired_link_page_is_accessible_on_a_phone()
    {
        var person = await ArrangePersonAsync("Elowen", "Penhaligon");
        var link = await SendLinkAsync(person);
        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            var row = await db.Set<AssessmentLink>().SingleAsync(l => l.PersonId == person.Id);
            row.ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        });

        var phone = await PhoneAsync();
        await phone.GotoAsync(link);
        await Assertions.Expect(Heading(phone)).ToHaveTextAsync(OneToOne.PatientAccess.Pages.StartModel.ExpiredMessage);
        await phone.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_person_completes_their_own_assessment_with_JavaScript_turned_off()
    {
        var person = await ArrangePersonAsync("Tamsin", "Nancarrow");
        var link = await SendLinkAsync(person);
        var phone = await PhoneAsync(javaScriptEnabled: false);
        await CompleteOwnAssessmentAsync(phone, link, checkEachPage: false);

        var submitted = await app.WithDbAsync(app.World.Org("A"), db => db.Set<AssessmentResponse>().AsNoTracking()
            .Where(r => r.PersonId == person.Id).Select(r => r.Status).SingleAsync());
        Assert.Equal(ResponseStatus.Submitted, submitted);
    }

    [Fact]
    public async Task The_service_directory_search_and_service_pages_are_accessible()
    {
        var page = await SupportWorkerAsync();
        await page.GotoAsync("/directory");
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Service directory");
        await page.AssertAccessibleAsync();

        await page.Field("Concern").SelectOptionAsync(new SelectOptionValue { Label = ConcernCatalogue.ItemText("money") });
        await page.Field("Postcode district").FillAsync("not a district");
        await page.ClickButtonAsync("Search");
        await Assertions.Expect(page.ErrorSummary()).ToContainTextAsync("Enter a postcode district");
        await page.AssertAccessibleAsync();

        await page.Field("Postcode district").FillAsync("LS6");
        await page.ClickButtonAsync("Search");
        await Assertions.Expect(page.Locator("main table")).ToContainTextAsync("Cancer Benefits Advice Leeds");
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Cancer Benefits Advice Leeds" }).ClickAsync();
        await Assertions.Expect(Heading(page)).ToContainTextAsync("Cancer Benefits Advice Leeds");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_directory_administration_pages_are_accessible_with_an_error_and_an_import_report()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync(app.World.Account("A", Roles.Administrator));
        await page.GotoAsync("/admin/directory");
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Service directory");
        await page.AssertAccessibleAsync();

        await page.Locator("main a[href^='/admin/directory/edit/']").First.ClickAsync();
        await Assertions.Expect(Heading(page)).ToContainTextAsync("Change ");
        await page.AssertAccessibleAsync();
        await page.Field("Service name").FillAsync("");
        await page.ClickButtonAsync("Save service");
        await Assertions.Expect(page.ErrorSummary()).ToContainTextAsync("Enter the service name");
        await page.AssertAccessibleAsync();

        await page.GotoAsync("/admin/directory/import");
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Import services");
        await page.AssertAccessibleAsync();
        await page.ClickButtonAsync("Import");
        await Assertions.Expect(page.ErrorSummary()).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.Field("JSON file").SetInputFilesAsync(SampleFile());
        await page.ClickButtonAsync("Import");
        await Assertions.Expect(page.Locator(".app-import-result")).ToContainTextAsync("records read");
        await page.AssertAccessibleAsync();
    }

    private static string SampleFile()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "OneToOne.slnx")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return Path.Combine(dir!, "tests", "data", "hsds-sample.json");
    }

    [Fact]
    public async Task The_refer_to_a_service_pages_and_the_overdue_list_are_accessible()
    {
        var person = await ArrangePersonAsync("Ottoline", "Featherstonehaugh");
        var page = await SupportWorkerAsync();
        await page.GotoAsync($"/people/{person.Id}/service-referrals/new");
        await Assertions.Expect(Heading(page)).ToContainTextAsync("Refer to a service");
        await page.AssertAccessibleAsync();
        // The concern select has no bad value to pick: an unknown code in the address is its error state.
        await page.GotoAsync($"/people/{person.Id}/service-referrals/new?Concern=no-such-concern");
        await Assertions.Expect(page.ErrorSummary()).ToContainTextAsync("Choose a concern");
        await page.AssertAccessibleAsync();

        await page.Field("Concern").SelectOptionAsync(new SelectOptionValue { Label = ConcernCatalogue.ItemText("money") });
        await page.ClickButtonAsync("Find services");
        await Assertions.Expect(page.Locator("main table")).ToContainTextAsync("Cancer Benefits Advice Leeds");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Refer to Cancer Benefits Advice Leeds" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send referral" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.ClickButtonAsync("Send referral");
        await Assertions.Expect(Heading(page)).ToContainTextAsync("Referral to Cancer Benefits Advice Leeds");
        Assert.Matches("/service-referrals/[0-9a-f-]{36}$", page.Url);
        var referralUrl = page.Url;
        await page.AssertAccessibleAsync();

        await page.GotoAsync($"/people/{person.Id}/service-referrals");
        await Assertions.Expect(page.Locator("main table")).ToContainTextAsync("Cancer Benefits Advice Leeds");
        await page.AssertAccessibleAsync();

        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            var referral = await db.Set<ServiceReferral>().SingleAsync(r => r.PersonId == person.Id);
            referral.ResponseDueOn = DateOnly.FromDateTime(DateTime.Today).AddDays(-3);
            referral.SentAt = DateTimeOffset.UtcNow.AddDays(-10);
            await db.SaveChangesAsync();
        });
        await page.GotoAsync("/service-referrals/overdue");
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Overdue referrals to services");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Ottoline Featherstonehaugh");
        await page.AssertAccessibleAsync();

        // The service's answer: the form in its error state, then the page once accepted (the outcome form).
        await page.GotoAsync(referralUrl);
        await page.ChooseAsync("Did the service accept the referral?", "Declined");
        await page.ClickButtonAsync("Save answer");
        await Assertions.Expect(page.ErrorSummary()).ToContainTextAsync("Enter why the service declined the referral");
        await page.AssertAccessibleAsync();
        await page.ChooseAsync("Did the service accept the referral?", "Accepted");
        await page.ClickButtonAsync("Save answer");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Referral accepted");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save outcome" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_contact_pages_are_accessible_with_a_future_time_error()
    {
        var person = await ArrangePersonAsync("Peregrine", "Ashdown");
        var page = await SupportWorkerAsync();
        await page.GotoAsync($"/people/{person.Id}/contacts/new");
        await Assertions.Expect(Heading(page)).ToContainTextAsync("Log a contact with Peregrine Ashdown");
        await page.AssertAccessibleAsync();

        var today = DateOnly.FromDateTime(DateTime.Today);
        await page.FillDateAsync("Date of contact", today.AddDays(2));
        await page.Field("Time").FillAsync("10:30");
        await page.Group("How did the contact happen?").GetByRole(AriaRole.Radio).First.CheckAsync();
        await page.Field("Duration in minutes").FillAsync("30");
        await page.Group("What did it address?").GetByLabel(ConcernCatalogue.Domains[1].Name, new() { Exact = true }).CheckAsync();
        await page.Field("Outcome").FillAsync("Talked through a benefits check; will refer to welfare rights.");
        await page.ClickButtonAsync("Log contact");
        await Assertions.Expect(page.ErrorSummary()).ToContainTextAsync("The contact date and time must be in the past");
        await page.AssertAccessibleAsync();

        await page.FillDateAsync("Date of contact", today.AddDays(-1));
        await page.ClickButtonAsync("Log contact");
        await Assertions.Expect(page.ErrorSummary()).ToHaveCountAsync(0);

        await page.GotoAsync($"/people/{person.Id}/contacts");
        await Assertions.Expect(Heading(page)).ToContainTextAsync("Contacts with Peregrine Ashdown");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Talked through a benefits check");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_group_session_pages_are_accessible_with_an_error_and_an_attendee()
    {
        var person = await ArrangePersonAsync("Leofric", "Wetherby");
        var page = await SupportWorkerAsync();
        await page.GotoAsync("/groups");
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Group sessions");
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Add a group session" }).ClickAsync();
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Add a group session");
        await page.AssertAccessibleAsync();
        await page.ClickButtonAsync("Add session");
        await Assertions.Expect(page.ErrorSummary()).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.Field("Title").FillAsync("Moving on after cancer: wellbeing event");
        await page.Group("What kind of session is it?").GetByRole(AriaRole.Radio).First.CheckAsync();
        await page.FillDateAsync("Date", DateOnly.FromDateTime(DateTime.Today).AddDays(-1));
        await page.Field("Start time").FillAsync("10:00");
        await page.Field("Duration in minutes").FillAsync("120");
        await page.Field("Facilitator").SelectOptionAsync(new SelectOptionValue { Label = "SupportWorker A" });
        await page.Group("What does it address?").GetByLabel(ConcernCatalogue.Domains[3].Name, new() { Exact = true }).CheckAsync();
        await page.ClickButtonAsync("Add session");
        await Assertions.Expect(Heading(page)).ToContainTextAsync("Moving on after cancer: wellbeing event");
        await page.AssertAccessibleAsync();

        await page.Field("NHS number or family name").FillAsync("Wetherby");
        await page.ClickButtonAsync("Find");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add Leofric Wetherby" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Leofric Wetherby" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        Assert.NotEqual(Guid.Empty, person.Id);
    }
}
