using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Allocation;
using OneToOne.Referrals;

namespace OneToOne.Tests.Rules;

public sealed class CandidateRankerTests
{
    private static readonly AllocationWeights Weights = AllocationWeights.Default;

    private static readonly IReadOnlySet<PathwayLevel> SupportWorkerLevels =
        new HashSet<PathwayLevel> { PathwayLevel.SupportedSelfManagement };

    private static readonly IReadOnlySet<PathwayLevel> AllLevels =
        new HashSet<PathwayLevel> { PathwayLevel.SupportedSelfManagement, PathwayLevel.SharedCare, PathwayLevel.ComplexCaseManagement };

    [Fact]
    public void AllocationWeights_defaults_weigh_levels_one_two_three()
    {
        Assert.Equal(1m, Weights.WeightFor(PathwayLevel.SupportedSelfManagement));
        Assert.Equal(2m, Weights.WeightFor(PathwayLevel.SharedCare));
        Assert.Equal(3m, Weights.WeightFor(PathwayLevel.ComplexCaseManagement));
        Assert.Throws<ArgumentOutOfRangeException>(() => Weights.WeightFor((PathwayLevel)99));
    }

    [Fact]
    public void Rank_scores_an_eligible_candidate_with_only_capacity_by_the_share_left_after()
    {
        var ranked = CandidateRanker.Rank(Need(), [Staff("Asha", capacity: 40, caseload: 19)], Weights).Single();

        Assert.True(ranked.Eligible);
        Assert.Equal(20m, ranked.CapacityLeftAfter);
        Assert.Equal(20m, ranked.Score); // 20/40 x 40 points
        Assert.Equal(["Role may carry supported self-management", "Capacity left: 20 of 40 units after taking this person"], ranked.Reasons);
        Assert.Empty(ranked.Exclusions);
    }

    [Fact]
    public void Rank_excludes_inactive_staff()
    {
        var ranked = CandidateRanker.Rank(Need(), [Staff("Asha") with { Active = false }], Weights).Single();

        Assert.False(ranked.Eligible);
        Assert.Equal(0m, ranked.Score);
        Assert.Equal(["Not active: not taking new people"], ranked.Exclusions);
    }

    [Fact]
    public void Rank_excludes_staff_whose_role_may_not_carry_the_level()
    {
        var ranked = CandidateRanker.Rank(Need(PathwayLevel.ComplexCaseManagement), [Staff("Asha")], Weights).Single();

        Assert.False(ranked.Eligible);
        Assert.Equal(["Role (Support worker) may not carry complex case management"], ranked.Exclusions);
    }

    [Fact]
    public void Rank_excludes_staff_without_capacity_for_this_persons_weight()
    {
        var ranked = CandidateRanker.Rank(
            Need(PathwayLevel.ComplexCaseManagement),
            [Staff("Bea", levels: AllLevels, capacity: 40, caseload: 38)],
            Weights).Single();

        Assert.False(ranked.Eligible);
        Assert.Equal(-1m, ranked.CapacityLeftAfter);
        Assert.Equal(["Not enough capacity: 2 of 40 units left, this person needs 3"], ranked.Exclusions);
    }

    [Fact]
    public void Rank_allows_a_caseload_filled_exactly_to_capacity()
    {
        var ranked = CandidateRanker.Rank(Need(), [Staff("Asha", capacity: 40, caseload: 39)], Weights).Single();

        Assert.True(ranked.Eligible);
        Assert.Equal(0m, ranked.CapacityLeftAfter);
        Assert.Equal(0m, ranked.Score);
    }

    [Fact]
    public void Rank_lists_every_exclusion_that_applies()
    {
        var ranked = CandidateRanker.Rank(
            Need(PathwayLevel.SharedCare),
            [Staff("Asha", capacity: 10, caseload: 10) with { Active = false }],
            Weights).Single();

        Assert.Equal(3, ranked.Exclusions.Count);
    }

    [Fact]
    public void Rank_puts_eligible_candidates_first_even_when_an_ineligible_one_matches_better()
    {
        var previous = Guid.NewGuid();
        var ranked = CandidateRanker.Rank(
            Need() with { PreviousKeyWorkerId = previous, PreferredLanguage = "polish" },
            [
                Staff("Ann", languages: ["polish"]) with { StaffId = previous, Active = false },
                Staff("Zoe", capacity: 40, caseload: 38),
            ],
            Weights);

        Assert.Equal(["Zoe", "Ann"], ranked.Select(r => r.Staff.DisplayName));
        Assert.False(ranked[1].Eligible);
        Assert.Contains("Speaks Polish", ranked[1].Reasons);
    }

    [Fact]
    public void Rank_prefers_more_capacity_left()
    {
        var ranked = CandidateRanker.Rank(Need(), [Staff("Ann", caseload: 30), Staff("Bea", caseload: 10)], Weights);

        Assert.Equal("Bea", ranked[0].Staff.DisplayName);
    }

