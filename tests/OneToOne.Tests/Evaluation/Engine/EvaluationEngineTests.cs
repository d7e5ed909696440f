using OneToOne.Evaluation;
using OneToOne.Evaluation.Engine;

namespace OneToOne.Tests.Evaluation.Engine;

/// <summary>The engine's rules on small in-memory datasets whose results are worked out by hand (each test says how;
/// t and normal values from mpmath / Python's statistics.NormalDist).</summary>
public sealed class EvaluationEngineTests
{
    private const string SupportWorker = "Support worker";
    private const string Nurse = "Clinical nurse specialist";

    private static readonly EvaluationInstrument Distress = new("distress", 0, 10, HigherIsBetter: false, MinimalImportantDifference: 2);
    private static readonly EvaluationInstrument Confidence = new("confidence", 0, 10, HigherIsBetter: true, MinimalImportantDifference: 1);

    private static readonly string[] OutcomeOrder = ["distress/followup", "distress/discharge", "confidence/followup", "confidence/discharge"];

    private sealed class Data
    {
        public EvaluationDataset Set { get; } = new()
        {
            UnitCosts = new(StringComparer.Ordinal) { [SupportWorker] = 34, [Nurse] = 71.5 },
            Instruments = [Distress, Confidence, new EvaluationInstrument("wellbeing", 0, 10, true, 1)],
        };

        public Data Person(string key, Cohort cohort = Cohort.Intervention)
        {
            Set.People.Add(new EvaluationPerson(key, "RXA01", cohort));
            return this;
        }

        public Data Scores(string key, string instrument, double? baseline, double? followup, double? discharge = null)
        {
            if (baseline is { } b)
            {
                Set.Responses.Add(new EvaluationResponse(key, instrument, EvaluationTimepoint.Baseline, b));
            }

            if (followup is { } f)
            {
                Set.Responses.Add(new EvaluationResponse(key, instrument, EvaluationTimepoint.Followup, f));
            }

            if (discharge is { } d)
            {
                Set.Responses.Add(new EvaluationResponse(key, instrument, EvaluationTimepoint.Discharge, d));
            }

            return this;
        }

        public Data Contact(string key, double minutes, string role = SupportWorker)
        {
            Set.Contacts.Add(new EvaluationContact(key, new DateOnly(2024, 5, 1), "Telephone", minutes, role));
            return this;
        }
    }

    private static EvaluationResult Run(Data data, int resamples = 200, int seed = 7) =>
        EvaluationEngine.Evaluate(data.Set, new EvaluationSettings { BootstrapResamples = resamples, Seed = seed });

    private static OutcomeResult OutcomeOf(EvaluationResult r, string instrument, string to = "followup") =>
        r.Outcomes.Single(o => o.Instrument == instrument && o.From == "baseline" && o.To == to);

    private static void Close(double expected, double? actual, double relative = 1e-12)
    {
        Assert.NotNull(actual);
        Assert.True(Math.Abs(expected - actual.Value) <= Math.Abs(expected) * relative, $"expected {expected:R}, got {actual.Value:R}");
    }

    private static Data FourPairs()
    {
        // Distress (lower is better, MID 2): 8->5, 6->6, 7->4, 5->6 in the intervention cohort; a comparator person's
        // 9->1 must not count.
        var data = new Data();
        foreach (var (key, before, after) in new[] { ("I1", 8.0, 5.0), ("I2", 6.0, 6.0), ("I3", 7.0, 4.0), ("I4", 5.0, 6.0) })
        {
            data.Person(key).Scores(key, "distress", before, after);
        }

        return data.Person("C1", Cohort.Comparator).Scores("C1", "distress", 9, 1);
    }

