using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.People;

namespace OneToOne.Tests.Rules;

public sealed class NhsNumberTests
{
    [Theory]
    [InlineData("9434765919")]
    [InlineData("4010232137")]
    [InlineData("9990000018")]
    [InlineData("9991111115")]
    [InlineData("9999999999")]
    public void IsValid_accepts_numbers_with_a_matching_check_digit(string digits) =>
        Assert.True(NhsNumber.IsValid(digits));

    [Theory]
    [InlineData("9434765918")]
    [InlineData("9434765910")]
    [InlineData("9991234560")] // 999123456 has check digit 10: no valid number starts with it
    [InlineData("943476591")]
    [InlineData("94347659190")]
    [InlineData("943 476 5919")]
    [InlineData("94347659１9")]
    [InlineData("")]
    [InlineData(null)]
    public void IsValid_rejects_anything_but_ten_digits_with_a_matching_check_digit(string? digits) =>
        Assert.False(NhsNumber.IsValid(digits));

    [Theory]
    [InlineData("9434765919")]
    [InlineData("943 476 5919")]
    [InlineData("943-476-5919")]
    [InlineData("  943 476-5919  ")]
    [InlineData("94 34 76 59 19")]
    public void Parse_accepts_spaces_and_hyphens_and_returns_the_ten_digits(string input)
    {
        var result = NhsNumber.Parse(input);

        Assert.True(result.IsValid);
        Assert.Equal("9434765919", result.Value);
        Assert.Null(result.Error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" - - ")]
    public void Parse_asks_for_the_number_when_nothing_is_entered(string? input) =>
        AssertError(input, "Enter the NHS number");

    [Theory]
    [InlineData("943476591A")]
    [InlineData("943.476.5919")]
    [InlineData("NHS 9434765919")]
    [InlineData("943/476/5919")]
    [InlineData("94347659１9")] // a full-width digit is not an ASCII digit
    public void Parse_says_only_numbers_are_allowed_when_there_are_letters_or_symbols(string input) =>
        AssertError(input, "NHS number must contain only numbers");

    [Theory]
    [InlineData("943476591")]
    [InlineData("94347659190")]
    [InlineData("1")]
    [InlineData("943 476 5919 1234")]
    public void Parse_says_ten_digits_are_needed_when_the_length_is_wrong(string input) =>
        AssertError(input, "NHS number must be 10 digits");

    [Theory]
    [InlineData("9434765918")]
    [InlineData("943 476 5910")]
    [InlineData("9991234560")]
    public void Parse_says_the_check_digit_does_not_match_for_a_mistyped_number(string input) =>
        AssertError(input, "Enter a valid NHS number (the check digit does not match)");

    [Fact]
    public void NhsNumberResult_success_and_failure_are_distinguishable()
    {
        Assert.True(NhsNumberResult.Success("9434765919").IsValid);
        Assert.False(NhsNumberResult.Failure("x").IsValid);
        Assert.False(default(NhsNumberResult).IsValid);
    }

    [Theory]
    [InlineData("9434765919", "943 476 5919")]
    [InlineData("9990000018", "999 000 0018")]
    public void Format_shows_ten_digits_as_three_three_four(string digits, string expected) =>
        Assert.Equal(expected, NhsNumber.Format(digits));

    [Theory]
    [InlineData("943476591")]
    [InlineData("943 476 5919")]
    [InlineData("")]
    public void Format_returns_anything_that_is_not_ten_digits_unchanged(string value) =>
        Assert.Equal(value, NhsNumber.Format(value));

    [Theory]
    [InlineData("9990000018", true)]
    [InlineData("9999999999", true)]
    [InlineData("9434765919", false)]
    [InlineData("999000001", false)]
    public void IsTestRange_is_true_only_for_ten_digit_numbers_starting_999(string digits, bool expected) =>
        Assert.Equal(expected, NhsNumber.IsTestRange(digits));

