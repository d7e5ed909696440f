using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OneToOne.Platform.Data;

/// <summary>
/// Per-connection SQLite settings, applied each time a connection is opened (the settings live on the connection, not in
/// the file). In WAL mode, synchronous=NORMAL commits without waiting for the disk: the WAL is flushed at each checkpoint
/// instead. A commit can then be lost to a power cut or an operating-system crash (never to an application crash), and
/// the database is never corrupted. Without it every write transaction, including the audit event each list page
/// records, waits for an fsync while holding SQLite's single write lock, which caps the whole server at one commit per
/// fsync (about 160 a second on the benchmark machine). Database:SqliteSynchronous=Full keeps the stricter setting.
/// Rollback-journal (non-WAL) databases keep their synchronous setting: NORMAL is only safe-by-design in WAL.
/// Every SQLite connection also gets a busy timeout (see Apply).
/// </summary>
internal sealed class SqliteConnectionSettings(string synchronous) : DbConnectionInterceptor
{
    private readonly string statement = "PRAGMA synchronous=" + synchronous.ToUpperInvariant() switch
    {
        "FULL" => "FULL",
        "EXTRA" => "EXTRA",
        "NORMAL" => "NORMAL",
        _ => throw new InvalidOperationException("Database:SqliteSynchronous must be Normal, Full or Extra."),
    };

    /// <summary>Puts SQLite in multi-thread mode, once per process and before any connection is opened (afterwards SQLite
    /// refuses the change and keeps its default). The default, serialized, takes the connection's mutex on every call, each
    /// column of each row read included: 7% of the CPU of a national evaluation (bench/README.md). Multi-thread mode asks
    /// only that a connection and its statements are never used on two threads at once. ADO.NET connections are not shared
    /// between threads, and every command here is disposed when done (EF Core's are; ours are in <c>using</c>), so no
    /// statement is left for the finalizer thread to close while its connection is busy elsewhere.</summary>
    public static void UseMultiThreadMode()
    {
        if (Interlocked.Exchange(ref configured, 1) == 0)
        {
            SQLitePCL.Batteries_V2.Init();
            _ = SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MULTITHREAD);
        }
    }

    private static int configured;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        // A writer that finds the write lock taken waits inside SQLite, which retries within a millisecond or two.
        // Otherwise SQLite answers "busy" at once and Microsoft.Data.Sqlite retries itself after sleeping 150 ms:
        // with every list page writing its audit event, 16 concurrent requests collide constantly and the p95 of a
        // 5 ms page becomes 300 ms. Same overall limit as the connection's DefaultTimeout.
        var timeoutMs = (connection is SqliteConnection sqlite ? sqlite.DefaultTimeout : 30) * 1000L;
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout={timeoutMs}");
        command.ExecuteNonQuery();

        command.CommandText = "PRAGMA journal_mode";
        if (!string.Equals(command.ExecuteScalar() as string, "wal", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        command.CommandText = statement;
        command.ExecuteNonQuery();
    }
}