    [Fact]
    public void Paired_outcome_over_the_intervention_cohort_matches_a_hand_worked_example()
    {
        // d = after - before = -3, 0, -3, 1: mean -1.25; deviations -1.75, 1.25, -1.75, 2.25 -> Σ² = 12.75, SD = √(12.75/3)
        // = 2.0615528128088303. t(0.975, 3) = 3.1824463052837095 (mpmath) -> CI -1.25 ± 3.18245 × 2.06155/2 =
        // (-4.530390566135351, 2.0303905661353503). t = -1.2126781, p = 0.31203635673959274 (mpmath betainc).
        // Effect size -1.25/2.06155 = -0.6063390625908325. Improvement (before - after) 3, 0, 3, -1: two of four >= 2.
        // Wilcoxon: drop 0; |d| 1 (rank 1), 3, 3 (2.5 each); W+ = 1; mean 3; var 3·4·7/24 - (2³-2)/48 = 3.375;
        // z = (2 - 0.5)/√3.375; p = 0.4142161782425251.
        var o = OutcomeOf(Run(FourPairs()), "distress");

        Assert.Equal(4, o.Pairs);
        Assert.Equal(6.5, o.MeanBefore);
        Assert.Equal(5.25, o.MeanAfter);
        Assert.Equal(-1.25, o.MeanChange);
        Close(-4.530390566135351, o.Ci95Lower);
        Close(2.0303905661353503, o.Ci95Upper);
        Close(0.31203635673959274, o.TTestP, 1e-10);
        Close(-0.6063390625908325, o.EffectSize);
        Close(0.4142161782425251, o.WilcoxonP, 1e-12);
        Assert.Equal(0.5, o.ImprovedShare);
    }

    [Fact]
    public void Improvement_is_signed_by_the_instruments_direction()
    {
        // Confidence (higher is better, MID 1): 3->5 (+2), 4->4 (0), 6->5 (-1): one of three improved by at least 1.
        // The same changes on distress (lower is better, MID 2) would make 6->5 an improvement of 1 (< 2) and 3->5 a worsening.
        var data = new Data();
        foreach (var (key, before, after) in new[] { ("I1", 3.0, 5.0), ("I2", 4.0, 4.0), ("I3", 6.0, 5.0) })
        {
            data.Person(key).Scores(key, "confidence", before, after).Scores(key, "distress", before, after);
        }

        var r = Run(data);
        Close(1.0 / 3, OutcomeOf(r, "confidence").ImprovedShare);
        Assert.Equal(0.0, OutcomeOf(r, "distress").ImprovedShare);
    }

    [Fact]
    public void An_improvement_equal_to_the_minimal_important_difference_counts_despite_binary_rounding()
    {
        // 5.3 -> 4.8 is an improvement of 0.5 on paper and 0.49999999999999982 in binary; MID 0.5.
        var data = new Data();
        data.Set.Instruments.Add(new EvaluationInstrument("severity", 0, 10, false, 0.5));
        data.Person("I1").Scores("I1", "severity", 5.3, 4.8).Person("I2").Scores("I2", "severity", 5.0, 4.6);
        Assert.Equal(0.5, OutcomeOf(Run(data), "severity").ImprovedShare);
        Assert.True(EvaluationEngine.IsImproved(5.3 - 4.8, 0.5));
        Assert.False(EvaluationEngine.IsImproved(0.4, 0.5));
        Assert.False(EvaluationEngine.IsImproved(0, 0)); // "improved" always means better, even with a MID of 0
    }

    [Fact]
    public void One_pair_gives_means_but_no_test_interval_or_effect_size()
    {
        var o = OutcomeOf(Run(new Data().Person("I1").Scores("I1", "distress", 7, 4)), "distress");

        Assert.Equal(1, o.Pairs);
        Assert.Equal(7.0, o.MeanBefore);
        Assert.Equal(4.0, o.MeanAfter);
        Assert.Equal(-3.0, o.MeanChange);
        Assert.Equal(1.0, o.ImprovedShare);
        Assert.Null(o.Ci95Lower);
        Assert.Null(o.Ci95Upper);
        Assert.Null(o.TTestP);
        Assert.Null(o.WilcoxonP);
        Assert.Null(o.EffectSize);
    }