    [Theory]
    [InlineData("943476591", 9)]
    [InlineData("999000001", 8)]
    [InlineData("999123456", null)]
    [InlineData("999000000", null)]
    [InlineData("000000000", 0)] // sum 0 -> 11 - 0 = 11 -> 0
    public void CheckDigitFor_follows_modulus_11_with_11_as_0_and_10_as_no_digit(string firstNine, int? expected) =>
        Assert.Equal(expected, NhsNumber.CheckDigitFor(firstNine));

    [Property(MaxTest = 500)]
    public Property Appending_the_computed_check_digit_to_any_nine_digits_makes_a_valid_number_unless_it_is_10() =>
        Prop.ForAll(NineDigits().ToArbitrary(), prefix =>
        {
            var check = NhsNumber.CheckDigitFor(prefix);
            if (check is null)
            {
                // No digit completes this prefix.
                return Enumerable.Range(0, 10).All(d => !NhsNumber.IsValid(prefix + d.ToString(CultureInfo.InvariantCulture)));
            }

            var number = prefix + check.Value.ToString(CultureInfo.InvariantCulture);
            return NhsNumber.IsValid(number) && NhsNumber.Parse(NhsNumber.Format(number)).Value == number;
        });

    [Property(MaxTest = 500)]
    public Property Changing_any_single_digit_of_a_valid_number_makes_it_invalid() =>
        Prop.ForAll(ValidNumbers().ToArbitrary(), Gen.Choose(0, 9).ToArbitrary(), Gen.Choose(1, 9).ToArbitrary(), (number, position, delta) =>
        {
            var chars = number.ToCharArray();
            chars[position] = (char)('0' + ((chars[position] - '0' + delta) % 10));
            return !NhsNumber.IsValid(new string(chars));
        });

    [Fact]
    public void CreateTestNumber_by_index_gives_distinct_valid_999_numbers_for_the_first_100000_indices()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (long i = 0; i < 100_000; i++)
        {
            var number = NhsNumber.CreateTestNumber(i);
            Assert.True(NhsNumber.IsValid(number), number);
            Assert.True(NhsNumber.IsTestRange(number), number);
            Assert.True(seen.Add(number), $"duplicate {number} at {i}");
        }
    }

    [Fact]
    public void CreateTestNumber_by_index_is_distinct_and_valid_across_its_whole_capacity()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (long i = 0; i < NhsNumber.TestNumberCapacity; i++)
        {
            var number = NhsNumber.CreateTestNumber(i);
            Assert.True(seen.Add(number));
            if (!NhsNumber.IsValid(number) || !NhsNumber.IsTestRange(number))
            {
                Assert.Fail($"{number} at {i} is not a valid 999 number");
            }
        }
    }

    [Fact]
    public void CreateTestNumber_by_index_is_deterministic() =>
        Assert.Equal(NhsNumber.CreateTestNumber(123_456L), NhsNumber.CreateTestNumber(123_456L));

    [Theory]
    [InlineData(-1L)]
    [InlineData(NhsNumber.TestNumberCapacity)]
    public void CreateTestNumber_by_index_refuses_indices_outside_its_capacity(long index) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NhsNumber.CreateTestNumber(index));

    [Fact]
    public void CreateTestNumber_with_a_seeded_random_repeats_and_is_always_a_valid_999_number()
    {
        var first = new Random(42);
        var second = new Random(42);
        for (var i = 0; i < 1_000; i++)
        {
            var number = NhsNumber.CreateTestNumber(first);
            Assert.Equal(number, NhsNumber.CreateTestNumber(second));
            Assert.True(NhsNumber.IsValid(number));
            Assert.True(NhsNumber.IsTestRange(number));
        }
    }

    private static void AssertError(string? input, string message)
    {
        var result = NhsNumber.Parse(input);
        Assert.False(result.IsValid);
        Assert.Null(result.Value);
        Assert.Equal(message, result.Error);
    }

    private static Gen<string> NineDigits() =>
        Gen.Choose(0, 999_999_999).Select(n => n.ToString("D9", CultureInfo.InvariantCulture));

    private static Gen<string> ValidNumbers() =>
        NineDigits()
            .Where(p => NhsNumber.CheckDigitFor(p) is not null)
            .Select(p => p + NhsNumber.CheckDigitFor(p)!.Value.ToString(CultureInfo.InvariantCulture));
}
