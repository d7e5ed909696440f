using System.Data;
using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace OneToOne.Platform.Data;

/// <summary>Streams the rows of an EF Core query straight from the provider's data reader, for reads of millions of rows
/// (the programme evaluation): EF writes the SQL and its parameters (so the query is the same LINQ on SQLite and
/// PostgreSQL), and the caller reads each row's columns by position with <see cref="RawValues"/>, with no materialisation,
/// change tracking or per-row async step. The columns are those of the query's projection, in its order: project each
/// column once (EF folds a repeated column into one), and give the number expected so a mismatch fails loudly.</summary>
internal static partial class RawRows
{
    [GeneratedRegex("FROM \"\\w+\" AS \"\\w+\"")]
    private static partial Regex FirstTable();

    /// <param name="db">The context whose connection runs the query.</param>
    /// <param name="query">The query, projected to the columns to read.</param>
    /// <param name="columns">How many columns the projection gives.</param>
    /// <param name="scan">The query reads most of its first table: on SQLite, read it by a plain table scan (NOT INDEXED).
    /// Given a range on a column that ends an index, SQLite's planner may skip-scan the index and look every row up in the
    /// table, several times slower than scanning it (4.8 s against 1.9 s for 3 million contacts). PostgreSQL chooses well.</param>
    public static IEnumerable<DbDataReader> Stream<T>(DbContext db, IQueryable<T> query, int columns, bool scan = false)
    {
        using var command = query.CreateDbCommand();
        if (scan && db.Database.IsSqlite())
        {
            command.CommandText = FirstTable().Replace(command.CommandText, "$0 NOT INDEXED", 1);
        }

        var connection = command.Connection ?? throw new InvalidOperationException("The query's command has no connection.");
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            db.Database.OpenConnection();
        }

        try
        {
            using var reader = command.ExecuteReader();
            if (reader.FieldCount != columns)
            {
                throw new InvalidOperationException($"The query returns {reader.FieldCount} columns where {columns} were expected: project each column once.");
            }

            while (reader.Read())
            {
                yield return reader;
            }
        }
        finally
        {
            if (opened)
            {
                db.Database.CloseConnection();
            }
        }
    }
}

/// <summary>Reads a raw row's values as the model stores them: the one place that knows how each provider keeps times, dates
/// and decimals (see <see cref="ProviderConventions"/>: SQLite keeps a DateTimeOffset as EF's binary number, a date as
/// ISO text and a decimal as a double; PostgreSQL has timestamptz, date and numeric).
/// <para>On SQLite the values are read straight from the reader's prepared statement (<see cref="SqliteDataReader.Handle"/>,
/// public API): an id's or a date's text is parsed from its UTF-8 bytes in place, with no string made, and numbers skip
/// the reader's per-call checks. That halves the cost of a contact row (3.2 million in a national evaluation). Anything
/// not stored as expected (an id kept as a blob, say) falls back to the reader's own methods.</para></summary>
internal sealed class RawValues(bool sqlite)
{
    public static RawValues For(DbContext db) => new(db.Database.IsSqlite());

    /// <summary>The current row's statement when the row is SQLite's (null otherwise).</summary>
    private sqlite3_stmt? Statement(DbDataReader row) => sqlite && row is SqliteDataReader r ? r.Handle : null;

    public bool IsNull(DbDataReader row, int column) =>
        Statement(row) is { } statement ? SqliteColumns.Type(statement, column) == raw.SQLITE_NULL : row.IsDBNull(column);

    public Guid Id(DbDataReader row, int column) =>
        Statement(row) is { } statement && SqliteColumns.Type(statement, column) == raw.SQLITE_TEXT
            && Guid.TryParse(SqliteColumns.Bytes(statement, column), out var id)
            ? id
            : row.GetGuid(column);

    public Guid? IdOrNull(DbDataReader row, int column) => IsNull(row, column) ? null : Id(row, column);

    public int Int(DbDataReader row, int column) => sqlite ? checked((int)Integer(row, column)) : row.GetInt32(column);

    public int? IntOrNull(DbDataReader row, int column) => IsNull(row, column) ? null : Int(row, column);

    public bool Flag(DbDataReader row, int column) => sqlite ? Integer(row, column) != 0 : row.GetBoolean(column);

    public string? TextOrNull(DbDataReader row, int column) => IsNull(row, column) ? null : row.GetString(column);

    public double? NumberOrNull(DbDataReader row, int column) =>
        IsNull(row, column) ? null
        : Statement(row) is { } statement && SqliteColumns.Type(statement, column) is raw.SQLITE_FLOAT or raw.SQLITE_INTEGER
            ? SqliteColumns.Double(statement, column)
        : sqlite ? row.GetDouble(column) : (double)row.GetDecimal(column);

    /// <summary>A stored UTC time as UTC ticks. SQLite: EF's DateTimeOffsetToBinaryConverter keeps (clock ticks / 1000) shifted
    /// left 11 bits with the offset in minutes in the low 11 bits.</summary>
    public long UtcTicks(DbDataReader row, int column)
    {
        if (!sqlite)
        {
            return row.GetFieldValue<DateTime>(column).Ticks;
        }

        var packed = Integer(row, column);
        var offsetMinutes = (packed << 53) >> 53;
        return ((packed >> 11) * 1000) - (offsetMinutes * TimeSpan.TicksPerMinute);
    }

    public long? UtcTicksOrNull(DbDataReader row, int column) => IsNull(row, column) ? null : UtcTicks(row, column);

    public DateOnly Date(DbDataReader row, int column)
    {
        if (!sqlite)
        {
            return row.GetFieldValue<DateOnly>(column);
        }

        return Statement(row) is { } statement && SqliteColumns.Type(statement, column) == raw.SQLITE_TEXT
            && TryParseIsoDate(SqliteColumns.Bytes(statement, column), out var date)
            ? date
            : DateOnly.Parse(row.GetString(column), System.Globalization.CultureInfo.InvariantCulture);
    }

    public DateOnly? DateOrNull(DbDataReader row, int column) => IsNull(row, column) ? null : Date(row, column);

    /// <summary>A SQLite integer column (EF keeps ints, enums, bools and times as integers).</summary>
    private long Integer(DbDataReader row, int column) =>
        Statement(row) is { } statement && SqliteColumns.Type(statement, column) == raw.SQLITE_INTEGER
            ? SqliteColumns.Int64(statement, column)
            : row.GetInt64(column);

    /// <summary>yyyy-MM-dd from its UTF-8 bytes (false for anything else, which the caller parses the slow way).</summary>
    private static bool TryParseIsoDate(ReadOnlySpan<byte> text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != (byte)'-' || text[7] != (byte)'-'
            || !TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var b in text)
        {
            var digit = b - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
