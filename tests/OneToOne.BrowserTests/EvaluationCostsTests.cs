using System.Text;
using Microsoft.Playwright;
using OneToOne.Assessments;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.Referrals;
using OneToOne.Workforce;

namespace OneToOne.BrowserTests;

/// <summary>Issue 5 items 1 to 4 as real users: an administrator loads unit costs (one rate, then a CSV table), a team lead
/// records staff time, and a support worker offers and completes an experience questionnaire with the person. Every page,
/// including its error states, passes axe (WCAG 2.2 AA).</summary>
public sealed class EvaluationCostsTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    [Fact]
    public async Task An_administrator_adds_a_unit_cost_and_uploads_a_table_of_rates()
    {
        var role = "Browser role " + Guid.NewGuid().ToString("N")[..6];
        await app.WithDbAsync(null, async db =>
        {
            db.StaffRoles.Add(new StaffRole { Name = role, Band = 5, SignInRole = Roles.SupportWorker });
            await db.SaveChangesAsync();
        });
        var page = await app.NewPageAsync();
        await page.SignInAsync(app.World.Account("A", Roles.Administrator));
        await page.GotoAsync("/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Unit costs", Exact = true }).ClickAsync();
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Unit costs");
        await Assertions.Expect(page.Locator("#ratio")).ToContainTextAsync("0.5 hours");
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Add a rate" }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.Field("Cost per hour, in pounds").FillAsync("nothing");
        await page.ClickButtonAsync("Add rate");
        await Assertions.Expect(page.ErrorSummary()).ToContainTextAsync("Enter the staff role");
        await Assertions.Expect(page.ErrorSummary()).ToContainTextAsync("Cost per hour must be a number of pounds, like 42.50");
        await page.AssertAccessibleAsync();

        await page.Field("Staff role").SelectOptionAsync(new SelectOptionValue { Label = role });
        await page.Field("Band (optional)").FillAsync("5");
        await page.Field("Cost per hour, in pounds").FillAsync("41.50");
        await page.FillDateAsync("Takes effect from", new DateOnly(2025, 4, 1));
        await page.Field("Source (optional)").FillAsync("PSSRU Unit Costs 2024, table 9.1");
        await page.ClickButtonAsync("Add rate");
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Unit costs");
        await Assertions.Expect(page.Locator(".nhsuk-notification-banner")).ToContainTextAsync($"Rate for {role} added");
        await Assertions.Expect(page.Locator("#current-rates")).ToContainTextAsync("£41.50");
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Upload a table of rates from a CSV file" }).ClickAsync();
        await page.AssertAccessibleAsync();
        var bad = "staff_role,band,cost_per_hour,effective_from,source\nNobody,4,30,2026-04-01,\n";
        await page.Field("CSV file").SetInputFilesAsync(new FilePayload { Name = "rates.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(bad) });
        await page.ClickButtonAsync("Upload");
        await Assertions.Expect(page.Locator("#upload-errors")).ToContainTextAsync("\"Nobody\" is not a staff role");
        await page.AssertAccessibleAsync();

        var good = $"staff_role,band,cost_per_hour,effective_from,source\n{role},5,43.00,2026-04-01,PSSRU Unit Costs 2025\n";
        await page.Field("CSV file").SetInputFilesAsync(new FilePayload { Name = "rates.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(good) });
        await page.ClickButtonAsync("Upload");
        await Assertions.Expect(page.Locator(".nhsuk-notification-banner")).ToContainTextAsync("1 rate added; 1 earlier rate now ends the day before the new one");
        await Assertions.Expect(page.Locator("#past-rates")).ToContainTextAsync("£41.50");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_team_lead_records_the_month_s_staff_time()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync(app.World.Account("A", Roles.TeamLead));
        await page.GotoAsync("/team/staff-time");
        await Assertions.Expect(Heading(page)).ToContainTextAsync("Staff time: ");
        await page.AssertAccessibleAsync();

        var previous = DateOnly.FromDateTime(DateTime.Today).AddMonths(-1);
        await page.Field("Month").SelectOptionAsync(new SelectOptionValue { Value = previous.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) });
        await page.ClickButtonAsync("Show month");
        await page.Field("Days worked by SupportWorker A").FillAsync("40");
        await page.Field("Days worked by RegisteredPractitioner A").FillAsync("18");
        await page.Field("Days lost by RegisteredPractitioner A").FillAsync("2");
        await page.ClickButtonAsync("Save staff time");
        await Assertions.Expect(page.ErrorSummary()).ToContainTextAsync("Days SupportWorker A worked must be between 0 and");
        await Assertions.Expect(page.ErrorSummary()).ToContainTextAsync("Select why RegisteredPractitioner A lost days");
        await page.AssertAccessibleAsync();

        await page.Field("Days worked by SupportWorker A").FillAsync("19.5");
        await page.Field("Why RegisteredPractitioner A lost days").SelectOptionAsync(new SelectOptionValue { Label = "Training" });
        await page.ClickButtonAsync("Save staff time");
        await Assertions.Expect(page.Locator(".nhsuk-notification-banner")).ToContainTextAsync("saved");
        await Assertions.Expect(page.Field("Days worked by SupportWorker A")).ToHaveValueAsync("19.5");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_support_worker_offers_the_experience_questionnaire_and_completes_it_with_the_person()
    {
        await app.WithDbAsync(null, db => EvaluationQuestionnaires.EnsureDefaultsAsync(db, default));
        var worker = app.World.Account("A", Roles.SupportWorker).StaffId!.Value;
        var person = new Person
        {
            NhsNumber = NhsNumber.CreateTestNumber(Random.Shared), GivenName = "Ottoline", FamilyName = "Pemberton", DateOfBirth = new DateOnly(1956, 2, 11),
            Postcode = "LS6 2AB", Email = "ottoline." + Guid.NewGuid().ToString("N")[..6] + "@example.com", TumourSite = "bowel",
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            db.People.Add(person);
            db.Referrals.Add(new Referral
            {
                PersonId = person.Id, ReferrerName = "Dr Browser", Reason = "End of treatment", Channel = "page", ReceivedOn = new DateOnly(2026, 3, 2),
                TriageDueOn = new DateOnly(2026, 3, 9), Status = ReferralStatus.Active, Level = PathwayLevel.SupportedSelfManagement,
                SuggestedLevel = PathwayLevel.SupportedSelfManagement, KeyWorkerId = worker, AllocatedAt = DateTimeOffset.UtcNow.AddDays(-90),
                ActivatedAt = DateTimeOffset.UtcNow.AddDays(-85), CreatedAt = DateTimeOffset.UtcNow.AddDays(-95),
            });
            await db.SaveChangesAsync();
        });

        var page = await app.NewPageAsync();
        await page.SignInAsync(app.World.Account("A", Roles.SupportWorker));
        await page.GotoAsync($"/people/{person.Id}/assessments");
        await page.GetByRole(AriaRole.Link, new() { Name = "Offer an outcome or experience questionnaire" }).ClickAsync();
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Outcome and experience questionnaires for Ottoline Pemberton");
        await page.AssertAccessibleAsync();

        await page.ChooseAsync("Which questionnaire?", "Experience questionnaire");
        await page.ChooseAsync("When in the person's support is this?", "Baseline (start of support)");
        await page.ClickButtonAsync("Continue");
        await Assertions.Expect(page.ErrorSummary()).ToContainTextAsync(QuestionnaireSchedule.ExperienceNotAtBaseline);
        await Assertions.Expect(page.ErrorSummary()).ToContainTextAsync("Select how the person will answer");
        await page.AssertAccessibleAsync();

        await page.ChooseAsync("When in the person's support is this?", "Follow-up");
        await page.ChooseAsync("How will they answer?", "With me now (I will read the questions to them or they will use my device)");
        await page.ClickButtonAsync("Continue");
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Your experience of our support");
        await page.AssertAccessibleAsync();
        await page.ChooseAsync("Overall, how would you rate the care and support you have had from us?", "9");
        await page.ChooseAsync("How easy was it to contact the team when you needed to?", "Easy");
        await page.ChooseAsync("Were you involved as much as you wanted to be in decisions about your support?", "Yes, definitely");
        await page.ChooseAsync("Would you recommend this service to someone in a similar situation?", "Definitely");
        await page.Field("Is there anything else you would like to tell us about your experience?").FillAsync("Always rang back the same day.");
        await page.ClickButtonAsync("Save and continue");
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Check the answers and submit");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Easy");
        await page.AssertAccessibleAsync();

        await page.ClickButtonAsync("Submit assessment");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Yes, definitely");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Experience questionnaire, version");
        await page.AssertAccessibleAsync();
    }
}
