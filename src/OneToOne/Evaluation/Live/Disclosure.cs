using System.Globalization;

namespace OneToOne.Evaluation.Live;

/// <summary>Why a figure is shown as it is.</summary>
public enum CellState
{
    /// <summary>Shown (exact at programme level, rounded below it).</summary>
    Shown = 0,

    /// <summary>Hidden by small-number suppression: a count of 1 to the threshold, or a figure derived from one.</summary>
    Suppressed = 1,

    /// <summary>The figure cannot be computed (no people, fewer than two pairs, zero variance).</summary>
    NotComputable = 2,
}

/// <summary>One figure of a table as it may be shown: its text and, when shown, its value (charts draw only shown values).</summary>
public readonly record struct Cell(string Text, double? Value, CellState State)
{
    public const string SuppressedText = "*";
    public const string NotComputableText = "–";

    public static readonly Cell Suppressed = new(SuppressedText, null, CellState.Suppressed);
    public static readonly Cell NotComputable = new(NotComputableText, null, CellState.NotComputable);

    public static Cell Label(string text) => new(text, null, CellState.Shown);

    /// <summary>A p-value: three decimals, or "&lt;0.001".</summary>
    public static Cell P(double value) =>
        value < 0.001 ? new("<0.001", value, CellState.Shown) : Number(value, 3);

    public static Cell Number(double value, int decimals) =>
        new(value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.GetCultureInfo("en-GB")),
            Math.Round(value, decimals, MidpointRounding.AwayFromZero), CellState.Shown);
}

/// <summary>The small-number rules of <see cref="EvaluationOptions"/> (DOMAIN.md, small numbers; NHS England disclosure
/// control): below programme level a count of 1 to <see cref="SuppressAtOrBelow"/> is "*", other counts are rounded to the
/// nearest <see cref="RoundTo"/> (ties away from zero) and 0 stays 0; a mean or median over fewer than
/// <see cref="MinimumPeopleForAverages"/> people is hidden; a rate or share is hidden when its numerator or denominator is
/// suppressed, and a share also when its complement (denominator minus numerator) is, because "all but 3 of 40" discloses the
/// 3. At programme level (all organisations together, no split) every figure is exact.</summary>
public sealed record DisclosureRules(int SuppressAtOrBelow, int RoundTo, int MinimumPeopleForAverages)
{
    public static DisclosureRules From(EvaluationOptions options) =>
        new(Math.Max(0, options.SuppressAtOrBelow), Math.Max(0, options.RoundTo), Math.Max(0, options.MinimumPeopleForAverages));

    /// <summary>True when a count would be hidden below programme level (1 to the threshold; never 0).</summary>
    public bool IsSuppressed(double count) => count > 0 && count <= SuppressAtOrBelow;

    /// <summary>Rounds to the nearest multiple of <see cref="RoundTo"/>, ties away from zero (12 → 10, 12.5 → 15, 13 → 15,
    /// 17.5 → 20). RoundTo 0 or 1 leaves whole numbers as they are.</summary>
    public double Round(double value) =>
        RoundTo <= 1
            ? Math.Round(value, MidpointRounding.AwayFromZero)
            : Math.Round(value / RoundTo, MidpointRounding.AwayFromZero) * RoundTo;

    /// <summary>A count: exact at programme level; below it "*" for 1 to the threshold, 0 as 0, others rounded.</summary>
    public Cell Count(double count, bool programmeLevel)
    {
        if (programmeLevel)
        {
            return Cell.Number(count, 0);
        }

        if (count <= 0)
        {
            return Cell.Number(0, 0);
        }

        return IsSuppressed(count) ? Cell.Suppressed : Cell.Number(Round(count), 0);
    }

    /// <summary>A mean or median over <paramref name="people"/> people (null: cannot be computed). Below programme level it is
    /// hidden when fewer than <see cref="MinimumPeopleForAverages"/> people are behind it.</summary>
    public Cell Average(double? value, int people, bool programmeLevel, int decimals = 1)
    {
        if (!programmeLevel && people > 0 && people < MinimumPeopleForAverages)
        {
            return Cell.Suppressed;
        }

        return value is { } v && double.IsFinite(v) ? Cell.Number(v, decimals) : Cell.NotComputable;
    }

    /// <summary>A rate per <paramref name="per"/> (e.g. escalations per 100 people): hidden below programme level when the
    /// numerator or the denominator is suppressed; not computable over a denominator of 0.</summary>
    public Cell Rate(double numerator, double denominator, double per, bool programmeLevel, int decimals = 1)
    {
        if (!programmeLevel && (IsSuppressed(numerator) || IsSuppressed(denominator)))
        {
            return Cell.Suppressed;
        }

        return denominator <= 0 ? Cell.NotComputable : Cell.Number(numerator / denominator * per, decimals);
    }

    /// <summary>A share of people as a percentage: as <see cref="Rate"/>, and also hidden below programme level when the
    /// complement (those not counted) is suppressed.</summary>
    public Cell Share(double numerator, double denominator, bool programmeLevel, int decimals = 0)
    {
        if (!programmeLevel && IsSuppressed(denominator - numerator))
        {
            return Cell.Suppressed;
        }

        return Rate(numerator, denominator, 100, programmeLevel, decimals);
    }

    /// <summary>A total (hours, days, pounds) over <paramref name="contributors"/> people or staff: hidden below programme
    /// level when the number of contributors is suppressed, so one person's or one worker's figure never shows.</summary>
    public Cell Total(double value, int contributors, bool programmeLevel, int decimals = 0) =>
        !programmeLevel && IsSuppressed(contributors) ? Cell.Suppressed : Cell.Number(value, decimals);
}
