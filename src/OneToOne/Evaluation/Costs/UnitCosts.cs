using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Evaluation.Costs;

/// <summary>What adding rates came to: nothing is stored when there are errors.</summary>
public sealed record UnitCostSaveResult(int Added, int Closed, IReadOnlyList<UnitCostRowError> Errors, string? FileError = null)
{
    public bool Saved => FileError is null && Errors.Count == 0;

    public static UnitCostSaveResult Refused(string message) => new(0, 0, [], message);
}

/// <summary>Unit costs: the rate of each staff role on a day (for the live evaluation), and adding rates, one from the
/// page or a table from a CSV file. Adding is all or nothing: every row is checked first, then every rate is added and
/// the role's previous rate closed in ONE save (one transaction, with its audit row).</summary>
internal sealed class UnitCosts(OneToOneDb db, AuditTrail audit, CurrentUser user, TimeProvider clock)
{
    public const long MaxBytes = 1024 * 1024;
    public const int MaxRows = 5_000;
    public const string ConflictMessage = "Someone else changed the unit costs while you were working. Nothing was saved: check the rates and try again.";

    /// <summary>The rate of a role on a day, or null when it has none.</summary>
    public async Task<UnitCost?> RateAsync(string staffRole, DateOnly day, CancellationToken ct) =>
        (await db.Set<UnitCost>().AsNoTracking().Where(u => u.StaffRole == staffRole && u.EffectiveFrom <= day).ToListAsync(ct))
            .Where(u => UnitCostRules.AppliesOn(u.EffectiveFrom, u.EffectiveTo, day))
            .OrderByDescending(u => u.EffectiveFrom)
            .FirstOrDefault();

    /// <summary>Every role's cost per hour on a day, by role name (the evaluation's <see cref="EvaluationDataset.UnitCosts"/>).</summary>
    public async Task<Dictionary<string, decimal>> RatesAsync(DateOnly day, CancellationToken ct) =>
        (await db.Set<UnitCost>().AsNoTracking().Where(u => u.EffectiveFrom <= day).ToListAsync(ct))
            .Where(u => UnitCostRules.AppliesOn(u.EffectiveFrom, u.EffectiveTo, day))
            .GroupBy(u => u.StaffRole, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(u => u.EffectiveFrom).First().CostPerHour, StringComparer.Ordinal);

    public Task<List<UnitCost>> AllAsync(CancellationToken ct) => db.Set<UnitCost>().AsNoTracking().ToListAsync(ct);

    public Task<List<string>> RolesAsync(CancellationToken ct) => db.StaffRoles.AsNoTracking().OrderBy(r => r.Name).Select(r => r.Name).ToListAsync(ct);

