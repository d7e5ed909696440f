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
    public void Room_made_for_people_up_front_keeps_every_person_and_their_duplicates_found()
    {
        var problems = new EvaluationProblems();
        var builder = Started(problems);
        builder.ExpectPeople(3000);
        for (var i = 0; i < 3000; i++)
        {
            Assert.Null(builder.AddPerson("P" + i, "RXA01", Cohort.Intervention, i + 3));
        }

        Assert.Contains("appears more than once (first on line 3002)", builder.AddPerson("P2999", "RXA01", Cohort.Intervention, 3003), StringComparison.Ordinal);
        Assert.Null(builder.AddContact("P2999", "phone", 60, "Support worker"));
        Assert.Null(builder.AddContact(3001, "phone", 30, "Support worker"));

        var frame = builder.Build();
        Assert.Equal(3002, frame.PersonCount);
        Assert.Equal(90.0, frame.Costs[3001]);
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
