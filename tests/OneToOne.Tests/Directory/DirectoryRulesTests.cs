using OneToOne.ServiceDirectory;

namespace OneToOne.Tests.ServiceDirectory;

// The namespace is ServiceDirectory (not Directory) for the same reason as the module's: see DirectoryModule.cs.
public sealed class TaxonomyMappingTests
{
    [Theory]
    [InlineData("Benefits advice", "money")]
    [InlineData("bccsl:debt-advice", "money")]
    [InlineData("Money management", "money")]
    [InlineData("Housing support", "money")]
    [InlineData("Carers' support", "caring")]
    [InlineData("Exercise classes", "exercise")]
    [InlineData("Physical activity", "exercise")]
    [InlineData("Community transport", "transport")]
    [InlineData("Employment support", "work")]
    [InlineData("Bereavement", "meaning")]
    [InlineData("Hospital chaplain", "meaning")]
    [InlineData("Nutrition advice", "diet")]
    [InlineData("Stop smoking", "smoking")]
    public void A_term_maps_to_its_concern(string term, string code) =>
        Assert.Contains(code, TaxonomyMapping.CodesFor(term));

    [Theory]
    [InlineData("Mental health")]
    [InlineData("Counselling")]
    public void Mental_health_and_counselling_map_to_worry_and_sadness(string term) =>
        Assert.Equal(["worry", "sadness"], TaxonomyMapping.CodesFor(term));

    [Fact]
    public void Terms_that_match_nothing_fall_back_to_the_lifestyle_domain_and_say_so()
    {
        var result = TaxonomyMapping.Map(["Gardening", null, ""]);
        Assert.True(result.UsedFallback);
        Assert.Equal(["lifestyle"], result.Codes);
    }

    [Fact]
    public void A_service_gets_the_codes_of_all_its_terms_once_each()
    {
        var result = TaxonomyMapping.Map(["Debt advice", "Benefits", "Carers"]);
        Assert.False(result.UsedFallback);
        Assert.Equal(["money", "caring"], result.Codes);
    }
}

public sealed class DirectoryRulesTests
{
    [Theory]
    [InlineData("ls6", "LS6")]
    [InlineData(" LS6 ", "LS6")]
    [InlineData("LS6 2AB", "LS6")]
    [InlineData("sw1a 1aa", "SW1A")]
    [InlineData("BD", "BD")]
    [InlineData("M1", "M1")]
    public void Districts_areas_and_postcodes_normalise_to_the_district(string text, string expected) =>
        Assert.Equal(expected, DirectoryRules.NormaliseDistrict(text));

    [Theory]
    [InlineData("Leeds")]
    [InlineData("123")]
    [InlineData("")]
    [InlineData("LS6 2A")]
    public void Other_text_is_not_a_district(string text) => Assert.Null(DirectoryRules.NormaliseDistrict(text));

    [Fact]
    public void A_district_is_served_by_its_own_rows_and_its_postcode_area()
    {
        Assert.Equal(["LS6", "LS"], DirectoryRules.AreaKeysFor("LS6"));
        Assert.Equal(["LS"], DirectoryRules.AreaKeysFor("LS"));
    }

    [Fact]
    public void Areas_parse_from_a_comma_separated_list_and_report_what_is_not_a_district()
    {
        var parsed = DirectoryRules.ParseAreas("ls6, LS7;bd\nLeeds, ls6");
        Assert.False(parsed.Nationwide);
        Assert.Equal(["LS6", "LS7", "BD"], parsed.Districts);
        Assert.Equal(["Leeds"], parsed.Invalid);
    }

    [Fact]
    public void The_word_nationwide_makes_a_service_nationwide()
    {
        var parsed = DirectoryRules.ParseAreas("Nationwide");
        Assert.True(parsed.Nationwide);
        Assert.Empty(parsed.Districts);
        Assert.Empty(parsed.Invalid);
    }

    [Fact]
    public void A_nationwide_service_is_stored_as_the_single_nationwide_area_row()
    {
        Assert.Equal(["*"], DirectoryRules.AreaRows(true, ["LS6"]));
        Assert.Equal(["LS6", "BD"], DirectoryRules.AreaRows(false, ["LS6", "BD", "LS6"]));
        Assert.Equal("nationwide", DirectoryRules.FormatAreas(true, ["*"]));
    }

    [Fact]
    public void A_referral_is_overdue_only_while_unanswered_after_its_response_day()
    {
        var due = new DateOnly(2027, 1, 12);
        Assert.False(DirectoryRules.IsOverdue(ServiceReferralStatus.Sent, due, due));
        Assert.True(DirectoryRules.IsOverdue(ServiceReferralStatus.Sent, due, due.AddDays(1)));
        Assert.False(DirectoryRules.IsOverdue(ServiceReferralStatus.Accepted, due, due.AddDays(1)));
    }

