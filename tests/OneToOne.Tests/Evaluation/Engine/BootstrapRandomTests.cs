using OneToOne.Evaluation.Engine;

namespace OneToOne.Tests.Evaluation.Engine;

/// <summary>The bootstrap's generator against an independent implementation (tests/data/evaluation-sample/expected.py,
/// written from the published descriptions of SplitMix64, xoshiro256** and Lemire's bounded index) and SplitMix64's
/// well-known first output from state 0 (0xE220A8397B1DCDAF).</summary>
public sealed class BootstrapRandomTests
{
    private static readonly int[] PythonIndicesOf38 = [5, 32, 16, 34, 37, 20, 6, 35, 2, 37];
    private static readonly int[] PythonIndicesOf3 = [2, 2, 2, 0, 0, 2, 0, 1, 1, 1];

    [Fact]
    public void SplitMix64_from_zero_gives_its_published_first_output()
    {
        ulong state = 0;
        Assert.Equal(0xE220A8397B1DCDAFUL, BootstrapRandom.SplitMix64(ref state));
    }

    [Fact]
    public void Xoshiro_seeded_from_SplitMix64_matches_the_python_implementation()
    {
        // python3 -c "import expected as e; r = e.Xoshiro(0); print([hex(r.next()) for _ in range(3)])"
        var rng = new BootstrapRandom(0);
        Assert.Equal(0x99ec5f36cb75f2b4UL, rng.Next());
        Assert.Equal(0xbf6e1f784956452aUL, rng.Next());
        Assert.Equal(0x1a5f849d4933e6e0UL, rng.Next());
    }

    [Fact]
    public void Resample_streams_and_bounded_indices_match_the_python_implementation()
    {
        // Xoshiro(((42 & 0xFFFFFFFF) << 32) | 7).index(38) ten times; and seed -1 (as unsigned 32 bits), resample 0, index(3).
        var rng = BootstrapRandom.ForResample(42, 7);
        Assert.Equal(PythonIndicesOf38, Enumerable.Range(0, 10).Select(_ => rng.NextIndex(38)).ToArray());
        var negative = BootstrapRandom.ForResample(-1, 0);
        Assert.Equal(PythonIndicesOf3, Enumerable.Range(0, 10).Select(_ => negative.NextIndex(3)).ToArray());
    }

    [Fact]
    public void Indices_stay_in_range_and_cover_it_evenly()
    {
        var rng = new BootstrapRandom(123);
        var counts = new int[7];
        for (var i = 0; i < 70_000; i++)
        {
            counts[rng.NextIndex(7)]++;
        }

        // Each expected 10,000; a fair generator stays within ±500 (5 standard deviations of a binomial's ~95).
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
        Assert.Equal(0, new BootstrapRandom(9).NextIndex(1));
    }
}