    [Fact]
    public void Zero_variance_makes_the_t_test_interval_and_effect_size_not_computable_but_not_the_wilcoxon_test()
    {
        // Every change -2: SD 0. Wilcoxon: n = 3 tied at rank 2, W+ = 0, mean 3, var 3·4·7/24 - 24/48 = 3; z = 2.5/√3;
        // p = erfc(z/√2) = 0.14891467317876572 (Python 2*(1 - NormalDist().cdf(2.5/3**0.5))).
        var data = new Data();
        foreach (var key in new[] { "I1", "I2", "I3" })
        {
            data.Person(key).Scores(key, "distress", 6, 4);
        }

        var o = OutcomeOf(Run(data), "distress");
        Assert.Equal(-2.0, o.MeanChange);
        Assert.Null(o.TTestP);
        Assert.Null(o.Ci95Lower);
        Assert.Null(o.EffectSize);
        Close(0.14891467317876572, o.WilcoxonP, 1e-12);
        Assert.Equal(1.0, o.ImprovedShare);
    }

    [Fact]
    public void Every_instrument_answered_gets_both_pairs_of_timepoints_and_one_never_answered_gets_none()
    {
        // Wellbeing has no responses: not listed. Confidence has baseline and discharge only: followup pair is empty.
        var data = FourPairs().Scores("I1", "confidence", 3, null, 6).Scores("I2", "confidence", 4, null, 9);
        var r = Run(data);

        Assert.DoesNotContain(r.Outcomes, o => o.Instrument == "wellbeing");
        Assert.Equal(OutcomeOrder,
            r.Outcomes.Select(o => o.Instrument + "/" + o.To).ToArray());
        var empty = OutcomeOf(r, "confidence");
        Assert.Equal(0, empty.Pairs);
        Assert.Null(empty.MeanBefore);
        Assert.Null(empty.ImprovedShare);
        Assert.Equal(2, OutcomeOf(r, "confidence", "discharge").Pairs);
        Assert.Equal(4.0, OutcomeOf(r, "confidence", "discharge").MeanChange); // (+3 + +5)/2
    }

    [Fact]
    public void A_persons_cost_is_their_contact_minutes_priced_at_their_staff_roles_hourly_cost()
    {
        // I1: 30 min support worker (34/h) + 90 min nurse (71.5/h) = 17 + 107.25 = 124.25. I2: 45 min support worker = 25.5.
        // I3: no contacts = 0. C1: 60 min nurse = 71.5. Means: intervention (124.25 + 25.5 + 0)/3 = 49.916..., comparator 71.5.
        var data = new Data().Person("I1").Person("I2").Person("I3").Person("C1", Cohort.Comparator)
            .Contact("I1", 30).Contact("I1", 90, Nurse).Contact("I2", 45).Contact("C1", 60, Nurse);
        data.Scores("I1", "distress", 5, 3);

        var r = Run(data);
        Assert.Equal(4, r.Contacts);
        Assert.Equal((4, 3, 1), (r.People, r.InterventionPeople, r.ComparatorPeople));
        Close(124.25 + 25.5 + 71.5, r.Costs!.TotalCost);
        Close((124.25 + 25.5) / 3, r.Costs.MeanCostIntervention);
        Assert.Equal(71.5, r.Costs.MeanCostComparator);
        Assert.Equal(124.25, r.CostEffectiveness.MeanCostIntervention); // only I1 has both distress timepoints
    }

