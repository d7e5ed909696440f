using System.Net;
using Microsoft.EntityFrameworkCore;
using OneToOne.Allocation;
using OneToOne.Assessments;
using OneToOne.Contacts;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.Referrals;
using OneToOne.ServiceDirectory;
using OneToOne.Tests.Infrastructure;
using OneToOne.Tests.Referrals;

namespace OneToOne.Tests.People;

public sealed class ScoreChartTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Oldest_assessment_is_at_the_left_newest_at_the_right_and_gaps_are_proportional_to_time()
    {
        var g = ScoreChart.Layout([
            new ScorePoint(Start.AddDays(30), "hna", 4, 4m, 1),
            new ScorePoint(Start, "hna", 8, 6m, 3),
            new ScorePoint(Start.AddDays(10), "hna", 6, 5m, 2),
        ]);
        Assert.Equal([g.Left, g.Left + ((g.Right - g.Left) / 3), g.Right], g.Distress.Select(p => p.X).ToArray(), new Tolerance());
        Assert.Equal([8m, 6m, 4m], g.Distress.Select(p => p.Value).ToArray());
    }

    [Fact]
    public void Ten_is_drawn_at_the_top_and_zero_at_the_bottom_of_the_plot()
    {
        var g = ScoreChart.Layout([new ScorePoint(Start, "hna", 10, 0m, 0), new ScorePoint(Start.AddDays(1), "hna", 5, 2.5m, 0)]);
        Assert.Equal(g.Top, g.Distress[0].Y, 3);
        Assert.Equal(g.Bottom, g.Severity[0].Y, 3);
        Assert.Equal((g.Top + g.Bottom) / 2, g.Distress[1].Y, 3);
        Assert.Equal(g.Bottom - ((g.Bottom - g.Top) / 4), g.Severity[1].Y, 3);
    }

    [Fact]
    public void A_single_assessment_is_centred_and_missing_scores_are_left_out_of_their_line()
    {
        var one = ScoreChart.Layout([new ScorePoint(Start, "hna", 3, null, 0)]);
        Assert.Equal((one.Left + one.Right) / 2, Assert.Single(one.Distress).X, 3);
        Assert.Empty(one.Severity);
        Assert.Equal("", one.SeverityPolyline);
        Assert.False(one.IsEmpty);
        Assert.True(ScoreChart.Layout([]).IsEmpty);
    }

    [Fact]
    public void Polyline_points_use_a_dot_whatever_the_culture_and_ticks_run_from_0_to_10_in_twos()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("fr-FR");
            Assert.Equal("1.5,2", ScoreChart.Polyline([new ChartPoint(1.5, 2, 0, Start)]));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }

        var g = ScoreChart.Layout([]);
        Assert.Equal([0, 2, 4, 6, 8, 10], g.Ticks.Select(t => t.Value).ToArray());
        Assert.Equal(g.Top, g.Ticks[^1].Y, 3);
    }

    [Fact]
    public void Timeline_entries_are_newest_first_and_same_time_entries_put_the_later_step_first()
    {
        var at = Start;
        var ordered = Timeline.Order([
            new TimelineEntry(at, "Referral", "r", null, null),
            new TimelineEntry(at, "Triage", "t", null, null),
            new TimelineEntry(at.AddDays(1), "Contact", "c", null, null),
        ]);
        Assert.Equal(["Contact", "Triage", "Referral"], ordered.Select(e => e.Kind).ToArray());
    }

    [Fact]
    public void A_referral_without_a_same_day_creation_time_is_placed_at_the_start_of_its_uk_day()
    {
        Assert.Equal(new DateTimeOffset(2024, 6, 30, 23, 0, 0, TimeSpan.Zero), Timeline.ReceivedAt(new DateOnly(2024, 7, 1), default));
        Assert.Equal(new DateTimeOffset(2024, 1, 15, 0, 0, 0, TimeSpan.Zero), Timeline.ReceivedAt(new DateOnly(2024, 1, 15), default));
        var created = new DateTimeOffset(2024, 1, 15, 14, 30, 0, TimeSpan.Zero);
        Assert.Equal(created, Timeline.ReceivedAt(new DateOnly(2024, 1, 15), created));
    }

    private sealed class Tolerance : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 0.001;

        public int GetHashCode(double obj) => 0;
    }
}

public abstract class TimelineTests(OneToOneApp app)
{
    private Guid OrgA => app.World.Org("A");