    /// <summary>Adds checked rates (row numbers for messages), closing each role's previous rate. Saves, or stores nothing.</summary>
    public async Task<UnitCostSaveResult> AddAsync(IReadOnlyList<(int Row, UnitCostInput Rate)> rates, string action, CancellationToken ct)
    {
        if (rates.Count == 0)
        {
            return UnitCostSaveResult.Refused("There are no rates to add");
        }

        var roles = rates.Select(r => r.Rate.StaffRole).Distinct(StringComparer.Ordinal).ToList();
        var existing = await db.Set<UnitCost>().Where(u => roles.Contains(u.StaffRole)).ToListAsync(ct);
        var clashes = UnitCostRules.Clashes(rates, [.. existing.Select(e => (e.StaffRole, e.EffectiveFrom))]);
        if (clashes.Count > 0)
        {
            return new UnitCostSaveResult(0, 0, clashes);
        }

        var now = clock.GetUtcNow();
        var added = rates.Select(r => new UnitCost
        {
            StaffRole = r.Rate.StaffRole,
            Band = r.Rate.Band,
            CostPerHour = r.Rate.CostPerHour,
            EffectiveFrom = r.Rate.EffectiveFrom,
            Source = r.Rate.Source,
            LoadedAt = now,
            LoadedBy = user.Name,
        }).ToList();
        db.Set<UnitCost>().AddRange(added);

        // Effective dating over each role's whole history: the rate before a new one now ends the day before it.
        var closed = 0;
        foreach (var role in existing.Concat(added).GroupBy(u => u.StaffRole, StringComparer.Ordinal))
        {
            var to = UnitCostRules.EffectiveTo(role.Select(u => u.EffectiveFrom));
            foreach (var rate in role)
            {
                if (rate.EffectiveTo != to[rate.EffectiveFrom])
                {
                    closed += existing.Contains(rate) ? 1 : 0;
                    rate.EffectiveTo = to[rate.EffectiveFrom];
                }
            }
        }

        audit.Record(action, "UnitCost", added[0].Id, null, string.Create(CultureInfo.InvariantCulture,
            $"{added.Count} rates for {string.Join(", ", roles)}; {closed} earlier rates closed"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent change (the previous rate's Version) or the same role and date added at once (the unique index).
            db.ChangeTracker.Clear();
            return UnitCostSaveResult.Refused(ConflictMessage);
        }

        return new UnitCostSaveResult(added.Count, closed, []);
    }

    /// <summary>Reads a CSV table of rates, checks every row, and adds them all or none.</summary>
    public async Task<UnitCostSaveResult> ImportAsync(Stream content, long length, CancellationToken ct)
    {
        if (length > MaxBytes)
        {
            return UnitCostSaveResult.Refused("The file must be smaller than 1 MB");
        }

        if (length == 0)
        {
            return UnitCostSaveResult.Refused("The file is empty");
        }

        var (header, rows, readError) = await CsvUpload.ReadAsync(content, MaxRows, ct);
        if (readError is not null)
        {
            return UnitCostSaveResult.Refused(readError);
        }

        if (rows.Count > MaxRows)
        {
            return UnitCostSaveResult.Refused("The file must have 5,000 rows or fewer");
        }

        var columns = header!.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var known = UnitCostRules.Columns.Select(c => c.Column).ToHashSet(StringComparer.Ordinal);
        var missing = UnitCostRules.Columns.Where(c => c.Required && !columns.Contains(c.Column)).Select(c => c.Column).ToList();
        var unknown = columns.Where(c => !known.Contains(c)).ToList();
        if (missing.Count > 0 || unknown.Count > 0 || columns.Distinct(StringComparer.Ordinal).Count() != columns.Count)
        {
            var parts = new List<string>();
            if (missing.Count > 0)
            {
                parts.Add("missing columns: " + string.Join(", ", missing));
            }

            if (unknown.Count > 0)
            {
                parts.Add("unknown columns: " + string.Join(", ", unknown));
            }

            if (parts.Count == 0)
            {
                parts.Add("a column appears twice");
            }

            return UnitCostSaveResult.Refused("The header row (row 1) does not match the template (" + string.Join("; ", parts) + ")");
        }

        var roles = await RolesAsync(ct);
        var errors = new List<UnitCostRowError>();
        var good = new List<(int, UnitCostInput)>();
        foreach (var (row, cells, problem) in rows)
        {
            if (problem is not null)
            {
                errors.Add(new(row, "", problem));
                continue;
            }

            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue; // a blank line at the end of a spreadsheet export is not an error
            }

            if (cells.Length != columns.Count)
            {
                errors.Add(new(row, "", string.Create(CultureInfo.InvariantCulture,
                    $"This row has {cells.Length} values but the header has {columns.Count} columns")));
                continue;
            }

            string? Cell(string column) => columns.IndexOf(column) is >= 0 and var i ? cells[i] : null;
            var (rate, rowErrors) = UnitCostRules.Check(Cell(UnitCostRules.RoleColumn), Cell(UnitCostRules.BandColumn), Cell(UnitCostRules.CostColumn),
                Cell(UnitCostRules.FromColumn), Cell(UnitCostRules.SourceColumn), roles);
            errors.AddRange(rowErrors.Select(e => new UnitCostRowError(row, e.Field, e.Message)));
            if (rate is not null)
            {
                good.Add((row, rate));
            }
        }

        if (errors.Count == 0 && good.Count == 0)
        {
            return UnitCostSaveResult.Refused("The file has no rates below its header row");
        }

        if (errors.Count > 0)
        {
            // Clashes between good rows are worth reporting in the same pass, so the file is fixed once.
            var existing = await db.Set<UnitCost>().AsNoTracking().Select(u => new { u.StaffRole, u.EffectiveFrom }).ToListAsync(ct);
            errors.AddRange(UnitCostRules.Clashes(good, [.. existing.Select(e => (e.StaffRole, e.EffectiveFrom))]));
            return new UnitCostSaveResult(0, 0, [.. errors.OrderBy(e => e.Row)]);
        }

        return await AddAsync(good, "unit-costs.upload", ct);
    }

    public static string Template()
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', UnitCostRules.Columns.Select(c => c.Column)).Append("\r\n");
        sb.Append("Support worker,4,38.00,2026-04-01,\"Example only: replace with your table, e.g. PSSRU Unit Costs 2025, table 9.1\"\r\n");
        return sb.ToString();
    }
}
