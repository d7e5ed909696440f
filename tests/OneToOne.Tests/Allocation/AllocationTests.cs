using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Auth;
using OneToOne.Referrals;
using OneToOne.Tests.Infrastructure;

namespace OneToOne.Tests.Allocation;

public abstract class AllocationTests(OneToOneApp app)
{
    private const string SupportWorkerRole = "Support worker";
    private const string NurseRole = "Clinical nurse specialist";

    private static string AllocatePage(Guid id) => $"/referrals/{id}/allocate";

    [Fact]
    public async Task A_polish_speaker_in_LS6_is_offered_the_polish_speaking_worker_in_LS6_first_with_the_reasons_shown()
    {
        var (_, referral) = await Arrange.AcceptedAsync(app, "A", PathwayLevel.SupportedSelfManagement, p =>
        {
            p.PreferredLanguage = "polish";
            p.Postcode = "LS6 2AB";
        });
        var lead = await app.SignInAsync("A", Roles.TeamLead);

        var page = await lead.GetPageAsync(AllocatePage(referral.Id));

        var first = page.QuerySelector("#candidates tbody tr")!;
        Assert.Equal(app.World.ExtraWorkers["A"][0].Id.ToString(), first.GetAttribute("data-staff-id"));
        Assert.Contains("Speaks Polish", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("Same locality (LS6)", first.TextContent, StringComparison.Ordinal);
        var chosen = page.QuerySelector("input[name='Input.StaffMemberId'][checked]");
        Assert.Equal(app.World.ExtraWorkers["A"][0].Id.ToString(), chosen?.GetAttribute("value"));
        Assert.Contains("Does not speak Polish", page.QuerySelector("#candidates tbody tr:nth-child(2)")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_at_capacity_is_not_offered_and_the_page_says_why()
    {
        var full = await Arrange.StaffAsync(app, "A", SupportWorkerRole, Arrange.Unique("Full Worker"), s => s.CaseloadCapacity = 2);
        await Arrange.FillCaseloadAsync(app, "A", full.Id, PathwayLevel.SupportedSelfManagement, 2);
        var (_, referral) = await Arrange.AcceptedAsync(app, "A", PathwayLevel.SupportedSelfManagement);
        var lead = await app.SignInAsync("A", Roles.TeamLead);

        var page = await lead.GetPageAsync(AllocatePage(referral.Id));

        Assert.Null(page.QuerySelector($"#candidates tr[data-staff-id='{full.Id}']"));
        var row = page.QuerySelector($"#not-offered tr[data-staff-id='{full.Id}']");
        Assert.NotNull(row);
        Assert.Contains("Not enough capacity: 0 of 2 units left, this person needs 1", row.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector($"input[name='Input.StaffMemberId'][value='{full.Id}']"));
    }

    [Fact]
    public async Task Shared_care_is_not_offered_to_support_workers()
    {
        var (_, referral) = await Arrange.AcceptedAsync(app, "A", PathwayLevel.SharedCare);
        var lead = await app.SignInAsync("A", Roles.TeamLead);

        var page = await lead.GetPageAsync(AllocatePage(referral.Id));

        var supportWorker = page.QuerySelector($"#not-offered tr[data-staff-id='{app.World.ExtraWorkers["A"][0].Id}']");
        Assert.NotNull(supportWorker);
        Assert.Contains("Role (Support worker) may not carry shared care", supportWorker.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"#candidates tr[data-staff-id='{app.World.Account("A", Roles.RegisteredPractitioner).StaffId}']"));
    }

    [Fact]
    public async Task The_previous_key_worker_is_ranked_up_for_continuity()
    {
        // "Zz" sorts last on a tie, so only the continuity points can put this worker first.
        var previous = await Arrange.StaffAsync(app, "A", SupportWorkerRole, Arrange.Unique("Zz Continuity"), s => s.BaseLocality = "ZZ7");
        var person = await Arrange.PersonAsync(app, "A");
        var earlier = await Arrange.ReferralAsync(app, "A", person.Id, ReferralStatus.Discharged, PathwayLevel.SupportedSelfManagement, previous.Id);
        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            db.KeyWorkerAssignments.Add(new()
            {
                ReferralId = earlier.Id, PersonId = person.Id, StaffMemberId = previous.Id, Level = PathwayLevel.SupportedSelfManagement,
                Rank = 1, Score = 50, Reason = "", AssignedByName = "Someone", AssignedAt = DateTimeOffset.UtcNow.AddYears(-1),
                EndedAt = DateTimeOffset.UtcNow.AddMonths(-3),
            });
            await db.SaveChangesAsync();
        });
        var referral = await Arrange.ReferralAsync(app, "A", person.Id, ReferralStatus.Accepted, PathwayLevel.SupportedSelfManagement);
        var lead = await app.SignInAsync("A", Roles.TeamLead);

        var candidates = await GetCandidatesAsync(lead, referral.Id);

        var first = candidates.GetProperty("candidates")[0];
        Assert.Equal(previous.Id, first.GetProperty("staffMemberId").GetGuid());
        Assert.Contains("Was this person's key worker before", Strings(first.GetProperty("reasons")));
        Assert.Equal(1, first.GetProperty("rank").GetInt32());
    }

