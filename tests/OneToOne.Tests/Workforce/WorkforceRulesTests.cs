using OneToOne.Referrals;
using OneToOne.Workforce;

namespace OneToOne.Tests.Workforce;

public sealed class WorkforceRulesTests
{
    [Theory]
    [InlineData("rr8", true)]
    [InlineData(" 8hv48 ", true)]
    [InlineData("RR", false)]
    [InlineData("RR8123", false)]
    [InlineData("RR-8", false)]
    public void Ods_codes_are_three_to_five_letters_or_digits_after_upper_casing(string typed, bool valid) =>
        Assert.Equal(valid, WorkforceRules.IsOdsCode(WorkforceRules.Normalise(typed)));

    [Theory]
    [InlineData("ls6", true)]
    [InlineData("SW1A", true)]
    [InlineData("M1", true)]
    [InlineData("EC1V", true)]
    [InlineData("LS6 3AB", false)]
    [InlineData("6LS", false)]
    [InlineData("LEEDS", false)]
    public void Base_localities_are_postcode_districts(string typed, bool valid) =>
        Assert.Equal(valid, WorkforceRules.IsPostcodeDistrict(WorkforceRules.Normalise(typed)));

    [Fact]
    public void A_registered_role_may_carry_every_level_and_supervise() =>
        Assert.Empty(WorkforceRules.RoleProblems(true, Enum.GetValues<PathwayLevel>(), true));

    [Fact]
    public void A_non_registered_role_may_carry_supported_self_management() =>
        Assert.Empty(WorkforceRules.RoleProblems(false, [PathwayLevel.SupportedSelfManagement], false));

    [Theory]
    [InlineData(PathwayLevel.SharedCare)]
    [InlineData(PathwayLevel.ComplexCaseManagement)]
    public void A_non_registered_role_may_not_carry_shared_care_or_complex_cases(PathwayLevel level) =>
        Assert.Equal([("Levels", WorkforceRules.NonRegisteredLevels)], WorkforceRules.RoleProblems(false, [level], false));

    [Fact]
    public void A_non_registered_role_may_not_supervise() =>
        Assert.Equal([("MaySupervise", WorkforceRules.NonRegisteredSupervision)], WorkforceRules.RoleProblems(false, [], true));

    [Fact]
    public void Languages_are_split_trimmed_lower_cased_and_deduplicated() =>
        Assert.Equal(["english", "polish", "british sign language"], WorkforceRules.ParseLanguages(" English, POLISH ,polish, British  Sign Language,"));

    [Fact]
    public void Removing_english_deliberately_leaves_it_out() =>
        Assert.Equal(["welsh"], WorkforceRules.ParseLanguages("welsh"));

    [Theory]
    [InlineData("english; 123")]
    [InlineData("<script>")]
    public void Languages_that_are_not_names_are_refused(string typed) => Assert.Null(WorkforceRules.ParseLanguages(typed));

    [Fact]
    public void Temporary_passwords_are_long_random_and_meet_the_password_rules()
    {
        var passwords = Enumerable.Range(0, 200).Select(_ => WorkforceRules.TemporaryPassword()).ToList();
        Assert.Equal(200, passwords.Distinct(StringComparer.Ordinal).Count());
        Assert.All(passwords, p =>
        {
            Assert.True(p.Count(char.IsLetterOrDigit) >= 16);
            Assert.Contains(p, char.IsUpper);
            Assert.Contains(p, char.IsLower);
            Assert.Contains(p, char.IsDigit);
        });
    }
}
