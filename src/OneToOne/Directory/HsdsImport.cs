using System.Text;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.ServiceDirectory;

/// <summary>The validation report: what was saved and each record left out, with why.</summary>
public sealed record HsdsImportReport(string? FileError, int Records, int Created, int Updated, int Skipped,
    IReadOnlyList<HsdsProblem> Problems, IReadOnlyList<HsdsProblem> Warnings);

/// <summary>Upserts HSDS services by their id. Bulk-friendly: change detection is off and rows are saved in
/// batches of <see cref="BatchSize"/> services (EF batches the INSERTs into few round trips), so 10,000 services
/// import in a few seconds on either database (bench/README.md). Good records are kept whatever happens to bad ones.</summary>
internal sealed class HsdsImport(OneToOneDb db, AuditTrail audit, CurrentUser user, TimeProvider clock)
{
    public const int MaxBytes = 20 * 1024 * 1024;
    public const int BatchSize = 1000;

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
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var batch in parse.Services.Chunk(BatchSize))
            {
                var ids = batch.Select(b => b.ExternalId).ToList();
                var existing = await db.Set<DirectoryService>()
                    .Where(s => s.ExternalId != null && ids.Contains(s.ExternalId))
                    .Include(s => s.Categories).Include(s => s.Areas)
                    .AsSplitQuery()
                    .ToDictionaryAsync(s => s.ExternalId!, StringComparer.Ordinal, ct);
                foreach (var record in batch)
                {
                    if (existing.TryGetValue(record.ExternalId, out var service))
                    {
                        Apply(service, record, now);
                        db.Set<DirectoryServiceCategory>().RemoveRange(service.Categories.Where(c => !record.Codes.Contains(c.Code, StringComparer.Ordinal)));
                        db.Set<DirectoryServiceCategory>().AddRange(record.Codes.Where(c => !service.Categories.Any(x => x.Code == c))
                            .Select(c => new DirectoryServiceCategory { ServiceId = service.Id, Code = c }));
                        var rows = DirectoryRules.AreaRows(record.Nationwide, record.Districts);
                        db.Set<DirectoryServiceArea>().RemoveRange(service.Areas.Where(a => !rows.Contains(a.District, StringComparer.Ordinal)));
                        db.Set<DirectoryServiceArea>().AddRange(rows.Where(d => !service.Areas.Any(x => x.District == d))
                            .Select(d => new DirectoryServiceArea { ServiceId = service.Id, District = d }));
                        db.Entry(service).State = EntityState.Modified;
                        updated++;
                    }
                    else
                    {
                        service = new DirectoryService { Name = record.Name, ProviderOrganisationName = record.ProviderOrganisationName, AddedByOrganisationId = user.OrganisationId };
                        Apply(service, record, now);
                        // Children are added explicitly: with change detection off, navigations are not walked.
                        db.Set<DirectoryService>().Add(service);
                        db.Set<DirectoryServiceCategory>().AddRange(record.Codes.Select(c => new DirectoryServiceCategory { ServiceId = service.Id, Code = c }));
                        db.Set<DirectoryServiceArea>().AddRange(DirectoryRules.AreaRows(record.Nationwide, record.Districts).Select(d => new DirectoryServiceArea { ServiceId = service.Id, District = d }));
                        created++;
                    }
                }

                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }

        if (user.OrganisationId is not null)
        {
            audit.Record("directory.import", "DirectoryService", Guid.Empty, null,
                $"{parse.Services.Count + parse.Problems.Count} records; {created} created; {updated} updated; {parse.Problems.Count} skipped");
            await db.SaveChangesAsync(ct);
        }

        return new HsdsImportReport(null, parse.Services.Count + parse.Problems.Count, created, updated, parse.Problems.Count, parse.Problems, parse.Warnings);
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
