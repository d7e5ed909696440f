using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.ServiceDirectory;

/// <summary>The validation report: what was saved and each record left out, with why.</summary>
public sealed record HsdsImportReport(string? FileError, int Records, int Created, int Updated, int Skipped,
    IReadOnlyList<HsdsProblem> Problems, IReadOnlyList<HsdsProblem> Warnings);

/// <summary>Upserts HSDS services by their id. Bulk: each batch of <see cref="BatchSize"/> services is read with three
/// untracked queries (the services by id, then their categories and areas) and written in one transaction without the
/// change tracker: new services and their rows as prepared INSERTs on SQLite or binary COPY on PostgreSQL, changed ones
/// as UPDATEs checked against the Version read (a service edited meanwhile stops the import with a concurrency conflict,
/// as a tracked save would), and only the categories and areas that changed inserted or deleted. 10,000 services import
/// in a few seconds on either database (bench/README.md). Good records are kept whatever happens to bad ones.</summary>
internal sealed class HsdsImport(OneToOneDb db, AuditTrail audit, CurrentUser user, TimeProvider clock)
{
    public const int MaxBytes = 20 * 1024 * 1024;
    public const int BatchSize = 1000;

    /// <summary>The columns an import rewrites (everything but the id, who added it and the concurrency token).</summary>
    private static readonly string[] UpdatedColumns =
    [
        nameof(DirectoryService.ExternalId), nameof(DirectoryService.Name), nameof(DirectoryService.ProviderOrganisationName),
        nameof(DirectoryService.Description), nameof(DirectoryService.Eligibility), nameof(DirectoryService.Nationwide),
        nameof(DirectoryService.Phone), nameof(DirectoryService.Email), nameof(DirectoryService.Website), nameof(DirectoryService.Address),
        nameof(DirectoryService.HowToUse), nameof(DirectoryService.Active), nameof(DirectoryService.UpdatedAt),
    ];

    private sealed record Existing(Guid Id, string ExternalId, Guid Version);

