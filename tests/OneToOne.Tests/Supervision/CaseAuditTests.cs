using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Background;
using OneToOne.Referrals;
using OneToOne.Supervision;
using OneToOne.Tests.Infrastructure;

namespace OneToOne.Tests.Supervision;

/// <summary>The monthly case-audit sample: one per organisation per month, only that month's closed episodes,
/// two per support worker by default, reproducible from its seed; and the supervisor's "reviewed, with findings".
/// Each test samples a month of its own, so tests sharing the database never meet.</summary>
public abstract class CaseAuditTests(SupervisionApp app)
{
    private Guid Org => app.World.Org("A");

    private Guid Practitioner => app.World.Account("A", Roles.RegisteredPractitioner).StaffId!.Value;

    private Task<JobRunResult> RunJobAsync() => app.Services.GetRequiredService<JobRunner>().RunOnceAsync(CaseAuditSampleJob.JobName);

    private Task<List<CaseAuditSample>> SamplesAsync(DateOnly month, string org = "A") =>
        app.WithDbAsync(app.World.Org(org), db => db.Set<CaseAuditSample>().AsNoTracking().Where(s => s.Month == month).ToListAsync());

    private Task<List<CaseAuditItem>> ItemsAsync(Guid sampleId) =>
        app.WithDbAsync(Org, db => db.Set<CaseAuditItem>().AsNoTracking().Where(i => i.SampleId == sampleId).ToListAsync());

    private async Task<Guid> SupervisedWorkerAsync()
    {
        var worker = await SupervisionKit.StaffAsync(app);
        await SupervisionKit.LinkAsync(app, Practitioner, worker.Id, new DateOnly(2020, 1, 1));
        return worker.Id;
    }

    private async Task<Guid> DischargedAsync(Guid worker, DateTimeOffset at, string org = "A") =>
        (await SupervisionKit.EpisodeAsync(app, worker, ReferralStatus.Discharged, at, org)).Referral.Id;