    private static Data CostEffectivenessExample()
    {
        // Distress (lower is better), one role at 100/h: intervention I1 8->5 (effect 3, 60 min = cost 100), I2 6->5
        // (effect 1, 120 min = 200); comparator C1 5->5 (0, 30 min = 50), C2 7->6 (1, 42 min = 70); I3 and C3 have no
        // follow-up and must be left out (their 600 minutes would move the means).
        var data = new Data();
        data.Set.UnitCosts["Unit"] = 100;
        data.Person("I1").Scores("I1", "distress", 8, 5).Contact("I1", 60, "Unit");
        data.Person("I2").Scores("I2", "distress", 6, 5).Contact("I2", 120, "Unit");
        data.Person("I3").Scores("I3", "distress", 9, null).Contact("I3", 600, "Unit");
        data.Person("C1", Cohort.Comparator).Scores("C1", "distress", 5, 5).Contact("C1", 30, "Unit");
        data.Person("C2", Cohort.Comparator).Scores("C2", "distress", 7, 6).Contact("C2", 42, "Unit");
        data.Person("C3", Cohort.Comparator).Scores("C3", "distress", 7, null).Contact("C3", 600, "Unit");
        return data;
    }

    [Fact]
    public void Icer_is_incremental_cost_over_incremental_effect_among_people_with_both_timepoints()
    {
        // Intervention: cost (100 + 200)/2 = 150, effect (3 + 1)/2 = 2. Comparator: cost (50 + 70)/2 = 60, effect 0.5.
        // ΔC = 90, ΔE = 1.5, ICER = 60 per point of distress.
        var ce = Run(CostEffectivenessExample()).CostEffectiveness;

        Assert.Equal("distress", ce.Instrument);
        Assert.Equal((2, 2), (ce.InterventionPeople, ce.ComparatorPeople));
        Close(150, ce.MeanCostIntervention);
        Close(60, ce.MeanCostComparator);
        Assert.Equal(2.0, ce.MeanEffectIntervention);
        Assert.Equal(0.5, ce.MeanEffectComparator);
        Close(90, ce.IncrementalCost);
        Assert.Equal(1.5, ce.IncrementalEffect);
        Close(60, ce.Icer);
    }

    [Fact]
    public void The_effect_instrument_is_configurable_and_signed_so_that_positive_is_better()
    {
        // Confidence (higher is better): I1 2->6 (+4), C1 5->4 (-1). ΔE = 5; costs 0, so ΔC = 0 and ICER 0.
        var data = new Data().Person("I1").Scores("I1", "confidence", 2, 6).Person("I2").Scores("I2", "confidence", 2, 4)
            .Person("C1", Cohort.Comparator).Scores("C1", "confidence", 5, 4).Person("C2", Cohort.Comparator).Scores("C2", "confidence", 5, 5);
        var ce = EvaluationEngine.Evaluate(data.Set, new EvaluationSettings { EffectInstrument = "confidence", BootstrapResamples = 50 }).CostEffectiveness;

        Assert.Equal("confidence", ce.Instrument);
        Assert.Equal(3.0, ce.MeanEffectIntervention);
        Assert.Equal(-0.5, ce.MeanEffectComparator);
        Assert.Equal(3.5, ce.IncrementalEffect);
        Assert.Equal(0.0, ce.Icer);
    }

    [Fact]
    public void No_incremental_effect_gives_no_icer_and_an_empty_comparator_gives_no_increments()
    {
        var same = new Data().Person("I1").Scores("I1", "distress", 6, 5).Person("C1", Cohort.Comparator).Scores("C1", "distress", 4, 3)
            .Contact("I1", 60);
        var ce = Run(same).CostEffectiveness;
        Assert.Equal(0.0, ce.IncrementalEffect);
        Close(34, ce.IncrementalCost);
        Assert.Null(ce.Icer);

        var alone = Run(new Data().Person("I1").Scores("I1", "distress", 6, 5).Person("I2").Scores("I2", "distress", 6, 4)).CostEffectiveness;
        Assert.Equal(0, alone.ComparatorPeople);
        Assert.Null(alone.MeanCostComparator);
        Assert.Null(alone.IncrementalCost);
        Assert.Null(alone.IncrementalEffect);
        Assert.Null(alone.Icer);
        Assert.Null(alone.IcerCi95Lower);
        Assert.Equal(0, alone.BootstrapResamples);
        Assert.All(alone.Acceptability, p => Assert.Null(p.Probability));
    }

