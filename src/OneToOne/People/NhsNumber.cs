using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OneToOne.People;

/// <summary>The outcome of parsing what someone typed as an NHS number: either the normalised
/// 10-digit string or a message fit to show beside the field.</summary>
internal readonly record struct NhsNumberResult
{
    private NhsNumberResult(string? value, string? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The 10 digits, no separators; null when the input was not valid.</summary>
    public string? Value { get; }

    /// <summary>The error message (NHS.UK design system wording); null when valid.</summary>
    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Value is not null;

    public static NhsNumberResult Success(string value) => new(value, null);

    public static NhsNumberResult Failure(string error) => new(null, error);
}

/// <summary>NHS number rules: 10 digits, shown 3-3-4, modulus 11 check digit. The 999 range
/// passes the check but is never issued, so all synthetic data uses it.</summary>
internal static class NhsNumber
{
    public const string EmptyMessage = "Enter the NHS number";
    public const string NotNumericMessage = "NHS number must contain only numbers";
    public const string WrongLengthMessage = "NHS number must be 10 digits";
    public const string CheckDigitMessage = "Enter a valid NHS number (the check digit does not match)";

    /// <summary>How many distinct numbers <see cref="CreateTestNumber(long)"/> can produce.
    /// The 999 range leaves six free digits before the check digit (1,000,000 prefixes, about
    /// 1 in 11 of which has no valid check digit); taking 9 of every 10 consecutive prefixes
    /// keeps the index-to-number mapping O(1), giving 900,000.</summary>
    public const long TestNumberCapacity = 900_000;

    private const string TestRangePrefix = "999";

    /// <summary>Parses user input, accepting spaces and hyphens as separators
    /// ("943 476 5919", "943-476-5919").</summary>
    public static NhsNumberResult Parse(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return NhsNumberResult.Failure(EmptyMessage);
        }

        Span<char> digits = stackalloc char[10];
        var count = 0;
        var tooLong = false;
        foreach (var c in input)
        {
            if (c is '-' || char.IsWhiteSpace(c))
            {
                continue;
            }

            if (!char.IsAsciiDigit(c))
            {
                return NhsNumberResult.Failure(NotNumericMessage);
            }

            if (count < digits.Length)
            {
                digits[count] = c;
            }
            else
            {
                tooLong = true;
            }

            count++;
        }

        if (count == 0)
        {
            return NhsNumberResult.Failure(EmptyMessage);
        }

        if (tooLong || count != 10)
        {
            return NhsNumberResult.Failure(WrongLengthMessage);
        }

        return HasValidCheckDigit(digits)
            ? NhsNumberResult.Success(new string(digits))
            : NhsNumberResult.Failure(CheckDigitMessage);
    }

    /// <summary>True when <paramref name="digits"/> is exactly 10 ASCII digits with a matching
    /// check digit. No separators allowed: use <see cref="Parse"/> for user input.</summary>
    public static bool IsValid([NotNullWhen(true)] string? digits) =>
        digits is { Length: 10 } && IsAllAsciiDigits(digits) && HasValidCheckDigit(digits);

    /// <summary>The modulus 11 check digit for the first nine digits, or null when the
    /// arithmetic gives 10 (no NHS number can start with those nine digits).</summary>
    public static int? CheckDigitFor(ReadOnlySpan<char> firstNine)
    {
        if (firstNine.Length != 9)
        {
            throw new ArgumentException("Exactly nine digits are needed.", nameof(firstNine));
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            var d = firstNine[i] - '0';
            if (d is < 0 or > 9)
            {
                throw new ArgumentException("Only ASCII digits are allowed.", nameof(firstNine));
            }

            sum += d * (10 - i);
        }

        var check = 11 - (sum % 11);
        return check switch
        {
            11 => 0,
            10 => null,
            _ => check,
        };
    }

    /// <summary>Shows a 10-digit number as 3-3-4 ("999 123 4560"). Anything else is returned
    /// unchanged so that odd legacy values still display rather than throw.</summary>
    public static string Format(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (digits.Length != 10 || !IsAllAsciiDigits(digits))
        {
            return digits;
        }

        return string.Create(12, digits, static (span, d) =>
        {
            d.AsSpan(0, 3).CopyTo(span);
            span[3] = ' ';
            d.AsSpan(3, 3).CopyTo(span[4..]);
            span[7] = ' ';
            d.AsSpan(6, 4).CopyTo(span[8..]);
        });
    }

    /// <summary>True for the never-issued 999 range used for synthetic and test data.</summary>
    public static bool IsTestRange(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        return digits.Length == 10 && digits.StartsWith(TestRangePrefix, StringComparison.Ordinal);
    }

    /// <summary>A valid 999-range number chosen with <paramref name="random"/>; pass a seeded
    /// <see cref="Random"/> for repeatable synthetic data. Never returns a prefix whose check
    /// digit would be 10.</summary>
    public static string CreateTestNumber(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return CreateTestNumber(random.NextInt64(TestNumberCapacity));
    }

    /// <summary>Maps 0 .. <see cref="TestNumberCapacity"/> - 1 to distinct valid 999-range
    /// numbers, deterministically, in O(1).</summary>
    /// <remarks>Prefixes come in blocks of ten that differ only in the ninth digit (weight 2),
    /// so within a block the sums mod 11 are ten distinct values: at most one of the ten
    /// gives check digit 10. Taking the first nine usable ninth digits of each block gives a
    /// fixed 9 numbers per block with no table and no search.</remarks>
    public static string CreateTestNumber(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, TestNumberCapacity);

        var block = (int)(index / 9);        // 0 .. 99,999: digits 4-8
        var position = (int)(index % 9);      // which usable ninth digit within the block

        Span<char> digits = stackalloc char[10];
        TestRangePrefix.AsSpan().CopyTo(digits);
        block.TryFormat(digits[3..8], out _, "D5", CultureInfo.InvariantCulture);

        var seen = 0;
        for (var ninth = 0; ninth <= 9; ninth++)
        {
            digits[8] = (char)('0' + ninth);
            if (CheckDigitFor(digits[..9]) is not { } check)
            {
                continue;
            }

            if (seen == position)
            {
                digits[9] = (char)('0' + check);
                return new string(digits);
            }

            seen++;
        }

        throw new InvalidOperationException("Unreachable: every block has at least nine usable ninth digits.");
    }

    private static bool HasValidCheckDigit(ReadOnlySpan<char> digits) =>
        CheckDigitFor(digits[..9]) is { } check && digits[9] - '0' == check;

    private static bool IsAllAsciiDigits(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
