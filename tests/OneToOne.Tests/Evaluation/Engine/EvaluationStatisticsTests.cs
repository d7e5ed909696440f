using S = OneToOne.Evaluation.Engine.EvaluationStatistics;

namespace OneToOne.Tests.Evaluation.Engine;

/// <summary>Every statistic against a value computed independently. Sources: hand derivations (stated), closed forms of
/// Student's t for 1 and 2 degrees of freedom, published tables, Student's sleep data (Cushny and Peebles 1905, R's
/// `sleep` dataset; R 4.x prints t = -4.0621, df = 9, p-value = 0.002833, 95% CI -2.4598858 -0.7001142 for group 1 minus
/// group 2, and V = 0, p-value = 0.009091 for wilcox.test with its normal approximation), Python's math.erfc and
/// math.lgamma, and mpmath 1.x at 40 digits (mpmath.betainc, mpmath.findroot) for values no closed form gives.</summary>
public sealed class EvaluationStatisticsTests
{
    // Student's sleep data: extra hours of sleep with each drug, the same ten patients.
    private static readonly double[] SleepDrug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    private static readonly double[] SleepDrug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

    private static double[] SleepDifferences() => SleepDrug1.Zip(SleepDrug2, (a, b) => b - a).ToArray();

    private static void Close(double expected, double? actual, double relative = 1e-12)
    {
        Assert.NotNull(actual);
        var tolerance = Math.Max(Math.Abs(expected) * relative, 1e-300);
        Assert.True(Math.Abs(expected - actual.Value) <= tolerance, $"expected {expected:R}, got {actual.Value:R}");
    }

    [Fact]
    public void Mean_and_sample_standard_deviation_of_a_hand_worked_example()
    {
        // 2,4,4,4,5,5,7,9: sum 40, mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32; sample variance 32/7.
        double[] x = [2, 4, 4, 4, 5, 5, 7, 9];
        Assert.Equal(5.0, S.Mean(x));
        Close(Math.Sqrt(32.0 / 7), S.SampleStandardDeviation(x), 1e-15);
    }

    [Fact]
    public void Mean_of_nothing_and_standard_deviation_of_one_value_are_not_computable()
    {
        Assert.Null(S.Mean([]));
        Assert.Null(S.SampleStandardDeviation([3.0]));
        Assert.Equal(0.0, S.SampleStandardDeviation([3.0, 3.0]));
    }

