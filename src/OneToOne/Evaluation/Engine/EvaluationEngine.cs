using System.Runtime.CompilerServices;
using S = OneToOne.Evaluation.Engine.EvaluationStatistics;

namespace OneToOne.Evaluation.Engine;

/// <summary>The evaluation's methods, the same over the live database and a CSV dataset (docs/evaluation.md, "Formulas"):
/// paired outcomes over the intervention cohort, each person's cost, and cost-effectiveness against the comparator with
/// a seeded bootstrap. Pure: no clock, no I/O; the same data and settings give the same result.</summary>
public static class EvaluationEngine
{
    /// <summary>An incremental effect (mean of score changes) this close to zero is zero: it has no ICER.</summary>
    public const double ZeroEffect = 1e-9;

    private static readonly (EvaluationTimepoint From, EvaluationTimepoint To)[] Pairs =
    [
        (EvaluationTimepoint.Baseline, EvaluationTimepoint.Followup),
        (EvaluationTimepoint.Baseline, EvaluationTimepoint.Discharge),
    ];

    /// <summary>Evaluates an in-memory dataset. Throws <see cref="EvaluationDataException"/> when it breaks the dataset's
    /// rules (the same as the CSV files': unknown people, roles or instruments, scores out of range, duplicates...).</summary>
    public static EvaluationResult Evaluate(EvaluationDataset data, EvaluationSettings settings) =>
        Evaluate(EvaluationFrameBuilder.FromDataset(data), settings);

    internal static EvaluationResult Evaluate(EvaluationFrame frame, EvaluationSettings settings)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(settings.BootstrapResamples);

        var intervention = 0;
        var totalCost = 0.0;
        var interventionCost = 0.0;
        for (var p = 0; p < frame.PersonCount; p++)
        {
            totalCost += frame.Costs[p];
            if (frame.Cohorts[p] == (byte)Cohort.Intervention)
            {
                intervention++;
                interventionCost += frame.Costs[p];
            }
        }

        var comparator = frame.PersonCount - intervention;
        var outcomes = new List<OutcomeResult>();
        for (var i = 0; i < frame.Instruments.Length; i++)
        {
            if (frame.Scores[i].All(column => column is null))
            {
                continue; // nobody answered it
            }

            foreach (var (from, to) in Pairs)
            {
                outcomes.Add(Outcome(frame, i, from, to));
            }
        }

