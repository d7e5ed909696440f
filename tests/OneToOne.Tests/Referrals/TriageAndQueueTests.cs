using System.Net;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Auth;
using OneToOne.Referrals;
using OneToOne.Tests.Infrastructure;

namespace OneToOne.Tests.Referrals;

/// <summary>Today is Wednesday 6 January 2027 (<see cref="FixedClock"/>).</summary>
public abstract class TriageAndQueueTests(OneToOneApp app)
{
    private Guid OrgA => app.World.Org("A");

    [Fact]
    public async Task The_triage_deadline_skips_christmas_boxing_day_and_new_year_and_the_queue_shows_what_is_overdue_and_due()
    {
        var client = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var ids = new Dictionary<string, Guid>();
        foreach (var (key, received) in new[] { ("overdue", new DateOnly(2026, 12, 22)), ("today", new DateOnly(2026, 12, 29)), ("soon", new DateOnly(2026, 12, 30)) })
        {
            var form = Kit.Form(Kit.NewNhs(), received: received);
            var response = await client.SubmitFormAsync("/referrals/new", form);
            ids[key] = Guid.Parse(response.Headers.Location!.OriginalString["/referrals/".Length..]);
        }

        var due = await app.WithDbAsync(OrgA, db => db.Referrals.Where(r => ids.Values.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.TriageDueOn));
        // Tue 22 Dec + 5 working days: 23, 24, (25 Christmas, 26-27 weekend, 28 Boxing Day substitute) 29, 30, 31.
        Assert.Equal(new DateOnly(2026, 12, 31), due[ids["overdue"]]);
        Assert.Equal(new DateOnly(2027, 1, 6), due[ids["today"]]);
        Assert.Equal(new DateOnly(2027, 1, 7), due[ids["soon"]]); // 1 January is a bank holiday

        var page = await (await client.GetAsync("/referrals")).ParseAsync();
        string RowText(Guid id) => page.QuerySelector($"a[href='/referrals/{id}']")!.Closest("tr")!.TextContent;
        Assert.Contains("Overdue by 3 working days", RowText(ids["overdue"]), StringComparison.Ordinal);
        Assert.Contains("Due today", RowText(ids["today"]), StringComparison.Ordinal);
        Assert.Contains("Due in 1 working day", RowText(ids["soon"]), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"a[href='/referrals/{ids["overdue"]}']")!.Closest("tr")!.QuerySelector(".nhsuk-tag--red"));
        // Nearest deadline first.
        var order = page.QuerySelectorAll(".app-referral-queue tbody a").Select(a => a.GetAttribute("href")).ToList();
        Assert.True(order.IndexOf($"/referrals/{ids["overdue"]}") < order.IndexOf($"/referrals/{ids["today"]}"));
        Assert.True(order.IndexOf($"/referrals/{ids["today"]}") < order.IndexOf($"/referrals/{ids["soon"]}"));
        Assert.True(await app.WithDbAsync(OrgA, db => db.AuditEvents.AnyAsync(e => e.Action == "referral.queue.view")));
    }

    [Fact]
    public async Task The_queue_pages_50_at_a_time_and_counts_each_status()
    {
        var client = await app.SignInAsync("A", Roles.TeamLead);
        for (var i = 0; i < 51; i++)
        {
            await Kit.ArrangeReferralAsync(app, OrgA, new DateOnly(2026, 11, 2), ReferralStatus.Discharged);
        }

        var count = await app.WithDbAsync(OrgA, db => db.Referrals.CountAsync(r => r.Status == ReferralStatus.Discharged));
        var first = await (await client.GetAsync("/referrals?status=Discharged")).ParseAsync();
        Assert.Equal(50, first.QuerySelectorAll(".app-referral-queue tbody tr").Length);
        Assert.Contains($"Discharged ({count})", first.QuerySelector("nav[aria-label='Referrals by status']")!.TextContent, StringComparison.Ordinal);
        var last = await (await client.GetAsync($"/referrals?status=Discharged&p={(count + 49) / 50}")).ParseAsync();
        Assert.Equal(count - (((count + 49) / 50) - 1) * 50, last.QuerySelectorAll(".app-referral-queue tbody tr").Length);
    }

    [Fact]
    public async Task A_practitioner_accepts_at_the_suggested_level_with_a_reason_and_the_decision_records_who_when_and_why()
    {
        var referral = await Kit.ArrangeReferralAsync(app, OrgA, new DateOnly(2027, 1, 4), needs: NeedIndicators.OngoingTreatment);
        var client = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var form = await client.GetPageAsync($"/referrals/{referral.Id}/triage");
        Assert.NotNull(form.QuerySelector("input[name='Input.Level'][value='SharedCare'][checked]")); // pre-selected suggestion
        var response = await client.SubmitFormAsync($"/referrals/{referral.Id}/triage",
            new() { ["Input.Decision"] = "Accept", ["Input.Reason"] = "Ongoing hormone therapy; needs shared care" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var (saved, decision) = await app.WithDbAsync(OrgA, async db =>
            (await db.Referrals.SingleAsync(r => r.Id == referral.Id), await db.TriageDecisions.SingleAsync(d => d.ReferralId == referral.Id)));
        Assert.Equal(ReferralStatus.Accepted, saved.Status);
        Assert.Equal(PathwayLevel.SharedCare, saved.Level);
        Assert.NotNull(saved.TriagedAt);
        Assert.Equal("Ongoing hormone therapy; needs shared care", saved.OutcomeReason);
        Assert.Equal(PathwayLevel.SharedCare, decision.SuggestedLevel);
        Assert.NotEmpty(decision.SuggestionReasons);
        Assert.Equal("RegisteredPractitioner A", decision.DecidedByName);
        Assert.Equal(app.World.Account("A", Roles.RegisteredPractitioner).StaffId, decision.DecidedById);
        Assert.Equal(FixedClock.Now, decision.DecidedAt);
        Assert.True(await app.WithDbAsync(OrgA, db => db.AuditEvents.AnyAsync(e => e.Action == "referral.triage" && e.EntityId == referral.Id.ToString())));
        var page = await (await client.GetAsync($"/referrals/{referral.Id}")).Content.ReadAsStringAsync();
        Assert.Contains($"/referrals/{referral.Id}/allocate", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choosing_a_different_level_from_the_suggestion_needs_a_reason()
    {
        var referral = await Kit.ArrangeReferralAsync(app, OrgA, new DateOnly(2027, 1, 4));
        var client = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var response = await client.SubmitFormAsync($"/referrals/{referral.Id}/triage",
            new() { ["Input.Decision"] = "Accept", ["Input.Level"] = "ComplexCaseManagement", ["Input.Reason"] = "" });
        Assert.Contains(TriageRules.OverrideReasonMessage, await response.ErrorSummaryAsync());
        Assert.Equal(ReferralStatus.Received, await app.WithDbAsync(OrgA, db => db.Referrals.Where(r => r.Id == referral.Id).Select(r => r.Status).SingleAsync()));
        Assert.Equal(0, await app.WithDbAsync(OrgA, db => db.TriageDecisions.CountAsync(d => d.ReferralId == referral.Id)));
    }

    [Fact]
    public async Task Declining_needs_a_reason_and_redirecting_needs_where_to()
    {
        var declined = await Kit.ArrangeReferralAsync(app, OrgA, new DateOnly(2027, 1, 4));
        var redirected = await Kit.ArrangeReferralAsync(app, OrgA, new DateOnly(2027, 1, 4));
        var client = await app.SignInAsync("A", Roles.RegisteredPractitioner);

        var noReason = await client.SubmitFormAsync($"/referrals/{declined.Id}/triage", new() { ["Input.Decision"] = "Decline", ["Input.Reason"] = "" });
        Assert.Contains("Enter the reason for declining the referral", await noReason.ErrorSummaryAsync());
        var ok = await client.SubmitFormAsync($"/referrals/{declined.Id}/triage", new() { ["Input.Decision"] = "Decline", ["Input.Reason"] = "Lives outside our area" });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);

        var noWhere = await client.SubmitFormAsync($"/referrals/{redirected.Id}/triage", new() { ["Input.Decision"] = "Redirect", ["Input.Reason"] = "Needs psychology" });
        Assert.Contains("Enter the service the referral was redirected to", await noWhere.ErrorSummaryAsync());
        await client.SubmitFormAsync($"/referrals/{redirected.Id}/triage",
            new() { ["Input.Decision"] = "Redirect", ["Input.Reason"] = "Needs psychology", ["Input.RedirectedTo"] = "Clinical psychology" });

        var saved = await app.WithDbAsync(OrgA, db => db.Referrals.Where(r => r.Id == declined.Id || r.Id == redirected.Id).ToDictionaryAsync(r => r.Id));
        Assert.Equal(ReferralStatus.Declined, saved[declined.Id].Status);
        Assert.Equal("Lives outside our area", saved[declined.Id].OutcomeReason);
        Assert.Equal(ReferralStatus.Redirected, saved[redirected.Id].Status);
        Assert.Equal("Clinical psychology", saved[redirected.Id].RedirectedTo);
    }

    [Fact]
    public async Task Changing_the_level_later_keeps_every_decision_with_who_when_and_why()
    {
        var referral = await Kit.ArrangeReferralAsync(app, OrgA, new DateOnly(2027, 1, 4));
        var client = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        await client.SubmitFormAsync($"/referrals/{referral.Id}/triage",
            new() { ["Input.Decision"] = "Accept", ["Input.Level"] = "SupportedSelfManagement", ["Input.Reason"] = "Fits self-management" });
        var same = await client.SubmitFormAsync($"/referrals/{referral.Id}/triage", new() { ["Input.Level"] = "SupportedSelfManagement", ["Input.Reason"] = "x" });
        Assert.Contains("Select a different level from the current one", await same.ErrorSummaryAsync());
        var changed = await client.SubmitFormAsync($"/referrals/{referral.Id}/triage",
            new() { ["Input.Level"] = "ComplexCaseManagement", ["Input.Reason"] = "New safeguarding concern raised" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        var decisions = await app.WithDbAsync(OrgA, db => db.TriageDecisions.Where(d => d.ReferralId == referral.Id).OrderBy(d => d.Id).ToListAsync());
        Assert.Equal(2, decisions.Count);
        Assert.Equal((ReferralStatus.Accepted, PathwayLevel.SupportedSelfManagement, "Fits self-management"), (decisions[0].Outcome, decisions[0].Level!.Value, decisions[0].Reason));
        Assert.Equal((ReferralStatus.Accepted, PathwayLevel.ComplexCaseManagement, "New safeguarding concern raised"), (decisions[1].Outcome, decisions[1].Level!.Value, decisions[1].Reason));
        Assert.All(decisions, d => Assert.Equal("RegisteredPractitioner A", d.DecidedByName));
        Assert.Equal(PathwayLevel.ComplexCaseManagement, await app.WithDbAsync(OrgA, db => db.Referrals.Where(r => r.Id == referral.Id).Select(r => r.Level).SingleAsync()));
        Assert.True(await app.WithDbAsync(OrgA, db => db.AuditEvents.AnyAsync(e => e.Action == "referral.level-change" && e.EntityId == referral.Id.ToString())));
    }

    [Fact]
    public async Task The_key_worker_records_first_contact_and_is_then_offered_the_discharge_page()
    {
        var worker = app.World.Account("A", Roles.SupportWorker);
        var referral = await Kit.ArrangeReferralAsync(app, OrgA, new DateOnly(2026, 12, 1), ReferralStatus.Allocated, keyWorker: worker.StaffId,
            level: PathwayLevel.SupportedSelfManagement);
        var client = await app.SignInAsync(worker);
        var contact = await client.SubmitFormAsync($"/referrals/{referral.Id}", [], formSelector: "form.app-first-contact");
        Assert.Equal(HttpStatusCode.Redirect, contact.StatusCode);
        Assert.Equal(ReferralStatus.Active, await app.WithDbAsync(OrgA, db => db.Referrals.Where(r => r.Id == referral.Id).Select(r => r.Status).SingleAsync()));

        // Discharge itself (reason, final assessment, sign-off) is covered by DischargeTests.
        var page = await client.GetPageAsync($"/referrals/{referral.Id}");
        Assert.NotNull(page.QuerySelector($".app-discharge a[href='/referrals/{referral.Id}/discharge']"));
    }

    [Fact]
    public async Task A_support_worker_who_is_not_the_key_worker_sees_no_first_contact_action()
    {
        var referral = await Kit.ArrangeReferralAsync(app, OrgA, new DateOnly(2026, 12, 1), ReferralStatus.Allocated,
            keyWorker: app.World.ExtraWorkers["A"][0].Id, level: PathwayLevel.SupportedSelfManagement);
        var client = await app.SignInAsync("A", Roles.SupportWorker);
        var page = await client.GetPageAsync($"/referrals/{referral.Id}");
        Assert.Null(page.QuerySelector("form.app-first-contact"));
        Assert.Null(page.QuerySelector($"a[href='/referrals/{referral.Id}/triage']"));
    }
}

public sealed class TriageAndQueueOnSqlite(ClockedSqliteApp app) : TriageAndQueueTests(app), IClassFixture<ClockedSqliteApp>;

public sealed class TriageAndQueueOnPostgres(ClockedPostgresApp app) : TriageAndQueueTests(app), IClassFixture<ClockedPostgresApp>;
