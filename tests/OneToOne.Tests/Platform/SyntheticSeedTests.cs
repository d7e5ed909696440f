using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using OneToOne.Assessments;
using OneToOne.CarePlans;
using OneToOne.Contacts;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Seeding;
using OneToOne.Platform.Time;
using OneToOne.ServiceDirectory;
using OneToOne.Tests.Infrastructure;
using OneToOne.Workforce;

namespace OneToOne.Tests.Platform;

/// <summary>The app seeded at start-up as a demo is (Demo:People), with a sample of people with five years of history and
/// a synthetic directory: what bench/run.sh loads, at a size a test can afford.</summary>
public static class SeededDemo
{
    public const int HistoryPeople = 12;
    public const int DirectoryServices = 400;

    public static Dictionary<string, string?> Settings() => new(StringComparer.Ordinal)
    {
        ["Database:SeedDemoData"] = "true",
        ["Demo:People"] = "300",
        ["Demo:HistoryPeople"] = HistoryPeople.ToString(CultureInfo.InvariantCulture),
        ["Demo:DirectoryServices"] = DirectoryServices.ToString(CultureInfo.InvariantCulture),
        ["Demo:Password"] = TestWorld.Password,
    };
}

public sealed class SeededSqliteApp() : OneToOneApp(Provider.Sqlite, SeededDemo.Settings());

public sealed class SeededPostgresApp() : OneToOneApp(Provider.Postgres, SeededDemo.Settings());

public abstract class SyntheticSeedTests(OneToOneApp app)
{
    private async Task<Organisation> DemoOrganisationAsync() =>
        await app.WithDbAsync(null, db => db.Organisations.SingleAsync(o => o.OdsCode == DemoData.Partners[0].Ods));

    private async Task<HttpClient> SignInAsWorkerAsync()
    {
        var org = await DemoOrganisationAsync();
        return await app.SignInAsync(new TestAccount(org.Id, Guid.Empty, null, "worker@" + DemoData.DemoDomain, Roles.SupportWorker, null));
    }

    private Task<List<Guid>> HistoryPeopleAsync(Guid organisationId) =>
        app.WithDbAsync(organisationId, db => db.Set<CarePlan>().Select(p => p.PersonId).OrderBy(id => id).ToListAsync());

    [Fact]
    public async Task The_demo_organisation_has_the_asked_number_of_people_with_a_plan_and_history_and_others_only_the_evaluations_activity()
    {
        var org = await DemoOrganisationAsync();
        var people = await HistoryPeopleAsync(org.Id);
        Assert.Equal(SeededDemo.HistoryPeople, people.Count);
        var second = await app.WithDbAsync(null, db => db.Organisations.SingleAsync(o => o.OdsCode == DemoData.Partners[1].Ods));
        Assert.Empty(await HistoryPeopleAsync(second.Id));

        // Everyone else supported gets a few contacts and HNAs in their latest episode (demo sizes seed them; the demo's
        // evaluation seed adds contacts and outcome questionnaires of its own), and no care plan.
        var (contacts, assessments, plans) = await app.WithDbAsync(second.Id, async db => (
            await db.Set<Contact>().CountAsync(),
            await db.Set<AssessmentResponse>().Where(r => r.InstrumentCode == AssessmentDefaults.HnaCode).GroupBy(r => r.PersonId).Select(g => g.Count()).ToListAsync(),
            await db.Set<CarePlan>().CountAsync()));
        Assert.True(contacts > 0);
        Assert.NotEmpty(assessments);
        Assert.All(assessments, n => Assert.InRange(n, 1, 3));
        Assert.Equal(0, plans);
    }

    [Fact]
    public async Task A_seeded_record_shows_five_years_of_every_kind_of_history_with_the_score_chart()
    {
        var org = await DemoOrganisationAsync();
        var client = await SignInAsWorkerAsync();
        var today = UkTime.Today(TimeProvider.System);

        foreach (var personId in await HistoryPeopleAsync(org.Id))
        {
            var page = await client.GetPageAsync($"/people/{personId}");

            var kinds = page.QuerySelectorAll(".app-timeline__entry").Select(e => e.GetAttribute("data-kind")).ToHashSet(StringComparer.Ordinal);
            foreach (var kind in new[] { "Referral", "Triage", "Allocation", "Assessment", "Contact", "Care plan" })
            {
                Assert.Contains(kind, kinds);
            }

            var years = page.QuerySelectorAll("h4").Select(h => int.Parse(h.TextContent, CultureInfo.InvariantCulture)).ToList();
            // The first referral was five years ago (a little more), the latest within the last two years.
            Assert.True(years.Min() <= today.Year - 5 && years.Max() >= today.Year - 2, $"history of {personId} spans {years.Min()}-{years.Max()}");
            Assert.NotNull(page.QuerySelector("svg.app-score-chart"));
            Assert.True(page.QuerySelectorAll("#score-table tbody tr").Length >= 3);
        }

        // Most have had a service referral too (one with no key worker when it was agreed, or no service for their concerns, may not).
        var withReferrals = await app.WithDbAsync(org.Id, db => db.Set<ServiceReferral>().Select(r => r.PersonId).Distinct().CountAsync());
        Assert.True(withReferrals >= SeededDemo.HistoryPeople / 2, $"{withReferrals} people with service referrals");
    }

