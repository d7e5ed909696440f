using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.Notifications;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Supervision;
using OneToOne.Tests.Infrastructure;
using OneToOne.Worklists;

namespace OneToOne.Tests.Supervision;

/// <summary>The sign-off queue end to end with the tests' own action: where a request goes, who may decide it,
/// approve (the action runs in the same transaction) and return (with a comment, the requester told), and every
/// way a decision is refused with nothing stored.</summary>
public abstract class SignOffTests(SupervisionApp app)
{
    private Guid Org => app.World.Org("A");

    private Guid Practitioner => app.World.Account("A", Roles.RegisteredPractitioner).StaffId!.Value;

    private Guid TeamA => app.World.Teams["A"].Id;

    private DateOnly Today => SupervisionKit.Today(app);

    /// <summary>A support worker supervised by the world's registered practitioner, with one person on their caseload.</summary>
    private async Task<(Guid Worker, Guid PersonId)> SupervisedWorkerAsync()
    {
        var worker = await SupervisionKit.StaffAsync(app);
        await SupervisionKit.LinkAsync(app, Practitioner, worker.Id, Today.AddDays(-30));
        var (person, _) = await SupervisionKit.EpisodeAsync(app, worker.Id);
        return (worker.Id, person.Id);
    }

    private async Task<SignOffRequest> RequestToPractitionerAsync(string mode = "ok", string kind = TestSignOffAction.TestKind)
    {
        var (worker, person) = await SupervisedWorkerAsync();
        return await SupervisionKit.RequestAsync(app, worker, person, mode, kind);
    }

    private Task<HttpResponseMessage> ApproveAsync(HttpClient client, Guid id, Guid? version) =>
        client.PostAsJsonAsync($"/api/v1/sign-offs/{id}/approve", new { version });

    private Task<HttpResponseMessage> ReturnAsync(HttpClient client, Guid id, Guid? version, string? comment) =>
        client.PostAsJsonAsync($"/api/v1/sign-offs/{id}/return", new { version, comment });

    private Task<int> CountAsync<T>(Func<IQueryable<T>, IQueryable<T>> filter)
        where T : class =>
        app.WithDbAsync(Org, db => filter(db.Set<T>()).CountAsync());

    private async Task AssertNothingDecidedAsync(SignOffRequest request)
    {
        var now = await SupervisionKit.LoadRequestAsync(app, request.Id);
        Assert.Equal(SignOffStatus.Pending, now.Status);
        Assert.Null(now.DecidedAt);
        Assert.Null(now.Comment);
        Assert.Equal(request.Version, now.Version);
        Assert.Empty(await SupervisionKit.TasksAsync(app, WorkTaskKind.Handover, request.SubjectId));
        Assert.Equal(0, await CountAsync<AuditEvent>(q => q.Where(e => e.EntityId == request.Id.ToString() && e.Action.StartsWith("signoff."))));
        Assert.Equal(0, await CountAsync<OutboxMessage>(q => q.Where(m => m.PersonId == request.PersonId)));
    }