    [Fact]
    public void Rank_prefers_someone_who_speaks_the_persons_language()
    {
        var ranked = CandidateRanker.Rank(
            Need() with { PreferredLanguage = " Polish " },
            [Staff("Ann", caseload: 0), Staff("Bea", caseload: 20, languages: ["english", "polish"])],
            Weights);

        Assert.Equal("Bea", ranked[0].Staff.DisplayName);
        Assert.Contains("Speaks Polish", ranked[0].Reasons);
        Assert.Contains("Does not speak Polish (preferred language)", ranked[1].Reasons);
        Assert.Equal(25m + 19m, ranked[0].Score);
    }

    [Fact]
    public void Rank_says_an_interpreter_will_be_needed_when_no_shared_language()
    {
        var ranked = CandidateRanker.Rank(
            Need() with { PreferredLanguage = "urdu", InterpreterNeeded = true }, [Staff("Ann")], Weights).Single();

        Assert.Contains("Does not speak Urdu: an interpreter will be needed", ranked.Reasons);
    }

    [Theory]
    [InlineData("english")]
    [InlineData("English")]
    [InlineData(null)]
    [InlineData("  ")]
    public void Rank_treats_english_or_no_preference_as_matched_by_everyone_without_points(string? language)
    {
        var ranked = CandidateRanker.Rank(
            Need() with { PreferredLanguage = language }, [Staff("Ann", languages: ["english"]), Staff("Bea", languages: [])], Weights);

        Assert.Equal(ranked[0].Score, ranked[1].Score);
        Assert.All(ranked, r => Assert.DoesNotContain(r.Reasons, x => x.Contains("speak", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void Rank_prefers_someone_who_knows_the_tumour_site()
    {
        var ranked = CandidateRanker.Rank(
            Need() with { TumourSite = "breast" },
            [Staff("Ann", caseload: 10), Staff("Bea", caseload: 20, sites: ["breast"])],
            Weights);

        Assert.Equal("Bea", ranked[0].Staff.DisplayName);
        Assert.Contains("Knows breast cancer", ranked[0].Reasons);
        Assert.Contains("No breast cancer experience listed", ranked[1].Reasons);
    }

    [Fact]
    public void Rank_gives_skill_points_per_matched_skill_up_to_two()
    {
        var need = Need() with { NeededSkills = new HashSet<string> { "benefits", "work", "housing" } };
        var ranked = CandidateRanker.Rank(
            need,
            [
                Staff("One", caseload: 39 - 1, skills: ["benefits"]),
                Staff("Two", caseload: 39 - 1, skills: ["benefits", "work"]),
                Staff("Three", caseload: 39 - 1, skills: ["benefits", "work", "housing"]),
            ],
            Weights);

        var scores = ranked.ToDictionary(r => r.Staff.DisplayName, r => r.Score);
        Assert.Equal(scores["Two"] + 0, scores["Three"]); // capped at two skills
        Assert.Equal(scores["One"] + 5, scores["Two"]);
        Assert.Contains("Has skills needed: benefits, housing, work", ranked.Single(r => r.Staff.DisplayName == "Three").Reasons);
        Assert.Contains("Lacks skills needed: housing, work", ranked.Single(r => r.Staff.DisplayName == "One").Reasons);
    }

    [Fact]
    public void Rank_prefers_the_same_postcode_district_ignoring_case_and_spaces()
    {
        var ranked = CandidateRanker.Rank(
            Need() with { PostcodeDistrict = " ls6" },
            [Staff("Ann", caseload: 10, locality: "LS11"), Staff("Bea", caseload: 15, locality: "LS6 ")],
            Weights);

        Assert.Equal("Bea", ranked[0].Staff.DisplayName);
        Assert.Contains("Same locality (LS6)", ranked[0].Reasons);
        Assert.Contains("Based in LS11; person lives in LS6", ranked[1].Reasons);
    }

    [Fact]
    public void Rank_prefers_the_previous_key_worker()
    {
        var previous = Guid.NewGuid();
        var ranked = CandidateRanker.Rank(
            Need() with { PreviousKeyWorkerId = previous },
            [Staff("Ann", caseload: 0), Staff("Bea", caseload: 25) with { StaffId = previous }],
            Weights);

        Assert.Equal("Bea", ranked[0].Staff.DisplayName);
        Assert.Contains("Was this person's key worker before", ranked[0].Reasons);
    }

    [Fact]
    public void Rank_breaks_ties_by_capacity_left_then_display_name()
    {
        // Same share of capacity left (so the same score), different absolute capacity left.
        var ranked = CandidateRanker.Rank(
            Need(),
            [
                Staff("Cal", capacity: 20, caseload: 9),
                Staff("Bea", capacity: 40, caseload: 19),
                Staff("Abe", capacity: 20, caseload: 9),
                Staff("abe", capacity: 20, caseload: 9),
            ],
            Weights);

        Assert.Equal(["Bea", "Abe", "Cal", "abe"], ranked.Select(r => r.Staff.DisplayName));
    }

    [Fact]
    public void Rank_gives_the_same_order_whatever_order_the_staff_come_in()
    {
        var staff = Enumerable.Range(0, 30)
            .Select(i => Staff($"Worker {i % 7}", caseload: i % 5, languages: i % 3 == 0 ? ["polish"] : []))
            .ToList();
        var need = Need() with { PreferredLanguage = "polish" };

        var forwards = CandidateRanker.Rank(need, staff, Weights).Select(r => r.Staff.StaffId);
        var backwards = CandidateRanker.Rank(need, Enumerable.Reverse(staff), Weights).Select(r => r.Staff.StaffId);

        Assert.Equal(forwards, backwards);
    }

    [Fact]
    public void Rank_follows_configured_weights()
    {
        var need = Need() with { PreferredLanguage = "polish", PostcodeDistrict = "LS6" };
        IEnumerable<CandidateStaff> staff =
        [
            Staff("Speaker", caseload: 10, languages: ["polish"], locality: "LS1"),
            Staff("Local", caseload: 10, locality: "LS6"),
        ];

        var byDefault = CandidateRanker.Rank(need, staff, Weights);
        var localFirst = CandidateRanker.Rank(need, staff, Weights with { LanguagePoints = 5, LocalityPoints = 50 });

        Assert.Equal("Speaker", byDefault[0].Staff.DisplayName);
        Assert.Equal("Local", localFirst[0].Staff.DisplayName);
    }

    [Fact]
    public void Rank_uses_configured_level_weights_for_capacity()
    {
        var staff = Staff("Bea", levels: AllLevels, capacity: 10, caseload: 7);

        Assert.True(CandidateRanker.Rank(Need(PathwayLevel.ComplexCaseManagement), [staff], Weights).Single().Eligible);
        Assert.False(CandidateRanker.Rank(Need(PathwayLevel.ComplexCaseManagement), [staff], Weights with { Complex = 4 }).Single().Eligible);
    }

    [Fact]
    public void Rank_returns_an_empty_list_for_no_staff() =>
        Assert.Empty(CandidateRanker.Rank(Need(), [], Weights));

    [Property(MaxTest = 300)]
    public Property Adding_the_persons_language_never_lowers_an_eligible_candidates_score() =>
        Prop.ForAll(
            (from caseload in Gen.Choose(0, 39)
             from language in Gen.Elements("polish", "urdu", "welsh", "english")
             from hasSite in Gen.Elements(true, false)
             from previous in Gen.Elements(true, false)
             select (caseload, language, hasSite, previous)).ToArbitrary(),
            c =>
            {
                var staff = Staff("Ann", caseload: c.caseload, sites: c.hasSite ? ["lung"] : []);
                var need = Need() with
                {
                    PreferredLanguage = c.language,
                    TumourSite = "lung",
                    PreviousKeyWorkerId = c.previous ? staff.StaffId : null,
                };
                var without = CandidateRanker.Assess(need, staff, Weights);
                var with = CandidateRanker.Assess(need, staff with { Languages = new HashSet<string> { c.language } }, Weights);
                return without.Eligible == with.Eligible && with.Score >= without.Score;
            });

    [Property(MaxTest = 300)]
    public Property Eligible_candidates_always_come_before_ineligible_ones_and_scores_descend() =>
        Prop.ForAll(
            Gen.ListOf(
                from caseload in Gen.Choose(0, 45)
                from active in Gen.Elements(true, true, false)
                from polish in Gen.Elements(true, false)
                select Staff("W" + caseload, caseload: caseload, languages: polish ? ["polish"] : []) with { Active = active }).ToArbitrary(),
            staff =>
            {
                var ranked = CandidateRanker.Rank(Need() with { PreferredLanguage = "polish" }, staff, Weights);
                var eligibleThenNot = ranked.SkipWhile(r => r.Eligible).All(r => !r.Eligible);
                var eligible = ranked.Where(r => r.Eligible).ToList();
                var descending = eligible.Zip(eligible.Skip(1)).All(p => p.First.Score >= p.Second.Score);
                return ranked.Count == staff.Count && eligibleThenNot && descending
                    && ranked.Where(r => !r.Eligible).All(r => r.Score == 0 && r.Exclusions.Count > 0);
            });

    private static AllocationNeed Need(PathwayLevel level = PathwayLevel.SupportedSelfManagement) =>
        new(level, null, false, null, new HashSet<string>(), null, null);

    private static CandidateStaff Staff(
        string name,
        IReadOnlySet<PathwayLevel>? levels = null,
        decimal capacity = 40,
        decimal caseload = 0,
        string[]? languages = null,
        string[]? skills = null,
        string[]? sites = null,
        string? locality = null) =>
        new(
            Guid.NewGuid(),
            name,
            "Support worker",
            levels ?? SupportWorkerLevels,
            true,
            capacity,
            caseload,
            new HashSet<string>(languages ?? ["english"]),
            new HashSet<string>(skills ?? []),
            new HashSet<string>(sites ?? []),
            locality);
}
