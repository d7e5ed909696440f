using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OneToOne.Platform.Auth;

namespace OneToOne.BrowserTests;

/// <summary>The "done when": from referral to a support worker's caseload, as the people who do it,
/// each in a browser of their own, with every page on the way passing axe (WCAG 2.2 AA).</summary>
public sealed class JourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_referral_goes_from_team_lead_to_practitioner_to_the_top_ranked_support_worker_s_caseload()
    {
        var teamLead = app.World.Account("A", Roles.TeamLead);
        var practitioner = app.World.Account("A", Roles.RegisteredPractitioner);
        var worker = app.World.Account("A", Roles.SupportWorker);
        var person = NewPerson.Create("Gwen", "Pritchard", language: "Welsh");

        // A couple of other people waiting, so the queue looks like a working day.
        var lead = await app.NewPageAsync();
        await lead.SignInAsync(teamLead, checkEachPage: true);
        await lead.AssertAccessibleAsync(); // the team lead's start page
        await lead.RecordReferralAsync(NewPerson.Create("Tomasz", "Nowak", "Polish"));
        await lead.RecordReferralAsync(NewPerson.Create("Maureen", "Ellis"));

        // 1. The team lead records the referral: first with a mistake, and the error summary says what to fix.
        await lead.GotoAsync("/referrals");
        await lead.GetByRole(AriaRole.Link, new() { Name = "Record a referral" }).ClickAsync();
        await lead.AssertAccessibleAsync();
        await lead.FillReferralFormAsync(person);
        await lead.Field("NHS number").FillAsync("123 456 7890");
        await lead.Field("Family name").FillAsync("");
        await lead.ClickButtonAsync("Record referral");
        await Assertions.Expect(lead.ErrorSummary()).ToContainTextAsync("NHS number");
        await Assertions.Expect(lead.ErrorSummary()).ToContainTextAsync("family name");
        await lead.AssertAccessibleAsync();

        await lead.Field("NHS number").FillAsync(OneToOne.People.NhsNumber.Format(person.NhsNumber));
        await lead.Field("Family name").FillAsync(person.FamilyName);
        await lead.ClickButtonAsync("Record referral");
        await Assertions.Expect(lead.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(person.FullName);
        await Assertions.Expect(lead.Locator(".nhsuk-notification-banner, .nhsuk-notification-banner--success").First).ToContainTextAsync("Referral recorded");
        var referralId = Steps.ReferralIdFrom(lead.Url);
        await lead.AssertAccessibleAsync();

        await lead.GetByRole(AriaRole.Link, new() { Name = "Referrals", Exact = true }).ClickAsync();
        await Assertions.Expect(lead.GetByRole(AriaRole.Link, new() { Name = person.FullName })).ToBeVisibleAsync();
        await lead.AssertAccessibleAsync();
        await lead.ScreenshotForReadmeAsync("referral-queue");

        // 2. A registered practitioner triages it to supported self-management (once without a decision first).
        var nurse = await app.NewPageAsync();
        await nurse.SignInAsync(practitioner);
        await nurse.AssertAccessibleAsync(); // the referral queue, their start page
        await nurse.GetByRole(AriaRole.Link, new() { Name = person.FullName }).ClickAsync();
        await nurse.AssertAccessibleAsync();
        await nurse.GetByRole(AriaRole.Link, new() { Name = "Triage this referral" }).ClickAsync();
        await nurse.AssertAccessibleAsync();
        await nurse.ClickButtonAsync("Save triage decision");
        await Assertions.Expect(nurse.ErrorSummary()).ToBeVisibleAsync();
        await nurse.AssertAccessibleAsync();

        await nurse.ChooseAsync("Your decision", "Accept at a pathway level");
        await nurse.Group("Pathway level (if accepting)").GetByLabel("Supported self-management").CheckAsync();
        await nurse.Field("Reason").FillAsync("Finished treatment, managing well; wants help with work and money.");
        await nurse.ClickButtonAsync("Save triage decision");
        await Assertions.Expect(nurse.Locator("main")).ToContainTextAsync("Referral accepted at supported self-management");
        await nurse.AssertAccessibleAsync();

        // The service's Welsh-speaking support worker (the one with a sign-in) should be the best match.
        await app.WithDbAsync(teamLead.OrganisationId, async db =>
        {
            var staff = await db.Staff.FirstAsync(s => s.Id == worker.StaffId);
            staff.Languages = ["english", "welsh"];
            await db.SaveChangesAsync();
        });

        // 3. The team lead allocates the top-ranked support worker.
        await lead.GotoAsync($"/referrals/{referralId}");
        await lead.AssertAccessibleAsync();
        await lead.GetByRole(AriaRole.Link, new() { Name = "Find a key worker" }).ClickAsync();
        await Assertions.Expect(lead.GetByRole(AriaRole.Heading, new() { Name = "Allocate a key worker" })).ToBeVisibleAsync();
        await lead.AssertAccessibleAsync();
        await Assertions.Expect(lead.Locator("#candidates tbody tr").First).ToHaveAttributeAsync("data-staff-id", worker.StaffId!.Value.ToString());
        var topChoice = lead.Group("Who will be the key worker?").GetByRole(AriaRole.Radio).First;
        await Assertions.Expect(topChoice).ToHaveAttributeAsync("value", worker.StaffId!.Value.ToString());
        await lead.ScreenshotForReadmeAsync("allocate");
        await topChoice.CheckAsync();
        await lead.ClickButtonAsync("Assign key worker");
        await Assertions.Expect(lead.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(person.FullName);
        await Assertions.Expect(lead.Locator("main")).ToContainTextAsync("SupportWorker A");
        await lead.AssertAccessibleAsync();

        // 4. The support worker signs in and finds the person on their caseload.
        var supportWorker = await app.NewPageAsync();
        await supportWorker.SignInAsync(worker);
        await Assertions.Expect(supportWorker).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/caseload$"));
        await Assertions.Expect(supportWorker.Locator("#caseload")).ToContainTextAsync(person.FullName);
        await supportWorker.AssertAccessibleAsync();
        await supportWorker.ScreenshotForReadmeAsync("caseload");
    }
}