    [Fact]
    public async Task Seeded_assessments_carry_the_scores_the_app_would_give_their_answers()
    {
        var org = await DemoOrganisationAsync();
        var (responses, answers, definition) = await app.WithDbAsync(org.Id, async db =>
        {
            // The holistic needs assessments (the demo's outcome and experience questionnaires are the evaluation seed's).
            var r = await db.Set<AssessmentResponse>().AsNoTracking().Where(x => x.InstrumentCode == AssessmentDefaults.HnaCode).ToListAsync();
            var a = await db.Set<AssessmentAnswer>().AsNoTracking().ToListAsync();
            var i = await db.Set<Instrument>().AsNoTracking().SingleAsync(x => x.Code == AssessmentDefaults.HnaCode && x.Active);
            return (r, a.ToLookup(x => x.ResponseId), i.Definition);
        });

        Assert.True(responses.Count >= SeededDemo.HistoryPeople * 5, $"{responses.Count} assessments");
        foreach (var response in responses)
        {
            var values = answers[response.Id].ToDictionary(a => a.ItemCode, a => new AnswerValue(a.Score), StringComparer.Ordinal);
            Assert.Empty(AssessmentScorer.CheckAnswers(definition, values));
            Assert.Empty(AssessmentScorer.Missing(definition, values));
            Assert.Null(AssessmentScorer.CheckTopConcerns(definition, values, response.TopConcerns));
            var score = AssessmentScorer.Score(definition, values);
            Assert.Equal(score.Distress, response.DistressScore);
            Assert.Equal(score.ConcernCount, response.ConcernCount);
            Assert.Equal(score.MeanSeverity, response.MeanSeverity);
            Assert.Equal(score.Flags, response.Flags);
            Assert.Equal(score.RedFlags, response.RedFlags);
            Assert.Equal(score.RedFlags.Count > 0, response.HasRedFlags);
            Assert.Equal(ResponseStatus.Submitted, response.Status);
            Assert.True(response.SubmittedAt > response.StartedAt);
            Assert.NotNull(response.ReferralId);
        }
    }

