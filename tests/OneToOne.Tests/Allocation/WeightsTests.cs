using System.Net.Http.Json;
using System.Text.Json;
using OneToOne.Platform.Auth;
using OneToOne.Referrals;
using OneToOne.Tests.Infrastructure;

namespace OneToOne.Tests.Allocation;

/// <summary>The same people, ranked under the default weights and under ComplexWeight = 5.</summary>
public abstract class WeightsTests(OneToOneApp app, bool complexWeighsFive)
{
    [Fact]
    public async Task The_complex_weight_setting_changes_who_ranks_higher()
    {
        // P holds one complex person, Q four self-management people; otherwise they are alike.
        // Default (complex = 3): P has used 3 units, Q 4, so P ranks above Q. With complex = 5, P has used 5: Q ranks above.
        var p = await Arrange.StaffAsync(app, "A", "Clinical nurse specialist", Arrange.Unique("Weighted P"), s => s.CaseloadCapacity = 20);
        var q = await Arrange.StaffAsync(app, "A", "Clinical nurse specialist", Arrange.Unique("Weighted Q"), s => s.CaseloadCapacity = 20);
        await Arrange.FillCaseloadAsync(app, "A", p.Id, PathwayLevel.ComplexCaseManagement, 1);
        await Arrange.FillCaseloadAsync(app, "A", q.Id, PathwayLevel.SupportedSelfManagement, 4);
        var (_, referral) = await Arrange.AcceptedAsync(app, "A", PathwayLevel.SupportedSelfManagement);
        var lead = await app.SignInAsync("A", Roles.TeamLead);

        var body = await lead.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{referral.Id}/candidates");

        var ids = body.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("staffMemberId").GetGuid()).ToList();
        var pUsed = body.GetProperty("candidates").EnumerateArray().Single(c => c.GetProperty("staffMemberId").GetGuid() == p.Id).GetProperty("weightedCaseload").GetDecimal();
        Assert.Equal(complexWeighsFive ? 5m : 3m, pUsed);
        Assert.Equal(complexWeighsFive, ids.IndexOf(q.Id) < ids.IndexOf(p.Id));
    }
}

public sealed class ComplexWeighsFiveSqliteApp() : OneToOneApp(Provider.Sqlite, new Dictionary<string, string?> { ["Allocation:ComplexWeight"] = "5" });

public sealed class ComplexWeighsFivePostgresApp() : OneToOneApp(Provider.Postgres, new Dictionary<string, string?> { ["Allocation:ComplexWeight"] = "5" });

public sealed class DefaultWeightsOnSqlite(SqliteApp app) : WeightsTests(app, false), IClassFixture<SqliteApp>;

public sealed class ComplexWeighsFiveOnSqlite(ComplexWeighsFiveSqliteApp app) : WeightsTests(app, true), IClassFixture<ComplexWeighsFiveSqliteApp>;

public sealed class DefaultWeightsOnPostgres(PostgresApp app) : WeightsTests(app, false), IClassFixture<PostgresApp>;

public sealed class ComplexWeighsFiveOnPostgres(ComplexWeighsFivePostgresApp app) : WeightsTests(app, true), IClassFixture<ComplexWeighsFivePostgresApp>;
