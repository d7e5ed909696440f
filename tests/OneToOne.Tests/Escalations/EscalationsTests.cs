using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneToOne.Escalations;
using OneToOne.Notifications;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Referrals;
using OneToOne.Tests.Allocation;
using OneToOne.Tests.Infrastructure;
using OneToOne.Workforce;
using OneToOne.Worklists;

namespace OneToOne.Tests.Escalations;

/// <summary>Raising an escalation (page and API), its deadline, task and email; acknowledging, recording the outcome
/// and closing it, and who may; the queue, the record and the escalation page. The clock stands at Wednesday
/// 6 January 2027, noon (GMT), unless a test moves it.</summary>
public abstract class EscalationsTests(EscalationsApp app)
{
    private static readonly DateTimeOffset EndOfToday = new(2027, 1, 6, 23, 59, 59, TimeSpan.Zero);

    private Guid Practitioner => EscalationKit.Staff(app, Roles.RegisteredPractitioner);

    private Guid Team => app.World.Teams["A"].Id;

    private Task<Guid> PersonAsync() => Arrange.PersonAsync(app, "A").ContinueWith(t => t.Result.Id, TaskScheduler.Default);

    private async Task<(Guid PersonId, Guid EscalationId)> RaisedAsync(Action<Dictionary<string, object?>>? change = null, string role = Roles.SupportWorker)
    {
        var person = await PersonAsync();
        var client = await app.SignInAsync("A", role);
        var dto = await EscalationKit.RaiseAsync(client, EscalationKit.Body(person, b =>
        {
            b["practitionerId"] = Practitioner;
            change?.Invoke(b);
        }));
        return (person, dto.GetProperty("id").GetGuid());
    }

    private Task<HttpResponseMessage> StepAsync(HttpClient client, Guid id, string step, object? body = null) =>
        client.PostAsJsonAsync($"/api/v1/escalations/{id}/{step}", body ?? new { });

