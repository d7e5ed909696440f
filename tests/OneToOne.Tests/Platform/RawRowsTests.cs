using Microsoft.EntityFrameworkCore;
using OneToOne.Evaluation.Costs;
using OneToOne.People;
using OneToOne.Platform.Data;
using OneToOne.Referrals;
using OneToOne.Tests.Infrastructure;

namespace OneToOne.Tests.Platform;

/// <summary>RawRows and RawValues read what EF Core stored, on each provider: ids, nullable ids, enums, UK-midnight-crossing
/// UTC times (SQLite keeps them as EF's packed binary number), dates (ISO text on SQLite) and decimals, exactly as EF reads
/// them; the SQLite table-scan hint keeps the query's answer; a projection that does not give the columns promised fails.</summary>
public abstract class RawRowsTests(OneToOneApp app)
{
    private static readonly bool[] Scans = [false, true];

    [Fact]
    public async Task Raw_rows_read_the_same_values_as_EF_and_a_scan_gives_the_same_rows()
    {
        var org = app.World.Org("A");
        var marker = "Raw " + Guid.NewGuid().ToString("N")[..8];
        var triaged = new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero); // 01:30 in the UK: the clocks changed at 01:00
        var discharged = new DateTimeOffset(2025, 10, 26, 23, 59, 59, 999, TimeSpan.Zero);
        var keyWorker = app.World.Account("A", OneToOne.Platform.Auth.Roles.SupportWorker).StaffId!.Value;
        await app.WithDbAsync(org, async db =>
        {
            var person = new Person
            {
                NhsNumber = NhsNumber.CreateTestNumber(new Random(7)), GivenName = "Raw", FamilyName = "Rows", DateOfBirth = new DateOnly(1951, 12, 31),
                Postcode = "LS6 2AB", TumourSite = "breast", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            };
            db.People.Add(person);
            db.Referrals.Add(new Referral
            {
                PersonId = person.Id, ReferrerName = marker, Reason = "End of treatment", ReceivedOn = new DateOnly(2026, 2, 28),
                TriageDueOn = new DateOnly(2026, 3, 6), Status = ReferralStatus.Discharged, Level = PathwayLevel.SharedCare,
                TriagedAt = triaged, DischargedAt = discharged, KeyWorkerId = keyWorker, Channel = "page", CreatedAt = DateTimeOffset.UtcNow,
            });
            db.Referrals.Add(new Referral
            {
                PersonId = person.Id, ReferrerName = marker, Reason = "Second", ReceivedOn = new DateOnly(2026, 4, 1),
                TriageDueOn = new DateOnly(2026, 4, 8), Status = ReferralStatus.Received, Channel = "page", CreatedAt = DateTimeOffset.UtcNow,
            });
            db.Set<UnitCost>().Add(new UnitCost
            {
                StaffRole = marker, CostPerHour = 41.37m, EffectiveFrom = new DateOnly(2024, 4, 1), LoadedAt = DateTimeOffset.UtcNow, LoadedBy = "test",
            });
            await db.SaveChangesAsync();
        });

        await app.WithDbAsync(org, async db =>
        {
            var query = db.Referrals.AsNoTracking().Where(r => r.ReferrerName == marker && r.ReceivedOn >= new DateOnly(2026, 1, 1))
                .OrderBy(r => r.ReceivedOn)
                .Select(r => new { r.Id, r.ReceivedOn, r.Status, r.Level, r.TriagedAt, r.DischargedAt, r.KeyWorkerId });
            var expected = await query.ToListAsync();
            var raw = RawValues.For(db);
            foreach (var scan in Scans)
            {
                var read = RawRows.Stream(db, query, 7, scan).Select(r => new
                {
                    Id = raw.Id(r, 0), ReceivedOn = raw.Date(r, 1), Status = (ReferralStatus)raw.Int(r, 2), Level = (PathwayLevel?)raw.IntOrNull(r, 3),
                    Triaged = raw.UtcTicksOrNull(r, 4), Discharged = raw.UtcTicksOrNull(r, 5), KeyWorker = raw.IdOrNull(r, 6),
                }).ToList();
                Assert.Equal(2, read.Count);
                for (var i = 0; i < read.Count; i++)
                {
                    Assert.Equal(expected[i].Id, read[i].Id);
                    Assert.Equal(expected[i].ReceivedOn, read[i].ReceivedOn);
                    Assert.Equal(expected[i].Status, read[i].Status);
                    Assert.Equal(expected[i].Level, read[i].Level);
                    Assert.Equal(expected[i].TriagedAt?.UtcTicks, read[i].Triaged);
                    Assert.Equal(expected[i].DischargedAt?.UtcTicks, read[i].Discharged);
                    Assert.Equal(expected[i].KeyWorkerId, read[i].KeyWorker);
                }
            }

            // What was stored (to the millisecond: SQLite's packed number keeps 100 microseconds, PostgreSQL one).
            Assert.Equal(triaged.UtcTicks, RawRows.Stream(db, query, 7).Select(r => raw.UtcTicksOrNull(r, 4)).First());
            Assert.Equal(discharged.UtcTicks, RawRows.Stream(db, query, 7).Select(r => raw.UtcTicksOrNull(r, 5)).First());
            Assert.Equal(new DateOnly(2026, 2, 28), RawRows.Stream(db, query, 7).Select(r => raw.Date(r, 1)).First());

            var cost = db.Set<UnitCost>().AsNoTracking().Where(u => u.StaffRole == marker).Select(u => new { u.CostPerHour, u.Band, u.Source });
            var row = RawRows.Stream(db, cost, 3, scan: true).Select(r => (raw.NumberOrNull(r, 0), raw.IntOrNull(r, 1), raw.TextOrNull(r, 2))).Single();
            Assert.Equal((41.37, (int?)null, (string?)null), row);

            // A flag computed in SQL (an integer on SQLite, a boolean on PostgreSQL).
            var open = db.Referrals.AsNoTracking().Where(r => r.ReferrerName == marker).OrderBy(r => r.ReceivedOn)
                .Select(r => new { r.Id, Open = r.DischargedAt == null });
            Assert.Equal([false, true], RawRows.Stream(db, open, 2).Select(r => raw.Flag(r, 1)).ToList());
            Assert.Equal(await open.Select(r => r.Id).ToListAsync(), RawRows.Stream(db, open, 2).Select(r => raw.Id(r, 0)).ToList());

            var problem = Assert.Throws<InvalidOperationException>(() => RawRows.Stream(db, query, 6).ToList());
            Assert.Contains("7 columns where 6 were expected", problem.Message, StringComparison.Ordinal);
        });
    }
}

public sealed class RawRowsOnSqlite(SqliteApp app) : RawRowsTests(app), IClassFixture<SqliteApp>
{
    /// <summary>The values above were read with the statement's pointer, not through SQLitePCL's slower calls.</summary>
    [Fact]
    public void Sqlite_values_are_read_with_the_statement_pointer() => Assert.True(SqliteColumns.Direct);
}

public sealed class RawRowsOnPostgres(PostgresApp app) : RawRowsTests(app), IClassFixture<PostgresApp>;
