namespace OneToOne.Evaluation.Live;

/// <summary>Control limits of a funnel plot for a rate of events per person (Spiegelhalter, "Funnel plots for comparing
/// institutional performance", Statistics in Medicine 2005): with the programme's rate θ (events per person) as the target,
/// an organisation of n people lies within the limits if its rate is within θ ± z·√(θ/n) (the normal approximation to a
/// Poisson count of events), z = 1.96 for 95% and 3.09 for 99.8%. The lower limit stops at 0.</summary>
public static class FunnelLimits
{
    public const double Z95 = 1.959964;
    public const double Z998 = 3.090232;

    public static (double Lower, double Upper) Limits(double overallRate, double people, double z)
    {
        if (people <= 0 || overallRate < 0)
        {
            return (double.NaN, double.NaN);
        }

        var half = z * Math.Sqrt(overallRate / people);
        return (Math.Max(0, overallRate - half), overallRate + half);
    }

    /// <summary>Where a rate sits: "Above 99.8% limit", "Above 95% limit", "Within limits", "Below 95% limit", "Below 99.8% limit".</summary>
    public static string Position(double rate, double overallRate, double people)
    {
        var (l95, u95) = Limits(overallRate, people, Z95);
        var (l998, u998) = Limits(overallRate, people, Z998);
        return rate > u998 ? "Above 99.8% limit"
            : rate > u95 ? "Above 95% limit"
            : rate < l998 ? "Below 99.8% limit"
            : rate < l95 ? "Below 95% limit"
            : "Within limits";
    }
}

/// <summary>Medians and means of plain lists (the engine does the inferential statistics).</summary>
public static class Descriptive
{
    public static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static double? Mean(IReadOnlyList<double> values) => values.Count == 0 ? null : values.Average();
}
