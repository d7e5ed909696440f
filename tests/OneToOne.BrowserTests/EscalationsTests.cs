using Microsoft.Playwright;
using OneToOne.Assessments;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.Referrals;

namespace OneToOne.BrowserTests;

/// <summary>Issue 4's "done when" for escalation: a worker raises an urgent escalation from a red flag, and the
/// practitioner acknowledges, records the outcome and closes it; and a change of level with a handover. Each
/// person in a browser of their own; every page on the way, error states included, passes axe (WCAG 2.2 AA).</summary>
public sealed class EscalationsTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    private async Task<Person> ArrangePersonAsync(string given, string family, Func<Person, Referral?>? referral = null)
    {
        var person = new Person
        {
            NhsNumber = NhsNumber.CreateTestNumber(Random.Shared), GivenName = given, FamilyName = family, DateOfBirth = new DateOnly(1958, 9, 3),
            Sex = Sex.Female, Postcode = "LS6 2AB", TumourSite = "breast", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            db.People.Add(person);
            if (referral?.Invoke(person) is { } r)
            {
                db.Referrals.Add(r);
            }

            await db.SaveChangesAsync();
        });
        return person;
    }

    private static Task ScoreAsync(IPage page, string question, int score) =>
        page.Group(question).GetByLabel(score.ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Exact = true }).CheckAsync();

    /// <summary>The worker completes an HNA with the person, reporting a new lump (a red flag).</summary>
    private static async Task SubmitAssessmentWithARedFlagAsync(IPage page, Person person)
    {
        await page.GotoAsync($"/people/{person.Id}/assessments");
        await page.ChooseAsync("When in the person's support is this?", "Baseline (start of support)");
        await page.ClickButtonAsync("Start assessment with the person");
        var sections = AssessmentDefaults.HnaV1().Sections;
        var assessment = new Uri(page.Url).AbsolutePath.TrimEnd('/');
        for (var i = 0; i < sections.Count; i++)
        {
            await Assertions.Expect(Heading(page)).ToHaveTextAsync(sections[i].Title);
            if (i == 0)
            {
                await ScoreAsync(page, sections[0].Items[0].Text, 7);
            }

            if (sections[i].Code == "physical")
            {
                await ScoreAsync(page, ConcernCatalogue.ItemText("new-lump"), 8);
            }

            await page.ClickButtonAsync("Save and continue");
        }

        await page.GotoAsync(assessment + "/review");
        await page.ClickButtonAsync("Submit assessment");
        await Assertions.Expect(Heading(page)).ToHaveTextAsync($"Assessment summary for {person.FullName}");
    }

    [Fact]
    public async Task A_worker_raises_a_same_day_escalation_from_a_red_flag_and_the_practitioner_acknowledges_records_the_outcome_and_closes_it()
    {
        var person = await ArrangePersonAsync("Bronwen", "Aldridge");
        var worker = await app.NewPageAsync();
        await worker.SignInAsync(app.World.Account("A", Roles.SupportWorker));
        await SubmitAssessmentWithARedFlagAsync(worker, person);

        // The record shows the red flag at once, and the escalation it raised by itself to the team's queue.
        await worker.GotoAsync($"/people/{person.Id}");
        await Assertions.Expect(worker.Locator(".nhsuk-warning-callout")).ToContainTextAsync(ConcernCatalogue.ItemText("new-lump"));
        await Assertions.Expect(worker.Locator("table.app-escalations")).ToContainTextAsync("Red-flag symptom (automatic)");
        await worker.AssertAccessibleAsync();

        // The worker also escalates it by name, from the assessment's red flag.
        await worker.GetByRole(AriaRole.Link, new() { Name = "See the assessment" }).ClickAsync();
        await worker.GetByRole(AriaRole.Link, new() { Name = "Escalate to a registered practitioner" }).ClickAsync();
        await Assertions.Expect(Heading(worker)).ToContainTextAsync($"Escalate a concern about {person.FullName}");
        await Assertions.Expect(worker.Group("Reason for escalating").GetByLabel("Red-flag symptom", new() { Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(worker.Group("How urgent is it?").GetByLabel("Same day", new() { Exact = false })).ToBeCheckedAsync();
        await worker.AssertAccessibleAsync();
        await worker.ClickButtonAsync("Send escalation");
        await Assertions.Expect(worker.ErrorSummary()).ToContainTextAsync("Choose a registered practitioner or the team's queue");
        await worker.AssertAccessibleAsync();
        await worker.Field("Send it to").SelectOptionAsync(new SelectOptionValue { Label = "RegisteredPractitioner A (Clinical nurse specialist)" });
        await worker.ClickButtonAsync("Send escalation");
        await Assertions.Expect(worker.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Escalation sent to RegisteredPractitioner A");
        await Assertions.Expect(Heading(worker)).ToContainTextAsync($"Escalation about {person.FullName}");
        var escalationUrl = new Uri(worker.Url).AbsolutePath;
        var escalationId = escalationUrl.Split('/')[^1];
        await worker.AssertAccessibleAsync();
        await worker.GotoAsync("/escalations");
        await Assertions.Expect(worker.Locator($"tr[data-escalation-id='{escalationId}']")).ToBeVisibleAsync();
        await worker.AssertAccessibleAsync();

        // The practitioner finds it in their queue, acknowledges it, records the outcome and closes it.
        var nurse = await app.NewPageAsync();
        await nurse.SignInAsync(app.World.Account("A", Roles.RegisteredPractitioner));
        await nurse.GetByRole(AriaRole.Link, new() { Name = "Escalations", Exact = true }).ClickAsync();
        await Assertions.Expect(Heading(nurse)).ToHaveTextAsync("Escalations");
        await Assertions.Expect(nurse.Locator($"tr[data-escalation-id='{escalationId}']")).ToContainTextAsync("Same day");
        await nurse.AssertAccessibleAsync();
        await nurse.Locator($"tr[data-escalation-id='{escalationId}'] a").ClickAsync();
        await Assertions.Expect(nurse.Locator(".nhsuk-summary-list")).ToContainTextAsync("Waiting to be acknowledged");
        await nurse.AssertAccessibleAsync();
        await nurse.ClickButtonAsync("Acknowledge");
        await Assertions.Expect(nurse.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Escalation acknowledged");
        await nurse.AssertAccessibleAsync();

        await nurse.ClickButtonAsync("Save outcome");
        await Assertions.Expect(nurse.ErrorSummary()).ToContainTextAsync("Select the outcome");
        await nurse.AssertAccessibleAsync();
        await nurse.ChooseAsync("What was the outcome?", "Clinical review booked");
        await nurse.Field("Note").FillAsync("Urgent breast clinic appointment booked for tomorrow at 9:30; Bronwen knows to call if anything changes.");
        await nurse.ClickButtonAsync("Save outcome");
        await Assertions.Expect(nurse.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Outcome recorded");
        await nurse.AssertAccessibleAsync();
        await nurse.ClickButtonAsync("Close escalation");
        await Assertions.Expect(nurse.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Escalation closed");
        await Assertions.Expect(nurse.Locator(".nhsuk-summary-list")).ToContainTextAsync("Clinical review booked");
        await Assertions.Expect(nurse.Locator(".nhsuk-summary-list")).ToContainTextAsync("Closed by");
        await nurse.AssertAccessibleAsync();

        // The worker sees it has been dealt with.
        await worker.GotoAsync(escalationUrl);
        await Assertions.Expect(worker.Locator(".nhsuk-summary-list")).ToContainTextAsync("Closed");
        await worker.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_practitioner_changes_the_level_handing_over_to_a_nurse_who_confirms_the_handover()
    {
        var workerId = app.World.Account("A", Roles.SupportWorker).StaffId!.Value;
        var person = await ArrangePersonAsync("Iolo", "Vaughan", p => new Referral
        {
            PersonId = p.Id, ReferrerName = "Dr Hughes", Reason = "End of treatment", Channel = "page", ReceivedOn = DateOnly.FromDateTime(DateTime.Today).AddDays(-30),
            TriageDueOn = DateOnly.FromDateTime(DateTime.Today).AddDays(-25), Status = ReferralStatus.Active, Level = PathwayLevel.SupportedSelfManagement,
            KeyWorkerId = workerId, CreatedAt = DateTimeOffset.UtcNow,
        });
        var nurse = await app.NewPageAsync();
        await nurse.SignInAsync(app.World.Account("A", Roles.RegisteredPractitioner));
        await nurse.GotoAsync($"/people/{person.Id}");
        await nurse.GetByRole(AriaRole.Link, new() { Name = "Change the level of support" }).ClickAsync();
        await Assertions.Expect(Heading(nurse)).ToContainTextAsync($"Change the level of support for {person.FullName}");
        await nurse.AssertAccessibleAsync();

        await nurse.ChooseAsync("New level of support", "Complex case management");
        await nurse.Field("Why is the level changing?").FillAsync("Recurrence confirmed; needs a complex case manager.");
        await nurse.ClickButtonAsync("Change level");
        await Assertions.Expect(nurse.ErrorSummary()).ToContainTextAsync("Choose a new key worker");
        await nurse.AssertAccessibleAsync();
        var nurseId = app.World.Account("A", Roles.RegisteredPractitioner).StaffId!.Value.ToString();
        await nurse.Field("New key worker").SelectOptionAsync(nurseId);
        await nurse.ClickButtonAsync("Change level");
        await Assertions.Expect(nurse.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Level of support changed to complex case management");
        await Assertions.Expect(nurse.Locator("main")).ToContainTextAsync("Recurrence confirmed; needs a complex case manager.");
        await nurse.AssertAccessibleAsync();

        var referralId = new Uri(new Uri(app.BaseUrl), await nurse.GetByRole(AriaRole.Link, new() { Name = "Change the level of support" }).GetAttributeAsync("href"))
            .AbsolutePath.Split('/')[2];
        await nurse.GotoAsync($"/referrals/{referralId}/handover");
        await Assertions.Expect(Heading(nurse)).ToContainTextAsync($"Handover for {person.FullName}");
        await nurse.AssertAccessibleAsync();
        await nurse.ClickButtonAsync("I have taken over");
        await Assertions.Expect(nurse.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Handover confirmed");
        await nurse.AssertAccessibleAsync();
    }
}