    private static Data TwelvePeople()
    {
        // Six a cohort with different costs and effects, so that resamples differ from seed to seed.
        var data = new Data();
        data.Set.UnitCosts["Unit"] = 60;
        for (var i = 0; i < 6; i++)
        {
            var n = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            data.Person("I" + n).Scores("I" + n, "distress", 8, 7 - (i % 4)).Contact("I" + n, 20 + (13 * i), "Unit");
            data.Person("C" + n, Cohort.Comparator).Scores("C" + n, "distress", 6, 6 - (i % 3)).Contact("C" + n, 10 + (7 * i), "Unit");
        }

        return data;
    }

    [Fact]
    public void The_bootstrap_is_reproducible_from_its_seed_and_changes_with_it()
    {
        var first = Run(TwelvePeople(), resamples: 500, seed: 11).CostEffectiveness;
        var again = Run(TwelvePeople(), resamples: 500, seed: 11).CostEffectiveness;
        var other = Run(TwelvePeople(), resamples: 500, seed: 12).CostEffectiveness;

        Assert.Equal(500, first.BootstrapResamples);
        Assert.Equal((first.IcerCi95Lower, first.IcerCi95Upper, first.IncrementalCostCi95Lower, first.IncrementalEffectCi95Upper),
            (again.IcerCi95Lower, again.IcerCi95Upper, again.IncrementalCostCi95Lower, again.IncrementalEffectCi95Upper));
        Assert.Equal(first.Acceptability, again.Acceptability);
        Assert.NotEqual((first.IcerCi95Lower, first.IcerCi95Upper, first.IncrementalCostCi95Lower, first.IncrementalCostCi95Upper),
            (other.IcerCi95Lower, other.IcerCi95Upper, other.IncrementalCostCi95Lower, other.IncrementalCostCi95Upper));
    }

    [Fact]
    public void Bootstrap_intervals_and_the_acceptability_curve_stay_within_what_any_resample_can_give()
    {
        // Intervention effects {3, 4}, costs {100, 120}; comparator effects {0, 1}, costs {50, 60}. Any resample has
        // ΔE* in [3 - 1, 4 - 0] = [2, 4] and ΔC* in [100 - 60, 120 - 50] = [40, 70]: so ICER* in [10, 35], no resample is
        // cost-effective at λ = 0 (ΔC* > 0) and every one is at λ = 100 (100·2 - 70 > 0).
        var data = new Data();
        data.Set.UnitCosts["Unit"] = 60; // 1 minute = 1
        data.Person("I1").Scores("I1", "distress", 8, 5).Contact("I1", 100, "Unit");
        data.Person("I2").Scores("I2", "distress", 9, 5).Contact("I2", 120, "Unit");
        data.Person("C1", Cohort.Comparator).Scores("C1", "distress", 5, 5).Contact("C1", 50, "Unit");
        data.Person("C2", Cohort.Comparator).Scores("C2", "distress", 6, 5).Contact("C2", 60, "Unit");

        var ce = Run(data, resamples: 400).CostEffectiveness;

        Assert.InRange(ce.IcerCi95Lower!.Value, 10, 35);
        Assert.InRange(ce.IcerCi95Upper!.Value, ce.IcerCi95Lower.Value, 35);
        Assert.InRange(ce.IncrementalEffectCi95Lower!.Value, 2, 4);
        Assert.InRange(ce.IncrementalCostCi95Upper!.Value, 40, 70);
        Assert.Equal(0, ce.UndefinedIcerResamples);
        Assert.Equal(0.0, ce.Acceptability.Single(p => p.WillingnessToPay == 0).Probability);
        Assert.Equal(1.0, ce.Acceptability.Single(p => p.WillingnessToPay == 100).Probability);
        var curve = ce.Acceptability.Select(p => p.Probability!.Value).ToArray();
        Assert.Equal(curve.Order().ToArray(), curve); // ΔE* > 0 in every resample: the curve can only rise with λ
    }

