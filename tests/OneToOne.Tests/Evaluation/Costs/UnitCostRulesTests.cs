using OneToOne.Evaluation.Costs;

namespace OneToOne.Tests.Evaluation.Costs;

public sealed class UnitCostRulesTests
{
    private static readonly string[] Roles = ["Support worker", "Clinical nurse specialist"];

    private static List<UnitCostError> Errors(string? role = "Support worker", string? band = "4", string? cost = "38.50", string? from = "2026-04-01", string? source = null) =>
        UnitCostRules.Check(role, band, cost, from, source, Roles).Errors;

    [Fact]
    public void A_good_rate_is_read_with_the_role_named_as_the_staff_role_is_and_a_pound_sign_allowed()
    {
        var (rate, errors) = UnitCostRules.Check(" support WORKER ", "", "£38.5", "2026-04-01", "  PSSRU 2025, table 9.1 ", Roles);
        Assert.Empty(errors);
        Assert.Equal(new UnitCostInput("Support worker", null, 38.50m, new DateOnly(2026, 4, 1), "PSSRU 2025, table 9.1"), rate);
    }

    [Theory]
    [InlineData(null, "staff_role", "Enter the staff role")]
    [InlineData("Nurse", "staff_role", "\"Nurse\" is not a staff role: use one of Clinical nurse specialist, Support worker")]
    public void The_role_must_be_a_staff_role(string? role, string field, string message) =>
        Assert.Equal([new UnitCostError(field, message)], Errors(role: role));

    [Theory]
    [InlineData("0")]
    [InlineData("10")]
    [InlineData("4.5")]
    [InlineData("8a")]
    [InlineData("-4")]
    public void A_band_must_be_a_whole_number_from_1_to_9(string band) =>
        Assert.Equal([new UnitCostError("band", "Band must be a whole number from 1 to 9, or blank")], Errors(band: band));

    [Theory]
    [InlineData("1")]
    [InlineData("9")]
    [InlineData(" ")]
    public void Bands_1_and_9_and_blank_are_accepted(string band) => Assert.Empty(Errors(band: band));

    [Theory]
    [InlineData("", "Enter the cost per hour")]
    [InlineData("forty", "Cost per hour must be a number of pounds, like 42.50")]
    [InlineData("1,200.00", "Cost per hour must be a number of pounds, like 42.50")]
    [InlineData("0", "Cost per hour must be between £0.01 and £9,999.99")]
    [InlineData("-5", "Cost per hour must be between £0.01 and £9,999.99")]
    [InlineData("10000", "Cost per hour must be between £0.01 and £9,999.99")]
    [InlineData("42.505", "Cost per hour must have no more than 2 decimal places")]
    public void The_cost_per_hour_must_be_pounds_and_pence_above_nothing(string cost, string message) =>
        Assert.Equal([new UnitCostError("cost_per_hour", message)], Errors(cost: cost));

    [Theory]
    [InlineData("0.01")]
    [InlineData("9999.99")]
    [InlineData("42.50")]
    public void The_cost_boundaries_are_accepted(string cost) => Assert.Empty(Errors(cost: cost));

    [Theory]
    [InlineData(null, "Enter the date the rate takes effect")]
    [InlineData("01/04/2026", "The date the rate takes effect must be a real date like 2025-04-01")]
    [InlineData("2026-02-30", "The date the rate takes effect must be a real date like 2025-04-01")]
    [InlineData("1999-12-31", "The date the rate takes effect must be in 2000 or later")]
    public void The_effective_date_must_be_a_real_iso_date_from_2000(string? from, string message) =>
        Assert.Equal([new UnitCostError("effective_from", message)], Errors(from: from));

    [Fact]
    public void A_source_longer_than_200_characters_is_refused_and_200_is_accepted()
    {
        Assert.Equal([new UnitCostError("source", "Source must be 200 characters or fewer")], Errors(source: new string('x', 201)));
        Assert.Empty(Errors(source: new string('x', 200)));
    }

    [Fact]
    public void Every_problem_of_a_rate_is_reported_at_once()
    {
        var errors = Errors(role: "", band: "x", cost: "", from: "");
        Assert.Equal(["staff_role", "band", "cost_per_hour", "effective_from"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Each_rate_runs_until_the_day_before_the_next_and_the_latest_has_no_end()
    {
        var to = UnitCostRules.EffectiveTo([new DateOnly(2026, 4, 1), new DateOnly(2024, 4, 1), new DateOnly(2025, 4, 1)]);
        Assert.Equal(new DateOnly(2025, 3, 31), to[new DateOnly(2024, 4, 1)]);
        Assert.Equal(new DateOnly(2026, 3, 31), to[new DateOnly(2025, 4, 1)]);
        Assert.Null(to[new DateOnly(2026, 4, 1)]);
    }

    [Fact]
    public void A_rate_applies_from_its_first_day_to_its_last_inclusive()
    {
        var from = new DateOnly(2025, 4, 1);
        var to = new DateOnly(2026, 3, 31);
        Assert.False(UnitCostRules.AppliesOn(from, to, from.AddDays(-1)));
        Assert.True(UnitCostRules.AppliesOn(from, to, from));
        Assert.True(UnitCostRules.AppliesOn(from, to, to));
        Assert.False(UnitCostRules.AppliesOn(from, to, to.AddDays(1)));
        Assert.True(UnitCostRules.AppliesOn(from, null, new DateOnly(2099, 1, 1)));
    }

    [Fact]
    public void Two_rates_for_a_role_from_one_day_clash_in_a_batch_and_with_a_stored_rate()
    {
        var april = new DateOnly(2026, 4, 1);
        var sw = new UnitCostInput("Support worker", 4, 38m, april, null);
        var cns = new UnitCostInput("Clinical nurse specialist", 7, 64m, april, null);
        var batch = new List<(int, UnitCostInput)> { (2, sw), (3, cns), (4, sw with { CostPerHour = 39m }) };
        var clashes = UnitCostRules.Clashes(batch, [("Clinical nurse specialist", april)]);
        Assert.Equal(
        [
            new UnitCostRowError(3, "effective_from", "There is already a rate for Clinical nurse specialist from 2026-04-01: to change it, add a rate from a later date"),
            new UnitCostRowError(4, "effective_from", "Row 2 already gives a rate for Support worker from 2026-04-01: give each role one rate per date"),
        ], clashes);
        Assert.Empty(UnitCostRules.Clashes(batch.Take(2).ToList(), [("Support worker", april.AddDays(1))]));
    }
}
