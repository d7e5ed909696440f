using System.Globalization;

namespace OneToOne.Evaluation.Costs;

/// <summary>A rate as entered or uploaded, checked.</summary>
public sealed record UnitCostInput(string StaffRole, int? Band, decimal CostPerHour, DateOnly EffectiveFrom, string? Source);

/// <summary>A problem with one field of a rate; Field is the CSV column name.</summary>
public sealed record UnitCostError(string Field, string Message);

/// <summary>A problem with one row of an uploaded table (row 1 is the header, as a spreadsheet numbers them).</summary>
public sealed record UnitCostRowError(int Row, string Column, string Message);

/// <summary>The pure rules of unit costs: what a rate must be, and effective dating (a rate runs from its date until the
/// day before the role's next rate starts; the latest runs on).</summary>
public static class UnitCostRules
{
    public const string RoleColumn = "staff_role";
    public const string BandColumn = "band";
    public const string CostColumn = "cost_per_hour";
    public const string FromColumn = "effective_from";
    public const string SourceColumn = "source";

    public const decimal MaxCost = 9999.99m;
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    /// <summary>The upload's columns in template order, whether each must be in the header, and what goes in it.</summary>
    public static readonly IReadOnlyList<(string Column, bool Required, string Help)> Columns =
    [
        (RoleColumn, true, "The staff role's name exactly as under Staff roles, e.g. Support worker"),
        (BandColumn, false, "Agenda for Change band, a whole number from 1 to 9; may be blank"),
        (CostColumn, true, "Cost per hour in pounds including salary on-costs and overheads, e.g. 42.50"),
        (FromColumn, true, "The date the rate takes effect, YYYY-MM-DD"),
        (SourceColumn, false, "Where the figure comes from, e.g. PSSRU Unit Costs of Health and Social Care 2025, table 9.1"),
    ];

    /// <summary>Checks one rate. <paramref name="roles"/> are the staff roles' names; the role is matched ignoring case and
    /// stored as the role is named. <paramref name="effectiveFrom"/> is an ISO date (YYYY-MM-DD).</summary>
    public static (UnitCostInput? Rate, List<UnitCostError> Errors) Check(
        string? role, string? band, string? cost, string? effectiveFrom, string? source, IReadOnlyCollection<string> roles)
    {
        var errors = new List<UnitCostError>();
        string? roleName = null;
        if (string.IsNullOrWhiteSpace(role))
        {
            errors.Add(new(RoleColumn, "Enter the staff role"));
        }
        else if (roles.FirstOrDefault(r => string.Equals(r, role.Trim(), StringComparison.OrdinalIgnoreCase)) is { } known)
        {
            roleName = known;
        }
        else
        {
            errors.Add(new(RoleColumn, $"\"{Shorten(role.Trim())}\" is not a staff role: use one of {string.Join(", ", roles.Order(StringComparer.Ordinal))}"));
        }

        int? bandNumber = null;
        if (!string.IsNullOrWhiteSpace(band))
        {
            if (int.TryParse(band.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var b) && b is >= 1 and <= 9)
            {
                bandNumber = b;
            }
            else
            {
                errors.Add(new(BandColumn, "Band must be a whole number from 1 to 9, or blank"));
            }
        }

        decimal perHour = 0;
        if (string.IsNullOrWhiteSpace(cost))
        {
            errors.Add(new(CostColumn, "Enter the cost per hour"));
        }
        else if (!decimal.TryParse(cost.Trim().TrimStart('£'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out perHour))
        {
            errors.Add(new(CostColumn, "Cost per hour must be a number of pounds, like 42.50"));
        }
        else if (perHour <= 0 || perHour > MaxCost)
        {
            errors.Add(new(CostColumn, "Cost per hour must be between £0.01 and £9,999.99"));
        }
        else if (perHour != Math.Round(perHour, 2))
        {
            errors.Add(new(CostColumn, "Cost per hour must have no more than 2 decimal places"));
        }

        DateOnly from = default;
        if (string.IsNullOrWhiteSpace(effectiveFrom))
        {
            errors.Add(new(FromColumn, "Enter the date the rate takes effect"));
        }
        else if (!DateOnly.TryParseExact(effectiveFrom.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out from))
        {
            errors.Add(new(FromColumn, "The date the rate takes effect must be a real date like 2025-04-01"));
        }
        else if (from < Earliest)
        {
            errors.Add(new(FromColumn, "The date the rate takes effect must be in 2000 or later"));
        }

        var sourceText = string.IsNullOrWhiteSpace(source) ? null : source.Trim();
        if (sourceText is { Length: > UnitCost.SourceMax })
        {
            errors.Add(new(SourceColumn, "Source must be 200 characters or fewer"));
        }

        return errors.Count > 0 ? (null, errors) : (new UnitCostInput(roleName!, bandNumber, perHour, from, sourceText), errors);
    }

    /// <summary>Rates that clash: two in the batch for the same role from the same day, or one where the role already has a
    /// rate from that day (correct it by adding a rate from another day). Keys are row numbers (or indexes).</summary>
    public static List<UnitCostRowError> Clashes(IReadOnlyList<(int Row, UnitCostInput Rate)> batch, IReadOnlyCollection<(string Role, DateOnly From)> existing)
    {
        var errors = new List<UnitCostRowError>();
        var stored = existing.Select(e => (e.Role, e.From)).ToHashSet();
        var seen = new Dictionary<(string, DateOnly), int>();
        foreach (var (row, rate) in batch)
        {
            var key = (rate.StaffRole, rate.EffectiveFrom);
            if (seen.TryGetValue(key, out var first))
            {
                errors.Add(new(row, FromColumn, string.Create(CultureInfo.InvariantCulture,
                    $"Row {first} already gives a rate for {rate.StaffRole} from {Iso(rate.EffectiveFrom)}: give each role one rate per date")));
                continue;
            }

            seen[key] = row;
            if (stored.Contains(key))
            {
                errors.Add(new(row, FromColumn,
                    $"There is already a rate for {rate.StaffRole} from {Iso(rate.EffectiveFrom)}: to change it, add a rate from a later date"));
            }
        }

        return errors;
    }

    /// <summary>Effective dating of one role's rates: each runs until the day before the next one starts; the latest has no end.</summary>
    public static Dictionary<DateOnly, DateOnly?> EffectiveTo(IEnumerable<DateOnly> froms)
    {
        var ordered = froms.Distinct().Order().ToList();
        var to = new Dictionary<DateOnly, DateOnly?>();
        for (var i = 0; i < ordered.Count; i++)
        {
            to[ordered[i]] = i + 1 < ordered.Count ? ordered[i + 1].AddDays(-1) : null;
        }

        return to;
    }

    /// <summary>Whether a rate applies on a day.</summary>
    public static bool AppliesOn(DateOnly from, DateOnly? to, DateOnly day) => from <= day && (to is null || to >= day);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "...";
}
