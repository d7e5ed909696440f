namespace OneToOne.Evaluation.Engine;

/// <summary>The result of a paired t-test on differences (after minus before): the mean change, its 95% confidence interval
/// (t with n - 1 degrees of freedom) and the two-sided p-value.</summary>
public sealed record PairedTTestResult(int N, double Mean, double StandardDeviation, double T, double DegreesOfFreedom, double P,
    double Ci95Lower, double Ci95Upper, double EffectSize);

/// <summary>The Wilcoxon signed-rank test by the normal approximation with continuity and tie correction.</summary>
public sealed record WilcoxonResult(int NonZero, double WPlus, double Mean, double Variance, double Z, double P);

/// <summary>The statistics of the evaluation (docs/evaluation.md, "Formulas"), pure functions without dependencies.
/// A statistic that cannot be computed (too few values, zero variance) is null, never NaN or infinity.</summary>
public static class EvaluationStatistics
{
    /// <summary>Differences are rounded to this many decimal places before the Wilcoxon test's zero test and ranking, and
    /// before an improvement is compared with a minimal important difference, so that binary rounding (5.3 - 4.8 is
    /// 0.4999999999999998) neither breaks a tie nor turns an equal change into a smaller one.</summary>
    public const int DifferenceDecimals = 9;

    private const double Epsilon = 1e-15;
    private const double TinyFloat = 1e-300;
    private const int MaxIterations = 100_000;

    // ln(sqrt(pi)) = lnGamma(1/2): exact constant, so erfc does not depend on the Lanczos approximation.
    private const double LogSqrtPi = 0.57236494292470008707171367567652935582364740645766;
    private const double LogSqrtTwoPi = 0.91893853320467274178032973640561763986139747363778;

