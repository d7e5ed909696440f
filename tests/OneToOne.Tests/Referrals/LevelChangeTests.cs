using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.Allocation;
using OneToOne.Platform.Auth;
using OneToOne.Referrals;
using OneToOne.Supervision;
using OneToOne.Tests.Allocation;
using OneToOne.Tests.Escalations;
using OneToOne.Tests.Infrastructure;
using OneToOne.Worklists;

namespace OneToOne.Tests.Referrals;

/// <summary>Changing an episode's level: who, when and why kept as a triage decision; a handover to a new key worker
/// ranked for the new level when the current one's role may not carry it, with a Handover task; a support worker's
/// change goes for sign-off and is applied on approval. The clock stands at Wednesday 6 January 2027, noon.</summary>
public abstract class LevelChangeTests(EscalationsApp app)
{
    private Guid Org => app.World.Org("A");

    private Guid SupportWorker => EscalationKit.Staff(app, Roles.SupportWorker);

    /// <summary>An active self-management episode held by the support worker (a role that may carry only self-management).</summary>
    private async Task<Referral> ActiveAsync(Guid? keyWorker = null, PathwayLevel level = PathwayLevel.SupportedSelfManagement)
    {
        var person = await Arrange.PersonAsync(app, "A");
        var worker = keyWorker ?? SupportWorker;
        var referral = await Arrange.ReferralAsync(app, "A", person.Id, ReferralStatus.Active, level, worker);
        await app.WithDbAsync(Org, async db =>
        {
            db.KeyWorkerAssignments.Add(new KeyWorkerAssignment
            {
                ReferralId = referral.Id, PersonId = person.Id, StaffMemberId = worker, Level = level, Reason = "", AssignedByName = "Lead",
                AssignedAt = EscalationClock.Start.AddDays(-30),
            });
            await db.SaveChangesAsync();
        });
        return referral;
    }

    private Task<Referral> LoadAsync(Guid id) => app.WithDbAsync(Org, db => db.Referrals.AsNoTracking().SingleAsync(r => r.Id == id));

    private Task<List<TriageDecision>> DecisionsAsync(Guid id) =>
        app.WithDbAsync(Org, db => db.TriageDecisions.AsNoTracking().Where(d => d.ReferralId == id).ToListAsync());

    private static Dictionary<string, string> Form(string level, string? reason = "Needs more help after the scan result", Guid? keyWorker = null)
    {
        var form = new Dictionary<string, string> { ["Input.Level"] = level, ["Input.Reason"] = reason ?? "" };
        if (keyWorker is { } k)
        {
            form["Input.NewKeyWorkerId"] = k.ToString();
        }

        return form;
    }

    private static string Url(Referral r) => $"/referrals/{r.Id}/change-level";

