using Microsoft.EntityFrameworkCore;
using OneToOne.Assessments;
using OneToOne.Contacts;
using OneToOne.Evaluation;
using OneToOne.Evaluation.Costs;
using OneToOne.Evaluation.Live;
using OneToOne.Platform.Auth;
using OneToOne.Tests.Infrastructure;
using static OneToOne.Tests.Evaluation.Live.LiveEvaluationKit;

namespace OneToOne.Tests.Evaluation.Live;

/// <summary>The demo seed gives an evaluator something to see, and running it again changes nothing.</summary>
public abstract class DemoEvaluationSeedTests(OneToOneApp app)
{
    [Fact]
    public async Task The_demo_seed_adds_costs_contacts_questionnaires_and_staff_time_once()
    {
        var period = NewPeriod();
        // Episodes with nothing else, as the demo population has them.
        await ArrangeAsync(app, "A", period, new Arrangement(20, ContactsEach: 0, DistressBefore: null, DistressAfter: null));
        await app.WithDbAsync(null, async db => await LiveEvaluationKit.InstrumentsAsync(db));

        await DemoEvaluationSeed.EnsureAsync(app.Services, CancellationToken.None);
        var first = await CountsAsync();
        Assert.True(first.UnitCosts >= OneToOne.Evaluation.Costs.UnitCostDefaults.Rates.Count);
        Assert.True(first.Contacts >= 40, $"{first.Contacts} contacts");
        Assert.True(first.Outcomes >= 20, $"{first.Outcomes} outcome questionnaires");
        Assert.True(first.StaffTime > 0);

        await DemoEvaluationSeed.EnsureAsync(app.Services, CancellationToken.None);
        Assert.Equal(first, await CountsAsync());

        var evaluator = await app.SignInAsync("A", Roles.Evaluator);
        var page = await evaluator.GetPageAsync("/evaluation" + Query(period));
        Assert.NotEmpty(page.QuerySelectorAll("section#outcomes tbody tr"));
        Assert.NotEqual("0", page.QuerySelectorAll("section#activity tbody tr").First(r => r.TextContent.Contains("Contacts", StringComparison.Ordinal)).QuerySelector("td")!.TextContent.Trim());
    }

    private Task<(int UnitCosts, int Contacts, int Outcomes, int StaffTime)> CountsAsync() => app.WithDbAsync(app.World.Org("A"), async db => (
        await db.Set<UnitCost>().CountAsync(),
        await db.Set<Contact>().CountAsync(),
        await db.Set<AssessmentResponse>().CountAsync(r => r.InstrumentCode == EvaluationInstruments.OutcomesCode),
        await db.Set<StaffTimeRecord>().CountAsync()));
}

public sealed class DemoEvaluationSeedOnSqlite(SqliteApp app) : DemoEvaluationSeedTests(app), IClassFixture<SqliteApp>;

public sealed class DemoEvaluationSeedOnPostgres(PostgresApp app) : DemoEvaluationSeedTests(app), IClassFixture<PostgresApp>;
