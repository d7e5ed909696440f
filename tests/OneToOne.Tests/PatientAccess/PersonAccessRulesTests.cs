using OneToOne.Notifications;
using OneToOne.PatientAccess;
using OneToOne.People;

namespace OneToOne.Tests.PatientAccess;

public sealed class PersonAccessRulesTests
{
    [Theory]
    [InlineData("07700 900982", "07700900982")]
    [InlineData("+44 7700 900982", "07700900982")]
    [InlineData("+44 (0)7700 900982", "07700900982")]
    [InlineData("0044 7700-900982", "07700900982")]
    [InlineData("(07700) 900 982", "07700900982")]
    public void A_uk_mobile_typed_any_usual_way_is_the_same_number(string typed, string expected) =>
        Assert.Equal(expected, PersonAccessRules.NormaliseMobile(typed));

    [Theory]
    [InlineData("0113 496 0000")] // a landline: codes go by SMS, so only mobiles sign in
    [InlineData("07700 90098")]
    [InlineData("07700 9009823")]
    [InlineData("07700 9OO982")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_mobile(string? typed) => Assert.Null(PersonAccessRules.NormaliseMobile(typed));

    [Fact]
    public void Contact_details_are_an_email_in_lower_case_or_a_mobile_and_nothing_else()
    {
        Assert.Equal((NotificationChannels.Email, "jo.bloggs@example.com"), PersonAccessRules.ParseContact("  Jo.Bloggs@Example.COM "));
        Assert.Equal((NotificationChannels.Sms, "07700900982"), PersonAccessRules.ParseContact("+44 7700 900982"));
        Assert.Null(PersonAccessRules.ParseContact("jo.bloggs@example"));
        Assert.Null(PersonAccessRules.ParseContact("jo bloggs"));
        Assert.Null(PersonAccessRules.ParseContact(""));
        Assert.Null(PersonAccessRules.ParseContact(new string('a', 320) + "@example.com"));
    }

    [Fact]
    public void A_record_matches_on_the_same_email_or_the_same_mobile_however_it_was_written()
    {
        Assert.True(PersonAccessRules.Matches((NotificationChannels.Email, "jo@example.com"), "Jo@Example.com", null));
        Assert.True(PersonAccessRules.Matches((NotificationChannels.Sms, "07700900982"), null, "+44 7700 900 982"));
        Assert.False(PersonAccessRules.Matches((NotificationChannels.Email, "jo@example.com"), null, "07700900982"));
        Assert.False(PersonAccessRules.Matches((NotificationChannels.Sms, "07700900982"), "jo@example.com", "07700 900983"));
    }

    [Fact]
    public void Codes_are_six_digits_and_only_their_salted_hash_is_compared()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => PersonAccessRules.NewCode()).ToList();
        Assert.All(codes, c => Assert.Matches("^[0-9]{6}$", c));
        Assert.True(codes.Distinct(StringComparer.Ordinal).Count() > 150);

