using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace OneToOne.Evaluation.Live;

/// <summary>The keyed pseudonym an evaluator sees instead of a person: HMAC-SHA256 of the person's id under the service's
/// secret (<see cref="EvaluationOptions.PseudonymKey"/>), the first 80 bits in base32 (16 characters). The same person
/// always gets the same pseudonym, so follow-up pairs with baseline across datasets; without the key nobody can go from
/// pseudonym to person or test a guessed id. 80 bits: the chance of any two of 10 million people colliding is about 4 in
/// 100 billion.</summary>
public sealed class Pseudonyms
{
    /// <summary>Used only in Development and Testing when no key is configured; start-up refuses it anywhere else.</summary>
    internal const string DevelopmentKey = "onetoone-development-only-pseudonym-key";

    /// <summary>A production key must be at least this long (256 bits of base64 is 44 characters).</summary>
    public const int MinimumKeyLength = 32;

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private readonly byte[] _key;

    public Pseudonyms(IOptions<EvaluationOptions> options)
        : this(options.Value.PseudonymKey ?? DevelopmentKey)
    {
    }

    public Pseudonyms(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        _key = Encoding.UTF8.GetBytes(key);
    }

    public string For(Guid personId)
    {
        using var maker = Maker();
        return maker.For(personId);
    }

    /// <summary>A maker of many pseudonyms (one evaluation's people) that keeps one keyed HMAC: over twice as fast per person
    /// as the one-shot call (0.9 against 2.1 s for a million). Not thread-safe: one per reader.</summary>
    public PseudonymMaker Maker() => new(new HMACSHA256(_key));

    /// <summary>RFC 4648 base32 of a multiple of 5 bytes (no padding needed).</summary>
    internal static string Base32(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length * 8 / 5];
        var bits = 0;
        var buffer = 0;
        var at = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars[at++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        return new string(chars, 0, at);
    }
}

/// <summary>Start-up check: outside Development and Testing a real pseudonym key must be configured, or the evaluation would
/// publish pseudonyms anyone could recompute from the published development key.</summary>
internal sealed class PseudonymKeyValidation(IHostEnvironment environment) : IValidateOptions<EvaluationOptions>
{
    public ValidateOptionsResult Validate(string? name, EvaluationOptions options)
    {
        if (environment.IsDevelopment() || environment.IsEnvironment("Testing"))
        {
            return ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(options.PseudonymKey))
        {
            return ValidateOptionsResult.Fail(
                "Evaluation:PseudonymKey is not set. Outside Development and Testing the evaluation needs a secret key for its pseudonyms: "
                + "set Evaluation__PseudonymKey to a random value of at least 32 characters (e.g. `openssl rand -base64 32`) and keep it secret.");
        }

        if (options.PseudonymKey.Length < Pseudonyms.MinimumKeyLength || options.PseudonymKey == Pseudonyms.DevelopmentKey)
        {
            return ValidateOptionsResult.Fail(
                $"Evaluation:PseudonymKey must be a secret of at least {Pseudonyms.MinimumKeyLength} characters (e.g. `openssl rand -base64 32`).");
        }

        return ValidateOptionsResult.Success;
    }
}

/// <summary>Makes pseudonyms with one keyed HMAC (see <see cref="Pseudonyms.Maker"/>).</summary>
public sealed class PseudonymMaker(HMACSHA256 hmac) : IDisposable
{
    public string For(Guid personId)
    {
        Span<byte> id = stackalloc byte[16];
        personId.TryWriteBytes(id, bigEndian: true, out _);
        Span<byte> mac = stackalloc byte[32];
        hmac.TryComputeHash(id, mac, out _);
        return Pseudonyms.Base32(mac[..10]);
    }

    public void Dispose() => hmac.Dispose();
}