    [Theory]
    [InlineData("name@example.org", true)]
    [InlineData("not an email", false)]
    [InlineData("name@localhost", false)]
    [InlineData("Name <name@example.org>", false)]
    public void Emails_are_checked(string email, bool valid) => Assert.Equal(valid, DirectoryRules.IsEmail(email));
}

public sealed class HsdsParserTests
{
    [Fact]
    public void The_sample_file_keeps_good_records_and_lists_each_bad_one_with_why()
    {
        var parse = HsdsParser.Parse(File.ReadAllText(TestData.Path("hsds-sample.json")));
        Assert.Null(parse.FileError);
        Assert.Equal(["sample-benefits-1", "sample-counselling-2", "sample-walking-7", "sample-no-terms-8"], parse.Services.Select(s => s.ExternalId));
        Assert.Collection(parse.Problems,
            p => Assert.Equal((3, "sample-missing-name-3", "Missing name"), (p.Index, p.Id, p.Reason)),
            p => Assert.Equal((4, (string?)null, "Missing id"), (p.Index, p.Id, p.Reason)),
            p => Assert.Equal((5, "sample-bad-email-5", "The email address \"not an email\" is not valid"), (p.Index, p.Id, p.Reason)),
            p =>
            {
                Assert.Equal(6, p.Index);
                Assert.StartsWith("The record is not valid JSON", p.Reason, StringComparison.Ordinal);
            });
    }

    [Fact]
    public void Nested_organisation_location_taxonomy_and_phone_are_read()
    {
        var parse = HsdsParser.Parse(File.ReadAllText(TestData.Path("hsds-sample.json")));
        var benefits = parse.Services[0];
        Assert.Equal("Sample Advice Trust", benefits.ProviderOrganisationName);
        Assert.Equal(["LS6"], benefits.Districts);
        Assert.False(benefits.Nationwide);
        Assert.Equal(["money"], benefits.Codes);
        Assert.Equal("0300 000 1001", benefits.Phone);
        Assert.Equal(HowToUse.Referral, benefits.HowToUse);
        Assert.Equal("1 Example Street, Leeds, LS6 2AB", benefits.Address);

        var counselling = parse.Services[1];
        Assert.True(counselling.Nationwide);
        Assert.Equal(["worry", "sadness"], counselling.Codes);
        Assert.Equal(HowToUse.SignpostOnly, counselling.HowToUse);

        var unmapped = parse.Services[3];
        Assert.Equal(["lifestyle"], unmapped.Codes);
        Assert.Contains(parse.Warnings, w => w.Index == 8 && w.Reason.Contains("lifestyle", StringComparison.Ordinal));
    }

    [Fact]
    public void An_object_of_tables_is_joined_by_id()
    {
        const string json = """
            {
              "organizations": [ { "id": "o1", "name": "Table Org" } ],
              "taxonomies": [ { "id": "tx9", "name": "Carers support" } ],
              "service_taxonomies": [ { "service_id": "s1", "taxonomy_id": "tx9" } ],
              "services": [ { "id": "s1", "name": "Table Service", "organization_id": "o1", "service_areas": ["WF1"] } ]
            }
            """;
        var parse = HsdsParser.Parse(json);
        var service = Assert.Single(parse.Services);
        Assert.Equal("Table Org", service.ProviderOrganisationName);
        Assert.Equal(["caring"], service.Codes);
        Assert.Equal(["WF1"], service.Districts);
    }

    [Fact]
    public void An_id_used_twice_keeps_the_first_record()
    {
        var parse = HsdsParser.Parse("""[ { "id": "x", "name": "One" }, { "id": "x", "name": "Two" } ]""");
        Assert.Equal("One", Assert.Single(parse.Services).Name);
        Assert.Equal("The id is used again (first used by record 1)", Assert.Single(parse.Problems).Reason);
    }

    [Theory]
    [InlineData("", "The file is empty")]
    [InlineData("\"text\"", "The file must hold a JSON array of services, or an object with a \"services\" array")]
    [InlineData("{ \"organizations\": [] }", "The file has no \"services\" array")]
    [InlineData("[ { \"id\": \"a\", \"name\": \"unterminated ]", "The file is not valid JSON: a string is never closed")]
    public void A_file_that_cannot_be_read_at_all_says_why(string json, string error) =>
        Assert.Equal(error, HsdsParser.Parse(json).FileError);

    [Fact]
    public void A_record_that_is_not_an_object_is_listed()
    {
        var parse = HsdsParser.Parse("""[ 42, { "id": "ok", "name": "Fine" } ]""");
        Assert.Single(parse.Services);
        Assert.Equal((1, "The record is not a JSON object"), (parse.Problems[0].Index, parse.Problems[0].Reason));
    }
}

internal static class TestData
{
    /// <summary>A file under tests/data, found by walking up from the test binaries.</summary>
    public static string Path(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "tests", "data", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(name);
    }
}
