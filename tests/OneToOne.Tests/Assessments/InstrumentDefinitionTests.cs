using OneToOne.Assessments;

namespace OneToOne.Tests.Assessments;

public sealed class InstrumentDefinitionTests
{
    private static string Json(string items, string scoring = "{}") =>
        $$"""{"sections":[{"code":"s1","title":"Section one","items":[{{items}}]}],"scoring":{{scoring}}}""";

    [Fact]
    public void The_shipped_definition_round_trips_through_json()
    {
        var (definition, errors) = InstrumentDefinition.Parse(AssessmentDefaults.HnaV1().ToJson());
        Assert.Empty(errors);
        Assert.Equal(AssessmentDefaults.HnaV1().AllItems.Count(), definition!.AllItems.Count());
    }

    [Fact]
    public void An_unknown_answer_type_is_refused_clearly()
    {
        var (definition, errors) = InstrumentDefinition.Parse(Json("""{"code":"a","text":"A","answerType":"Slider"}"""));
        Assert.Null(definition);
        Assert.Contains("Unknown answer type", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_item_code_is_refused()
    {
        var (_, errors) = InstrumentDefinition.Parse(Json("""{"code":"a","text":"A"},{"code":"a","text":"B"}"""));
        Assert.Equal(["Duplicate item code \"a\""], errors);
    }

    [Theory]
    [InlineData("""{"code":"a","text":"A","threshold":11}""", "threshold 11 is outside its range")]
    [InlineData("""{"code":"a","text":"A","min":0,"max":12}""", "must lie within 0 to 10")]
    [InlineData("""{"code":"a","text":"A","redFlag":true,"redFlagAt":0}""", "red flag score 0 is outside")]
    [InlineData("""{"code":"A B","text":"A"}""", "lower-case letters")]
    [InlineData("""{"code":"c","text":"C","answerType":"Choice","options":["x"]}""", "at least two different options")]
    [InlineData("""{"code":"t","text":"T","answerType":"Text","redFlag":true}""", "can only be a red flag if it is scored")]
    public void Bad_items_are_refused_with_a_message_naming_the_problem(string item, string expected)
    {
        var (definition, errors) = InstrumentDefinition.Parse(Json(item));
        Assert.Null(definition);
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_distress_threshold_outside_the_distress_items_range_is_refused()
    {
        var (_, errors) = InstrumentDefinition.Parse(Json("""{"code":"distress","text":"D"}""", """{"distressItemCode":"distress","distressThreshold":11}"""));
        Assert.Equal(["Distress threshold 11 must be between 0 and 10"], errors);
    }

    [Fact]
    public void A_distress_item_the_instrument_does_not_have_is_refused()
    {
        var (_, errors) = InstrumentDefinition.Parse(Json("""{"code":"a","text":"A"}""", """{"distressItemCode":"nope"}"""));
        Assert.Equal(["The distress item \"nope\" is not an item of the instrument"], errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"sections":[]}""")]
    [InlineData("""{"sections":[{"code":"s","title":"S","items":[{"code":"a","text":"A"}]}],"colour":"red"}""")]
    public void Empty_malformed_or_unknown_fields_are_refused(string json)
    {
        var (definition, errors) = InstrumentDefinition.Parse(json);
        Assert.Null(definition);
        Assert.NotEmpty(errors);
    }
}