        var salt = new byte[16];
        Random.Shared.NextBytes(salt);
        var hash = PersonAccessRules.HashCode(salt, "123456");
        Assert.Equal(32, hash.Length);
        Assert.True(PersonAccessRules.CodeMatches(salt, hash, "123456"));
        Assert.False(PersonAccessRules.CodeMatches(salt, hash, "123457"));
        Assert.False(PersonAccessRules.CodeMatches(new byte[16], hash, "123456"));
        Assert.False(PersonAccessRules.CodeMatches(null, null, "123456")); // a decoy challenge never matches
    }

    [Theory]
    [InlineData("123456", "123456")]
    [InlineData(" 123 456 ", "123456")]
    [InlineData("123-456", "123456")]
    [InlineData("12345", null)]
    [InlineData("1234567", null)]
    [InlineData("12a456", null)]
    [InlineData("", null)]
    public void A_typed_code_is_cleaned_or_refused(string typed, string? expected) => Assert.Equal(expected, PersonAccessRules.CleanCode(typed));

    [Fact]
    public void An_open_episode_wins_then_the_open_access_period_is_judged_by_its_dates()
    {
        var today = new DateOnly(2027, 3, 1);
        Assert.Equal(HelpEligibility.ActiveEpisode, PersonAccessRules.Eligibility(true, OpenAccessStatus.Ended, today.AddDays(-5), today));
        Assert.Equal(HelpEligibility.None, PersonAccessRules.Eligibility(false, null, null, today));
        Assert.Equal(HelpEligibility.OpenAccess, PersonAccessRules.Eligibility(false, OpenAccessStatus.Open, today, today));
        // Past its last day: expired at once, even before the nightly job has closed it.
        Assert.Equal(HelpEligibility.Expired, PersonAccessRules.Eligibility(false, OpenAccessStatus.Open, today.AddDays(-1), today));
        Assert.Equal(HelpEligibility.Expired, PersonAccessRules.Eligibility(false, OpenAccessStatus.Ended, today.AddDays(10), today));
        Assert.Equal(HelpEligibility.Expired, PersonAccessRules.Eligibility(false, OpenAccessStatus.Reopened, today.AddDays(10), today));
    }

    [Fact]
    public void Work_due_on_a_day_is_due_by_its_end_in_uk_time_in_winter_and_summer()
    {
        Assert.Equal(new DateTimeOffset(2027, 1, 6, 23, 59, 59, TimeSpan.Zero), PersonAccessRules.EndOfUkDay(new DateOnly(2027, 1, 6)));
        Assert.Equal(new DateTimeOffset(2027, 3, 31, 22, 59, 59, TimeSpan.Zero), PersonAccessRules.EndOfUkDay(new DateOnly(2027, 3, 31)));
    }

    [Fact]
    public void Open_access_lasts_the_configured_months()
    {
        Assert.Equal(new DateOnly(2028, 1, 6), PersonAccessRules.OpenAccessEnds(new DateOnly(2027, 1, 6), 12));
        Assert.Equal(new DateOnly(2027, 7, 6), PersonAccessRules.OpenAccessEnds(new DateOnly(2027, 1, 6), 6));
    }

    private static List<string> Fields(IEnumerable<FieldError> errors) => [.. errors.Select(e => e.Field)];

    [Fact]
    public void An_empty_request_for_help_says_what_is_missing_in_the_persons_words()
    {
        var (request, errors) = HelpRequestRules.Check(new HelpRequestInput(), forPerson: true);
        Assert.Null(request);
        Assert.Equal(["Input.About", "Input.RedFlag", "Input.ContactMethod"], Fields(errors));
        Assert.Contains(errors, e => e.Message == "Enter what you would like help with");
        var (_, staff) = HelpRequestRules.Check(new HelpRequestInput(), forPerson: false);
        Assert.Contains(staff, e => e.Message == "Enter what the person would like help with");
    }

    [Fact]
    public void Contact_details_must_fit_the_way_of_contact_chosen()
    {
        static List<FieldError> With(HelpContactMethod method, string detail) => HelpRequestRules.Check(new HelpRequestInput
        {
            About = "Help", RedFlag = "no", ContactMethod = method, ContactDetail = detail,
        }, true).Errors;

        Assert.Empty(With(HelpContactMethod.Phone, "0113 496 0000"));
        Assert.Empty(With(HelpContactMethod.Text, "07700 900982"));
        Assert.Empty(With(HelpContactMethod.Email, "jo@example.com"));
        Assert.Equal("Enter a UK mobile number, like 07700 900 982", Assert.Single(With(HelpContactMethod.Text, "0113 496 0000")).Message);
        Assert.Equal(PersonRules.EmailFormatMessage, Assert.Single(With(HelpContactMethod.Email, "07700 900982")).Message);
        Assert.Equal(PersonRules.PhoneFormatMessage, Assert.Single(With(HelpContactMethod.Phone, "call me")).Message);
        Assert.Equal("Enter your phone number", Assert.Single(With(HelpContactMethod.Phone, " ")).Message);
    }

    [Fact]
    public void Too_long_text_and_a_red_flag_answer_other_than_yes_or_no_are_refused()
    {
        var (_, errors) = HelpRequestRules.Check(new HelpRequestInput
        {
            About = new string('x', HelpRequest.AboutMax + 1), RedFlag = "maybe", ContactMethod = HelpContactMethod.Phone, ContactDetail = "0113 496 0000",
            BestTime = new string('y', HelpRequest.BestTimeMax + 1),
        }, true);
        Assert.Equal(["Input.About", "Input.RedFlag", "Input.BestTime"], Fields(errors));
    }

    private static HelpRequest Request(bool redFlag = false, bool inOpenAccess = true, HelpRequestStatus status = HelpRequestStatus.Open) => new()
    {
        About = "x", ContactDetail = "x", RedFlag = redFlag, PeriodId = inOpenAccess ? Guid.NewGuid() : null, Status = status,
    };

    [Fact]
    public void An_answer_needs_an_outcome_and_what_was_done_and_a_referral_on_needs_to_whom()
    {
        Assert.Equal(["Answer.Outcome", "Answer.Note"], Fields(HelpRequestRules.CheckAnswer(Request(), new HelpAnswerInput(), true, false)));
        Assert.Equal(["Answer.ReferredTo"], Fields(HelpRequestRules.CheckAnswer(Request(), new HelpAnswerInput { Outcome = HelpOutcome.ReferredOn, Note = "Phoned" }, true, false)));
        Assert.Empty(HelpRequestRules.CheckAnswer(Request(), new HelpAnswerInput { Outcome = HelpOutcome.Advice, Note = "Phoned" }, false, false));
    }

    [Fact]
    public void Only_a_registered_practitioner_answers_a_red_flag_and_an_answered_request_stays_answered()
    {
        Assert.Equal(HelpRequestRules.RedFlagNeedsPractitioner,
            Assert.Single(HelpRequestRules.CheckAnswer(Request(redFlag: true), new HelpAnswerInput { Outcome = HelpOutcome.Advice, Note = "x" }, false, false)).Message);
        Assert.Empty(HelpRequestRules.CheckAnswer(Request(redFlag: true), new HelpAnswerInput { Outcome = HelpOutcome.Advice, Note = "x" }, true, false));
        Assert.Equal(HelpRequestRules.AlreadyAnswered,
            Assert.Single(HelpRequestRules.CheckAnswer(Request(status: HelpRequestStatus.Answered), new HelpAnswerInput { Outcome = HelpOutcome.Advice, Note = "x" }, true, false)).Message);
    }

    [Fact]
    public void Only_a_request_from_open_access_with_no_open_episode_can_be_reopened()
    {
        var reopen = new HelpAnswerInput { Outcome = HelpOutcome.Reopened, Note = "Back on the caseload" };
        Assert.Empty(HelpRequestRules.CheckAnswer(Request(), reopen, false, false));
        Assert.Equal(HelpRequestRules.CannotReopen, Assert.Single(HelpRequestRules.CheckAnswer(Request(inOpenAccess: false), reopen, false, true)).Message);
        Assert.Equal(HelpRequestRules.CannotReopen, Assert.Single(HelpRequestRules.CheckAnswer(Request(), reopen, false, true)).Message);
    }
}
