using System.Numerics;

namespace OneToOne.Evaluation.Engine;

/// <summary>The bootstrap's random numbers: xoshiro256** 1.0 (Blackman and Vigna, 2018) with its four state words taken
/// from SplitMix64, and unbiased indices by Lemire's multiply-and-reject method. Written out here (rather than
/// <see cref="Random"/>, whose seeded algorithm .NET does not promise to keep) so that a seed gives the same resamples on
/// every runtime and can be reproduced in any language (docs/evaluation.md, "The bootstrap").</summary>
internal struct BootstrapRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>The generator for one resample: SplitMix64 started from (seed as unsigned 32 bits) × 2³² + resample, so each
    /// resample has its own stream and the result does not depend on how resamples are spread over threads.</summary>
    public static BootstrapRandom ForResample(int seed, int resample) =>
        new(((ulong)(uint)seed << 32) | (uint)resample);

    public BootstrapRandom(ulong seed)
    {
        var state = seed;
        _s0 = SplitMix64(ref state);
        _s1 = SplitMix64(ref state);
        _s2 = SplitMix64(ref state);
        _s3 = SplitMix64(ref state);
    }

    public static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong Next()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform index in [0, n): r = the top 32 bits of <see cref="Next"/>, m = r × n; while the low 32 bits of m
    /// are below 2³² mod n, draw again; the index is the high 32 bits of m (Lemire, 2019).</summary>
    public int NextIndex(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        var bound = (uint)n;
        var m = (Next() >> 32) * bound;
        var low = (uint)m;
        if (low < bound)
        {
            var threshold = (0u - bound) % bound;
            while (low < threshold)
            {
                m = (Next() >> 32) * bound;
                low = (uint)m;
            }
        }

        return (int)(m >> 32);
    }
}
