using OneToOne.People;

namespace OneToOne.Tests.People;

public sealed class PersonRulesTests
{
    private static readonly DateOnly Today = new(2027, 1, 6);

    private static PersonDetails Good() => new()
    {
        NhsNumber = "943 476 5919", GivenName = " Alex ", FamilyName = "Example", DateOfBirth = new DateOnly(1960, 4, 1),
        Postcode = "ls62ab", TumourSite = "Breast", Email = "alex@example.com", Phone = "07700 900982",
    };

    private static IReadOnlyList<FieldError> ErrorsFor(Action<PersonDetails> change)
    {
        var d = Good();
        change(d);
        return PersonRules.Check(d, Today).Errors;
    }

    [Fact]
    public void Good_details_are_normalised_ready_to_store()
    {
        var (d, errors) = PersonRules.Check(Good(), Today);
        Assert.Empty(errors);
        Assert.Equal("9434765919", d!.NhsNumber);
        Assert.Equal("Alex", d.GivenName);
        Assert.Equal("LS6 2AB", d.Postcode);
        Assert.Equal("breast", d.TumourSite);
        Assert.Equal("english", d.PreferredLanguage);
    }

    [Theory]
    [InlineData("9434765910", NhsNumber.CheckDigitMessage)]
    [InlineData("943476591", NhsNumber.WrongLengthMessage)]
    [InlineData("94347659190", NhsNumber.WrongLengthMessage)]
    [InlineData("94347A5919", NhsNumber.NotNumericMessage)]
    [InlineData("", NhsNumber.EmptyMessage)]
    public void An_invalid_nhs_number_gets_the_nhs_number_message(string nhs, string message) =>
        Assert.Equal(new FieldError("NhsNumber", message), Assert.Single(ErrorsFor(d => d.NhsNumber = nhs)));

    [Fact]
    public void A_birth_date_in_the_future_is_refused_but_today_is_allowed()
    {
        Assert.Equal(PersonRules.BirthInFutureMessage, Assert.Single(ErrorsFor(d => d.DateOfBirth = Today.AddDays(1))).Message);
        Assert.Empty(ErrorsFor(d => d.DateOfBirth = Today));
    }

    [Fact]
    public void Treatment_ending_before_diagnosis_is_refused_and_the_same_day_is_allowed()
    {
        var e = Assert.Single(ErrorsFor(d => { d.DiagnosisDate = new DateOnly(2026, 6, 1); d.TreatmentEndDate = new DateOnly(2026, 5, 31); }));
        Assert.Equal(new FieldError("TreatmentEndDate", PersonRules.TreatmentBeforeDiagnosisMessage), e);
        Assert.Empty(ErrorsFor(d => { d.DiagnosisDate = new DateOnly(2026, 6, 1); d.TreatmentEndDate = new DateOnly(2026, 6, 1); }));
    }

    [Fact]
    public void Diagnosis_cannot_be_in_the_future_or_before_birth()
    {
        Assert.Equal("DiagnosisDate", Assert.Single(ErrorsFor(d => d.DiagnosisDate = Today.AddDays(1))).Field);
        Assert.Equal("DiagnosisDate", Assert.Single(ErrorsFor(d => d.DiagnosisDate = new DateOnly(1950, 1, 1))).Field);
    }

    [Fact]
    public void Every_required_field_is_named_when_missing()
    {
        var errors = PersonRules.Check(new PersonDetails(), Today).Errors.Select(e => e.Field).ToList();
        Assert.Equal(["NhsNumber", "GivenName", "FamilyName", "DateOfBirth", "Postcode", "TumourSite"], errors);
    }

    [Theory]
    [InlineData("GivenName", 101, "Given name must be 100 characters or fewer")]
    [InlineData("FamilyName", 101, "Family name must be 100 characters or fewer")]
    [InlineData("AccessibilityNeeds", 1001, "Accessibility needs must be 1000 characters or fewer")]
    [InlineData("GpPracticeName", 201, "GP practice must be 200 characters or fewer")]
    [InlineData("NextOfKinName", 201, "Next of kin name must be 200 characters or fewer")]
    public void Text_over_its_limit_is_refused_and_text_at_the_limit_is_fine(string field, int length, string message)
    {
        var property = typeof(PersonDetails).GetProperty(field)!;
        Assert.Equal(new FieldError(field, message), Assert.Single(ErrorsFor(d => property.SetValue(d, new string('a', length)))));
        Assert.Empty(ErrorsFor(d => property.SetValue(d, new string('a', length - 1))));
    }

    [Theory]
    [InlineData("LS6 2AB", "LS6 2AB")]
    [InlineData("sw1a1aa", "SW1A 1AA")]
    [InlineData(" m1  1ae ", "M1 1AE")]
    [InlineData("CR2 6XH", "CR2 6XH")]
    [InlineData("LS6", null)]
    [InlineData("123 456", null)]
    [InlineData("LS6 2AB X", null)]
    public void Postcodes_are_checked_and_normalised_to_upper_case_with_one_space(string input, string? expected) =>
        Assert.Equal(expected, PersonRules.NormalisePostcode(input));

    [Theory]
    [InlineData("Email", "not-an-email", PersonRules.EmailFormatMessage)]
    [InlineData("Email", "a@b", PersonRules.EmailFormatMessage)]
    [InlineData("Phone", "call me", PersonRules.PhoneFormatMessage)]
    [InlineData("Phone", "12345", PersonRules.PhoneFormatMessage)]
    [InlineData("NextOfKinPhone", "0770090098212345678", PersonRules.PhoneFormatMessage)]
    [InlineData("TumourSite", "spleen", "Select a tumour site from the list")]
    public void Contact_details_and_codes_must_be_well_formed(string field, string value, string message)
    {
        var property = typeof(PersonDetails).GetProperty(field)!;
        Assert.Equal(new FieldError(field, message), Assert.Single(ErrorsFor(d => property.SetValue(d, value))));
    }

    [Fact]
    public void A_new_referral_only_fills_blank_fields_of_an_existing_record()
    {
        var person = PersonRules.NewPerson(PersonRules.Check(Good(), Today).Normalised!);
        person.Phone = null;
        var incoming = Good();
        incoming.GivenName = "Alexandra";
        incoming.Phone = "01632 960001";
        incoming.Email = "other@example.com";
        var filled = PersonRules.FillBlanks(person, incoming);
        Assert.Equal(1, filled);
        Assert.Equal("Alex", person.GivenName);
        Assert.Equal("alex@example.com", person.Email);
        Assert.Equal("01632 960001", person.Phone);
        Assert.True(PersonRules.IdentityDiffers(person, incoming));
    }
}