    [Fact]
    public async Task Seeded_plans_contacts_and_service_referrals_keep_the_rules_the_app_enforces()
    {
        var org = await DemoOrganisationAsync();
        var now = DateTimeOffset.UtcNow;
        await app.WithDbAsync(org.Id, async db =>
        {
            var referralPeople = await db.Referrals.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.PersonId);
            foreach (var plan in await db.Set<CarePlan>().AsNoTracking().ToListAsync())
            {
                var versions = await db.Set<CarePlanVersion>().AsNoTracking().Where(v => v.PlanId == plan.Id).OrderBy(v => v.Number).ToListAsync();
                Assert.Equal(Enumerable.Range(1, plan.AgreedVersionNumber), versions.Select(v => v.Number));
                Assert.InRange(versions.Count, 1, 5);
                Assert.True(versions.Zip(versions.Skip(1)).All(p => p.First.AgreedAt < p.Second.AgreedAt));
                Assert.NotEqual(CarePlanStatus.Draft, plan.Status);
                var concerns = await db.Set<CarePlanConcern>().AsNoTracking().Where(c => c.PlanId == plan.Id).ToListAsync();
                Assert.InRange(concerns.Count, 1, 3);
                Assert.All(concerns, c => Assert.NotNull(ConcernCatalogue.FindItem(c.ItemCode)));
                foreach (var action in await db.Set<CarePlanAction>().AsNoTracking().Where(a => a.PlanId == plan.Id).ToListAsync())
                {
                    // The app refuses an action with no owner or due before the day it is added.
                    Assert.Empty(CarePlanRules.CheckAction(new CarePlanRules.ActionInput(action.Description, action.OwnerKind, action.OwnerName, action.ServiceId, action.DueOn),
                        DateOnly.FromDateTime(action.CreatedAt.UtcDateTime)));
                    Assert.Contains(action.ConcernId, concerns.Select(c => c.Id));
                }
            }

            foreach (var contact in await db.Set<Contact>().AsNoTracking().ToListAsync())
            {
                Assert.True(contact.OccurredAt < now);
                Assert.InRange(contact.DurationMinutes, ContactRules.MinDuration, ContactRules.MaxDuration);
                Assert.Contains(contact.Mode, ContactRules.LoggableModes);
                Assert.NotEmpty(contact.Addressed);
                Assert.All(contact.Addressed, d => Assert.NotNull(ConcernCatalogue.FindDomain(d)));
                Assert.Equal(contact.PersonId, referralPeople[contact.ReferralId!.Value]);
            }

            var services = await db.Set<DirectoryService>().AsNoTracking().ToDictionaryAsync(s => s.Id);
            foreach (var referral in await db.Set<ServiceReferral>().AsNoTracking().ToListAsync())
            {
                Assert.Equal(HowToUse.Referral, services[referral.ServiceId].HowToUse);
                Assert.NotNull(ConcernCatalogue.FindItem(referral.ConcernItemCode));
                Assert.True(referral.ResponseDueOn > DateOnly.FromDateTime(referral.SentAt.UtcDateTime));
                Assert.True(referral.RespondedAt is null || referral.RespondedAt > referral.SentAt);
                Assert.Equal(referral.Status == ServiceReferralStatus.OutcomeRecorded, referral.Outcome is not null);
                Assert.Equal(referral.Status == ServiceReferralStatus.Declined, referral.DeclineReason is not null);
                Assert.True(referral.RescoreScore is null or (>= 0 and <= 10));
            }
        });
    }

    [Fact]
    public async Task The_pages_a_seeded_history_links_to_open()
    {
        var org = await DemoOrganisationAsync();
        var client = await SignInAsWorkerAsync();
        var personId = (await HistoryPeopleAsync(org.Id))[0];
        var (planId, assessmentId, referralId) = await app.WithDbAsync(org.Id, async db => (
            await db.Set<CarePlan>().Where(p => p.PersonId == personId).Select(p => p.Id).SingleAsync(),
            await db.Set<AssessmentResponse>().Where(r => r.PersonId == personId).OrderBy(r => r.SubmittedAt).Select(r => r.Id).FirstAsync(),
            await db.Set<ServiceReferral>().Select(r => r.Id).FirstAsync()));

        var versions = await client.GetPageAsync($"/plans/{planId}/versions");
        Assert.Contains("version 1", versions.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
        foreach (var url in new[] { $"/people/{personId}/plan", $"/assessments/{assessmentId}/summary", $"/service-referrals/{referralId}",
            $"/people/{personId}/contacts", $"/people/{personId}/assessments", $"/people/{personId}/service-referrals" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task The_synthetic_directory_finds_a_service_for_every_concern_and_local_ones_near_the_demo_area()
    {
        await app.WithDbAsync(null, async db =>
        {
            Assert.True(await db.Set<DirectoryService>().CountAsync(s => s.ExternalId!.StartsWith("o2o-synthetic-")) == SeededDemo.DirectoryServices);
            foreach (var item in ConcernCatalogue.Items)
            {
                var found = await DirectorySearch.SearchAsync(db, item.Code, null, 1, CancellationToken.None);
                Assert.True(found!.Total > 0, $"nothing nationwide for {item.Code}");
            }

            var local = await db.Set<DirectoryServiceArea>().CountAsync(a => a.District.StartsWith(DemoData.Partners[0].Area));
            Assert.True(local > 0);
        });
    }

    [Fact]
    public async Task Seeded_people_have_an_england_like_mix_of_ethnicity_codes_with_some_not_stated_and_some_not_recorded()
    {
        var codes = await app.WithDbAsync(null, db => db.People.IgnoreQueryFilters().Select(p => p.Ethnicity).ToListAsync());
        Assert.True(codes.Count >= 300, $"{codes.Count} people");
        Assert.All(codes.Where(c => c is not null), c => Assert.True(OneToOne.People.Ethnicities.IsKnown(c), c));
        var groups = codes.GroupBy(OneToOne.People.Ethnicities.GroupOf).ToDictionary(g => g.Key, g => g.Count());
        var white = (double)groups.GetValueOrDefault(OneToOne.People.Ethnicities.White) / codes.Count;
        Assert.InRange(white, 0.7, 0.9);
        Assert.True(groups.GetValueOrDefault(OneToOne.People.Ethnicities.Asian) > groups.GetValueOrDefault(OneToOne.People.Ethnicities.Black));
        Assert.True(groups.GetValueOrDefault(OneToOne.People.Ethnicities.Black) > 0);
        Assert.True(groups.GetValueOrDefault(OneToOne.People.Ethnicities.Mixed) > 0);
        Assert.Contains("Z", codes);
        Assert.Contains(null, codes);
    }

    [Fact]
    public async Task The_audit_trail_is_intact_after_the_seed()
    {
        Assert.Empty(await app.WithDbAsync(null, db => AuditChain.VerifyAsync(db, CancellationToken.None)));
    }
}

public sealed class SyntheticSeedOnSqlite(SeededSqliteApp app) : SyntheticSeedTests(app), IClassFixture<SeededSqliteApp>;

public sealed class SyntheticSeedOnPostgres(SeededPostgresApp app) : SyntheticSeedTests(app), IClassFixture<SeededPostgresApp>;