    [Fact]
    public void Resamples_with_no_incremental_effect_are_left_out_of_the_icer_interval_and_counted()
    {
        // Every effect is 1 in both cohorts: every resample has ΔE* = 0. ΔC* still varies.
        var data = new Data();
        data.Set.UnitCosts["Unit"] = 60;
        foreach (var (key, cohort, minutes) in new[] { ("I1", Cohort.Intervention, 10.0), ("I2", Cohort.Intervention, 30.0), ("C1", Cohort.Comparator, 5.0), ("C2", Cohort.Comparator, 15.0) })
        {
            data.Person(key, cohort).Scores(key, "distress", 5, 4).Contact(key, minutes, "Unit");
        }

        var ce = Run(data, resamples: 100).CostEffectiveness;
        Assert.Equal(100, ce.UndefinedIcerResamples);
        Assert.Null(ce.Icer);
        Assert.Null(ce.IcerCi95Lower);
        Assert.NotNull(ce.IncrementalCostCi95Lower);
        // With ΔE* = 0 the net benefit λ·ΔE* - ΔC* = -ΔC* does not depend on λ: the curve is flat.
        Assert.All(ce.Acceptability, p => Assert.Equal(ce.Acceptability[0].Probability, p.Probability));
    }

    [Fact]
    public void An_in_memory_dataset_goes_through_the_same_checks_as_the_csv_files()
    {
        var data = new Data().Person("I1").Person("I1").Contact("ghost", 30).Contact("I1", -5).Contact("I1", 10, "Porter");
        data.Set.Responses.Add(new EvaluationResponse("I1", "distress", EvaluationTimepoint.Baseline, 11));
        data.Set.Responses.Add(new EvaluationResponse("I1", "mood", EvaluationTimepoint.Baseline, 1));

        var e = Assert.Throws<EvaluationDataException>(() => Run(data));

        var all = string.Join("\n", e.Problems.Messages);
        Assert.Contains("people item 2: person_key 'I1' appears more than once (first on line 1)", all, StringComparison.Ordinal);
        Assert.Contains("contacts item 1: person_key 'ghost' is not in people.csv", all, StringComparison.Ordinal);
        Assert.Contains("contacts item 2: duration_minutes -5 is negative", all, StringComparison.Ordinal);
        Assert.Contains("contacts item 3: staff_role 'Porter' has no unit cost", all, StringComparison.Ordinal);
        Assert.Contains("responses item 1: score 11 is outside distress's range 0 to 10", all, StringComparison.Ordinal);
        Assert.Contains("responses item 2: instrument 'mood' is not in instruments.csv", all, StringComparison.Ordinal);
        Assert.Equal(6, e.Problems.Count);
    }

    [Fact]
    public void Bootstrap_tallies_count_any_number_of_draws_of_one_person_exactly()
    {
        // Person 0 (cost 2, effect 0.5) drawn 300 times, person 1 (cost 10, effect -1) 5 times: the byte tally of person 0
        // wraps once at 256. Sums: 300·2 + 5·10 = 650 and 300·0.5 - 5 = 145; the tallies are cleared afterwards.
        double[] data = [2, 0.5, 10, -1];
        var counts = new byte[2];
        double cost = 0, effect = 0;
        for (var i = 0; i < 300; i++)
        {
            EvaluationEngine.Tally(data, counts, 0, ref cost, ref effect);
        }

        for (var i = 0; i < 5; i++)
        {
            EvaluationEngine.Tally(data, counts, 1, ref cost, ref effect);
        }

        EvaluationEngine.AddTallies(data, counts, 2, ref cost, ref effect);
        Assert.Equal(650.0, cost);
        Assert.Equal(145.0, effect);
        Assert.All(counts, c => Assert.Equal(0, c));
    }
}