    [Fact]
    public async Task Assigning_names_the_key_worker_on_the_referral_and_writes_the_assignment_and_audit()
    {
        var worker = await Arrange.StaffAsync(app, "A", SupportWorkerRole, Arrange.Unique("Sam Worker"));
        var (person, referral) = await Arrange.AcceptedAsync(app, "A", PathwayLevel.SupportedSelfManagement);
        var lead = await app.SignInAsync("A", Roles.TeamLead);

        var response = await lead.SubmitFormAsync(AllocatePage(referral.Id), new()
        {
            ["Input.StaffMemberId"] = worker.Id.ToString(),
            ["Input.Reason"] = "Knows the family",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/referrals/{referral.Id}", response.Headers.Location?.OriginalString);
        var banner = await lead.GetPageAsync("/team");
        Assert.Contains($"{worker.DisplayName} is now the key worker", banner.QuerySelector(".nhsuk-notification-banner")?.TextContent, StringComparison.Ordinal);

        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            var stored = await db.Referrals.SingleAsync(r => r.Id == referral.Id);
            Assert.Equal(worker.Id, stored.KeyWorkerId);
            Assert.Equal(ReferralStatus.Allocated, stored.Status);
            Assert.NotNull(stored.AllocatedAt);
            Assert.NotEqual(referral.Version, stored.Version);
            var assignment = await db.KeyWorkerAssignments.SingleAsync(a => a.ReferralId == referral.Id);
            Assert.Equal(worker.Id, assignment.StaffMemberId);
            Assert.Equal(person.Id, assignment.PersonId);
            Assert.Equal("Knows the family", assignment.Reason);
            Assert.Equal($"{Roles.TeamLead} A", assignment.AssignedByName);
            Assert.True(assignment.Rank >= 1);
            Assert.Null(assignment.EndedAt);
            var audit = await db.AuditEvents.SingleAsync(a => a.Action == "referral.allocate" && a.EntityId == referral.Id.ToString());
            Assert.Equal(person.Id, audit.PersonId);
            Assert.DoesNotContain(worker.DisplayName, audit.Detail ?? "", StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Reassigning_an_allocated_referral_ends_the_previous_assignment()
    {
        var first = await Arrange.StaffAsync(app, "A", SupportWorkerRole, Arrange.Unique("First Worker"));
        var second = await Arrange.StaffAsync(app, "A", SupportWorkerRole, Arrange.Unique("Second Worker"));
        var (_, referral) = await Arrange.AcceptedAsync(app, "A", PathwayLevel.SupportedSelfManagement);
        var nurse = await app.SignInAsync("A", Roles.RegisteredPractitioner);

        var one = await nurse.PostAsJsonAsync($"/api/v1/referrals/{referral.Id}/allocation", new { staffMemberId = first.Id });
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        var again = await nurse.PostAsJsonAsync($"/api/v1/referrals/{referral.Id}/allocation", new { staffMemberId = first.Id });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("is already the key worker", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var two = await nurse.PostAsJsonAsync($"/api/v1/referrals/{referral.Id}/allocation", new { staffMemberId = second.Id, reason = "First worker is on leave" });
        Assert.Equal(HttpStatusCode.OK, two.StatusCode);
        var body = await two.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(second.DisplayName, body.GetProperty("keyWorkerName").GetString());

        var assignments = await Arrange.AssignmentsAsync(app, "A", referral.Id);
        Assert.Equal(2, assignments.Count);
        Assert.NotNull(assignments.Single(a => a.StaffMemberId == first.Id).EndedAt);
        Assert.Null(assignments.Single(a => a.StaffMemberId == second.Id).EndedAt);
        await app.WithDbAsync(app.World.Org("A"), async db =>
            Assert.Equal(second.Id, (await db.Referrals.SingleAsync(r => r.Id == referral.Id)).KeyWorkerId));
    }

    [Fact]
    public async Task A_stale_choice_of_a_worker_who_has_filled_up_is_refused_with_a_clear_message_and_nothing_stored()
    {
        var worker = await Arrange.StaffAsync(app, "A", SupportWorkerRole, Arrange.Unique("Filling Worker"), s => s.CaseloadCapacity = 1);
        var (_, referral) = await Arrange.AcceptedAsync(app, "A", PathwayLevel.SupportedSelfManagement);
        var lead = await app.SignInAsync("A", Roles.TeamLead);
        var before = await lead.GetPageAsync(AllocatePage(referral.Id));
        Assert.NotNull(before.QuerySelector($"input[name='Input.StaffMemberId'][value='{worker.Id}']"));

        // Someone else gives the worker their last unit between page load and submit.
        await Arrange.FillCaseloadAsync(app, "A", worker.Id, PathwayLevel.SupportedSelfManagement, 1);
        var response = await lead.SubmitFormAsync(AllocatePage(referral.Id), new() { ["Input.StaffMemberId"] = worker.Id.ToString() });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = Assert.Single(await response.ErrorSummaryAsync());
        Assert.Contains($"{worker.DisplayName} can no longer be offered this person", error, StringComparison.Ordinal);
        Assert.Contains("Not enough capacity", error, StringComparison.Ordinal);
        await AssertNothingStoredAsync(referral.Id);
    }

    [Fact]
    public async Task A_referral_changed_by_someone_else_is_refused_on_the_page_and_with_409_on_the_api()
    {
        var worker = await Arrange.StaffAsync(app, "A", SupportWorkerRole, Arrange.Unique("Version Worker"));
        var (_, referral) = await Arrange.AcceptedAsync(app, "A", PathwayLevel.SupportedSelfManagement);
        var lead = await app.SignInAsync("A", Roles.TeamLead);

        var page = await lead.SubmitFormAsync(AllocatePage(referral.Id), new()
        {
            ["Input.StaffMemberId"] = worker.Id.ToString(),
            ["Input.Version"] = Guid.NewGuid().ToString(),
        });
        Assert.Contains("This record was changed by someone else while you were editing. Reload the page to see their changes.", await page.ErrorSummaryAsync());

        var api = await lead.PostAsJsonAsync($"/api/v1/referrals/{referral.Id}/allocation", new { staffMemberId = worker.Id, version = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.Conflict, api.StatusCode);
        await AssertNothingStoredAsync(referral.Id);
    }

    [Fact]
    public async Task An_ineligible_staff_member_is_a_validation_problem_on_the_api_and_nothing_is_stored()
    {
        var (_, referral) = await Arrange.AcceptedAsync(app, "A", PathwayLevel.ComplexCaseManagement);
        var lead = await app.SignInAsync("A", Roles.TeamLead);

        var supportWorker = await lead.PostAsJsonAsync($"/api/v1/referrals/{referral.Id}/allocation",
            new { staffMemberId = app.World.ExtraWorkers["A"][1].Id });
        Assert.Equal(HttpStatusCode.BadRequest, supportWorker.StatusCode);
        var problem = await supportWorker.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("may not carry complex case management", problem.GetProperty("errors").GetProperty("staffMemberId")[0].GetString(), StringComparison.Ordinal);

        var otherOrganisation = await lead.PostAsJsonAsync($"/api/v1/referrals/{referral.Id}/allocation",
            new { staffMemberId = app.World.ExtraWorkers["B"][0].Id });
        Assert.Equal(HttpStatusCode.BadRequest, otherOrganisation.StatusCode);

        var missing = await lead.PostAsJsonAsync($"/api/v1/referrals/{referral.Id}/allocation", new { reason = "no one" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Choose a key worker", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var tooLong = await lead.PostAsJsonAsync($"/api/v1/referrals/{referral.Id}/allocation",
            new { staffMemberId = app.World.Account("A", Roles.RegisteredPractitioner).StaffId, reason = new string('x', 2001) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("Reason must be 2000 characters or fewer", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(referral.Id, ReferralStatus.Accepted);
    }

    [Fact]
    public async Task Submitting_the_page_without_a_choice_asks_for_one()
    {
        var (_, referral) = await Arrange.AcceptedAsync(app, "A", PathwayLevel.SupportedSelfManagement);
        var lead = await app.SignInAsync("A", Roles.TeamLead);

        var response = await lead.SubmitFormAsync(AllocatePage(referral.Id), new() { ["Input.StaffMemberId"] = "" });

        Assert.Contains("Choose a key worker", await response.ErrorSummaryAsync());
        await AssertNothingStoredAsync(referral.Id);
    }

    [Fact]
    public async Task A_referral_not_yet_triaged_explains_it_must_be_triaged_first_and_cannot_be_allocated()
    {
        var person = await Arrange.PersonAsync(app, "A");
        var referral = await Arrange.ReferralAsync(app, "A", person.Id, ReferralStatus.Received, null);
        var lead = await app.SignInAsync("A", Roles.TeamLead);

        var page = await lead.GetPageAsync(AllocatePage(referral.Id));
        Assert.Contains("has not been triaged yet", page.QuerySelector("#not-ready")?.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#candidates"));
        Assert.Null(page.QuerySelector("form[method='post'] button.nhsuk-button"));

        var candidates = await GetCandidatesAsync(lead, referral.Id);
        Assert.False(candidates.GetProperty("ready").GetBoolean());
        Assert.Equal(0, candidates.GetProperty("candidates").GetArrayLength());

        var post = await lead.PostAsJsonAsync($"/api/v1/referrals/{referral.Id}/allocation", new { staffMemberId = app.World.ExtraWorkers["A"][1].Id });
        Assert.Equal(HttpStatusCode.Conflict, post.StatusCode);
        await AssertNothingStoredAsync(referral.Id, ReferralStatus.Received);
    }

    [Theory]
    [InlineData(Roles.SupportWorker)]
    [InlineData(Roles.Evaluator)]
    public async Task Roles_that_do_not_allocate_are_refused_without_learning_the_referral_exists(string role)
    {
        // The platform answers a forbidden record route with 404 (RecordNotFoundForbiddenHandler).
        var (_, referral) = await Arrange.AcceptedAsync(app, "A", PathwayLevel.SupportedSelfManagement);
        var client = await app.SignInAsync("A", role);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(AllocatePage(referral.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/referrals/{referral.Id}/candidates")).StatusCode);
        var post = await client.PostAsJsonAsync($"/api/v1/referrals/{referral.Id}/allocation", new { staffMemberId = app.World.ExtraWorkers["A"][1].Id });
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        await AssertNothingStoredAsync(referral.Id);
    }

    [Fact]
    public async Task An_api_client_token_may_not_allocate()
    {
        var (_, referral) = await Arrange.AcceptedAsync(app, "A", PathwayLevel.SupportedSelfManagement);
        var response = await app.ApiClient("A").GetAsync($"/api/v1/referrals/{referral.Id}/candidates");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Another_organisations_referral_is_not_found_on_the_page_and_the_api()
    {
        var (_, referral) = await Arrange.AcceptedAsync(app, "A", PathwayLevel.SupportedSelfManagement);
        var otherLead = await app.SignInAsync("B", Roles.TeamLead);

        Assert.Equal(HttpStatusCode.NotFound, (await otherLead.GetAsync(AllocatePage(referral.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherLead.GetAsync($"/api/v1/referrals/{referral.Id}/candidates")).StatusCode);
        var post = await otherLead.PostAsJsonAsync($"/api/v1/referrals/{referral.Id}/allocation", new { staffMemberId = app.World.ExtraWorkers["B"][0].Id });
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        await AssertNothingStoredAsync(referral.Id);
    }

    [Fact]
    public async Task The_candidates_api_lists_eligibility_score_reasons_exclusions_and_capacity()
    {
        var worker = await Arrange.StaffAsync(app, "A", SupportWorkerRole, Arrange.Unique("Api Worker"), s => s.CaseloadCapacity = 10);
        await Arrange.FillCaseloadAsync(app, "A", worker.Id, PathwayLevel.SupportedSelfManagement, 3);
        var (_, referral) = await Arrange.AcceptedAsync(app, "A", PathwayLevel.SupportedSelfManagement);
        var lead = await app.SignInAsync("A", Roles.TeamLead);

        var body = await GetCandidatesAsync(lead, referral.Id);

        Assert.True(body.GetProperty("ready").GetBoolean());
        var all = body.GetProperty("candidates").EnumerateArray().ToList();
        var mine = all.Single(c => c.GetProperty("staffMemberId").GetGuid() == worker.Id);
        Assert.True(mine.GetProperty("eligible").GetBoolean());
        Assert.Equal(3m, mine.GetProperty("weightedCaseload").GetDecimal());
        Assert.Equal(10m, mine.GetProperty("caseloadCapacity").GetDecimal());
        Assert.Equal(6m, mine.GetProperty("capacityLeftAfter").GetDecimal());
        Assert.Equal(24m, mine.GetProperty("score").GetDecimal()); // 6/10 of 40 capacity points, nothing else matches
        Assert.Contains("Capacity left: 6 of 10 units after taking this person", Strings(mine.GetProperty("reasons")));
        var lead2 = all.Single(c => c.GetProperty("staffMemberId").GetGuid() == app.World.Account("A", Roles.TeamLead).StaffId);
        Assert.False(lead2.GetProperty("eligible").GetBoolean());
        Assert.Equal(JsonValueKind.Null, lead2.GetProperty("rank").ValueKind);
        Assert.NotEmpty(Strings(lead2.GetProperty("exclusions")));
        var ranks = all.Where(c => c.GetProperty("eligible").GetBoolean()).Select(c => c.GetProperty("rank").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(1, ranks.Count), ranks);
    }

    private static async Task<JsonElement> GetCandidatesAsync(HttpClient client, Guid referralId)
    {
        var response = await client.GetAsync($"/api/v1/referrals/{referralId}/candidates");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private Task AssertNothingStoredAsync(Guid referralId, ReferralStatus expected = ReferralStatus.Accepted) =>
        app.WithDbAsync(app.World.Org("A"), async db =>
        {
            var stored = await db.Referrals.SingleAsync(r => r.Id == referralId);
            Assert.Equal(expected, stored.Status);
            Assert.Null(stored.KeyWorkerId);
            Assert.False(await db.KeyWorkerAssignments.AnyAsync(a => a.ReferralId == referralId));
            Assert.False(await db.AuditEvents.AnyAsync(a => a.Action == "referral.allocate" && a.EntityId == referralId.ToString()));
        });
}

public sealed class AllocationOnSqlite(SqliteApp app) : AllocationTests(app), IClassFixture<SqliteApp>;

public sealed class AllocationOnPostgres(PostgresApp app) : AllocationTests(app), IClassFixture<PostgresApp>;
