using System.Collections;
using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace OneToOne.Platform.Data;

/// <summary>Bulk rows for one entity, without the change tracker: the table and its columns come from the EF model (so a
/// renamed column cannot drift from the migrations) and each value is written in the form EF itself stores: on SQLite
/// Guids as upper-case text, dates as yyyy-MM-dd, DateTimeOffset as DateTimeOffsetToBinaryConverter's long, decimal as
/// REAL, string lists as JSON; on PostgreSQL the native types through binary COPY. Used by the synthetic seed (history and
/// directory tables, whose shapes belong to other modules) and by the Open Referral UK import (new services).</summary>
internal sealed class BulkTable
{
    private static readonly Func<DateTimeOffset, long> Binary = new DateTimeOffsetToBinaryConverter().ConvertToProviderTyped;

    private BulkTable(string table, string[] columns, Func<object, object?>[] getters)
    {
        Table = table;
        Columns = columns;
        Getters = getters;
    }

    public string Table { get; }

    public string[] Columns { get; }

    private Func<object, object?>[] Getters { get; }

    private static readonly ConcurrentDictionary<(IModel Model, Type Type), BulkTable> Cache = new();

    /// <summary>The table of <typeparamref name="T"/> in this context's model (built once per model: it compiles getters).</summary>
    public static BulkTable For<T>(DbContext db) => Cache.GetOrAdd((db.Model, typeof(T)), key => Build<T>(key.Model));

    private static BulkTable Build<T>(IModel model)
    {
        var entity = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var properties = entity.GetProperties().Where(p => p.PropertyInfo is not null).ToList();
        if (properties.Count != entity.GetProperties().Count())
        {
            throw new InvalidOperationException($"{typeof(T).Name} has shadow properties the bulk writer cannot fill.");
        }

        return new BulkTable(
            entity.GetTableName()!,
            [.. properties.Select(p => p.GetColumnName())],
            [.. properties.Select(p => Getter(typeof(T), p.PropertyInfo!))]);
    }

    private static Func<object, object?> Getter(Type type, System.Reflection.PropertyInfo property)
    {
        var entity = Expression.Parameter(typeof(object), "e");
        var body = Expression.Convert(Expression.Property(Expression.Convert(entity, type), property), typeof(object));
        return Expression.Lambda<Func<object, object?>>(body, entity).Compile();
    }

    /// <summary>Inserts the rows on the connection, inside <paramref name="transaction"/>: prepared INSERTs on SQLite, binary COPY on PostgreSQL.</summary>
    public void Insert(DbConnection connection, DbTransaction transaction, IEnumerable rows)
    {
        switch (connection)
        {
            case SqliteConnection sqlite:
                using (var command = PrepareSqlite(sqlite, (SqliteTransaction)transaction))
                {
                    InsertSqlite(command, rows);
                }

                break;
            case NpgsqlConnection npgsql:
                CopyPostgres(npgsql, rows);
                break;
            default:
                throw new NotSupportedException("Bulk rows need SQLite or PostgreSQL.");
        }
    }

    /// <summary>A value as a command parameter takes it on this connection, stored the way EF stores it.</summary>
    public static object ParameterValue(DbConnection connection, object? value) => connection is SqliteConnection
        ? SqliteValue(value)
        : value switch
        {
            null => DBNull.Value,
            Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture),
            DateTimeOffset t => t.ToUniversalTime(),
            _ => value,
        };

    /// <summary>A prepared INSERT of one row, reused for every row (the caller owns the command).</summary>
    public SqliteCommand PrepareSqlite(SqliteConnection connection, SqliteTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Table and column names come from the EF model, not from input.
        command.CommandText = $"INSERT INTO \"{Table}\" ({string.Join(", ", Columns.Select(c => "\"" + c + "\""))}) VALUES ({string.Join(", ", Columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
#pragma warning restore CA2100
        for (var i = 0; i < Columns.Length; i++)
        {
            command.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), DBNull.Value));
        }

        command.Prepare();
        return command;
    }

    public void InsertSqlite(SqliteCommand command, IEnumerable rows)
    {
        foreach (var row in rows)
        {
            for (var i = 0; i < Getters.Length; i++)
            {
                command.Parameters[i].Value = SqliteValue(Getters[i](row!));
            }

            command.ExecuteNonQuery();
        }
    }

    public void CopyPostgres(NpgsqlConnection connection, IEnumerable rows)
    {
        using var w = connection.BeginBinaryImport(
            $"COPY \"{Table}\" ({string.Join(", ", Columns.Select(c => "\"" + c + "\""))}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            w.StartRow();
            foreach (var getter in Getters)
            {
                WritePostgres(w, getter(row!));
            }
        }

        w.Complete();
    }

    private static object SqliteValue(object? value) => value switch
    {
        null => DBNull.Value,
        Guid g => g.ToString("D").ToUpperInvariant(),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => Binary(t),
        decimal m => (double)m,
        List<string> list => JsonSerializer.Serialize(list),
        Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture),
        _ => value,
    };

    private static void WritePostgres(NpgsqlBinaryImporter w, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNull();
                break;
            case Guid g:
                w.Write(g, NpgsqlDbType.Uuid);
                break;
            case string s:
                // varchar and text share one binary format.
                w.Write(s, NpgsqlDbType.Text);
                break;
            case int i:
                w.Write(i, NpgsqlDbType.Integer);
                break;
            case bool b:
                w.Write(b, NpgsqlDbType.Boolean);
                break;
            case DateOnly d:
                w.Write(d, NpgsqlDbType.Date);
                break;
            case DateTimeOffset t:
                w.Write(t.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                break;
            case decimal m:
                w.Write(m, NpgsqlDbType.Numeric);
                break;
            case List<string> list:
                w.Write(list, NpgsqlDbType.Array | NpgsqlDbType.Text);
                break;
            case Enum e:
                w.Write(Convert.ToInt32(e, CultureInfo.InvariantCulture), NpgsqlDbType.Integer);
                break;
            default:
                throw new NotSupportedException($"The bulk writer has no PostgreSQL type for {value.GetType().Name}.");
        }
    }
}
