using OneToOne.Evaluation;
using OneToOne.Evaluation.Live;

namespace OneToOne.Tests.Evaluation.Live;

/// <summary>Small-number suppression at every boundary (issue 5: 0, 1, 7, 8 and rounding ties), with the defaults: counts
/// 1-7 as "*", others to the nearest 5 (ties away from zero), averages over fewer than 8 people hidden.</summary>
public sealed class DisclosureRulesTests
{
    private static readonly DisclosureRules Rules = DisclosureRules.From(new EvaluationOptions());

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1, "*")]
    [InlineData(7, "*")]
    [InlineData(8, "10")]
    [InlineData(9, "10")]
    [InlineData(10, "10")]
    [InlineData(12, "10")]
    [InlineData(13, "15")]
    [InlineData(17, "15")]
    [InlineData(18, "20")]
    [InlineData(1234, "1,235")]
    public void Below_programme_level_counts_of_1_to_7_are_starred_and_the_rest_rounded_to_the_nearest_5(int count, string shown)
    {
        var cell = Rules.Count(count, programmeLevel: false);
        Assert.Equal(shown, cell.Text);
        Assert.Equal(shown == "*" ? CellState.Suppressed : CellState.Shown, cell.State);
        Assert.Equal(shown == "*" ? null : double.Parse(shown.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture), cell.Value);
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1, "1")]
    [InlineData(7, "7")]
    [InlineData(8, "8")]
    [InlineData(12, "12")]
    [InlineData(13, "13")]
    public void At_programme_level_counts_are_exact(int count, string shown) =>
        Assert.Equal(shown, Rules.Count(count, programmeLevel: true).Text);

    [Theory]
    [InlineData(12.5, 15)]
    [InlineData(17.5, 20)]
    [InlineData(2.5, 5)]
    [InlineData(7.4, 5)]
    [InlineData(22.4999, 20)]
    public void Rounding_ties_go_away_from_zero(double value, double rounded) => Assert.Equal(rounded, Rules.Round(value));

    [Fact]
    public void Rounding_to_ten_rounds_a_tie_of_15_up_to_20_and_14_down_to_10()
    {
        var rules = Rules with { RoundTo = 10 };
        Assert.Equal("20", rules.Count(15, false).Text);
        Assert.Equal("10", rules.Count(14, false).Text);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void RoundTo_0_or_1_leaves_counts_above_the_threshold_unrounded(int roundTo)
    {
        var rules = Rules with { RoundTo = roundTo };
        Assert.Equal("13", rules.Count(13, false).Text);
        Assert.Equal("*", rules.Count(7, false).Text);
    }

    [Fact]
    public void The_threshold_is_configurable()
    {
        var rules = DisclosureRules.From(new EvaluationOptions { SuppressAtOrBelow = 10, RoundTo = 5, MinimumPeopleForAverages = 11 });
        Assert.Equal("*", rules.Count(10, false).Text);
        Assert.Equal("10", rules.Count(11, false).Text);
        Assert.Equal("*", rules.Average(4.2, 10, false).Text);
        Assert.Equal("4.2", rules.Average(4.2, 11, false).Text);
    }

    [Theory]
    [InlineData(1, "*")]
    [InlineData(7, "*")]
    [InlineData(8, "4.3")]
    public void Below_programme_level_a_mean_over_fewer_than_8_people_is_hidden(int people, string shown) =>
        Assert.Equal(shown, Rules.Average(4.26, people, programmeLevel: false).Text);

    [Fact]
    public void At_programme_level_a_mean_over_one_person_is_shown() =>
        Assert.Equal("4.3", Rules.Average(4.26, 1, programmeLevel: true).Text);

    [Fact]
    public void A_mean_that_cannot_be_computed_says_so_rather_than_showing_a_number()
    {
        Assert.Equal(CellState.NotComputable, Rules.Average(null, 20, false).State);
        Assert.Equal(CellState.NotComputable, Rules.Average(null, 0, true).State);
        Assert.Equal(CellState.NotComputable, Rules.Average(double.NaN, 20, true).State);
    }

    [Theory]
    [InlineData(1, 20, "*")]    // numerator suppressed
    [InlineData(7, 20, "*")]
    [InlineData(8, 20, "40.0")] // 8 of 20 people, per 100
    [InlineData(0, 20, "0.0")]  // 0 is not suppressed
    [InlineData(9, 7, "*")]     // denominator suppressed
    [InlineData(0, 0, "–")]     // no people: not computable
    public void Below_programme_level_a_rate_is_hidden_when_its_numerator_or_denominator_is_suppressed(int events, int people, string shown) =>
        Assert.Equal(shown, Rules.Rate(events, people, 100, programmeLevel: false).Text);

    [Theory]
    [InlineData(17, 20, "*")]  // 3 not counted would show through
    [InlineData(12, 20, "60")]
    [InlineData(20, 20, "100")] // complement 0 is not suppressed
    [InlineData(0, 20, "0")]
    public void Below_programme_level_a_share_is_also_hidden_when_its_complement_is_suppressed(int numerator, int denominator, string shown) =>
        Assert.Equal(shown, Rules.Share(numerator, denominator, programmeLevel: false).Text);

    [Fact]
    public void At_programme_level_rates_and_shares_of_small_numbers_are_shown()
    {
        Assert.Equal("33.3", Rules.Rate(1, 3, 100, programmeLevel: true).Text);
        Assert.Equal("67", Rules.Share(2, 3, programmeLevel: true).Text);
    }

    [Theory]
    [InlineData(3, "*")]
    [InlineData(8, "1,234")]
    public void Below_programme_level_a_total_of_few_contributors_is_hidden(int contributors, string shown) =>
        Assert.Equal(shown, Rules.Total(1234.4, contributors, programmeLevel: false).Text);

    [Fact]
    public void A_filter_on_any_cohort_field_or_organisation_is_below_programme_level_and_the_period_alone_is_not()
    {
        var period = new EvaluationFilter(new DateOnly(2025, 4, 1), new DateOnly(2026, 3, 31));
        Assert.True(LiveFilters.IsProgrammeLevel(period));
        Assert.False(LiveFilters.IsProgrammeLevel(period with { Organisation = "Y0A01" }));
        Assert.False(LiveFilters.IsProgrammeLevel(period with { PathwayLevel = "SharedCare" }));
        Assert.False(LiveFilters.IsProgrammeLevel(period with { TumourSite = "breast" }));
        Assert.False(LiveFilters.IsProgrammeLevel(period with { StaffRole = "Support worker" }));
        Assert.False(LiveFilters.IsProgrammeLevel(period with { AgeBand = "50-59" }));
        Assert.False(LiveFilters.IsProgrammeLevel(period with { Sex = "Female" }));
        Assert.False(LiveFilters.IsProgrammeLevel(period with { Ethnicity = "Any" }));
    }

    [Theory]
    [InlineData("1986-04-01", "Under 40")]  // 39 on the last day
    [InlineData("1986-03-31", "40-49")]     // 40 on the last day
    [InlineData("1966-03-31", "60-69")]
    [InlineData("1946-03-31", "80 and over")]
    public void Age_bands_are_taken_at_the_end_of_the_period(string dateOfBirth, string band) =>
        Assert.Equal(band, LiveFilters.AgeBand(DateOnly.Parse(dateOfBirth, System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2026, 3, 31)));
}