    [Theory]
    // Python 3.11 math.erfc (and mpmath.erfc to 40 digits agrees to the last digit shown).
    [InlineData(0.1, 0.8875370839817152)]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(1.0, 0.15729920705028513)]
    [InlineData(2.0, 0.004677734981047265)]
    [InlineData(5.0, 1.5374597944280351e-12)]
    [InlineData(-1.0, 1.842700792949715)]
    [InlineData(0.0, 1.0)]
    public void Erfc_matches_reference_values_to_near_double_precision(double x, double expected) => Close(expected, S.Erfc(x), 1e-14);

    [Theory]
    // Φ(1.96) = 0.97500210485177956 (mpmath.ncdf); Φ(-3) = 0.0013498980316300945 (mpmath.ncdf); Φ(0) = 1/2 by symmetry.
    [InlineData(1.96, 0.975002104851779563787)]
    [InlineData(-3.0, 0.001349898031630094526651)]
    [InlineData(0.0, 0.5)]
    public void Normal_distribution_function_matches_reference_values(double z, double expected) => Close(expected, S.NormalCdf(z), 1e-14);

    [Fact]
    public void Normal_distribution_function_is_accurate_far_in_the_tails()
    {
        // Φ(-10) = erfc(10/√2)/2 = 7.6198530241605260659733432515993e-24 (mpmath.ncdf(-10)).
        Close(7.6198530241605260659733e-24, S.NormalCdf(-10), 1e-12);
        Assert.Equal(1.0, S.NormalCdf(40));
        Assert.Equal(0.0, S.NormalCdf(-40));
    }

    [Theory]
    // Python math.lgamma; lnΓ(10) = ln(9!) = ln 362880.
    [InlineData(0.5, 0.5723649429247004)]
    [InlineData(10, 12.801827480081467)]
    [InlineData(100.5, 361.4355404677776)]
    [InlineData(0.001, 6.907178885383854)]
    public void Log_gamma_matches_reference_values(double x, double expected) => Close(expected, S.LogGamma(x), 1e-13);

    [Theory]
    // I_x(a, 1) = x^a and I_x(1, b) = 1 - (1 - x)^b (integrate the beta density by hand).
    [InlineData(3.5, 1.0, 0.4)]
    [InlineData(1.0, 2.5, 0.7)]
    [InlineData(0.5, 1.0, 0.01)]
    public void Incomplete_beta_matches_its_closed_forms(double a, double b, double x)
    {
        var expected = b == 1.0 ? Math.Pow(x, a) : 1 - Math.Pow(1 - x, b);
        Close(expected, S.RegularizedIncompleteBeta(a, b, x), 1e-13);
    }

    [Fact]
    public void Incomplete_beta_matches_mpmath_and_its_symmetry()
    {
        // mpmath.betainc(2.5, 4.5, 0, 0.3, regularized=True) and betainc(50, 60, 0, 0.45, regularized=True).
        Close(0.406539016682459249353760676, S.RegularizedIncompleteBeta(2.5, 4.5, 0.3), 1e-13);
        Close(0.464235291430603628665388718, S.RegularizedIncompleteBeta(50, 60, 0.45), 1e-11);
        // I_{1/2}(a, a) = 1/2 by symmetry of the beta density.
        Close(0.5, S.RegularizedIncompleteBeta(7.25, 7.25, 0.5), 1e-13);
        Assert.Equal(0, S.RegularizedIncompleteBeta(2, 3, 0));
        Assert.Equal(1, S.RegularizedIncompleteBeta(2, 3, 1));
    }

    [Theory]
    [InlineData(-25.0)]
    [InlineData(-1.0)]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(12.7062)]
    public void T_distribution_with_one_degree_of_freedom_is_the_cauchy_closed_form(double t) =>
        // F(t) = 1/2 + arctan(t)/π.
        Close(0.5 + (Math.Atan(t) / Math.PI), S.StudentTCdf(t, 1), 1e-13);

    [Theory]
    [InlineData(-3.0)]
    [InlineData(0.5)]
    [InlineData(4.0)]
    public void T_distribution_with_two_degrees_of_freedom_is_its_closed_form(double t) =>
        // F(t) = 1/2 + t / (2√(t² + 2)).
        Close(0.5 + (t / (2 * Math.Sqrt((t * t) + 2))), S.StudentTCdf(t, 2), 1e-13);

    [Theory]
    // mpmath: 1 - betainc(df/2, 1/2, 0, df/(df+t²), regularized=True)/2 (and the tail itself for negative t).
    [InlineData(2.0, 5, 0.94903026058507082188)]
    [InlineData(-1.5, 3, 0.11529193262241152614)]
    [InlineData(0.3, 12, 0.61534476295587383279)]
    [InlineData(10, 30, 0.99999999997712374296)]
    public void T_distribution_matches_mpmath(double t, double df, double expected) => Close(expected, S.StudentTCdf(t, df), 1e-12);

    [Theory]
    // Published t tables (e.g. Fisher and Yates; any statistics textbook) to 3-4 decimals, here to mpmath's 16 digits.
    [InlineData(0.975, 9, 2.262157162798205)]
    [InlineData(0.975, 29, 2.045229642132704)]
    [InlineData(0.995, 5, 4.032142983555227)]
    [InlineData(0.975, 1000, 1.962339080826408)]
    [InlineData(0.975, 2.5, 3.574654842003682)]
    public void T_quantiles_match_tables(double p, double df, double expected)
    {
        Close(expected, S.StudentTQuantile(p, df), 1e-12);
        Close(-expected, S.StudentTQuantile(1 - p, df), 1e-12);
    }

    [Theory]
    // df = 1: t = tan(π(p - 1/2)); df = 2: t = (2p - 1) √(2 / (4p(1 - p))).
    [InlineData(0.95)]
    [InlineData(0.975)]
    [InlineData(0.9995)]
    [InlineData(0.2)]
    public void T_quantiles_invert_the_closed_forms(double p)
    {
        Close(Math.Tan(Math.PI * (p - 0.5)), S.StudentTQuantile(p, 1), 1e-12);
        Close((2 * p - 1) * Math.Sqrt(2 / (4 * p * (1 - p))), S.StudentTQuantile(p, 2), 1e-12);
        Assert.Equal(0, S.StudentTQuantile(0.5, 7));
    }

    [Fact]
    public void Paired_t_test_reproduces_students_sleep_data()
    {
        // R: t.test(extra ~ group, data = sleep, paired = TRUE) -> t = -4.0621, df = 9, p-value = 0.002833,
        // CI -2.4598858 -0.7001142, mean difference -1.58 (group 1 - group 2). Here after - before = group 2 - group 1.
        // SD of the differences 1.2299954832798732 (Python statistics.stdev); effect size 1.58 / SD.
        var t = S.PairedTTest(SleepDifferences());

        Assert.NotNull(t);
        Assert.Equal(10, t.N);
        Close(1.58, t.Mean, 1e-14);
        Close(1.2299954832798732, t.StandardDeviation, 1e-13);
        Close(4.062127683382037, t.T, 1e-12);
        Assert.Equal(9, t.DegreesOfFreedom);
        Assert.Equal(0.002833, t.P, 6);
        Assert.Equal(0.7001142, t.Ci95Lower, 7);
        Assert.Equal(2.4598858, t.Ci95Upper, 7);
        Close(1.58 / 1.2299954832798732, t.EffectSize, 1e-12);
    }

    [Fact]
    public void Paired_t_test_p_value_agrees_with_mpmath_to_twelve_digits()
    {
        // mpmath: betainc(4.5, 0.5, 0, 9/(9 + t²), regularized=True) with t = 4.062127683382036 -> 0.00283289019738427164.
        var t = S.PairedTTest(SleepDifferences())!;
        Close(0.99858355557404102760957352280251737897, S.StudentTCdf(4.062128, 9), 1e-13);
        Close(0.00283289019738427164, t.P, 1e-11);
    }

    [Fact]
    public void Paired_t_test_is_not_computable_with_fewer_than_two_pairs_or_zero_variance()
    {
        Assert.Null(S.PairedTTest([]));
        Assert.Null(S.PairedTTest([1.5]));
        Assert.Null(S.PairedTTest([-2.0, -2.0, -2.0]));
        Assert.NotNull(S.PairedTTest([-2.0, -2.0, -1.0]));
    }

    [Fact]
    public void Wilcoxon_reproduces_the_sleep_data_with_its_zero_and_tie()
    {
        // By hand: drop the zero (n = 9), all differences positive so W+ = 1+...+9 = 45; |d| 1.3 twice shares ranks 4,5
        // (4.5 each). Mean 9·10/4 = 22.5; variance 9·10·19/24 - (2³ - 2)/48 = 71.25 - 0.125 = 71.125;
        // z = (22.5 - 0.5)/√71.125 = 2.608598...; p = 2(1 - Φ(z)) = 0.009090... R's wilcox.test prints p-value = 0.009091.
        var w = S.WilcoxonSignedRank(SleepDifferences());

        Assert.NotNull(w);
        Assert.Equal(9, w.NonZero);
        Assert.Equal(45, w.WPlus);
        Assert.Equal(22.5, w.Mean);
        Assert.Equal(71.125, w.Variance);
        Close(22 / Math.Sqrt(71.125), w.Z, 1e-14);
        Assert.Equal(0.009091, w.P, 6);
    }

    [Fact]
    public void Wilcoxon_with_negative_differences_and_tie_groups_by_hand()
    {
        // d = -3, -1, 1, 2, 2, 2, 0, 4. Drop 0: n = 7. |d| sorted: 1,1 (ranks 1,2 -> 1.5), 2,2,2 (3,4,5 -> 4), 3 (6), 4 (7).
        // W+ = 1.5 (d = +1) + 4·3 (the 2s) + 7 (the 4) = 20.5. Mean 7·8/4 = 14. Ties Σ(t³ - t) = 6 + 24 = 30.
        // Variance 7·8·15/24 - 30/48 = 35 - 0.625 = 34.375. z = (6.5 - 0.5)/√34.375 = 1.0233634...
        // p = 2(1 - Φ(1.0233634)) with Φ = 0.8469319802995983 (Python NormalDist().cdf, mpmath.ncdf).
        var w = S.WilcoxonSignedRank([-3, -1, 1, 2, 2, 2, 0, 4])!;

        Assert.Equal(7, w.NonZero);
        Assert.Equal(20.5, w.WPlus);
        Assert.Equal(14, w.Mean);
        Assert.Equal(34.375, w.Variance);
        Close(6 / Math.Sqrt(34.375), w.Z, 1e-14);
        Close(2 * (1 - 0.8469319802995983), w.P, 1e-12);
    }

    [Fact]
    public void Wilcoxon_treats_binary_rounding_of_equal_differences_as_a_tie()
    {
        // 5.3 - 4.8 and 4.5 - 4.0 are both 0.5 on paper (0.49999999999999982 and 0.5 in binary): one tie group of two.
        var w = S.WilcoxonSignedRank([5.3 - 4.8, 4.5 - 4.0, 1.0])!;
        Assert.Equal(3, w.NonZero);
        Assert.Equal((3.0 * 4 * 7 / 24) - (6.0 / 48), w.Variance);
    }

    [Fact]
    public void Wilcoxon_is_not_computable_for_fewer_than_two_pairs_or_only_zero_differences()
    {
        Assert.Null(S.WilcoxonSignedRank([]));
        Assert.Null(S.WilcoxonSignedRank([2.0]));
        Assert.Null(S.WilcoxonSignedRank([0.0, 0.0, 0.0]));
        // One non-zero difference: W+ = 1, mean 0.5, variance 0.25, z = 0 -> p = 1.
        Assert.Equal(1.0, S.WilcoxonSignedRank([0.0, 3.0])!.P);
    }

    [Fact]
    public void Wilcoxon_p_is_never_above_one()
    {
        // d = 1, -1: W+ = 1.5 = mean; |W+ - mean| - 0.5 < 0 gives z < 0: p = min(1, ...) = 1.
        Assert.Equal(1.0, S.WilcoxonSignedRank([1.0, -1.0])!.P);
    }

    [Theory]
    // Type 7 by hand on 1,2,3,4: h = 3p. p = 0.25 -> h = 0.75 -> 1.75 (R quantile(1:4, 0.25) = 1.75);
    // p = 0.975 -> h = 2.925 -> 3.925; p = 0 -> 1; p = 1 -> 4; p = 0.5 -> 2.5.
    [InlineData(0.25, 1.75)]
    [InlineData(0.975, 3.925)]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 4.0)]
    [InlineData(0.5, 2.5)]
    public void Percentile_interpolates_linearly_between_order_statistics(double p, double expected) =>
        Close(expected, S.Percentile([1.0, 2.0, 3.0, 4.0], p), 1e-15);

    [Fact]
    public void Percentile_of_one_value_is_that_value_and_of_none_is_not_computable()
    {
        Assert.Equal(7.0, S.Percentile([7.0], 0.025));
        Assert.Null(S.Percentile([], 0.5));
    }

    [Fact]
    public void Statistics_never_return_nan_or_infinity_for_extreme_but_valid_input()
    {
        double[] huge = [1e6, 1e6 + 1, 1e6 + 2];
        var t = S.PairedTTest(huge)!;
        Assert.True(double.IsFinite(t.P) && double.IsFinite(t.Ci95Lower) && double.IsFinite(t.Ci95Upper));
        Assert.True(t.P >= 0 && t.P < 1e-6);
        var w = S.WilcoxonSignedRank(huge)!;
        Assert.True(double.IsFinite(w.P));
    }
}