        return new EvaluationResult(frame.PersonCount, intervention, comparator, frame.ContactCount, outcomes, CostEffectiveness(frame, settings))
        {
            Responses = frame.ResponseCount,
            Costs = new CostSummary(totalCost,
                intervention > 0 ? interventionCost / intervention : null,
                comparator > 0 ? (totalCost - interventionCost) / comparator : null),
        };
    }

    /// <summary>Paired change from one timepoint to another over the intervention cohort's people with both.</summary>
    internal static OutcomeResult Outcome(EvaluationFrame frame, int instrumentIndex, EvaluationTimepoint from, EvaluationTimepoint to)
    {
        var instrument = frame.Instruments[instrumentIndex];
        var before = frame.Scores[instrumentIndex][(int)from];
        var after = frame.Scores[instrumentIndex][(int)to];
        var n = 0;
        if (before is not null && after is not null)
        {
            for (var p = 0; p < frame.PersonCount; p++)
            {
                if (frame.Cohorts[p] == (byte)Cohort.Intervention && !double.IsNaN(before[p]) && !double.IsNaN(after[p]))
                {
                    n++;
                }
            }
        }

        var fromName = EvaluationFrameBuilder.TimepointName(from);
        var toName = EvaluationFrameBuilder.TimepointName(to);
        if (n == 0)
        {
            return new OutcomeResult(instrument.Code, fromName, toName, 0, null, null, null, null, null, null, null, null, null);
        }

        var b = new double[n];
        var a = new double[n];
        var d = new double[n];
        var k = 0;
        for (var p = 0; p < frame.PersonCount; p++)
        {
            if (frame.Cohorts[p] == (byte)Cohort.Intervention && !double.IsNaN(before![p]) && !double.IsNaN(after![p]))
            {
                b[k] = before[p];
                a[k] = after[p];
                d[k] = after[p] - before[p];
                k++;
            }
        }

        var improved = 0;
        var direction = instrument.HigherIsBetter ? 1.0 : -1.0;
        foreach (var change in d)
        {
            if (IsImproved(direction * change, instrument.MinimalImportantDifference))
            {
                improved++;
            }
        }

        var t = S.PairedTTest(d);
        var w = S.WilcoxonSignedRank(d);
        return new OutcomeResult(instrument.Code, fromName, toName, n,
            S.Mean(b), S.Mean(a), S.Mean(d),
            t?.Ci95Lower, t?.Ci95Upper, t?.P, w?.P, t?.EffectSize,
            (double)improved / n);
    }

    /// <summary>An improvement (a change signed so that positive is better) counts when it is positive and at least the
    /// minimal important difference, after rounding to <see cref="S.DifferenceDecimals"/> places.</summary>
    public static bool IsImproved(double improvement, double minimalImportantDifference)
    {
        var r = Math.Round(improvement, S.DifferenceDecimals, MidpointRounding.ToEven);
        return r > 0 && r >= minimalImportantDifference;
    }

    internal static CostEffectivenessResult CostEffectiveness(EvaluationFrame frame, EvaluationSettings settings)
    {
        var name = settings.EffectInstrument;
        var index = frame.IndexOfInstrument(name);
        var before = index >= 0 ? frame.Scores[index][(int)EvaluationTimepoint.Baseline] : null;
        var after = index >= 0 ? frame.Scores[index][(int)EvaluationTimepoint.Followup] : null;

        // Each cohort's people with both timepoints, as (cost, effect) pairs side by side: one cache line per draw.
        int nI = 0, nC = 0;
        if (before is not null && after is not null)
        {
            for (var p = 0; p < frame.PersonCount; p++)
            {
                if (!double.IsNaN(before[p]) && !double.IsNaN(after[p]))
                {
                    if (frame.Cohorts[p] == (byte)Cohort.Intervention)
                    {
                        nI++;
                    }
                    else
                    {
                        nC++;
                    }
                }
            }
        }

        var iData = new double[2 * nI];
        var cData = new double[2 * nC];
        if (nI + nC > 0)
        {
            var direction = frame.Instruments[index].HigherIsBetter ? 1.0 : -1.0;
            int ki = 0, kc = 0;
            for (var p = 0; p < frame.PersonCount; p++)
            {
                if (double.IsNaN(before![p]) || double.IsNaN(after![p]))
                {
                    continue;
                }

                var effect = direction * (after[p] - before[p]);
                if (frame.Cohorts[p] == (byte)Cohort.Intervention)
                {
                    iData[2 * ki] = frame.Costs[p];
                    iData[(2 * ki) + 1] = effect;
                    ki++;
                }
                else
                {
                    cData[2 * kc] = frame.Costs[p];
                    cData[(2 * kc) + 1] = effect;
                    kc++;
                }
            }
        }

        var (costI, effectI) = Means(iData, nI);
        var (costC, effectC) = Means(cData, nC);
        double? deltaC = nI > 0 && nC > 0 ? costI - costC : null;
        double? deltaE = nI > 0 && nC > 0 ? effectI - effectC : null;
        double? icer = deltaE is { } de && Math.Abs(de) > ZeroEffect ? deltaC / de : null;

        var resamples = nI >= 2 && nC >= 2 ? settings.BootstrapResamples : 0;
        var boot = resamples > 0 ? Bootstrap(iData, nI, cData, nC, resamples, settings.Seed) : null;
        var curve = settings.WillingnessToPay
            .Select(lambda => new AcceptabilityPoint(lambda, boot is null ? null : boot.ShareCostEffective(lambda)))
            .ToList();

        return new CostEffectivenessResult(name, nI, nC,
            nI > 0 ? costI : null, nC > 0 ? costC : null, nI > 0 ? effectI : null, nC > 0 ? effectC : null,
            deltaC, deltaE, icer,
            boot?.IcerLower, boot?.IcerUpper, boot?.CostLower, boot?.CostUpper, boot?.EffectLower, boot?.EffectUpper,
            curve)
        {
            BootstrapResamples = resamples,
            UndefinedIcerResamples = boot?.UndefinedIcers ?? 0,
        };
    }

    private static (double Cost, double Effect) Means(double[] data, int n)
    {
        if (n == 0)
        {
            return (0, 0);
        }

        double cost = 0, effect = 0;
        for (var k = 0; k < n; k++)
        {
            cost += data[2 * k];
            effect += data[(2 * k) + 1];
        }

        return (cost / n, effect / n);
    }

    /// <summary>Non-parametric bootstrap: resample b (0-based) draws nI intervention people then nC comparator people
    /// with replacement from its own <see cref="BootstrapRandom"/> stream and records ΔC* and ΔE* (differences of the
    /// resampled means). Resamples run in parallel; each writes only its own slot, so the result does not depend on
    /// scheduling.</summary>
    internal static BootstrapSummary Bootstrap(double[] iData, int nI, double[] cData, int nC, int resamples, int seed)
    {
        var deltaC = new double[resamples];
        var deltaE = new double[resamples];
        Parallel.For(0, resamples,
            () => (Intervention: new byte[nI], Comparator: new byte[nC]),
            (b, _, counts) =>
            {
                var rng = BootstrapRandom.ForResample(seed, b);
                var (ci, ei) = ResampleMeans(iData, nI, ref rng, counts.Intervention);
                var (cc, ec) = ResampleMeans(cData, nC, ref rng, counts.Comparator);
                deltaC[b] = ci - cc;
                deltaE[b] = ei - ec;
                return counts;
            },
            _ => { });

        return new BootstrapSummary(deltaC, deltaE);
    }

    /// <summary>The means of one resample of n people. The draws are tallied first (how many times each person was drawn,
    /// in a byte array small enough to stay in the processor's cache) and the sums then taken in one pass in person order:
    /// the same multiset as adding each draw as it comes, without a cache miss per draw on a national dataset. A tally
    /// that reaches 256 wraps to 0 after its 256 draws are added, so any number of draws is counted exactly.</summary>
    private static (double Cost, double Effect) ResampleMeans(double[] data, int n, ref BootstrapRandom rng, byte[] counts)
    {
        double cost = 0, effect = 0;
        for (var k = 0; k < n; k++)
        {
            Tally(data, counts, rng.NextIndex(n), ref cost, ref effect);
        }

        AddTallies(data, counts, n, ref cost, ref effect);
        return (cost / n, effect / n);
    }

    /// <summary>Counts one draw of person j; a count that wraps from 255 to 0 adds its 256 draws to the sums at once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Tally(double[] data, byte[] counts, int j, ref double cost, ref double effect)
    {
        if (++counts[j] == 0)
        {
            cost += 256 * data[2 * j];
            effect += 256 * data[(2 * j) + 1];
        }
    }

    /// <summary>Adds count × (cost, effect) of every person in order, and clears the counts for the next resample.</summary>
    internal static void AddTallies(double[] data, byte[] counts, int n, ref double cost, ref double effect)
    {
        for (var j = 0; j < n; j++)
        {
            // Branch-free: a person not drawn adds 0 × their values (finite), which is cheaper than a mispredicted branch.
            double times = counts[j];
            cost += times * data[2 * j];
            effect += times * data[(2 * j) + 1];
        }

        Array.Clear(counts, 0, n);
    }

    /// <summary>The resampled increments and their percentile (type 7) 95% intervals: 2.5th and 97.5th percentiles.</summary>
    internal sealed class BootstrapSummary
    {
        private readonly double[] _deltaC;
        private readonly double[] _deltaE;

        public BootstrapSummary(double[] deltaC, double[] deltaE)
        {
            _deltaC = deltaC;
            _deltaE = deltaE;
            var sortedC = (double[])deltaC.Clone();
            var sortedE = (double[])deltaE.Clone();
            Array.Sort(sortedC);
            Array.Sort(sortedE);
            (CostLower, CostUpper) = Interval(sortedC);
            (EffectLower, EffectUpper) = Interval(sortedE);

            var icers = new List<double>(deltaC.Length);
            for (var b = 0; b < deltaC.Length; b++)
            {
                if (Math.Abs(deltaE[b]) > ZeroEffect)
                {
                    icers.Add(deltaC[b] / deltaE[b]);
                }
            }

            UndefinedIcers = deltaC.Length - icers.Count;
            if (icers.Count >= 2)
            {
                icers.Sort();
                (IcerLower, IcerUpper) = Interval(icers.ToArray());
            }
        }

        public double? CostLower { get; }
        public double? CostUpper { get; }
        public double? EffectLower { get; }
        public double? EffectUpper { get; }
        public double? IcerLower { get; }
        public double? IcerUpper { get; }
        public int UndefinedIcers { get; }

        public IReadOnlyList<double> DeltaCost => _deltaC;
        public IReadOnlyList<double> DeltaEffect => _deltaE;

        /// <summary>The share of resamples with a positive net monetary benefit λ·ΔE* - ΔC* (a resample with ΔE* = 0 counts
        /// when it saves money).</summary>
        public double ShareCostEffective(double lambda)
        {
            var yes = 0;
            for (var b = 0; b < _deltaC.Length; b++)
            {
                if ((lambda * _deltaE[b]) - _deltaC[b] > 0)
                {
                    yes++;
                }
            }

            return (double)yes / _deltaC.Length;
        }

        private static (double? Lower, double? Upper) Interval(double[] sorted) =>
            sorted.Length < 2 ? (null, null) : (S.Percentile(sorted, 0.025), S.Percentile(sorted, 0.975));
    }
}