    public async Task<HsdsImportReport> ImportAsync(Stream stream, long? length, CancellationToken ct)
    {
        if (length > MaxBytes)
        {
            return FileProblem("The file must be 20 MB or smaller");
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var buffer = new char[MaxBytes + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
        if (read > MaxBytes)
        {
            return FileProblem("The file must be 20 MB or smaller");
        }

        return await ImportAsync(new string(buffer, 0, read), ct);
    }

    public async Task<HsdsImportReport> ImportAsync(string text, CancellationToken ct)
    {
        var parse = HsdsParser.Parse(text);
        if (parse.FileError is not null)
        {
            return FileProblem(parse.FileError);
        }

        var created = 0;
        var updated = 0;
        var now = clock.GetUtcNow();
        var services = BulkTable.For<DirectoryService>(db);
        var categories = BulkTable.For<DirectoryServiceCategory>(db);
        var areas = BulkTable.For<DirectoryServiceArea>(db);
        foreach (var batch in parse.Services.Chunk(BatchSize))
        {
            var ids = batch.Select(b => b.ExternalId).ToList();
            var existing = await db.Set<DirectoryService>().AsNoTracking()
                .Where(s => s.ExternalId != null && ids.Contains(s.ExternalId))
                .Select(s => new Existing(s.Id, s.ExternalId!, s.Version))
                .ToDictionaryAsync(s => s.ExternalId, StringComparer.Ordinal, ct);
            var existingIds = existing.Values.Select(e => e.Id).ToList();
            var oldCodes = (existingIds.Count == 0 ? new List<DirectoryServiceCategory>() : await db.Set<DirectoryServiceCategory>().AsNoTracking()
                .Where(c => existingIds.Contains(c.ServiceId)).ToListAsync(ct)).ToLookup(c => c.ServiceId, c => c.Code);
            var oldAreas = (existingIds.Count == 0 ? new List<DirectoryServiceArea>() : await db.Set<DirectoryServiceArea>().AsNoTracking()
                .Where(a => existingIds.Contains(a.ServiceId)).ToListAsync(ct)).ToLookup(a => a.ServiceId, a => a.District);

            var added = new List<DirectoryService>();
            var changed = new List<(DirectoryService Service, Guid Version)>();
            var addCategories = new List<DirectoryServiceCategory>();
            var removeCategories = new List<DirectoryServiceCategory>();
            var addAreas = new List<DirectoryServiceArea>();
            var removeAreas = new List<DirectoryServiceArea>();
            foreach (var record in batch)
            {
                var rows = DirectoryRules.AreaRows(record.Nationwide, record.Districts);
                if (existing.TryGetValue(record.ExternalId, out var found))
                {
                    var service = new DirectoryService { Id = found.Id, Name = record.Name, ProviderOrganisationName = record.ProviderOrganisationName };
                    Apply(service, record, now);
                    changed.Add((service, found.Version));
                    var codes = oldCodes[found.Id].ToList();
                    removeCategories.AddRange(codes.Where(c => !record.Codes.Contains(c, StringComparer.Ordinal))
                        .Select(c => new DirectoryServiceCategory { ServiceId = found.Id, Code = c }));
                    addCategories.AddRange(record.Codes.Where(c => !codes.Contains(c, StringComparer.Ordinal))
                        .Select(c => new DirectoryServiceCategory { ServiceId = found.Id, Code = c }));
                    var districts = oldAreas[found.Id].ToList();
                    removeAreas.AddRange(districts.Where(d => !rows.Contains(d, StringComparer.Ordinal))
                        .Select(d => new DirectoryServiceArea { ServiceId = found.Id, District = d }));
                    addAreas.AddRange(rows.Where(d => !districts.Contains(d, StringComparer.Ordinal))
                        .Select(d => new DirectoryServiceArea { ServiceId = found.Id, District = d }));
                    updated++;
                }
                else
                {
                    var service = new DirectoryService { Name = record.Name, ProviderOrganisationName = record.ProviderOrganisationName, AddedByOrganisationId = user.OrganisationId };
                    Apply(service, record, now);
                    added.Add(service);
                    addCategories.AddRange(record.Codes.Select(c => new DirectoryServiceCategory { ServiceId = service.Id, Code = c }));
                    addAreas.AddRange(rows.Select(d => new DirectoryServiceArea { ServiceId = service.Id, District = d }));
                    created++;
                }
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var connection = db.Database.GetDbConnection();
            var dbTransaction = transaction.GetDbTransaction();
            // Parents before children; removed rows go before added ones.
            services.Insert(connection, dbTransaction, added);
            await UpdateAsync(connection, dbTransaction, changed, ct);
            await DeleteAsync(connection, dbTransaction, categories.Table, nameof(DirectoryServiceCategory.Code), removeCategories.Select(c => (c.ServiceId, c.Code)), ct);
            await DeleteAsync(connection, dbTransaction, areas.Table, nameof(DirectoryServiceArea.District), removeAreas.Select(a => (a.ServiceId, a.District)), ct);
            categories.Insert(connection, dbTransaction, addCategories);
            areas.Insert(connection, dbTransaction, addAreas);
            await transaction.CommitAsync(ct);
        }

        if (user.OrganisationId is not null)
        {
            audit.Record("directory.import", "DirectoryService", Guid.Empty, null,
                $"{parse.Services.Count + parse.Problems.Count} records; {created} created; {updated} updated; {parse.Problems.Count} skipped");
            await db.SaveChangesAsync(ct);
        }

        return new HsdsImportReport(null, parse.Services.Count + parse.Problems.Count, created, updated, parse.Problems.Count, parse.Problems, parse.Warnings);
    }

    /// <summary>One UPDATE per changed service, each only where the Version is still the one read, which it renews; all in one
    /// round trip where the provider batches commands (PostgreSQL), else through one prepared command (SQLite, in process).</summary>
    private static async Task UpdateAsync(DbConnection connection, DbTransaction transaction, List<(DirectoryService Service, Guid Version)> changed,
        CancellationToken ct)
    {
        if (changed.Count == 0)
        {
            return;
        }

        var sets = string.Join(", ", UpdatedColumns.Select((c, i) => $"\"{c}\" = @p{i}"));
        var sql = $"UPDATE \"DirectoryServices\" SET {sets}, \"Version\" = @version WHERE \"Id\" = @id AND \"Version\" = @old";
        object?[] Values(DirectoryService s) =>
            [s.ExternalId, s.Name, s.ProviderOrganisationName, s.Description, s.Eligibility, s.Nationwide, s.Phone, s.Email, s.Website, s.Address, s.HowToUse, s.Active, s.UpdatedAt];
        void Bind(DbParameterCollection parameters, Func<DbParameter> make, DirectoryService s, Guid old)
        {
            var values = Values(s);
            for (var i = 0; i < values.Length; i++)
            {
                Set(parameters, make, "@p" + i.ToString(CultureInfo.InvariantCulture), values[i]);
            }

            Set(parameters, make, "@version", Guid.NewGuid());
            Set(parameters, make, "@id", s.Id);
            Set(parameters, make, "@old", old);
        }

        void Set(DbParameterCollection parameters, Func<DbParameter> make, string name, object? value)
        {
            var parameter = parameters.Contains(name) ? parameters[name] : make();
            parameter.ParameterName = name;
            parameter.Value = BulkTable.ParameterValue(connection, value);
            if (!parameters.Contains(name))
            {
                parameters.Add(parameter);
            }
        }

        var conflicts = 0;
        if (connection.CanCreateBatch)
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var (service, old) in changed)
            {
                var command = batch.CreateBatchCommand();
#pragma warning disable CA2100 // Column names are constants of this class, not input.
                command.CommandText = sql;
#pragma warning restore CA2100
                Bind(command.Parameters, () => connection.CreateCommand().CreateParameter(), service, old);
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(ct);
            conflicts = batch.BatchCommands.Count(c => c.RecordsAffected != 1);
        }
        else
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
#pragma warning disable CA2100 // Column names are constants of this class, not input.
            command.CommandText = sql;
#pragma warning restore CA2100
            foreach (var (service, old) in changed)
            {
                Bind(command.Parameters, command.CreateParameter, service, old);
                conflicts += await command.ExecuteNonQueryAsync(ct) == 1 ? 0 : 1;
            }
        }

        if (conflicts > 0)
        {
            throw new DbUpdateConcurrencyException(string.Create(CultureInfo.InvariantCulture,
                $"{conflicts} directory service(s) were changed or removed by someone else during the import."));
        }
    }

    /// <summary>Deletes child rows by their key (service id and code or district).</summary>
    private static async Task DeleteAsync(DbConnection connection, DbTransaction transaction, string table, string column,
        IEnumerable<(Guid ServiceId, string Value)> keys, CancellationToken ct)
    {
        DbCommand? command = null;
        try
        {
            foreach (var (serviceId, value) in keys)
            {
                if (command is null)
                {
                    command = connection.CreateCommand();
                    command.Transaction = transaction;
#pragma warning disable CA2100 // Table and column names come from the EF model and this class, not input.
                    command.CommandText = $"DELETE FROM \"{table}\" WHERE \"ServiceId\" = @service AND \"{column}\" = @value";
#pragma warning restore CA2100
                    var s = command.CreateParameter();
                    s.ParameterName = "@service";
                    command.Parameters.Add(s);
                    var v = command.CreateParameter();
                    v.ParameterName = "@value";
                    command.Parameters.Add(v);
                }

                command.Parameters["@service"].Value = BulkTable.ParameterValue(connection, serviceId);
                command.Parameters["@value"].Value = value;
                await command.ExecuteNonQueryAsync(ct);
            }
        }
        finally
        {
            if (command is not null)
            {
                await command.DisposeAsync();
            }
        }
    }

    private static void Apply(DirectoryService s, HsdsService r, DateTimeOffset now)
    {
        s.ExternalId = r.ExternalId;
        s.Name = r.Name;
        s.ProviderOrganisationName = r.ProviderOrganisationName;
        s.Description = r.Description;
        s.Eligibility = r.Eligibility;
        s.Nationwide = r.Nationwide;
        s.Phone = r.Phone;
        s.Email = r.Email;
        s.Website = r.Website;
        s.Address = r.Address;
        s.HowToUse = r.HowToUse;
        s.Active = r.Active;
        s.UpdatedAt = now;
    }

    private static HsdsImportReport FileProblem(string message) => new(message, 0, 0, 0, 0, [], []);
}
