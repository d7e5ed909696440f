using static OneToOne.Tests.Evaluation.Engine.EvaluateCommandKit;

namespace OneToOne.Tests.Evaluation.Engine;

/// <summary>Every bad input named in issue 5 (and the brief): a copy of the sample with one thing broken gives exit code 1,
/// no output, and a report on the error stream naming the file, the line and the problem. Sample lines used:
/// people.csv line 2 is I01 and line 3 I02 (intervention); contacts.csv (CRLF line ends) line 2 is
/// "I02,2024-04-18,Face to face,45,Support worker"; responses.csv line 2 is "I01,distress,baseline,5".</summary>
public sealed class DatasetBadInputTests
{
    private static async Task<Run> BreakAndRun(Action<SampleCopy> breakIt)
    {
        using var copy = new SampleCopy();
        breakIt(copy);
        return await RunAsync("--dataset", copy.Path, "--format", "json", "--resamples", "10");
    }

    private static void AssertRefused(Run run, string expected)
    {
        Assert.Equal(1, run.Code);
        Assert.Equal("", run.Out);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was evaluated", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_unbroken_copy_evaluates()
    {
        // The control for every test below: the copy itself is good, so each failure is the one thing broken.
        var run = await BreakAndRun(_ => { });
        Assert.Equal(0, run.Code);
    }

    [Theory]
    [InlineData("people.csv")]
    [InlineData("contacts.csv")]
    [InlineData("responses.csv")]
    [InlineData("unit_costs.csv")]
    [InlineData("instruments.csv")]
    public async Task A_missing_file_is_named(string file)
    {
        var run = await BreakAndRun(copy => File.Delete(copy.File(file)));
        AssertRefused(run, "The dataset has a problem:\n  " + file + ": the file is missing");
    }

    [Fact]
    public async Task A_missing_column_is_named_with_the_header_found()
    {
        // Drop "cohort" (the third column) from every line of people.csv.
        var run = await BreakAndRun(copy =>
        {
            for (var line = 1; line <= copy.LineCount("people.csv"); line++)
            {
                copy.EditLine("people.csv", line, text => string.Join(',', text.Split(',').Where((_, i) => i != 2)));
            }
        });

        AssertRefused(run, "people.csv line 1: missing column 'cohort' (the header has person_key,organisation,pathway_level,tumour_site,age_band,sex,ethnicity)");
        // People unreadable: their contacts and responses are not all reported as unknown people.
        Assert.DoesNotContain("is not in people.csv", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_cohort_is_named()
    {
        var run = await BreakAndRun(copy => copy.SetField("people.csv", 3, 2, "treatment"));
        AssertRefused(run, "people.csv line 3: cohort 'treatment' is not intervention or comparator");
        // I02's contacts and responses are not reported again as an unknown person.
        Assert.Contains("The dataset has a problem:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_timepoint_is_named()
    {
        var run = await BreakAndRun(copy => copy.SetField("responses.csv", 2, 2, "week6"));
        AssertRefused(run, "responses.csv line 2: timepoint 'week6' is not baseline, followup or discharge");
    }

    [Fact]
    public async Task A_negative_duration_is_named()
    {
        var run = await BreakAndRun(copy => copy.SetField("contacts.csv", 2, 3, "-30"));
        AssertRefused(run, "contacts.csv line 2: duration_minutes -30 is negative");
    }

    [Fact]
    public async Task A_duration_that_is_not_a_number_is_named()
    {
        var run = await BreakAndRun(copy => copy.SetField("contacts.csv", 2, 3, "thirty"));
        AssertRefused(run, "contacts.csv line 2: duration_minutes 'thirty' is not a number");
    }

    [Theory]
    [InlineData("2024-13-01")]
    [InlineData("18/04/2024")]
    [InlineData("2024-4-18")]
    public async Task A_date_that_is_not_an_iso_date_is_named(string date)
    {
        var run = await BreakAndRun(copy => copy.SetField("contacts.csv", 2, 1, date));
        AssertRefused(run, $"contacts.csv line 2: date '{date}' is not an ISO date (YYYY-MM-DD)");
    }

    [Theory]
    [InlineData("11")]
    [InlineData("-1")]
    public async Task A_score_outside_its_instruments_range_is_named(string score)
    {
        var run = await BreakAndRun(copy => copy.SetField("responses.csv", 2, 3, score));
        AssertRefused(run, $"responses.csv line 2: score {score} is outside distress's range 0 to 10");
    }

    [Fact]
    public async Task An_unknown_instrument_is_named()
    {
        var run = await BreakAndRun(copy => copy.SetField("responses.csv", 2, 1, "mood"));
        AssertRefused(run, "responses.csv line 2: instrument 'mood' is not in instruments.csv");
    }

    [Fact]
    public async Task A_person_in_responses_but_not_in_people_is_named()
    {
        var run = await BreakAndRun(copy => copy.SetField("responses.csv", 2, 0, "X99"));
        AssertRefused(run, "responses.csv line 2: person_key 'X99' is not in people.csv");
    }

    [Fact]
    public async Task A_person_in_contacts_but_not_in_people_is_named()
    {
        var run = await BreakAndRun(copy => copy.SetField("contacts.csv", 2, 0, "X99"));
        AssertRefused(run, "contacts.csv line 2: person_key 'X99' is not in people.csv");
    }

    [Fact]
    public async Task A_duplicate_person_key_is_named_with_its_first_line()
    {
        var run = await BreakAndRun(copy => copy.Append("people.csv", copy.Line("people.csv", 2)));
        AssertRefused(run, "people.csv line 40: person_key 'I01' appears more than once (first on line 2)");
    }

    [Fact]
    public async Task A_staff_role_without_a_unit_cost_is_named()
    {
        var run = await BreakAndRun(copy => copy.SetField("contacts.csv", 2, 4, "Porter"));
        AssertRefused(run, "contacts.csv line 2: staff_role 'Porter' has no unit cost in unit_costs.csv");
    }

    [Fact]
    public async Task A_duplicate_response_is_named()
    {
        var run = await BreakAndRun(copy => copy.Append("responses.csv", "I01,distress,baseline,6"));
        AssertRefused(run, "responses.csv line 448: a second distress baseline response for person_key 'I01'");
    }

    [Fact]
    public async Task A_row_with_the_wrong_number_of_fields_is_named()
    {
        var run = await BreakAndRun(copy => copy.EditLine("responses.csv", 2, text => text + ",extra"));
        AssertRefused(run, "responses.csv line 2: the row has 5 fields but the header has 4");
    }

    [Fact]
    public async Task A_malformed_quote_is_named()
    {
        var run = await BreakAndRun(copy => copy.SetField("contacts.csv", 2, 2, "Face \"to\" face"));
        AssertRefused(run, "contacts.csv line 2: not valid CSV: a quote inside an unquoted field");
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_is_named()
    {
        var run = await BreakAndRun(copy =>
        {
            var bytes = File.ReadAllBytes(copy.File("people.csv")).ToList();
            bytes.AddRange([0x58, 0x39, 0x39, 0xFF, 0xFE, 0x2C, 0x0A]); // "X99" + invalid bytes
            File.WriteAllBytes(copy.File("people.csv"), [.. bytes]);
        });

        AssertRefused(run, "people.csv line 40: not valid UTF-8");
    }

    [Theory]
    [InlineData("instruments.csv", 2, 1, "ten", "instruments.csv line 2: min 'ten' is not a number")]
    [InlineData("instruments.csv", 2, 2, "0", "instruments.csv line 2: min 0 must be less than max 0")]
    [InlineData("instruments.csv", 2, 3, "yes", "instruments.csv line 2: higher_is_better 'yes' is not true or false")]
    [InlineData("instruments.csv", 2, 4, "-1", "instruments.csv line 2: minimal_important_difference -1 must not be negative")]
    [InlineData("unit_costs.csv", 2, 1, "-34", "unit_costs.csv line 2: cost_per_hour -34 is negative")]
    [InlineData("unit_costs.csv", 2, 1, "NaN", "unit_costs.csv line 2: cost_per_hour 'NaN' is not a number")]
    [InlineData("people.csv", 2, 1, "", "people.csv line 2: organisation is empty")]
    [InlineData("responses.csv", 2, 3, "", "responses.csv line 2: score is empty")]
    public async Task Bad_values_in_the_lookup_files_and_empty_required_values_are_named(string file, int line, int field, string value, string expected)
    {
        var run = await BreakAndRun(copy => copy.SetField(file, line, field, value));
        AssertRefused(run, expected);
    }

    [Fact]
    public async Task Many_problems_are_all_counted_and_the_first_fifty_printed()
    {
        // 120 responses with a score of 99: every one is found, 50 are printed, the rest counted.
        var run = await BreakAndRun(copy =>
        {
            for (var line = 2; line <= 121; line++)
            {
                copy.SetField("responses.csv", line, 3, "99");
            }
        });

        Assert.Equal(1, run.Code);
        Assert.Contains("The dataset has 120 problems:", run.Error, StringComparison.Ordinal);
        Assert.Equal(50, run.Error.Split('\n').Count(l => l.StartsWith("  responses.csv line ", StringComparison.Ordinal)));
        Assert.Contains("  ... and 70 more (the first 50 are shown).", run.Error, StringComparison.Ordinal);
        Assert.Contains("responses.csv line 51: score 99 is outside", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("responses.csv line 52:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Problems_in_several_files_are_all_reported_in_one_run()
    {
        var run = await BreakAndRun(copy =>
        {
            copy.SetField("contacts.csv", 2, 3, "-30");
            copy.SetField("responses.csv", 2, 0, "X99");
        });

        AssertRefused(run, "The dataset has 2 problems:");
        Assert.Contains("contacts.csv line 2: duration_minutes -30 is negative", run.Error, StringComparison.Ordinal);
        Assert.Contains("responses.csv line 2: person_key 'X99' is not in people.csv", run.Error, StringComparison.Ordinal);
    }
}
