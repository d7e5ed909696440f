using OneToOne.Evaluation;
using OneToOne.Evaluation.Engine;

namespace OneToOne.Tests.Evaluation.Engine;

/// <summary>Adding rows by the person's position (the live source, which knows its people) and by their key (the CSV files
/// and in-memory datasets) builds the same frame with the same checks.</summary>
public sealed class EvaluationFrameBuilderTests
{
    private static readonly EvaluationInstrument Distress = new("distress", 0, 10, HigherIsBetter: false, MinimalImportantDifference: 2);

    private static EvaluationFrameBuilder Started(EvaluationProblems problems)
    {
        var builder = EvaluationFrameBuilder.Start([Distress], new Dictionary<string, double>(StringComparer.Ordinal) { ["Support worker"] = 60 }, problems);
        Assert.Null(builder.AddPerson("AAAA", "RXA01", Cohort.Intervention, 1));
        Assert.Null(builder.AddPerson("BBBB", "RXA01", Cohort.Comparator, 2));
        return builder;
    }

    [Fact]
    public void Rows_added_by_position_and_by_key_build_the_same_frame()
    {
        var problems = new EvaluationProblems();
        var byKey = Started(problems);
        var byPosition = Started(problems);

        // 90 minutes at 60 an hour is 90; 30 minutes is 30.
        Assert.Null(byKey.AddContact("BBBB", "phone", 90, "Support worker"));
        Assert.Null(byPosition.AddContact(1, "phone", 90, "Support worker"));
        Assert.Null(byKey.AddContact("AAAA", "video", 30, "Support worker"));
        Assert.Null(byPosition.AddContact(0, "video", 30, "Support worker"));
        Assert.Null(byKey.AddResponse("AAAA", "distress", EvaluationTimepoint.Baseline, 7));
        Assert.Null(byPosition.AddResponse(0, "distress", EvaluationTimepoint.Baseline, 7));

        var a = byKey.Build();
        var b = byPosition.Build();
        Assert.Equal([30.0, 90.0], b.Costs);
        Assert.Equal(a.Costs, b.Costs);
        Assert.Equal(a.Cohorts, b.Cohorts);
        Assert.Equal((2, 1), (b.ContactCount, b.ResponseCount));
        Assert.Equal(a.Scores[0][0], b.Scores[0][0]);
        Assert.Equal(0, problems.Count);
    }

    [Fact]
    public void Rows_added_by_position_get_the_same_problems_as_by_key()
    {
        var problems = new EvaluationProblems();
        var byKey = Started(problems);
        var byPosition = Started(problems);

        Assert.Equal(byKey.AddContact("AAAA", "phone", -5, "Porter"), byPosition.AddContact(0, "phone", -5, "Porter"));
        Assert.Contains("duration_minutes -5 is negative", byPosition.AddContact(0, "phone", -5, "Porter"), StringComparison.Ordinal);
        Assert.Contains("staff_role 'Porter' has no unit cost", byPosition.AddContact(0, "phone", -5, "Porter"), StringComparison.Ordinal);
        Assert.Equal(byKey.AddResponse("BBBB", "distress", EvaluationTimepoint.Followup, 11), byPosition.AddResponse(1, "distress", EvaluationTimepoint.Followup, 11));
        Assert.Contains("score 11 is outside distress's range 0 to 10", byPosition.AddResponse(1, "distress", EvaluationTimepoint.Followup, 11), StringComparison.Ordinal);

        // A second score at the same timepoint names the person by key either way.
        Assert.Null(byPosition.AddResponse(1, "distress", EvaluationTimepoint.Baseline, 4));
        Assert.Null(byKey.AddResponse("BBBB", "distress", EvaluationTimepoint.Baseline, 4));
        Assert.Equal("a second distress baseline response for person_key 'BBBB'", byPosition.AddResponse(1, "distress", EvaluationTimepoint.Baseline, 5));
        Assert.Equal(byKey.AddResponse("BBBB", "distress", EvaluationTimepoint.Baseline, 5), byPosition.AddResponse(1, "distress", EvaluationTimepoint.Baseline, 5));
        Assert.Equal((0, 1), (byPosition.Build().ContactCount, byPosition.Build().ResponseCount)); // the refused rows were not added
    }

    [Fact]
    public void People_in_key_order_get_the_same_problems_as_with_the_look_up_by_key()
    {
        var problems = new EvaluationProblems();
        var costs = new Dictionary<string, double>(StringComparer.Ordinal) { ["Support worker"] = 60 };
        var ordered = EvaluationFrameBuilder.Start([Distress], costs, problems);
        var byKey = EvaluationFrameBuilder.Start([Distress], costs, problems);
        ordered.ExpectPeopleInKeyOrder(3000);
        var line = 0;
        string? Both(string key, string organisation, Cohort? cohort)
        {
            line++;
            var expected = byKey.AddPerson(key, organisation, cohort, line);
            var actual = ordered.AddPerson(key, organisation, cohort, line);
            Assert.Equal(expected, actual);
            return actual;
        }

        Assert.Contains("organisation is empty", Both("P0000", "", Cohort.Intervention), StringComparison.Ordinal); // refused: the key is free
        Assert.Null(Both("P0000", "RXA01", Cohort.Intervention));
        for (var i = 1; i < 3000; i++)
        {
            Assert.Null(Both("P" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), "RXA01", Cohort.Intervention));
        }

        Assert.Contains("appears more than once (first on line 3001)", Both("P2999", "RXA01", Cohort.Intervention), StringComparison.Ordinal);
        Assert.Contains("appears more than once (first on line 3001); organisation is empty", Both("P2999", "", null), StringComparison.Ordinal);
        Assert.Equal(byKey.PersonCount, ordered.PersonCount);

        // Out of order is a programming error, and so is a row by key: there is no look-up.
        Assert.Throws<InvalidOperationException>(() => ordered.AddPerson("P1000", "RXA01", Cohort.Intervention, 9999));
        Assert.Null(ordered.AddContact(2999, "phone", 30, "Support worker"));
        Assert.Throws<InvalidOperationException>(() => ordered.AddContact("P2999", "phone", 30, "Support worker"));
        Assert.Null(byKey.AddContact("P2999", "phone", 30, "Support worker"));
        Assert.Equal(byKey.Build().Costs, ordered.Build().Costs);
        Assert.Equal(0, problems.Count);
    }

    [Fact]
    public void A_position_that_is_not_a_person_is_a_programming_error()
    {
        var builder = Started(new EvaluationProblems());
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddContact(2, "phone", 10, "Support worker"));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddResponse(-1, "distress", EvaluationTimepoint.Baseline, 1));
    }
}