    // Lanczos approximation, g = 7, nine coefficients (Godfrey; about 15 significant digits for x > 0).
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>Arithmetic mean; null for no values.</summary>
    public static double? Mean(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return null;
        }

        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }

    /// <summary>Sample standard deviation (divisor n - 1, two-pass); null for fewer than two values.</summary>
    public static double? SampleStandardDeviation(ReadOnlySpan<double> values)
    {
        if (values.Length < 2)
        {
            return null;
        }

        var mean = Mean(values)!.Value;
        var squares = 0.0;
        foreach (var v in values)
        {
            var d = v - mean;
            squares += d * d;
        }

        return Math.Sqrt(squares / (values.Length - 1));
    }

    /// <summary>True when every value is exactly the same (zero variance), which a computed standard deviation can hide
    /// as a tiny rounding residue.</summary>
    public static bool AllEqual(ReadOnlySpan<double> values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] != values[0])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The p-th quantile (0 &lt;= p &lt;= 1) of values sorted ascending, by linear interpolation between order
    /// statistics (Hyndman and Fan type 7, the default of R and Excel's PERCENTILE.INC): h = (n - 1)p,
    /// Q = x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]), zero-based. Null for no values.</summary>
    public static double? Percentile(ReadOnlySpan<double> sorted, double p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1.0);
        if (sorted.IsEmpty)
        {
            return null;
        }

        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        if (lo >= sorted.Length - 1)
        {
            return sorted[^1];
        }

        return sorted[lo] + ((h - lo) * (sorted[lo + 1] - sorted[lo]));
    }

    /// <summary>ln Gamma(x) for x &gt; 0 (Lanczos, g = 7; reflection below 1/2).</summary>
    public static double LogGamma(double x)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(x);
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        x -= 1;
        var a = Lanczos[0];
        var t = x + 7.5;
        for (var i = 1; i < Lanczos.Length; i++)
        {
            a += Lanczos[i] / (x + i);
        }

        return LogSqrtTwoPi + ((x + 0.5) * Math.Log(t)) - t + Math.Log(a);
    }

    /// <summary>The complementary error function erfc(x) = 1 - erf(x), as the regularized upper incomplete gamma function
    /// Q(1/2, x²) (series below x² = 1.5, Lentz's continued fraction above; relative accuracy about 1e-15).</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), "erfc of NaN");
        }

        if (x < 0)
        {
            return 2 - Erfc(-x);
        }

        if (x > 27)
        {
            return 0; // below the smallest double
        }

        var s = x * x;
        return s < 1.5 ? 1 - LowerGammaSeries(0.5, s, LogSqrtPi) : UpperGammaFraction(0.5, s, LogSqrtPi);
    }

    /// <summary>The standard normal distribution function Φ(z) = erfc(-z/√2)/2.</summary>
    public static double NormalCdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>The regularized incomplete beta function I_x(a, b) (Numerical Recipes' continued fraction, modified Lentz).</summary>
    public static double RegularizedIncompleteBeta(double a, double b, double x) => IncompleteBeta(a, b, x, 1 - x);

    /// <summary>I_x(a, b) given both x and y = 1 - x, so a caller that knows y exactly (the t distribution near t = 0) loses
    /// no precision to 1 - x.</summary>
    private static double IncompleteBeta(double a, double b, double x, double y)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(a);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(b);
        if (x <= 0)
        {
            return 0;
        }

        if (y <= 0)
        {
            return 1;
        }

        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + (a * Math.Log(x)) + (b * Math.Log(y)));
        return x < (a + 1) / (a + b + 2)
            ? front * BetaFraction(a, b, x) / a
            : 1 - (front * BetaFraction(b, a, y) / b);
    }

    private static double BetaFraction(double a, double b, double x)
    {
        var qab = a + b;
        var qap = a + 1;
        var qam = a - 1;
        var c = 1.0;
        var d = 1 - (qab * x / qap);
        d = 1 / NotTiny(d);
        var h = d;
        for (var m = 1; m <= MaxIterations; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 / NotTiny(1 + (aa * d));
            c = NotTiny(1 + (aa / c));
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 / NotTiny(1 + (aa * d));
            c = NotTiny(1 + (aa / c));
            var step = d * c;
            h *= step;
            if (Math.Abs(step - 1) < Epsilon)
            {
                break;
            }
        }

        return h;
    }

    /// <summary>P(a, x), the regularized lower incomplete gamma function, by its series (for x &lt; a + 1).</summary>
    private static double LowerGammaSeries(double a, double x, double logGammaA)
    {
        var ap = a;
        var term = 1 / a;
        var sum = term;
        for (var n = 0; n < MaxIterations; n++)
        {
            ap += 1;
            term *= x / ap;
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * Epsilon)
            {
                break;
            }
        }

        return sum * Math.Exp(-x + (a * Math.Log(x)) - logGammaA);
    }

    /// <summary>Q(a, x), the regularized upper incomplete gamma function, by its continued fraction (for x &gt;= a + 1).</summary>
    private static double UpperGammaFraction(double a, double x, double logGammaA)
    {
        var b = x + 1 - a;
        var c = 1 / TinyFloat;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i <= MaxIterations; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = 1 / NotTiny((an * d) + b);
            c = NotTiny(b + (an / c));
            var step = d * c;
            h *= step;
            if (Math.Abs(step - 1) < Epsilon)
            {
                break;
            }
        }

        return Math.Exp(-x + (a * Math.Log(x)) - logGammaA) * h;
    }

    private static double NotTiny(double v) => Math.Abs(v) < TinyFloat ? TinyFloat : v;

    /// <summary>The upper tail P(T &gt; t) of Student's t with df degrees of freedom, for t &gt;= 0:
    /// I_{df/(df+t²)}(df/2, 1/2) / 2.</summary>
    private static double StudentTUpperTail(double t, double df)
    {
        var t2 = t * t;
        return 0.5 * IncompleteBeta(df / 2, 0.5, df / (df + t2), t2 / (df + t2));
    }

    /// <summary>The distribution function of Student's t with df &gt; 0 degrees of freedom.</summary>
    public static double StudentTCdf(double t, double df)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(df);
        if (double.IsNaN(t))
        {
            throw new ArgumentOutOfRangeException(nameof(t), "t is NaN");
        }

        if (double.IsInfinity(t))
        {
            return t > 0 ? 1 : 0;
        }

        var tail = StudentTUpperTail(Math.Abs(t), df);
        return t >= 0 ? 1 - tail : tail;
    }

    /// <summary>The p-quantile of Student's t with df degrees of freedom (0 &lt; p &lt; 1): the root of
    /// StudentTCdf(t) = p, found by bracketing (doubling) and bisection on the upper tail to full double precision.</summary>
    public static double StudentTQuantile(double p, double df)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(df);
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "p must be strictly between 0 and 1.");
        }

        if (p == 0.5)
        {
            return 0;
        }

        // Work on the upper tail, so p = 0.975 and p = 0.025 are solved identically (symmetry).
        var tail = p > 0.5 ? 1 - p : p;
        double lo = 0, hi = 1;
        while (StudentTUpperTail(hi, df) > tail)
        {
            lo = hi;
            hi *= 2;
            if (hi > 1e300)
            {
                break;
            }
        }

        for (var i = 0; i < 2000; i++)
        {
            var mid = lo + ((hi - lo) / 2);
            if (mid <= lo || mid >= hi)
            {
                break; // adjacent doubles: converged
            }

            if (StudentTUpperTail(mid, df) > tail)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        var q = lo + ((hi - lo) / 2);
        return p > 0.5 ? q : -q;
    }

    /// <summary>Paired t-test on differences: mean d̄, SD s (n - 1), t = d̄ / (s/√n) with n - 1 degrees of freedom, two-sided
    /// p = 2 P(T &gt; |t|), 95% CI d̄ ± t(0.975, n - 1) s/√n, effect size d̄ / s. Null for fewer than two differences or zero
    /// variance (all differences equal).</summary>
    public static PairedTTestResult? PairedTTest(ReadOnlySpan<double> differences)
    {
        var n = differences.Length;
        if (n < 2 || AllEqual(differences))
        {
            return null;
        }

        var mean = Mean(differences)!.Value;
        var sd = SampleStandardDeviation(differences)!.Value;
        if (!(sd > 0))
        {
            return null;
        }

        var df = n - 1.0;
        var se = sd / Math.Sqrt(n);
        var t = mean / se;
        var p = Math.Min(1, 2 * StudentTUpperTail(Math.Abs(t), df));
        var q = StudentTQuantile(0.975, df);
        return new PairedTTestResult(n, mean, sd, t, df, p, mean - (q * se), mean + (q * se), mean / sd);
    }

    /// <summary>Wilcoxon signed-rank test on differences by the normal approximation: differences are rounded to
    /// <see cref="DifferenceDecimals"/> places, zeros dropped, |d| ranked with average ranks for ties;
    /// W+ = Σ ranks of positive d; mean n(n+1)/4; variance n(n+1)(2n+1)/24 - Σ(t³ - t)/48 over tie groups;
    /// z = (|W+ - mean| - 1/2)/√variance; p = min(1, 2(1 - Φ(z))). Null for fewer than two differences, no non-zero
    /// difference, or zero variance.</summary>
    public static WilcoxonResult? WilcoxonSignedRank(ReadOnlySpan<double> differences)
    {
        if (differences.Length < 2)
        {
            return null;
        }

        var magnitudes = new double[differences.Length];
        var positive = new byte[differences.Length];
        var n = 0;
        foreach (var raw in differences)
        {
            var d = Math.Round(raw, DifferenceDecimals, MidpointRounding.ToEven);
            if (d == 0)
            {
                continue;
            }

            magnitudes[n] = Math.Abs(d);
            positive[n] = d > 0 ? (byte)1 : (byte)0;
            n++;
        }

        if (n == 0)
        {
            return null;
        }

        var keys = magnitudes.AsSpan(0, n);
        var signs = positive.AsSpan(0, n);
        keys.Sort(signs);

        var wPlus = 0.0;
        var ties = 0.0;
        var i = 0;
        while (i < n)
        {
            var j = i + 1;
            while (j < n && keys[j] == keys[i])
            {
                j++;
            }

            // Positions i..j-1 (zero-based) share ranks i+1..j: their average is (i + 1 + j) / 2.
            var rank = (i + 1 + j) / 2.0;
            var positives = 0;
            for (var k = i; k < j; k++)
            {
                positives += signs[k];
            }

            wPlus += rank * positives;
            double t = j - i;
            ties += (t * t * t) - t;
            i = j;
        }

        double nn = n;
        var mean = nn * (nn + 1) / 4;
        var variance = (nn * (nn + 1) * ((2 * nn) + 1) / 24) - (ties / 48);
        if (!(variance > 0))
        {
            return null;
        }

        var z = (Math.Abs(wPlus - mean) - 0.5) / Math.Sqrt(variance);
        // 2(1 - Φ(z)) = erfc(z/√2), without the cancellation of 1 - Φ in the far tail.
        var p = Math.Min(1, Erfc(z / Math.Sqrt(2)));
        return new WilcoxonResult(n, wPlus, mean, variance, z, p);
    }
}