    // ---- raising -------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_support_worker_raises_an_escalation_from_the_record_to_a_named_practitioner_with_a_task_an_email_and_an_audit_event()
    {
        var arranged = await Arrange.PersonAsync(app, "A");
        var person = arranged.Id;
        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        var record = await worker.GetPageAsync($"/people/{person}");
        Assert.NotNull(record.QuerySelector($"a[href='/escalations/new?personId={person}']"));

        var response = await worker.SubmitFormAsync($"/escalations/new?personId={person}", new()
        {
            ["Input.Reason"] = "Safeguarding", ["Input.Description"] = "Says her partner shouts at her and took her bank card.",
            ["Input.Urgency"] = "SameDay", ["Input.SendTo"] = "staff:" + Practitioner,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var e = Assert.Single(await EscalationKit.ForPersonAsync(app, person));
        Assert.Equal($"/escalations/{e.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal(EscalationReason.Safeguarding, e.Reason);
        Assert.Equal(EscalationStatus.Raised, e.Status);
        Assert.Equal(EscalationSource.Record, e.Source);
        Assert.Equal(Practitioner, e.AssignedToStaffId);
        Assert.Null(e.AssignedToTeamId);
        Assert.Equal(EndOfToday, e.DueAt);
        Assert.Equal(EscalationKit.Staff(app, Roles.SupportWorker), e.RaisedByStaffId);
        Assert.Equal(EscalationClock.Start, e.RaisedAt);

        var (task, mail, audit) = await app.WithDbAsync(app.World.Org("A"), async db => (
            await db.Set<WorkTask>().SingleAsync(t => t.Kind == WorkTaskKind.Escalation && t.SourceId == e.Id),
            await db.Set<OutboxMessage>().SingleAsync(m => m.Body.Contains(e.Id.ToString())),
            await db.AuditEvents.SingleAsync(a => a.Action == "escalation.raise" && a.EntityId == e.Id.ToString())));
        Assert.Equal(Practitioner, task.AssignedToStaffId);
        Assert.Equal(EndOfToday, task.DueAt);
        Assert.Equal(WorkTaskStatus.Open, task.Status);
        Assert.Equal(person, task.PersonId);
        Assert.Equal($"/escalations/{e.Id}", task.Link);
        Assert.Equal(app.World.Account("A", Roles.RegisteredPractitioner).Email, mail.To);
        Assert.Equal(NotificationChannels.Email, mail.Channel);
        Assert.DoesNotContain(arranged.FamilyName, mail.Subject + mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(arranged.NhsNumber, mail.Subject + mail.Body, StringComparison.Ordinal);
        Assert.Equal(person, audit.PersonId);
    }

    [Fact]
    public async Task The_raise_form_with_nothing_filled_in_lists_every_problem_and_stores_nothing()
    {
        var person = await PersonAsync();
        var worker = await app.SignInAsync("A", Roles.SupportWorker);

        var response = await worker.SubmitFormAsync($"/escalations/new?personId={person}", new() { ["Input.SendTo"] = "" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            [EscalationRules.ReasonRequired, EscalationRules.DescriptionRequired, EscalationRules.UrgencyRequired, EscalationRules.OwnerRequired],
            await response.ErrorSummaryAsync());
        Assert.Empty(await EscalationKit.ForPersonAsync(app, person));
    }

    [Fact]
    public async Task Other_as_the_reason_needs_a_detail()
    {
        var person = await PersonAsync();
        var worker = await app.SignInAsync("A", Roles.SupportWorker);

        var response = await worker.SubmitFormAsync($"/escalations/new?personId={person}", new()
        {
            ["Input.Reason"] = "Other", ["Input.Description"] = "Worried about him.", ["Input.Urgency"] = "Routine", ["Input.SendTo"] = "team:" + Team,
        });
        Assert.Equal([EscalationRules.DetailRequired], await response.ErrorSummaryAsync());
        Assert.Empty(await EscalationKit.ForPersonAsync(app, person));

        var api = await worker.PostAsJsonAsync("/api/v1/escalations", EscalationKit.Body(person, b =>
        {
            b["reason"] = "Other";
            b["teamId"] = Team;
        }));
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal(["reasonDetail"], await EscalationKit.ErrorKeysAsync(api));

        var ok = await EscalationKit.RaiseAsync(worker, EscalationKit.Body(person, b =>
        {
            b["reason"] = "Other";
            b["reasonDetail"] = "Housing about to be lost";
            b["teamId"] = Team;
        }));
        Assert.Equal("Housing about to be lost", ok.GetProperty("reasonDetail").GetString());
    }

    [Fact]
    public async Task The_api_refuses_an_escalation_without_a_reason_or_an_owner_and_stores_nothing()
    {
        var person = await PersonAsync();
        var worker = await app.SignInAsync("A", Roles.SupportWorker);

        var response = await worker.PostAsJsonAsync("/api/v1/escalations", new { personId = person, description = "Something is wrong", urgency = "SameDay" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["practitionerId", "reason"], await EscalationKit.ErrorKeysAsync(response));
        Assert.Empty(await EscalationKit.ForPersonAsync(app, person));
    }

    [Fact]
    public async Task An_owner_must_be_a_registered_practitioner_or_an_active_team_and_not_both()
    {
        var person = await PersonAsync();
        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        async Task<string> TryAsync(Action<Dictionary<string, object?>> owner)
        {
            var r = await worker.PostAsJsonAsync("/api/v1/escalations", EscalationKit.Body(person, owner));
            return $"{(int)r.StatusCode} {(r.StatusCode == HttpStatusCode.BadRequest ? string.Join(",", await EscalationKit.ErrorKeysAsync(r)) : "")}";
        }

        // A support worker is not a registered practitioner; nor is another organisation's practitioner.
        Assert.Equal("400 practitionerId", await TryAsync(b => b["practitionerId"] = EscalationKit.Staff(app, Roles.SupportWorker)));
        Assert.Equal("400 practitionerId", await TryAsync(b => b["practitionerId"] = EscalationKit.Staff(app, Roles.RegisteredPractitioner, "B")));
        Assert.Equal("400 teamId", await TryAsync(b => b["teamId"] = app.World.Teams["B"].Id));
        Assert.Equal("400 practitionerId", await TryAsync(b =>
        {
            b["practitionerId"] = Practitioner;
            b["teamId"] = Team;
        }));
        Assert.Empty(await EscalationKit.ForPersonAsync(app, person));
    }

    [Fact]
    public async Task Another_organisations_person_or_an_assessment_of_someone_else_is_refused()
    {
        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        var other = await Arrange.PersonAsync(app, "B");
        var response = await worker.PostAsJsonAsync("/api/v1/escalations", EscalationKit.Body(other.Id, b => b["teamId"] = Team));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/escalations/new?personId={other.Id}")).StatusCode);

        var person = await PersonAsync();
        var someoneElse = await PersonAsync();
        var theirs = await EscalationKit.SubmitAssessmentAsync(app, someoneElse, redFlag: false);
        var wrong = await worker.PostAsJsonAsync("/api/v1/escalations", EscalationKit.Body(person, b =>
        {
            b["teamId"] = Team;
            b["assessmentResponseId"] = theirs;
        }));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(["assessmentResponseId"], await EscalationKit.ErrorKeysAsync(wrong));
        Assert.Empty(await EscalationKit.ForPersonAsync(app, person));
    }

    [Fact]
    public async Task Deadlines_are_the_end_of_today_or_the_end_of_the_second_or_fifth_working_day_uk_time()
    {
        var person = await PersonAsync();
        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        async Task<DateTimeOffset> DueAsync(string urgency) =>
            (await EscalationKit.RaiseAsync(worker, EscalationKit.Body(person, b =>
            {
                b["urgency"] = urgency;
                b["teamId"] = Team;
            }))).GetProperty("dueAt").GetDateTimeOffset();

        Assert.Equal(EndOfToday, await DueAsync("SameDay"));
        Assert.Equal(new DateTimeOffset(2027, 1, 8, 23, 59, 59, TimeSpan.Zero), await DueAsync("Soon"));     // Friday
        Assert.Equal(new DateTimeOffset(2027, 1, 13, 23, 59, 59, TimeSpan.Zero), await DueAsync("Routine")); // next Wednesday
    }

    [Fact]
    public async Task An_escalation_to_the_team_queue_emails_each_registered_practitioner_of_the_team()
    {
        var (person, id) = await RaisedAsync(b =>
        {
            b.Remove("practitionerId");
            b["teamId"] = Team;
        });
        var (task, mail) = await app.WithDbAsync(app.World.Org("A"), async db => (
            await db.Set<WorkTask>().SingleAsync(t => t.Kind == WorkTaskKind.Escalation && t.SourceId == id),
            await db.Set<OutboxMessage>().Where(m => m.Body.Contains(id.ToString())).Select(m => m.To).ToListAsync()));
        Assert.Equal(Team, task.AssignedToTeamId);
        Assert.Null(task.AssignedToStaffId);
        // The practitioners of the team, including the team lead (a registered complex case manager); not the support worker.
        Assert.Contains(app.World.Account("A", Roles.RegisteredPractitioner).Email, mail);
        Assert.Contains(app.World.Account("A", Roles.TeamLead).Email, mail);
        Assert.DoesNotContain(app.World.Account("A", Roles.SupportWorker).Email, mail);
        Assert.Single(await EscalationKit.ForPersonAsync(app, person));
    }

    [Fact]
    public async Task The_same_idempotency_key_raises_one_escalation_and_answers_the_same()
    {
        var person = await PersonAsync();
        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        var body = EscalationKit.Body(person, b => b["teamId"] = Team);
        HttpRequestMessage Request() => new(HttpMethod.Post, "/api/v1/escalations")
        {
            Content = JsonContent.Create(body),
            Headers = { { "Idempotency-Key", "esc-" + person } },
        };

        var first = await worker.SendAsync(Request());
        var second = await worker.SendAsync(Request());

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Single(await EscalationKit.ForPersonAsync(app, person));
    }

    // ---- acknowledging, outcome, closing --------------------------------------------------------------------

    [Fact]
    public async Task The_named_practitioner_acknowledges_records_the_outcome_and_closes_and_the_task_is_done()
    {
        var (_, id) = await RaisedAsync();
        var practitioner = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        app.Clock.Now = EscalationClock.Start.AddHours(1);
        try
        {
            await AcknowledgeOutcomeAndCloseAsync(practitioner, id);
        }
        finally
        {
            app.Clock.Now = EscalationClock.Start;
        }
    }

    private async Task AcknowledgeOutcomeAndCloseAsync(HttpClient practitioner, Guid id)
    {
        var ack = await StepAsync(practitioner, id, "acknowledge");
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var acked = await ack.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Acknowledged", acked.GetProperty("status").GetString());
        Assert.Equal("RegisteredPractitioner A", acked.GetProperty("acknowledgedBy").GetString());
        Assert.Equal(EscalationClock.Start.AddHours(1), acked.GetProperty("acknowledgedAt").GetDateTimeOffset());

        var outcome = await StepAsync(practitioner, id, "outcome", new { outcome = "ClinicalReviewBooked", note = "Seen in clinic tomorrow at 9." });
        Assert.Equal(HttpStatusCode.OK, outcome.StatusCode);
        var close = await StepAsync(practitioner, id, "close");
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);

        var e = await EscalationKit.LoadAsync(app, id);
        Assert.Equal(EscalationStatus.Closed, e.Status);
        Assert.Equal(EscalationOutcome.ClinicalReviewBooked, e.Outcome);
        Assert.Equal("Seen in clinic tomorrow at 9.", e.OutcomeNote);
        Assert.Equal(Practitioner, e.ClosedByStaffId);
        var (task, actions) = await app.WithDbAsync(app.World.Org("A"), async db => (
            await db.Set<WorkTask>().SingleAsync(t => t.Kind == WorkTaskKind.Escalation && t.SourceId == id),
            await db.AuditEvents.Where(a => a.EntityId == id.ToString()).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync()));
        Assert.Equal(WorkTaskStatus.Done, task.Status);
        Assert.Equal(["escalation.raise", "escalation.acknowledge", "escalation.outcome", "escalation.close"], actions);
    }

    [Fact]
    public async Task A_support_worker_cannot_acknowledge_record_an_outcome_or_close_and_nothing_is_stored()
    {
        var (_, id) = await RaisedAsync();
        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        foreach (var step in new[] { "acknowledge", "outcome", "close" })
        {
            var response = await StepAsync(worker, id, step, new { outcome = "AdviceGiven", note = "x" });
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var e = await EscalationKit.LoadAsync(app, id);
        Assert.Equal(EscalationStatus.Raised, e.Status);
        Assert.Null(e.AcknowledgedAt);
        Assert.Equal(0, await app.WithDbAsync(app.World.Org("A"), db => db.AuditEvents.CountAsync(a => a.EntityId == id.ToString() && a.Action != "escalation.raise")));
    }

    [Fact]
    public async Task A_practitioner_who_is_not_the_named_one_cannot_acknowledge_but_the_team_lead_can()
    {
        var other = await Arrange.StaffAsync(app, "A", "Clinical nurse specialist", Arrange.Unique("Nurse"));
        var (_, id) = await RaisedAsync(b => b["practitionerId"] = other.Id);

        var practitioner = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(practitioner, id, "acknowledge")).StatusCode);
        Assert.Equal(EscalationStatus.Raised, (await EscalationKit.LoadAsync(app, id)).Status);

        var lead = await app.SignInAsync("A", Roles.TeamLead);
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(lead, id, "acknowledge")).StatusCode);
        Assert.Equal(EscalationKit.Staff(app, Roles.TeamLead), (await EscalationKit.LoadAsync(app, id)).AcknowledgedByStaffId);
    }

    [Fact]
    public async Task A_team_queue_escalation_is_taken_by_a_practitioner_of_that_team_only_and_its_task_moves_to_them()
    {
        var (_, ours) = await RaisedAsync(b =>
        {
            b.Remove("practitionerId");
            b["teamId"] = Team;
        });
        var otherTeam = await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            var t = new Team { Name = Arrange.Unique("Other team") };
            db.Teams.Add(t);
            await db.SaveChangesAsync();
            return t.Id;
        });
        var (_, theirs) = await RaisedAsync(b =>
        {
            b.Remove("practitionerId");
            b["teamId"] = otherTeam;
        });
        var practitioner = await app.SignInAsync("A", Roles.RegisteredPractitioner);

        Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(practitioner, theirs, "acknowledge")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(practitioner, ours, "acknowledge")).StatusCode);

        var task = await app.WithDbAsync(app.World.Org("A"), db => db.Set<WorkTask>().SingleAsync(t => t.Kind == WorkTaskKind.Escalation && t.SourceId == ours));
        Assert.Equal(Practitioner, task.AssignedToStaffId);
        Assert.Null(task.AssignedToTeamId);
        Assert.Equal(WorkTaskStatus.Open, task.Status);
    }

    [Fact]
    public async Task Steps_cannot_be_skipped_or_repeated()
    {
        var (_, id) = await RaisedAsync();
        var practitioner = await app.SignInAsync("A", Roles.RegisteredPractitioner);

        var early = await StepAsync(practitioner, id, "outcome", new { outcome = "AdviceGiven", note = "Advice" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(EscalationRules.AcknowledgeFirst, await EscalationKit.ProblemTitleAsync(early));
        var closeEarly = await StepAsync(practitioner, id, "close");
        Assert.Equal(HttpStatusCode.Conflict, closeEarly.StatusCode);
        Assert.Equal(EscalationRules.OutcomeFirst, await EscalationKit.ProblemTitleAsync(closeEarly));

        Assert.Equal(HttpStatusCode.OK, (await StepAsync(practitioner, id, "acknowledge")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await StepAsync(practitioner, id, "acknowledge")).StatusCode);
        var closeUnresolved = await StepAsync(practitioner, id, "close");
        Assert.Equal(EscalationRules.OutcomeFirst, await EscalationKit.ProblemTitleAsync(closeUnresolved));

        Assert.Equal(HttpStatusCode.OK, (await StepAsync(practitioner, id, "outcome", new { outcome = "AdviceGiven", note = "Advice" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(practitioner, id, "close")).StatusCode);
        var again = await StepAsync(practitioner, id, "close");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(EscalationRules.AlreadyClosed, await EscalationKit.ProblemTitleAsync(again));
    }

    [Fact]
    public async Task An_outcome_needs_an_outcome_and_a_note()
    {
        var (_, id) = await RaisedAsync();
        var practitioner = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(practitioner, id, "acknowledge")).StatusCode);

        var empty = await StepAsync(practitioner, id, "outcome", new { outcome = "", note = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(["note", "outcome"], await EscalationKit.ErrorKeysAsync(empty));
        var number = await StepAsync(practitioner, id, "outcome", new { outcome = "2", note = "Booked" });
        Assert.Equal(["outcome"], await EscalationKit.ErrorKeysAsync(number));
        Assert.Equal(EscalationStatus.Acknowledged, (await EscalationKit.LoadAsync(app, id)).Status);
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_changes_nothing()
    {
        var (_, id) = await RaisedAsync();
        var practitioner = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var seen = (await EscalationKit.LoadAsync(app, id)).Version;
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(practitioner, id, "acknowledge", new { version = seen })).StatusCode);

        var stale = await StepAsync(practitioner, id, "outcome", new { outcome = "AdviceGiven", note = "Advice", version = seen });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var e = await EscalationKit.LoadAsync(app, id);
        Assert.Equal(EscalationStatus.Acknowledged, e.Status);
        Assert.Null(e.Outcome);
    }

    // ---- pages ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task On_the_page_the_practitioner_acknowledges_records_the_outcome_and_closes()
    {
        var (person, id) = await RaisedAsync();
        var practitioner = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var url = $"/escalations/{id}";

        var page = await practitioner.GetPageAsync(url);
        Assert.Contains("Waiting to be acknowledged", page.QuerySelector(".nhsuk-summary-list")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await practitioner.SubmitFormAsync(url, [], "form[action*='handler=Acknowledge']")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await practitioner.SubmitFormAsync(url, new()
        {
            ["Input.Outcome"] = "AdviceGiven", ["Input.Note"] = "Advised to see her GP this week; will call Friday.",
        }, "form[action*='handler=Outcome']")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await practitioner.SubmitFormAsync(url, [], "form[action*='handler=Close']")).StatusCode);

        var e = await EscalationKit.LoadAsync(app, id);
        Assert.Equal(EscalationStatus.Closed, e.Status);
        Assert.Equal(EscalationOutcome.AdviceGiven, e.Outcome);
        var closed = await practitioner.GetPageAsync(url);
        Assert.Empty(closed.QuerySelectorAll("form[action*='handler=']"));
        // The closed escalation leaves the record's open list.
        var record = await practitioner.GetPageAsync($"/people/{person}");
        Assert.Null(record.QuerySelector($"[data-escalation-id='{id}']"));
    }

    [Fact]
    public async Task On_the_page_a_support_worker_is_told_they_cannot_acknowledge_and_nothing_is_stored()
    {
        var (_, id) = await RaisedAsync();
        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        var page = await worker.GetPageAsync($"/escalations/{id}");
        Assert.Null(page.QuerySelector("form[action*='handler=Acknowledge']"));

        // A forged post (the form is not offered) is refused with a message.
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await worker.PostAsync($"/escalations/{id}?handler=Acknowledge",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Version", (await EscalationKit.LoadAsync(app, id)).Version.ToString())]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal([EscalationRules.NotPermitted], await EscalationKit.SummaryMessagesAsync(response));
        Assert.Equal(EscalationStatus.Raised, (await EscalationKit.LoadAsync(app, id)).Status);
    }

    [Fact]
    public async Task On_the_page_a_stale_form_reports_the_conflict()
    {
        var (_, id) = await RaisedAsync();
        var practitioner = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var url = $"/escalations/{id}";
        var page = await practitioner.GetPageAsync(url);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var version = page.QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        // Someone else acknowledges first, then this user posts their stale outcome form... via the lead:
        var lead = await app.SignInAsync("A", Roles.TeamLead);
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(lead, id, "acknowledge")).StatusCode);

        var response = await practitioner.PostAsync($"{url}?handler=Outcome", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("Version", version), new("Input.Outcome", "AdviceGiven"), new("Input.Note", "Advice")]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([OneToOne.Platform.Data.Concurrency.ConflictMessage], await EscalationKit.SummaryMessagesAsync(response));
        Assert.Null((await EscalationKit.LoadAsync(app, id)).Outcome);
    }

    [Fact]
    public async Task The_queue_shows_the_practitioner_s_and_the_team_s_open_escalations_soonest_due_first_and_the_worker_s_raised_ones()
    {
        var (_, routine) = await RaisedAsync(b => b["urgency"] = "Routine");
        var (_, team) = await RaisedAsync(b =>
        {
            b.Remove("practitionerId");
            b["teamId"] = Team;
            b["urgency"] = "Soon";
        });
        var other = await Arrange.StaffAsync(app, "A", "Clinical nurse specialist", Arrange.Unique("Nurse"));
        var (_, notMine) = await RaisedAsync(b => b["practitionerId"] = other.Id);
        // Raised yesterday with a same-day deadline: overdue now.
        app.Clock.Now = EscalationClock.Start.AddDays(-1);
        Guid overdue;
        try
        {
            (_, overdue) = await RaisedAsync(b => b["urgency"] = "SameDay");
        }
        finally
        {
            app.Clock.Now = EscalationClock.Start;
        }

        var practitioner = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var page = await practitioner.GetPageAsync("/escalations");
        var ids = page.QuerySelectorAll("table.app-escalations")[0].QuerySelectorAll("tr[data-escalation-id]")
            .Select(r => Guid.Parse(r.GetAttribute("data-escalation-id")!)).ToList();
        var mine = ids.Where(i => i == routine || i == team || i == overdue || i == notMine).ToList();
        Assert.Equal([overdue, team, routine], mine);
        Assert.Contains("Overdue", page.QuerySelector($"tr[data-escalation-id='{overdue}']")!.TextContent, StringComparison.Ordinal);

        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        var workerPage = await worker.GetPageAsync("/escalations");
        Assert.Single(workerPage.QuerySelectorAll("table.app-escalations"));
        Assert.NotNull(workerPage.QuerySelector($"tr[data-escalation-id='{notMine}']"));
        Assert.True(await app.WithDbAsync(app.World.Org("A"), db => db.AuditEvents.AnyAsync(a => a.Action == "escalations.view")));
    }

    [Fact]
    public async Task The_escalation_page_shows_a_missed_deadline_sent_to_the_team_lead_and_is_audited()
    {
        var (person, id) = await RaisedAsync(b => b["urgency"] = "SameDay");
        var practitioner = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var before = await practitioner.GetPageAsync($"/escalations/{id}");
        Assert.Null(before.QuerySelector("#breached"));

        // What the Worklists breach pass does when the deadline passes.
        var breachedAt = EscalationClock.Start.AddHours(13);
        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            var task = await db.Set<WorkTask>().SingleAsync(t => t.Kind == WorkTaskKind.Escalation && t.SourceId == id);
            task.BreachedAt = breachedAt;
            task.EscalatedToStaffId = EscalationKit.Staff(app, Roles.TeamLead);
            await db.SaveChangesAsync();
        });
        var after = await practitioner.GetPageAsync($"/escalations/{id}");

        Assert.Contains("sent to the team lead", after.QuerySelector("#breached")!.TextContent, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(app.World.Org("A"), db =>
            db.AuditEvents.AnyAsync(a => a.Action == "view" && a.EntityType == "Escalation" && a.EntityId == id.ToString() && a.PersonId == person)));
    }

    [Fact]
    public async Task The_record_lists_the_person_s_open_escalations()
    {
        var (person, id) = await RaisedAsync();
        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        var record = await worker.GetPageAsync($"/people/{person}");
        var row = record.QuerySelector($"#escalations ~ table tr[data-escalation-id='{id}']");
        Assert.NotNull(row);
        Assert.Contains("High distress", row!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Escalations_are_raised_from_an_assessment_or_a_contact_with_the_source_kept()
    {
        var person = await PersonAsync();
        var response = await EscalationKit.SubmitAssessmentAsync(app, person, redFlag: false);
        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        var fromAssessment = await worker.SubmitFormAsync($"/escalations/new?responseId={response}", new()
        {
            ["Input.Reason"] = "HighDistress", ["Input.Description"] = "Distress 5 and pain.", ["Input.Urgency"] = "Soon", ["Input.SendTo"] = "team:" + Team,
        });
        Assert.Equal(HttpStatusCode.Redirect, fromAssessment.StatusCode);

        var contact = await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            var c = new OneToOne.Contacts.Contact
            {
                PersonId = person, StaffMemberId = EscalationKit.Staff(app, Roles.SupportWorker), OccurredAt = EscalationClock.Start.AddHours(-2),
                DurationMinutes = 20, Outcome = "Phoned; very low.", CreatedAt = EscalationClock.Start,
            };
            db.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
        var contacts = await worker.GetPageAsync($"/people/{person}/contacts");
        Assert.NotNull(contacts.QuerySelector($"a[href='/escalations/new?contactId={contact}']"));
        var fromContact = await worker.SubmitFormAsync($"/escalations/new?contactId={contact}", new()
        {
            ["Input.Reason"] = "OutsideScope", ["Input.Description"] = "Asking about medication.", ["Input.Urgency"] = "Routine", ["Input.SendTo"] = "staff:" + Practitioner,
        });
        Assert.Equal(HttpStatusCode.Redirect, fromContact.StatusCode);

        var sources = (await EscalationKit.ForPersonAsync(app, person)).OrderBy(e => e.Source).Select(e => (e.Source, e.SourceId)).ToList();
        Assert.Equal([(EscalationSource.Assessment, (Guid?)response), (EscalationSource.Contact, contact)], sources);
    }

    // ---- the red flag that raises one by itself -------------------------------------------------------------

    [Fact]
    public async Task A_submitted_red_flag_raises_a_same_day_escalation_to_the_team_queue_by_itself_in_the_same_save()
    {
        var person = await PersonAsync();
        var response = await EscalationKit.SubmitAssessmentAsync(app, person);

        var e = Assert.Single(await EscalationKit.ForPersonAsync(app, person));
        Assert.Equal(response, e.AutomaticForResponseId);
        Assert.Equal(EscalationSource.Assessment, e.Source);
        Assert.Equal(EscalationReason.RedFlagSymptom, e.Reason);
        Assert.Equal(EscalationUrgency.SameDay, e.Urgency);
        Assert.Equal(EndOfToday, e.DueAt);
        Assert.Equal(Team, e.AssignedToTeamId);
        Assert.Contains(OneToOne.Assessments.ConcernCatalogue.ItemText("new-lump"), e.Description, StringComparison.Ordinal);
        Assert.Equal(RedFlagEscalationInterceptor.RaisedByName, e.RaisedByName);
        var (task, mails, chain) = await app.WithDbAsync(app.World.Org("A"), async db => (
            await db.Set<WorkTask>().SingleAsync(t => t.Kind == WorkTaskKind.Escalation && t.SourceId == e.Id),
            await db.Set<OutboxMessage>().Where(m => m.Body.Contains(e.Id.ToString())).Select(m => m.To).ToListAsync(),
            await AuditChain.VerifyAsync(db, CancellationToken.None)));
        Assert.Equal(Team, task.AssignedToTeamId);
        Assert.Equal(EndOfToday, task.DueAt);
        Assert.Contains(app.World.Account("A", Roles.RegisteredPractitioner).Email, mails);
        Assert.Empty(chain); // the interceptor's audit event is chained in place

        // The worker sees it on the record.
        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        var record = await worker.GetPageAsync($"/people/{person}");
        Assert.Contains("(automatic)", record.QuerySelector($"tr[data-escalation-id='{e.Id}']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_red_flag_escalates_itself_once_only_for_the_same_response()
    {
        var person = await PersonAsync();
        var response = await EscalationKit.SubmitAssessmentAsync(app, person);
        var worker = await app.SignInAsync("A", Roles.SupportWorker);

        // Submitting again is refused by the assessment; saving the response again, or even re-marking it submitted, adds nothing.
        Assert.NotEqual(HttpStatusCode.OK, (await worker.PostAsync($"/api/v1/assessments/{response}/submit", null)).StatusCode);
        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            var r = await db.Set<OneToOne.Assessments.AssessmentResponse>().SingleAsync(x => x.Id == response);
            r.TopConcerns = ["pain"];
            await db.SaveChangesAsync();
            r.Status = OneToOne.Assessments.ResponseStatus.InProgress;
            await db.SaveChangesAsync();
            r.Status = OneToOne.Assessments.ResponseStatus.Submitted;
            await db.SaveChangesAsync();
        });

        Assert.Single(await EscalationKit.ForPersonAsync(app, person));
        Assert.Equal(1, await app.WithDbAsync(app.World.Org("A"), db =>
            db.Set<WorkTask>().CountAsync(t => t.Kind == WorkTaskKind.Escalation && t.PersonId == person)));
    }

    [Fact]
    public async Task An_assessment_without_red_flags_raises_nothing()
    {
        var person = await PersonAsync();
        await EscalationKit.SubmitAssessmentAsync(app, person, redFlag: false);
        Assert.Empty(await EscalationKit.ForPersonAsync(app, person));
    }

    [Fact]
    public async Task A_red_flag_goes_to_the_key_worker_s_team()
    {
        var person = await PersonAsync();
        var team = await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            var t = new Team { Name = Arrange.Unique("North team") };
            db.Teams.Add(t);
            await db.SaveChangesAsync();
            return t.Id;
        });
        var keyWorker = await Arrange.StaffAsync(app, "A", "Support worker", Arrange.Unique("Worker"), s => s.TeamId = team);
        await Arrange.ReferralAsync(app, "A", person, ReferralStatus.Active, PathwayLevel.SupportedSelfManagement, keyWorker.Id);

        await EscalationKit.SubmitAssessmentAsync(app, person);

        Assert.Equal(team, Assert.Single(await EscalationKit.ForPersonAsync(app, person)).AssignedToTeamId);
    }

    [Fact]
    public async Task The_api_returns_an_escalation_and_audits_the_view()
    {
        var (person, id) = await RaisedAsync();
        var practitioner = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var dto = await practitioner.GetFromJsonAsync<JsonElement>($"/api/v1/escalations/{id}");
        Assert.Equal("HighDistress", dto.GetProperty("reason").GetString());
        Assert.Equal("RegisteredPractitioner A", dto.GetProperty("sentTo").GetString());
        Assert.Equal(person, dto.GetProperty("personId").GetGuid());
        Assert.True(await app.WithDbAsync(app.World.Org("A"), db =>
            db.AuditEvents.AnyAsync(a => a.Action == "view" && a.EntityId == id.ToString() && a.Detail == "api")));
        Assert.Equal(HttpStatusCode.NotFound, (await practitioner.GetAsync($"/api/v1/escalations/{Guid.NewGuid()}")).StatusCode);
        // Other roles' tokens (an API client) do not reach escalations.
        Assert.Equal(HttpStatusCode.NotFound, (await app.ApiClient("A").GetAsync($"/api/v1/escalations/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_escalation_routes_are_in_the_openapi_document()
    {
        var lead = await app.SignInAsync("A", Roles.TeamLead);
        var doc = await lead.GetStringAsync("/openapi/v1.json");
        foreach (var op in new[] { "RaiseEscalation", "GetEscalation", "AcknowledgeEscalation", "RecordEscalationOutcome", "CloseEscalation" })
        {
            Assert.Contains($"\"{op}\"", doc, StringComparison.Ordinal);
        }
    }
}

public sealed class EscalationsOnSqlite(EscalationsSqliteApp app) : EscalationsTests(app), IClassFixture<EscalationsSqliteApp>;

public sealed class EscalationsOnPostgres(EscalationsPostgresApp app) : EscalationsTests(app), IClassFixture<EscalationsPostgresApp>;
