using OneToOne.Evaluation.Live;
using OneToOne.People;

namespace OneToOne.Tests.People;

public sealed class EthnicitiesTests
{
    private static readonly DateOnly Today = new(2027, 1, 6);

    [Fact]
    public void The_code_list_is_the_eighteen_NHS_ethnic_category_codes_each_once_and_each_fits_the_column()
    {
        Assert.Equal(["A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S", "Z", "99"], Ethnicities.All.Select(e => e.Code));
        Assert.All(Ethnicities.All, e => Assert.InRange(e.Code.Length, 1, Ethnicities.CodeMax));
        Assert.Equal(Ethnicities.All.Count, Ethnicities.All.Select(e => e.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(Ethnicities.All, e => Assert.Contains(e.Group, Ethnicities.Groups));
    }

    [Theory]
    [InlineData("A", "White")]
    [InlineData("B", "White")]
    [InlineData("C", "White")]
    [InlineData("D", "Mixed or multiple")]
    [InlineData("G", "Mixed or multiple")]
    [InlineData("H", "Asian or Asian British")]
    [InlineData("J", "Asian or Asian British")]
    [InlineData("K", "Asian or Asian British")]
    [InlineData("L", "Asian or Asian British")]
    [InlineData("M", "Black, Black British, Caribbean or African")]
    [InlineData("N", "Black, Black British, Caribbean or African")]
    [InlineData("P", "Black, Black British, Caribbean or African")]
    [InlineData("R", "Other ethnic group")]
    [InlineData("S", "Other ethnic group")]
    [InlineData("Z", "Not stated")]
    [InlineData("99", "Not stated")]
    [InlineData(null, "Not stated")]
    [InlineData("Q", "Not stated")]
    public void Each_code_falls_in_its_broad_group_and_not_stated_not_known_and_no_record_are_not_stated(string? code, string group)
    {
        Assert.Equal(group, Ethnicities.GroupOf(code));
        Assert.Equal(group, LiveFilters.EthnicityText(code));
    }

    [Fact]
    public void Every_broad_group_but_not_stated_has_codes_and_the_groups_are_six()
    {
        Assert.Equal(6, Ethnicities.Groups.Count);
        Assert.All(Ethnicities.Groups, g => Assert.Contains(Ethnicities.All, e => e.Group == g));
    }

    [Fact]
    public void Names_say_the_group_so_british_is_never_ambiguous_and_unknown_codes_read_not_recorded()
    {
        Assert.Equal("White: British", Ethnicities.NameOf("A"));
        Assert.Equal("Asian or Asian British: Indian", Ethnicities.NameOf("H"));
        Assert.StartsWith("Not stated", Ethnicities.NameOf("Z"), StringComparison.Ordinal);
        Assert.Equal("Not known", Ethnicities.NameOf("99"));
        Assert.Equal("Not recorded", Ethnicities.NameOf(null));
        Assert.Equal("Not recorded", Ethnicities.NameOf("Q"));
    }

    [Theory]
    [InlineData("h", "H")]
    [InlineData(" n ", "N")]
    [InlineData("99", "99")]
    [InlineData("Z", "Z")]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void The_rules_accept_a_known_code_in_any_case_and_store_it_in_capitals_or_null_when_blank(string? given, string? stored)
    {
        var (d, errors) = PersonRules.Check(Good(given), Today);
        Assert.Empty(errors);
        Assert.Equal(stored, d!.Ethnicity);
    }

    [Theory]
    [InlineData("Q")]
    [InlineData("I")]
    [InlineData("White")]
    [InlineData("9")]
    [InlineData("A1")]
    public void The_rules_refuse_an_unknown_code_with_the_ethnicity_message(string given)
    {
        var (d, errors) = PersonRules.Check(Good(given), Today);
        Assert.Null(d);
        Assert.Equal(new FieldError("Ethnicity", PersonRules.EthnicityMessage), Assert.Single(errors));
    }

    [Fact]
    public void A_new_referral_fills_a_missing_ethnicity_but_never_overwrites_a_recorded_one()
    {
        var person = PersonRules.NewPerson(PersonRules.Check(Good(null), Today).Normalised!);
        Assert.Null(person.Ethnicity);
        Assert.Equal(1, PersonRules.FillBlanks(person, new PersonDetails { Ethnicity = "H" }));
        Assert.Equal("H", person.Ethnicity);
        Assert.Equal(0, PersonRules.FillBlanks(person, new PersonDetails { Ethnicity = "N" }));
        Assert.Equal("H", person.Ethnicity);
    }

    private static PersonDetails Good(string? ethnicity) => new()
    {
        NhsNumber = "943 476 5919", GivenName = "Alex", FamilyName = "Example", DateOfBirth = new DateOnly(1960, 4, 1),
        Postcode = "LS6 2AB", TumourSite = "breast", Ethnicity = ethnicity,
    };
}
