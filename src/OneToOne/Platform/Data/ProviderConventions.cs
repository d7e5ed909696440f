using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace OneToOne.Platform.Data;

/// <summary>Every difference between SQLite and PostgreSQL lives here (DESIGN.md: one place).</summary>
internal static class ProviderConventions
{
    /// <summary>SQLite cannot compare or order DateTimeOffset or decimal in SQL; store them as numbers there.
    /// All times are UTC, so ordering by the stored number is ordering by time.</summary>
    public static void Configure(DbContext db, ModelConfigurationBuilder conventions)
    {
        if (db.Database.IsSqlite())
        {
            conventions.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            conventions.Properties<decimal>().HaveConversion<double>();
        }
    }

    public static void Apply(DbContext db, ModelBuilder builder)
    {
        _ = db;
        _ = builder;
    }

    /// <summary>Serialises writers of one organisation's audit chain until the transaction ends.
    /// PostgreSQL: a transaction-scoped advisory lock. SQLite: transactions begin IMMEDIATE, so writers are already serial.</summary>
    public static async Task LockAuditChainAsync(DbContext db, Guid organisationId, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            var key = BitConverter.ToInt64(organisationId.ToByteArray(), 0);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", ct);
        }
    }
}
