using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.Notifications;
using OneToOne.PatientAccess;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Background;
using OneToOne.Tests.Infrastructure;
using OneToOne.Worklists;

namespace OneToOne.Tests.PatientAccess;

/// <summary>The "open-access-ending" job: when a period ends unused, the person is discharged with a letter to the GP
/// (with consent), once, however many passes run.</summary>
public abstract class OpenAccessEndingTests(PersonAccessApp app)
{
    private static readonly DateTimeOffset Morning = new(2027, 6, 2, 7, 0, 0, TimeSpan.Zero);

    private Guid OrgA => app.World.Org("A");

    private Task<JobRunResult> RunAsync() => app.Services.GetRequiredService<JobRunner>().RunOnceAsync(OpenAccessEndingJob.JobName);

    private Task<OpenAccessPeriod> PeriodAsync(Guid id) => app.WithDbAsync(OrgA, db => db.Set<OpenAccessPeriod>().SingleAsync(p => p.Id == id));

    [Fact]
    public async Task A_period_past_its_last_day_is_closed_with_a_gp_letter_task_and_a_second_pass_changes_nothing()
    {
        app.Clock.Now = Morning;
        var (person, _, period) = await PersonKit.DischargedAsync(app, "A", new DateOnly(2026, 6, 1), new DateOnly(2027, 6, 1));
        await RunAsync();
        await RunAsync();

        var closed = await PeriodAsync(period.Id);
        Assert.Equal((OpenAccessStatus.Ended, Morning, true), (closed.Status, closed.EndedAt!.Value, closed.GpLetterDue));
        var task = Assert.Single(await PersonKit.TasksForAsync(app, "A", person.Id));
        Assert.Equal((WorkTaskKind.OpenAccessEnding, period.Id, app.World.Teams["A"].Id, $"/open-access/{period.Id}/gp-letter"),
            (task.Kind, task.SourceId, task.AssignedToTeamId!.Value, task.Link));
        Assert.Equal(new DateTimeOffset(2027, 6, 9, 22, 59, 59, TimeSpan.Zero), task.DueAt); // 5 working days, end of day BST
        Assert.Equal(1, await app.WithDbAsync(OrgA, db => db.AuditEvents.CountAsync(e => e.Action == "open-access.end" && e.PersonId == person.Id)));
        var told = Assert.Single(await app.WithDbAsync(OrgA, db => db.Set<OutboxMessage>().Where(m => m.PersonId == person.Id).ToListAsync()));
        Assert.Contains("contact your GP", told.Body, StringComparison.Ordinal);
        Assert.Contains("1 Jun 2027", told.Body, StringComparison.Ordinal);

        // A closed period no longer lets the person ask; they are told what to do instead.
        var client = await PersonKit.SignInPersonAsync(app, "A", person);
        Assert.Equal(PersonAccessRules.ExpiredMessage, (await client.GetPageAsync("/my/help")).QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task Two_passes_at_the_same_time_close_a_period_once()
    {
        app.Clock.Now = Morning;
        var (person, _, period) = await PersonKit.DischargedAsync(app, "A", new DateOnly(2026, 6, 1), new DateOnly(2027, 5, 31));
        await Task.WhenAll(RunAsync(), RunAsync());
        Assert.Equal(OpenAccessStatus.Ended, (await PeriodAsync(period.Id)).Status);
        Assert.Single(await PersonKit.TasksForAsync(app, "A", person.Id));
        Assert.Equal(1, await app.WithDbAsync(OrgA, db => db.AuditEvents.CountAsync(e => e.Action == "open-access.end" && e.PersonId == person.Id)));
    }

    [Fact]
    public async Task Without_consent_to_share_the_period_closes_with_no_letter_and_no_task()
    {
        app.Clock.Now = Morning;
        var (person, _, period) = await PersonKit.DischargedAsync(app, "A", new DateOnly(2026, 6, 1), new DateOnly(2027, 6, 1), p => p.ConsentToShareWithGp = false);
        await RunAsync();
        var closed = await PeriodAsync(period.Id);
        Assert.Equal((OpenAccessStatus.Ended, false), (closed.Status, closed.GpLetterDue));
        Assert.Empty(await PersonKit.TasksForAsync(app, "A", person.Id));
        var staff = await app.SignInAsync("A", Roles.SupportWorker);
        var letter = await staff.GetPageAsync($"/open-access/{period.Id}/gp-letter");
        Assert.NotNull(letter.QuerySelector("#no-gp-consent"));
    }

    [Fact]
    public async Task A_period_is_open_through_its_last_day_and_one_with_an_unanswered_request_stays_open_until_it_is_answered()
    {
        app.Clock.Now = Morning;
        var (_, _, lastDay) = await PersonKit.DischargedAsync(app, "A", new DateOnly(2026, 6, 2), new DateOnly(2027, 6, 2));
        var (waiting, _, waitingPeriod) = await PersonKit.DischargedAsync(app, "A", new DateOnly(2026, 5, 1), new DateOnly(2027, 5, 1));
        await app.WithDbAsync(OrgA, async db =>
        {
            db.Add(new HelpRequest
            {
                PersonId = waiting.Id, PeriodId = waitingPeriod.Id, About = "Asked on the last day", ContactDetail = "0113 496 0000",
                CreatedAt = Morning.AddDays(-33), DueAt = Morning.AddDays(-31), AssignedToTeamId = app.World.Teams["A"].Id,
            });
            await db.SaveChangesAsync();
        });
        await RunAsync();
        Assert.Equal(OpenAccessStatus.Open, (await PeriodAsync(lastDay.Id)).Status);
        Assert.Equal(OpenAccessStatus.Open, (await PeriodAsync(waitingPeriod.Id)).Status);

        await app.WithDbAsync(OrgA, db => db.Set<HelpRequest>().Where(r => r.PeriodId == waitingPeriod.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, HelpRequestStatus.Answered)));
        await RunAsync();
        Assert.Equal(OpenAccessStatus.Ended, (await PeriodAsync(waitingPeriod.Id)).Status);
    }

    [Fact]
    public async Task A_period_ending_while_the_person_is_back_with_the_team_closes_without_a_letter_or_a_message()
    {
        app.Clock.Now = Morning;
        var (person, _, period) = await PersonKit.DischargedAsync(app, "A", new DateOnly(2026, 6, 1), new DateOnly(2027, 6, 1));
        await PersonKit.ReferralAsync(app, "A", person.Id, OneToOne.Referrals.ReferralStatus.Received, null);
        await RunAsync();
        var closed = await PeriodAsync(period.Id);
        Assert.Equal((OpenAccessStatus.Reopened, false), (closed.Status, closed.GpLetterDue));
        // The new referral has its own triage task; the period's ending makes none.
        Assert.DoesNotContain(await PersonKit.TasksForAsync(app, "A", person.Id), t => t.Kind == WorkTaskKind.OpenAccessEnding);
        Assert.False(await app.WithDbAsync(OrgA, db => db.Set<OutboxMessage>().AnyAsync(m => m.PersonId == person.Id)));
        Assert.True(await app.WithDbAsync(OrgA, db => db.AuditEvents.AnyAsync(e => e.Action == "open-access.end" && e.PersonId == person.Id)));
    }

    [Fact]
    public async Task The_gp_letter_is_printable_and_recording_it_sent_completes_the_task()
    {
        app.Clock.Now = Morning;
        var (person, _, period) = await PersonKit.DischargedAsync(app, "A", new DateOnly(2026, 6, 1), new DateOnly(2027, 6, 1));
        await RunAsync();
        var staff = await app.SignInAsync("A", Roles.SupportWorker);
        var letter = await staff.GetPageAsync($"/open-access/{period.Id}/gp-letter");
        Assert.Contains("End of open access", letter.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("did not ask for help", letter.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(letter.QuerySelector("link[href='/css/print.css']"));

        var sent = await staff.SubmitFormAsync($"/open-access/{period.Id}/gp-letter", []);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(Morning, (await PeriodAsync(period.Id)).GpLetterSentAt);
        Assert.Equal(WorkTaskStatus.Done, Assert.Single(await PersonKit.TasksForAsync(app, "A", person.Id)).Status);
    }
}

public sealed class OpenAccessEndingOnSqlite(PersonAccessSqliteApp app) : OpenAccessEndingTests(app), IClassFixture<PersonAccessSqliteApp>;

public sealed class OpenAccessEndingOnPostgres(PersonAccessPostgresApp app) : OpenAccessEndingTests(app), IClassFixture<PersonAccessPostgresApp>;