    [Fact]
    public async Task A_request_goes_to_the_requesters_current_supervisor_with_a_sign_off_task_due_in_two_working_days()
    {
        var request = await RequestToPractitionerAsync();

        Assert.Equal(Practitioner, request.SupervisorStaffId);
        Assert.Equal(TeamA, request.TeamId);
        var task = Assert.Single(await SupervisionKit.TasksAsync(app, WorkTaskKind.SignOff, request.Id));
        Assert.Equal(Practitioner, task.AssignedToStaffId);
        Assert.Null(task.AssignedToTeamId);
        Assert.Equal(WorkTaskStatus.Open, task.Status);
        Assert.Equal($"/supervision/sign-offs/{request.Id}", task.Link);
        // Wednesday 6 January 2027 + 2 working days = Friday 8 January; due when that UK day ends (GMT).
        Assert.Equal(new DateTimeOffset(2027, 1, 9, 0, 0, 0, TimeSpan.Zero), task.DueAt);
        Assert.DoesNotContain("Sam", task.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_current_supervisor_a_request_goes_to_the_teams_registered_practitioners()
    {
        var ended = await SupervisionKit.StaffAsync(app);
        await SupervisionKit.LinkAsync(app, Practitioner, ended.Id, Today.AddDays(-60), Today.AddDays(-1));
        var future = await SupervisionKit.StaffAsync(app);
        await SupervisionKit.LinkAsync(app, Practitioner, future.Id, Today.AddDays(7));
        var leftService = await SupervisionKit.StaffAsync(app, role: "Clinical nurse specialist", active: false);
        var orphan = await SupervisionKit.StaffAsync(app);
        await SupervisionKit.LinkAsync(app, leftService.Id, orphan.Id, Today.AddDays(-60));

        foreach (var worker in new[] { ended.Id, future.Id, orphan.Id })
        {
            var (person, _) = await SupervisionKit.EpisodeAsync(app, worker);
            var request = await SupervisionKit.RequestAsync(app, worker, person.Id);
            Assert.Null(request.SupervisorStaffId);
            var task = Assert.Single(await SupervisionKit.TasksAsync(app, WorkTaskKind.SignOff, request.Id));
            Assert.Null(task.AssignedToStaffId);
            Assert.Equal(TeamA, task.AssignedToTeamId);
        }
    }

    [Fact]
    public async Task The_supervisor_approves_on_the_request_page_and_the_action_is_carried_out_with_the_task_done()
    {
        var request = await RequestToPractitionerAsync();
        var client = await app.SignInAsync("A", Roles.RegisteredPractitioner);

        var queue = await client.GetPageAsync("/supervision/sign-offs");
        Assert.NotNull(queue.QuerySelector($"#pending tr[data-sign-off-id='{request.Id}']"));
        var page = await client.GetPageAsync($"/supervision/sign-offs/{request.Id}");
        Assert.NotNull(page.QuerySelector($"a[href='/people/{request.PersonId}']"));
        var response = await client.SubmitFormAsync($"/supervision/sign-offs/{request.Id}", [], "#approve-form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var decided = await SupervisionKit.LoadRequestAsync(app, request.Id);
        Assert.Equal(SignOffStatus.Approved, decided.Status);
        Assert.Equal(Practitioner, decided.DecidedByStaffId);
        Assert.NotEqual(request.Version, decided.Version);
        Assert.Single(await SupervisionKit.TasksAsync(app, WorkTaskKind.Handover, request.SubjectId));
        Assert.Equal(WorkTaskStatus.Done, Assert.Single(await SupervisionKit.TasksAsync(app, WorkTaskKind.SignOff, request.Id)).Status);
        Assert.Equal(1, await CountAsync<AuditEvent>(q => q.Where(e => e.EntityId == request.Id.ToString() && e.Action == "signoff.approve")));
        var after = await client.GetPageAsync($"/supervision/sign-offs/{request.Id}");
        Assert.Contains("Approved", after.QuerySelector("#sign-off-status")!.TextContent, StringComparison.Ordinal);
        Assert.Null(after.QuerySelector("#approve-form"));
    }

    [Fact]
    public async Task Returning_with_a_comment_notifies_the_requester_and_closes_the_task()
    {
        var request = await RequestToPractitionerAsync();
        var client = await app.SignInAsync("A", Roles.RegisteredPractitioner);

        var response = await client.SubmitFormAsync($"/supervision/sign-offs/{request.Id}",
            new() { ["Input.Comment"] = "Please complete the final assessment first." }, "#return-form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var decided = await SupervisionKit.LoadRequestAsync(app, request.Id);
        Assert.Equal(SignOffStatus.Returned, decided.Status);
        Assert.Equal("Please complete the final assessment first.", decided.Comment);
        Assert.Empty(await SupervisionKit.TasksAsync(app, WorkTaskKind.Handover, request.SubjectId));
        Assert.Equal(WorkTaskStatus.Done, Assert.Single(await SupervisionKit.TasksAsync(app, WorkTaskKind.SignOff, request.Id)).Status);
        var message = await app.WithDbAsync(Org, db => db.Set<OutboxMessage>().SingleAsync(m => m.PersonId == request.PersonId));
        var requesterEmail = await app.WithDbAsync(Org, db => db.Staff.Where(s => s.Id == request.RequestedByStaffId).Select(s => s.Email).SingleAsync());
        Assert.Equal(requesterEmail, message.To);
        Assert.Contains($"/supervision/sign-offs/{request.Id}", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("final assessment", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Returning_without_a_comment_is_refused_and_nothing_is_stored()
    {
        var request = await RequestToPractitionerAsync();
        var client = await app.SignInAsync("A", Roles.RegisteredPractitioner);

        var page = await client.SubmitFormAsync($"/supervision/sign-offs/{request.Id}", new() { ["Input.Comment"] = "   " }, "#return-form");
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains(SupervisionRules.EnterComment, await page.AllErrorsAsync());

        var api = await ReturnAsync(client, request.Id, request.Version, null);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains("comment", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var tooLong = await ReturnAsync(client, request.Id, request.Version, new string('x', 2001));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        await AssertNothingDecidedAsync(request);
    }

    [Fact]
    public async Task A_support_worker_never_decides_not_even_their_own_request()
    {
        var worker = app.World.Account("A", Roles.SupportWorker).StaffId!.Value;
        var (person, _) = await SupervisionKit.EpisodeAsync(app, worker);
        var own = await SupervisionKit.ArrangeRequestAsync(app, worker, person.Id, Practitioner, TeamA);
        var other = await SupervisionKit.ArrangeRequestAsync(app, (await SupervisionKit.StaffAsync(app)).Id, person.Id, worker, TeamA);
        var client = await app.SignInAsync("A", Roles.SupportWorker);

        // Their own request: they follow it, but the page offers no decision and refuses one.
        var page = await client.GetPageAsync($"/supervision/sign-offs/{own.Id}");
        Assert.Null(page.QuerySelector("#approve-form"));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = await client.PostAsync($"/supervision/sign-offs/{own.Id}?handler=Approve",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Version", own.Version.ToString())]));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Contains(SignOffDecisions.MayNotDecide, await post.AllErrorsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await ApproveAsync(client, own.Id, own.Version)).StatusCode);
        // Even when (wrongly) named as someone's supervisor, a support worker cannot decide.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/supervision/sign-offs/{other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ApproveAsync(client, other.Id, other.Version)).StatusCode);
        var queue = await client.GetAsync("/supervision/sign-offs");
        Assert.Equal("/supervision/sign-offs/mine", queue.Headers.Location?.OriginalString);

        await AssertNothingDecidedAsync(own);
        await AssertNothingDecidedAsync(other);
    }

    [Fact]
    public async Task Only_the_supervisor_named_or_the_team_lead_may_decide_a_named_request()
    {
        var otherSupervisor = await SupervisionKit.StaffAsync(app, role: "Clinical nurse specialist");
        var worker = await SupervisionKit.StaffAsync(app);
        var (person, _) = await SupervisionKit.EpisodeAsync(app, worker.Id);
        var request = await SupervisionKit.ArrangeRequestAsync(app, worker.Id, person.Id, otherSupervisor.Id, TeamA);
        var practitioner = await app.SignInAsync("A", Roles.RegisteredPractitioner);

        Assert.Equal(HttpStatusCode.NotFound, (await practitioner.GetAsync($"/supervision/sign-offs/{request.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ApproveAsync(practitioner, request.Id, request.Version)).StatusCode);
        Assert.Null((await practitioner.GetPageAsync("/supervision/sign-offs")).QuerySelector($"tr[data-sign-off-id='{request.Id}']"));
        await AssertNothingDecidedAsync(request);

        var lead = await app.SignInAsync("A", Roles.TeamLead);
        Assert.NotNull((await lead.GetPageAsync("/supervision/sign-offs")).QuerySelector($"#pending tr[data-sign-off-id='{request.Id}']"));
        var approved = await ApproveAsync(lead, request.Id, request.Version);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var dto = await approved.Content.ReadFromJsonAsync<SignOffDto>();
        Assert.Equal("Approved", dto!.Status);
        Assert.Single(await SupervisionKit.TasksAsync(app, WorkTaskKind.Handover, request.SubjectId));
    }

    [Fact]
    public async Task A_team_queue_request_is_decided_by_a_registered_practitioner_of_that_team_and_not_by_another_teams()
    {
        var worker = await SupervisionKit.StaffAsync(app);
        var (person, _) = await SupervisionKit.EpisodeAsync(app, worker.Id);
        var ours = await SupervisionKit.ArrangeRequestAsync(app, worker.Id, person.Id, null, TeamA);
        var otherTeam = await SupervisionKit.TeamAsync(app);
        var theirs = await SupervisionKit.ArrangeRequestAsync(app, worker.Id, person.Id, null, otherTeam.Id);
        var practitioner = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var lead = await app.SignInAsync("A", Roles.TeamLead);

        Assert.Equal(HttpStatusCode.NotFound, (await ApproveAsync(practitioner, theirs.Id, theirs.Version)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ReturnAsync(lead, theirs.Id, theirs.Version, "Not our team")).StatusCode);
        await AssertNothingDecidedAsync(theirs);

        var response = await ReturnAsync(practitioner, ours.Id, ours.Version, "Talk to me about this one first.");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SignOffStatus.Returned, (await SupervisionKit.LoadRequestAsync(app, ours.Id)).Status);
    }

    [Fact]
    public async Task Deciding_a_request_twice_is_refused_and_the_action_runs_once()
    {
        var request = await RequestToPractitionerAsync();
        var client = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var page = await client.GetPageAsync($"/supervision/sign-offs/{request.Id}");

        Assert.Equal(HttpStatusCode.OK, (await ApproveAsync(client, request.Id, request.Version)).StatusCode);
        var again = await ApproveAsync(client, request.Id, request.Version);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(SignOffDecisions.AlreadyDecided, await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var decided = await SupervisionKit.LoadRequestAsync(app, request.Id);
        Assert.Equal(HttpStatusCode.Conflict, (await ReturnAsync(client, request.Id, decided.Version, "Too late")).StatusCode);

        // The page that was open before the decision: its return form is refused too.
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var stale = await client.PostAsync($"/supervision/sign-offs/{request.Id}?handler=Return", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("Input.Version", request.Version.ToString()), new("Input.Comment", "Second thoughts")]));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains(SignOffDecisions.AlreadyDecided, await stale.AllErrorsAsync());

        var final = await SupervisionKit.LoadRequestAsync(app, request.Id);
        Assert.Equal(SignOffStatus.Approved, final.Status);
        Assert.Null(final.Comment);
        Assert.Single(await SupervisionKit.TasksAsync(app, WorkTaskKind.Handover, request.SubjectId));
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_nothing_is_stored()
    {
        var request = await RequestToPractitionerAsync();
        var client = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        // Someone changes the request after the supervisor read it.
        await app.WithDbAsync(Org, async db =>
        {
            var r = await db.Set<SignOffRequest>().SingleAsync(x => x.Id == request.Id);
            r.Summary += " (amended)";
            await db.SaveChangesAsync();
        });

        var api = await ApproveAsync(client, request.Id, request.Version);
        Assert.Equal(HttpStatusCode.Conflict, api.StatusCode);
        var page = await client.PostAsync($"/supervision/sign-offs/{request.Id}?handler=Return", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", (await client.GetPageAsync($"/supervision/sign-offs/{request.Id}")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
            new("Input.Version", request.Version.ToString()), new("Input.Comment", "Not yet"),
        ]));
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        Assert.Contains(OneToOne.Platform.Data.Concurrency.ConflictMessage, await page.AllErrorsAsync());

        var now = await SupervisionKit.LoadRequestAsync(app, request.Id);
        Assert.Equal(SignOffStatus.Pending, now.Status);
        Assert.Empty(await SupervisionKit.TasksAsync(app, WorkTaskKind.Handover, request.SubjectId));
    }

    [Fact]
    public async Task Two_approvals_at_once_store_one_decision_and_run_the_action_once()
    {
        var request = await RequestToPractitionerAsync();
        var practitioner = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var lead = await app.SignInAsync("A", Roles.TeamLead);

        var answers = await Task.WhenAll(ApproveAsync(practitioner, request.Id, request.Version), ApproveAsync(lead, request.Id, request.Version));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal(SignOffStatus.Approved, (await SupervisionKit.LoadRequestAsync(app, request.Id)).Status);
        Assert.Single(await SupervisionKit.TasksAsync(app, WorkTaskKind.Handover, request.SubjectId));
        Assert.Equal(1, await CountAsync<AuditEvent>(q => q.Where(e => e.EntityId == request.Id.ToString() && e.Action == "signoff.approve")));
    }

    [Theory]
    [InlineData("fail")]
    [InlineData("save-then-fail")]
    [InlineData("invalid")]
    public async Task When_the_action_fails_nothing_is_stored_and_the_approver_sees_why(string mode)
    {
        var request = await RequestToPractitionerAsync(mode);
        var client = await app.SignInAsync("A", Roles.RegisteredPractitioner);

        var page = await client.SubmitFormAsync($"/supervision/sign-offs/{request.Id}", [], "#approve-form");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.StatusCode);
        var errors = await page.AllErrorsAsync();
        var error = Assert.Single(errors);
        Assert.Contains(mode == "invalid" ? "The test rule refused it" : TestSignOffAction.Refusal, error, StringComparison.Ordinal);
        Assert.StartsWith("The approval was not saved", error, StringComparison.Ordinal);
        var api = await ApproveAsync(client, request.Id, request.Version);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, api.StatusCode);

        await AssertNothingDecidedAsync(request);
        Assert.Equal(WorkTaskStatus.Open, Assert.Single(await SupervisionKit.TasksAsync(app, WorkTaskKind.SignOff, request.Id)).Status);
    }

    [Fact]
    public async Task A_kind_with_no_action_registered_cannot_be_approved_and_nothing_is_stored()
    {
        var request = await RequestToPractitionerAsync(kind: "unregistered-kind");
        var client = await app.SignInAsync("A", Roles.RegisteredPractitioner);

        var api = await ApproveAsync(client, request.Id, request.Version);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, api.StatusCode);
        Assert.Contains("Nothing is set up to carry out", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNothingDecidedAsync(request);
    }

    [Fact]
    public async Task Approving_without_a_version_is_a_validation_problem()
    {
        var request = await RequestToPractitionerAsync();
        var client = await app.SignInAsync("A", Roles.RegisteredPractitioner);

        var response = await ApproveAsync(client, request.Id, null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"version\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNothingDecidedAsync(request);
    }

    [Fact]
    public async Task The_requester_sees_their_requests_and_each_status()
    {
        var worker = app.World.Account("A", Roles.SupportWorker).StaffId!.Value;
        var (person, _) = await SupervisionKit.EpisodeAsync(app, worker);
        var pending = await SupervisionKit.ArrangeRequestAsync(app, worker, person.Id, Practitioner, TeamA);
        var returned = await SupervisionKit.ArrangeRequestAsync(app, worker, person.Id, Practitioner, TeamA);
        var someoneElses = await SupervisionKit.ArrangeRequestAsync(app, (await SupervisionKit.StaffAsync(app)).Id, person.Id, Practitioner, TeamA);
        var practitioner = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        Assert.Equal(HttpStatusCode.OK, (await ReturnAsync(practitioner, returned.Id, returned.Version, "Please add the review date.")).StatusCode);
        var client = await app.SignInAsync("A", Roles.SupportWorker);

        var page = await client.GetPageAsync("/supervision/sign-offs/mine");
        Assert.Contains("Waiting for sign-off", page.QuerySelector($"tr[data-sign-off-id='{pending.Id}']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Returned", page.QuerySelector($"tr[data-sign-off-id='{returned.Id}']")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector($"tr[data-sign-off-id='{someoneElses.Id}']"));
        var details = await client.GetPageAsync($"/supervision/sign-offs/{returned.Id}");
        Assert.Equal("Please add the review date.", details.QuerySelector("#sign-off-comment")!.TextContent.Trim());

        var mine = await client.GetFromJsonAsync<List<SignOffListItemDto>>("/api/v1/sign-offs/mine");
        Assert.Contains(mine!, r => r.Id == pending.Id && r.Status == "Pending");
        Assert.Contains(mine!, r => r.Id == returned.Id && r.Status == "Returned");
        Assert.DoesNotContain(mine!, r => r.Id == someoneElses.Id);
        var one = await client.GetFromJsonAsync<SignOffDto>($"/api/v1/sign-offs/{returned.Id}");
        Assert.False(one!.MayDecide);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/sign-offs/{someoneElses.Id}")).StatusCode);

        // The person's record lists every request about them, waiting ones first.
        var forPerson = await SupervisionKit.AsSupportWorkerAsync(app, worker, services =>
            services.GetRequiredService<SignOffDecisions>().ForPersonAsync(person.Id, 10, default));
        Assert.Equal(3, forPerson.Count);
        Assert.Equal(SignOffStatus.Returned, forPerson[^1].Status);
    }

    [Fact]
    public async Task The_care_plan_hook_queues_a_request_its_action_can_read_back_and_finds_it_pending()
    {
        var (worker, person) = await SupervisedWorkerAsync();
        var planId = Guid.NewGuid();
        var actionIds = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var planVersion = Guid.NewGuid();

        var request = await SupervisionKit.AsSupportWorkerAsync(app, worker, async services =>
        {
            var signOffs = services.GetRequiredService<SignOffs>();
            Assert.True(signOffs.IsRequired(SignOffKinds.ClinicalPlanAction));
            Assert.Null(await signOffs.PendingAsync(SignOffKinds.ClinicalPlanAction, planId, default));
            var r = await signOffs.RequestClinicalPlanAsync(planId, person, actionIds, planVersion, default);
            await services.GetRequiredService<OneToOne.Platform.Data.OneToOneDb>().SaveChangesAsync();
            return r;
        });

        Assert.Equal(SignOffKinds.ClinicalPlanAction, request.Kind);
        Assert.Equal(planId, request.SubjectId);
        Assert.Equal(Practitioner, request.SupervisorStaffId);
        var payload = ClinicalPlanSignOff.Read(await SupervisionKit.LoadRequestAsync(app, request.Id));
        Assert.Equal(planId, payload.PlanId);
        Assert.Equal(actionIds, payload.ClinicalActionIds);
        Assert.Equal(planVersion, payload.PlanVersion);
        var pending = await SupervisionKit.AsSupportWorkerAsync(app, worker, services =>
            services.GetRequiredService<SignOffs>().PendingAsync(SignOffKinds.ClinicalPlanAction, planId, default));
        Assert.Equal(request.Id, pending?.Id);
        Assert.Single(await SupervisionKit.TasksAsync(app, WorkTaskKind.SignOff, request.Id));
    }

    [Fact]
    public async Task The_queue_api_lists_what_the_caller_may_decide_and_rejects_an_unknown_status()
    {
        var request = await RequestToPractitionerAsync();
        var client = await app.SignInAsync("A", Roles.RegisteredPractitioner);

        var queue = await client.GetFromJsonAsync<List<SignOffListItemDto>>("/api/v1/sign-offs");
        Assert.Contains(queue!, r => r.Id == request.Id && r.DueAt == new DateTimeOffset(2027, 1, 9, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/sign-offs?status=Sideways")).StatusCode);
        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/v1/sign-offs")).StatusCode);
    }
}

public sealed class SignOffOnSqlite(SupervisionSqliteApp app) : SignOffTests(app), IClassFixture<SupervisionSqliteApp>;

public sealed class SignOffOnPostgres(SupervisionPostgresApp app) : SignOffTests(app), IClassFixture<SupervisionPostgresApp>;