    [Fact]
    public async Task A_practitioner_moves_a_person_to_shared_care_handing_over_to_a_nurse_with_a_handover_task()
    {
        var referral = await ActiveAsync();
        var nurse = await Arrange.StaffAsync(app, "A", "Clinical nurse specialist", Arrange.Unique("Nurse"));
        var practitioner = await app.SignInAsync("A", Roles.RegisteredPractitioner);

        // The candidates, ranked for shared care: the nurse is offered; the support workers are not.
        var page = await practitioner.GetPageAsync(Url(referral) + "?level=SharedCare");
        var offered = page.QuerySelectorAll("select[name='Input.NewKeyWorkerId'] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains(nurse.Id.ToString(), offered);
        Assert.DoesNotContain(app.World.ExtraWorkers["A"][0].Id.ToString(), offered);

        var response = await practitioner.SubmitFormAsync(Url(referral), Form("SharedCare", keyWorker: nurse.Id));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await LoadAsync(referral.Id);
        Assert.Equal(PathwayLevel.SharedCare, after.Level);
        Assert.Equal(nurse.Id, after.KeyWorkerId);
        Assert.Equal(ReferralStatus.Active, after.Status);
        var decision = Assert.Single(await DecisionsAsync(referral.Id));
        Assert.Equal(PathwayLevel.SharedCare, decision.Level);
        Assert.Equal("Needs more help after the scan result", decision.Reason);
        Assert.Equal("RegisteredPractitioner A", decision.DecidedByName);
        Assert.Equal(EscalationClock.Start, decision.DecidedAt);
        var assignments = (await Arrange.AssignmentsAsync(app, "A", referral.Id)).OrderBy(a => a.AssignedAt).ToList();
        Assert.Equal([SupportWorker, nurse.Id], assignments.Select(a => a.StaffMemberId));
        Assert.Equal(EscalationClock.Start, assignments[0].EndedAt);
        Assert.Null(assignments[1].EndedAt);
        Assert.Equal(PathwayLevel.SharedCare, assignments[1].Level);
        Assert.True(assignments[1].Rank >= 1);

        var (task, audit) = await app.WithDbAsync(Org, async db => (
            await db.Set<WorkTask>().SingleAsync(t => t.Kind == WorkTaskKind.Handover && t.SourceId == referral.Id),
            await db.AuditEvents.SingleAsync(a => a.Action == "referral.level-change" && a.EntityId == referral.Id.ToString())));
        Assert.Equal(nurse.Id, task.AssignedToStaffId);
        Assert.Equal(new DateTimeOffset(2027, 1, 13, 23, 59, 59, TimeSpan.Zero), task.DueAt); // 5 working days
        Assert.Equal($"/referrals/{referral.Id}/handover", task.Link);
        Assert.Contains($"handover to {nurse.Id}", audit.Detail, StringComparison.Ordinal);

        // The record shows the change in its level history.
        var record = await practitioner.GetPageAsync($"/people/{referral.PersonId}");
        Assert.Contains("Needs more help after the scan result", record.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_new_key_worker_the_change_is_refused_when_the_current_one_s_role_may_not_carry_the_level()
    {
        var referral = await ActiveAsync();
        var practitioner = await app.SignInAsync("A", Roles.RegisteredPractitioner);

        var response = await practitioner.SubmitFormAsync(Url(referral), Form("SharedCare"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Choose a new key worker: SupportWorker A's role (Support worker) may not carry shared care"], await response.ErrorSummaryAsync());
        // The form now offers the ranked candidates for shared care.
        Assert.NotNull((await response.ParseAsync()).QuerySelector("select[name='Input.NewKeyWorkerId']"));
        Assert.Equal(PathwayLevel.SupportedSelfManagement, (await LoadAsync(referral.Id)).Level);
        Assert.Empty(await DecisionsAsync(referral.Id));
    }

    [Fact]
    public async Task A_handover_to_someone_whose_role_may_not_carry_the_level_is_refused()
    {
        var referral = await ActiveAsync();
        var polishSpeaker = app.World.ExtraWorkers["A"][0];
        var practitioner = await app.SignInAsync("A", Roles.RegisteredPractitioner);

        var response = await practitioner.SubmitFormAsync(Url(referral), Form("ComplexCaseManagement", keyWorker: polishSpeaker.Id));

        Assert.Equal([$"{polishSpeaker.DisplayName} cannot take this person: Role (Support worker) may not carry complex case management"],
            await response.ErrorSummaryAsync());
        var after = await LoadAsync(referral.Id);
        Assert.Equal(PathwayLevel.SupportedSelfManagement, after.Level);
        Assert.Equal(SupportWorker, after.KeyWorkerId);
        Assert.Single(await Arrange.AssignmentsAsync(app, "A", referral.Id));
    }

    [Fact]
    public async Task A_change_without_a_reason_to_the_same_level_or_with_no_level_is_refused()
    {
        var referral = await ActiveAsync();
        var lead = await app.SignInAsync("A", Roles.TeamLead);

        var noReason = await lead.SubmitFormAsync(Url(referral), Form("SharedCare", reason: "  ", keyWorker: EscalationKit.Staff(app, Roles.TeamLead)));
        Assert.Equal([TriageRules.OverrideReasonMessage], await noReason.ErrorSummaryAsync());
        var same = await lead.SubmitFormAsync(Url(referral), Form("SupportedSelfManagement"));
        Assert.Equal(["Select a different level from the current one"], await same.ErrorSummaryAsync());
        var none = await lead.SubmitFormAsync(Url(referral), Form(""));
        Assert.Equal(["Select the new pathway level"], await none.ErrorSummaryAsync());

        Assert.Empty(await DecisionsAsync(referral.Id));
        Assert.Equal(PathwayLevel.SupportedSelfManagement, (await LoadAsync(referral.Id)).Level);
    }

    [Fact]
    public async Task A_key_worker_whose_role_carries_the_new_level_stays_and_no_handover_task_is_made()
    {
        var nurse = await Arrange.StaffAsync(app, "A", "Clinical nurse specialist", Arrange.Unique("Nurse"));
        var referral = await ActiveAsync(nurse.Id);
        var lead = await app.SignInAsync("A", Roles.TeamLead);

        var response = await lead.SubmitFormAsync(Url(referral), Form("ComplexCaseManagement"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await LoadAsync(referral.Id);
        Assert.Equal(PathwayLevel.ComplexCaseManagement, after.Level);
        Assert.Equal(nurse.Id, after.KeyWorkerId);
        Assert.False(await app.WithDbAsync(Org, db => db.Set<WorkTask>().AnyAsync(t => t.Kind == WorkTaskKind.Handover && t.SourceId == referral.Id)));
        Assert.Equal("TeamLead A", Assert.Single(await DecisionsAsync(referral.Id)).DecidedByName);
    }

    [Fact]
    public async Task A_discharged_episode_cannot_change_level()
    {
        var referral = await ActiveAsync();
        await app.WithDbAsync(Org, async db =>
        {
            var r = await db.Referrals.SingleAsync(x => x.Id == referral.Id);
            r.Status = ReferralStatus.Discharged;
            await db.SaveChangesAsync();
        });
        var practitioner = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        var page = await practitioner.GetPageAsync(Url(referral));
        Assert.DoesNotContain(page.Forms, f => (f.GetAttribute("action") ?? "").Contains("change-level", StringComparison.Ordinal) || f.GetAttribute("action") is null);

        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await practitioner.PostAsync(Url(referral), new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("Input.Level", "SharedCare"), new("Input.Reason", "Why")]));
        Assert.Contains(LevelChangeRules.NotChangeable, await EscalationKit.SummaryMessagesAsync(response));
        Assert.Empty(await DecisionsAsync(referral.Id));
    }

    [Fact]
    public async Task A_stale_form_reports_the_conflict_and_changes_nothing()
    {
        var nurse = await Arrange.StaffAsync(app, "A", "Clinical nurse specialist", Arrange.Unique("Nurse"));
        var referral = await ActiveAsync(nurse.Id);
        var lead = await app.SignInAsync("A", Roles.TeamLead);
        var form = Form("SharedCare");
        form["Input.Version"] = referral.Version.ToString();
        await app.WithDbAsync(Org, async db =>
        {
            var r = await db.Referrals.SingleAsync(x => x.Id == referral.Id);
            r.Urgency = ReferralUrgency.Urgent; // someone else's change renews the version
            await db.SaveChangesAsync();
        });

        var response = await lead.SubmitFormAsync(Url(referral), form);

        Assert.Equal([OneToOne.Platform.Data.Concurrency.ConflictMessage], await EscalationKit.SummaryMessagesAsync(response));
        Assert.Equal(PathwayLevel.SupportedSelfManagement, (await LoadAsync(referral.Id)).Level);
        Assert.Empty(await DecisionsAsync(referral.Id));
    }

    [Fact]
    public async Task A_support_worker_s_change_goes_for_sign_off_once_and_is_applied_when_approved()
    {
        var referral = await ActiveAsync();
        var nurse = await Arrange.StaffAsync(app, "A", "Clinical nurse specialist", Arrange.Unique("Nurse"));
        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        var form = await worker.GetPageAsync(Url(referral));
        Assert.Contains("Send for sign-off", form.Body!.TextContent, StringComparison.Ordinal);

        var response = await worker.SubmitFormAsync(Url(referral), Form("SharedCare", keyWorker: nurse.Id));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var banner = await worker.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Sent to your supervisor for sign-off", banner.QuerySelector(".nhsuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(PathwayLevel.SupportedSelfManagement, (await LoadAsync(referral.Id)).Level);
        Assert.Empty(await DecisionsAsync(referral.Id));
        var request = await app.WithDbAsync(Org, db => db.Set<SignOffRequest>().AsNoTracking().SingleAsync(s => s.SubjectId == referral.Id));
        Assert.Equal(SignOffKinds.LevelChange, request.Kind);
        Assert.Equal(SignOffStatus.Pending, request.Status);
        Assert.Equal(SupportWorker, request.RequestedByStaffId);
        Assert.Equal(nurse.Id, JsonDocument.Parse(request.Payload).RootElement.GetProperty("newKeyWorkerId").GetGuid());

        var again = await worker.SubmitFormAsync(Url(referral), Form("SharedCare", keyWorker: nurse.Id));
        Assert.Equal([LevelChangeRules.PendingSignOff], await EscalationKit.SummaryMessagesAsync(again));

        await ApproveAsync(request.Id);

        var after = await LoadAsync(referral.Id);
        Assert.Equal(PathwayLevel.SharedCare, after.Level);
        Assert.Equal(nurse.Id, after.KeyWorkerId);
        Assert.Contains("(asked by SupportWorker A; signed off)", Assert.Single(await DecisionsAsync(referral.Id)).Reason, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(Org, db => db.Set<WorkTask>().AnyAsync(t => t.Kind == WorkTaskKind.Handover && t.SourceId == referral.Id && t.AssignedToStaffId == nurse.Id)));
    }

    [Fact]
    public async Task An_approval_that_no_longer_fits_the_episode_is_refused_and_changes_nothing()
    {
        var nurse = await Arrange.StaffAsync(app, "A", "Clinical nurse specialist", Arrange.Unique("Nurse"));
        var referral = await ActiveAsync();
        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        Assert.Equal(HttpStatusCode.Redirect, (await worker.SubmitFormAsync(Url(referral), Form("SharedCare", keyWorker: nurse.Id))).StatusCode);
        var request = await app.WithDbAsync(Org, db => db.Set<SignOffRequest>().AsNoTracking().SingleAsync(s => s.SubjectId == referral.Id));
        // Meanwhile a practitioner moved the person to shared care themselves.
        var practitioner = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        Assert.Equal(HttpStatusCode.Redirect, (await practitioner.SubmitFormAsync(Url(referral), Form("SharedCare", keyWorker: nurse.Id))).StatusCode);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ApproveAsync(request.Id));

        Assert.Contains("Select a different level from the current one", error.Message, StringComparison.Ordinal);
        Assert.Single(await DecisionsAsync(referral.Id));
    }

    /// <summary>What Supervision's approve step does: find the action for the kind, apply it, save.</summary>
    private async Task ApproveAsync(Guid requestId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActFor(Org);
        var db = scope.ServiceProvider.GetRequiredService<OneToOne.Platform.Data.OneToOneDb>();
        var request = await db.Set<SignOffRequest>().SingleAsync(s => s.Id == requestId);
        var action = scope.ServiceProvider.GetServices<ISignOffAction>().Single(a => a.Kind == request.Kind);
        await action.ApplyAsync(request, CancellationToken.None);
        request.Status = SignOffStatus.Approved;
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task The_new_key_worker_confirms_the_handover_and_its_task_is_done_but_another_worker_cannot()
    {
        var referral = await ActiveAsync();
        var practitionerId = EscalationKit.Staff(app, Roles.RegisteredPractitioner);
        var practitioner = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        Assert.Equal(HttpStatusCode.Redirect, (await practitioner.SubmitFormAsync(Url(referral), Form("ComplexCaseManagement", keyWorker: practitionerId))).StatusCode);
        var handover = $"/referrals/{referral.Id}/handover";

        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        var workerPage = await worker.GetPageAsync(handover);
        var token = workerPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var refused = await worker.PostAsync(handover, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal([HandoverConfirmMessage], await EscalationKit.SummaryMessagesAsync(refused));

        Assert.Equal(HttpStatusCode.Redirect, (await practitioner.SubmitFormAsync(handover, [])).StatusCode);
        var task = await app.WithDbAsync(Org, db => db.Set<WorkTask>().SingleAsync(t => t.Kind == WorkTaskKind.Handover && t.SourceId == referral.Id));
        Assert.Equal(WorkTaskStatus.Done, task.Status);
        Assert.Equal(EscalationClock.Start, task.CompletedAt);
    }

    private const string HandoverConfirmMessage = OneToOne.Referrals.Pages.HandoverModel.NotKeyWorker;

    [Fact]
    public async Task The_record_links_to_the_change_of_level_for_an_open_episode()
    {
        var referral = await ActiveAsync();
        var worker = await app.SignInAsync("A", Roles.SupportWorker);
        var record = await worker.GetPageAsync($"/people/{referral.PersonId}");
        Assert.NotNull(record.QuerySelector($"a[href='/referrals/{referral.Id}/change-level']"));
    }
}

public sealed class LevelChangeOnSqlite(EscalationsSqliteApp app) : LevelChangeTests(app), IClassFixture<EscalationsSqliteApp>;

public sealed class LevelChangeOnPostgres(EscalationsPostgresApp app) : LevelChangeTests(app), IClassFixture<EscalationsPostgresApp>;