    private static DateTimeOffset Utc(int y, int m, int d) => new(y, m, d, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_record_shows_entries_from_every_source_newest_first_grouped_by_year_with_a_chart_and_its_table()
    {
        var referral = await Kit.ArrangeReferralAsync(app, OrgA, new DateOnly(2024, 3, 1), ReferralStatus.Allocated);
        var worker = app.World.Account("A", Roles.SupportWorker).StaffId!.Value;
        await app.WithDbAsync(OrgA, async db =>
        {
            db.TriageDecisions.Add(new TriageDecision
            {
                ReferralId = referral.Id, Outcome = ReferralStatus.Accepted, Level = PathwayLevel.SupportedSelfManagement,
                SuggestedLevel = PathwayLevel.SupportedSelfManagement, Reason = "Timeline triage reason", DecidedByName = "Practitioner T", DecidedAt = Utc(2024, 3, 4),
            });
            db.KeyWorkerAssignments.Add(new KeyWorkerAssignment
            {
                ReferralId = referral.Id, PersonId = referral.PersonId, StaffMemberId = worker, Level = PathwayLevel.SupportedSelfManagement,
                Reason = "Nearest", AssignedByName = "Lead T", AssignedAt = Utc(2024, 3, 10), Rank = 1,
            });
            db.Add(new Contact { PersonId = referral.PersonId, StaffMemberId = worker, OccurredAt = Utc(2024, 4, 1), Mode = ContactMode.Phone, DurationMinutes = 25, Outcome = "Talked" });
            var hna = await db.Set<Instrument>().FirstAsync(i => i.Code == "hna" && i.Active);
            foreach (var (at, distress, mean) in new[] { (Utc(2024, 6, 1), 7, 5.5m), (Utc(2025, 1, 10), 3, 2.0m) })
            {
                db.Add(new AssessmentResponse
                {
                    PersonId = referral.PersonId, InstrumentId = hna.Id, InstrumentCode = hna.Code, InstrumentVersion = hna.Version,
                    Status = ResponseStatus.Submitted, StartedAt = at.AddMinutes(-20), SubmittedAt = at, DistressScore = distress, MeanSeverity = mean, ConcernCount = 2,
                });
            }

            // Started but not submitted: neither on the timeline nor in the chart.
            db.Add(new AssessmentResponse { PersonId = referral.PersonId, InstrumentId = hna.Id, InstrumentCode = hna.Code, InstrumentVersion = hna.Version, StartedAt = Utc(2025, 3, 1) });
            var service = new DirectoryService { Name = "Timeline benefits service", ProviderOrganisationName = "Provider", HowToUse = HowToUse.Referral, Nationwide = true };
            db.Add(service);
            db.Add(new ServiceReferral { PersonId = referral.PersonId, ServiceId = service.Id, ConcernItemCode = "money", SentAt = Utc(2025, 2, 1), SentByName = "Worker T", ResponseDueOn = new DateOnly(2025, 2, 15) });
            await db.SaveChangesAsync();
        });

        var client = await app.SignInAsync("A", Roles.SupportWorker);
        var page = await client.GetPageAsync($"/people/{referral.PersonId}");

        var kinds = page.QuerySelectorAll("li.app-timeline__entry").Select(li => li.GetAttribute("data-kind") ?? "").ToArray();
        Assert.Equal(["Service referral", "Assessment", "Assessment", "Contact", "Allocation", "Triage", "Referral"], kinds);
        Assert.Equal(["2025", "2024"], page.QuerySelectorAll("h4").Select(h => h.TextContent.Trim()).ToArray());
        var text = page.Body!.TextContent;
        Assert.Contains("Referred to Timeline benefits service", text, StringComparison.Ordinal);
        Assert.Contains("Timeline triage reason", text, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"li.app-timeline__entry a[href='/referrals/{referral.Id}']"));

        var svg = page.QuerySelector("svg.app-score-chart")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Contains("2 submitted assessments", svg.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Equal(2, svg.QuerySelectorAll("circle").Length);
        Assert.Null(svg.QuerySelector("[style]"));

        var rows = page.QuerySelectorAll("#score-table tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToArray();
        Assert.Equal(2, rows.Length);
        Assert.Equal(["HNA", "7", "5.5", "2"], rows[0]);
        Assert.Equal(["HNA", "3", "2.0", "2"], rows[1]);
        Assert.NotNull(page.QuerySelector("#score-table caption"));
        Assert.True(await app.WithDbAsync(OrgA, db => db.AuditEvents.AnyAsync(e => e.Action == "view" && e.EntityType == "Person" && e.PersonId == referral.PersonId)));
    }

    [Fact]
    public async Task A_person_with_only_a_referral_has_a_one_entry_timeline_and_no_chart()
    {
        var referral = await Kit.ArrangeReferralAsync(app, OrgA, new DateOnly(2026, 1, 5));
        var client = await app.SignInAsync("A", Roles.TeamLead);
        var page = await client.GetPageAsync($"/people/{referral.PersonId}");
        Assert.Equal(["Referral"], page.QuerySelectorAll("li.app-timeline__entry").Select(li => li.GetAttribute("data-kind") ?? "").ToArray());
        Assert.Null(page.QuerySelector("svg.app-score-chart"));
        Assert.Contains("No submitted assessments with scores yet.", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_organisations_person_is_not_found()
    {
        var other = await Kit.ArrangeReferralAsync(app, app.World.Org("B"), new DateOnly(2026, 1, 5));
        var client = await app.SignInAsync("A", Roles.SupportWorker);
        var response = await client.GetAsync(new Uri($"/people/{other.PersonId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class TimelineOnSqlite(SqliteApp app) : TimelineTests(app), IClassFixture<SqliteApp>;

public sealed class TimelineOnPostgres(PostgresApp app) : TimelineTests(app), IClassFixture<PostgresApp>;