    [Fact]
    public async Task Running_the_job_twice_in_a_month_even_at_once_makes_one_sample()
    {
        app.Clock.Now = new DateTimeOffset(2030, 3, 5, 9, 0, 0, TimeSpan.Zero);
        var worker = await SupervisedWorkerAsync();
        await DischargedAsync(worker, new DateTimeOffset(2030, 2, 10, 12, 0, 0, TimeSpan.Zero));

        await RunJobAsync();
        await RunJobAsync();
        await Task.WhenAll(RunJobAsync(), RunJobAsync());
        app.Clock.Now = new DateTimeOffset(2030, 3, 28, 9, 0, 0, TimeSpan.Zero);
        await RunJobAsync();

        var sample = Assert.Single(await SamplesAsync(new DateOnly(2030, 2, 1)));
        Assert.Single(await ItemsAsync(sample.Id));
        Assert.Single(await SamplesAsync(new DateOnly(2030, 2, 1), "B"));
        await Assert.ThrowsAsync<DbUpdateException>(() => app.WithDbAsync(Org, async db =>
        {
            db.Add(new CaseAuditSample { Month = new DateOnly(2030, 2, 1), Seed = 1, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }));
    }

    [Fact]
    public async Task The_sample_takes_only_support_workers_episodes_closed_in_that_uk_month()
    {
        app.Clock.Now = new DateTimeOffset(2030, 6, 3, 10, 0, 0, TimeSpan.Zero);
        var worker = await SupervisedWorkerAsync();
        var midMay = await DischargedAsync(worker, new DateTimeOffset(2030, 5, 15, 12, 0, 0, TimeSpan.Zero));
        // 23:30 UTC on 30 April is 00:30 on 1 May in the UK (BST): May's.
        var firstOfMayUk = await DischargedAsync(worker, new DateTimeOffset(2030, 4, 30, 23, 30, 0, TimeSpan.Zero));
        // 23:30 UTC on 31 May is 00:30 on 1 June in the UK: June's.
        await DischargedAsync(worker, new DateTimeOffset(2030, 5, 31, 23, 30, 0, TimeSpan.Zero));
        await DischargedAsync(worker, new DateTimeOffset(2030, 4, 20, 12, 0, 0, TimeSpan.Zero));
        await DischargedAsync(worker, new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero));
        await SupervisionKit.EpisodeAsync(app, worker, ReferralStatus.Active);
        await SupervisionKit.EpisodeAsync(app, worker, ReferralStatus.Allocated);
        var registered = await SupervisionKit.StaffAsync(app, role: "Clinical nurse specialist");
        await DischargedAsync(registered.Id, new DateTimeOffset(2030, 5, 10, 12, 0, 0, TimeSpan.Zero));
        var unsupervised = await SupervisionKit.StaffAsync(app);
        var teamCase = await DischargedAsync(unsupervised.Id, new DateTimeOffset(2030, 5, 12, 12, 0, 0, TimeSpan.Zero));
        var otherOrganisation = app.World.Account("B", Roles.SupportWorker).StaffId!.Value;
        var theirs = await DischargedAsync(otherOrganisation, new DateTimeOffset(2030, 5, 12, 12, 0, 0, TimeSpan.Zero), "B");

        await RunJobAsync();

        var sample = Assert.Single(await SamplesAsync(new DateOnly(2030, 5, 1)));
        Assert.Equal(3, sample.Candidates);
        var items = await ItemsAsync(sample.Id);
        Assert.Equal(new[] { midMay, firstOfMayUk, teamCase }.Order(), items.Select(i => i.ReferralId).Order());
        Assert.All(items.Where(i => i.KeyWorkerStaffId == worker), i => Assert.Equal(Practitioner, i.ReviewerStaffId));
        var team = Assert.Single(items, i => i.ReferralId == teamCase);
        Assert.Null(team.ReviewerStaffId);
        Assert.Equal(app.World.Teams["A"].Id, team.TeamId);
        var inB = Assert.Single(await SamplesAsync(new DateOnly(2030, 5, 1), "B"));
        Assert.Equal(1, inB.Candidates);
        Assert.DoesNotContain(items, i => i.ReferralId == theirs);
    }

    [Fact]
    public async Task Two_episodes_a_worker_are_chosen_and_the_stored_seed_reproduces_the_choice()
    {
        app.Clock.Now = new DateTimeOffset(2030, 9, 2, 10, 0, 0, TimeSpan.Zero);
        var busy = await SupervisedWorkerAsync();
        var quiet = await SupervisedWorkerAsync();
        for (var day = 1; day <= 5; day++)
        {
            await DischargedAsync(busy, new DateTimeOffset(2030, 8, day * 3, 12, 0, 0, TimeSpan.Zero));
        }

        var only = await DischargedAsync(quiet, new DateTimeOffset(2030, 8, 20, 12, 0, 0, TimeSpan.Zero));

        await RunJobAsync();

        var sample = Assert.Single(await SamplesAsync(new DateOnly(2030, 8, 1)));
        Assert.Equal(CaseAuditScope.Worker, sample.Scope);
        Assert.Equal(2, sample.SizePerGroup);
        var items = await ItemsAsync(sample.Id);
        Assert.Equal(2, items.Count(i => i.KeyWorkerStaffId == busy));
        Assert.Equal(only, Assert.Single(items, i => i.KeyWorkerStaffId == quiet).ReferralId);

        var candidates = await app.WithDbAsync(Org, db => db.Referrals.AsNoTracking()
            .Where(r => r.Status == ReferralStatus.Discharged && (r.KeyWorkerId == busy || r.KeyWorkerId == quiet))
            .Select(r => new { r.Id, r.PersonId, r.KeyWorkerId, r.DischargedAt }).ToListAsync());
        var again = CaseAuditSampler.Choose(
            candidates.Select(c => new AuditCandidate(c.Id, c.PersonId, c.KeyWorkerId!.Value, Practitioner, app.World.Teams["A"].Id, c.DischargedAt!.Value)),
            sample.Scope, sample.SizePerGroup, sample.Seed);
        Assert.Equal(items.Select(i => i.ReferralId).Order(), again.Select(c => c.ReferralId).Order());
    }

    [Fact]
    public async Task The_supervisor_records_a_review_with_findings_once()
    {
        app.Clock.Now = new DateTimeOffset(2030, 11, 4, 10, 0, 0, TimeSpan.Zero);
        var worker = await SupervisedWorkerAsync();
        var referral = await DischargedAsync(worker, new DateTimeOffset(2030, 10, 8, 12, 0, 0, TimeSpan.Zero));
        await RunJobAsync();
        var item = Assert.Single(await ItemsAsync(Assert.Single(await SamplesAsync(new DateOnly(2030, 10, 1))).Id));
        Assert.Equal(referral, item.ReferralId);
        var client = await app.SignInAsync("A", Roles.RegisteredPractitioner);

        var list = await client.GetPageAsync("/supervision/case-audit");
        Assert.NotNull(list.QuerySelector($"tr[data-item-id='{item.Id}']"));
        var empty = await client.SubmitFormAsync($"/supervision/case-audit/{item.Id}", new() { ["Input.Findings"] = "" }, "#review-form");
        var errors = await empty.ErrorSummaryAsync();
        Assert.Contains(SupervisionRules.EnterFindings, errors);
        Assert.Contains(SupervisionRules.SelectFollowUp, errors);
        Assert.Null((await ItemsAsync(item.SampleId)).Single().ReviewedAt);

        var page = await client.GetPageAsync($"/supervision/case-audit/{item.Id}");
        var reviewed = await client.SubmitFormAsync($"/supervision/case-audit/{item.Id}",
            new() { ["Input.Findings"] = "Plan agreed and reviewed; discharge letter sent.", ["Input.FollowUpNeeded"] = "False" }, "#review-form");
        Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);
        var stored = (await ItemsAsync(item.SampleId)).Single();
        Assert.Equal(app.Clock.Now, stored.ReviewedAt);
        Assert.Equal(Practitioner, stored.ReviewedByStaffId);
        Assert.Equal("Plan agreed and reviewed; discharge letter sent.", stored.Findings);
        Assert.False(stored.FollowUpNeeded);

        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var twice = await client.PostAsync($"/supervision/case-audit/{item.Id}", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("Input.Version", item.Version.ToString()), new("Input.Findings", "Again"), new("Input.FollowUpNeeded", "True")]));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("Plan agreed and reviewed; discharge letter sent.", (await ItemsAsync(item.SampleId)).Single().Findings);

        var supportWorker = await app.SignInAsync("A", Roles.SupportWorker);
        Assert.Equal(HttpStatusCode.NotFound, (await supportWorker.GetAsync($"/supervision/case-audit/{item.Id}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await supportWorker.GetAsync("/supervision/case-audit")).StatusCode);
    }
}

public sealed class CaseAuditOnSqlite(SupervisionSqliteApp app) : CaseAuditTests(app), IClassFixture<SupervisionSqliteApp>;

public sealed class CaseAuditOnPostgres(SupervisionPostgresApp app) : CaseAuditTests(app), IClassFixture<SupervisionPostgresApp>;
