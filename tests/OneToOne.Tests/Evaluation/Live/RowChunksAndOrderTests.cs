using OneToOne.Evaluation;
using OneToOne.Evaluation.Live;

namespace OneToOne.Tests.Evaluation.Live;

/// <summary>The live evaluation's storage and ordering helpers: rows kept in chunks come back as added, across chunk
/// boundaries; people sorted by pseudonym as packed numbers come out in ordinal string order, and keys that cannot be
/// packed are still sorted as strings.</summary>
public sealed class RowChunksAndOrderTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(8191)]
    [InlineData(8192)]
    [InlineData(8193)]
    [InlineData(20000)]
    public void Rows_come_back_in_the_order_added_by_position_and_in_turn(int count)
    {
        var rows = new RowChunks<(int, long)>();
        for (var i = 0; i < count; i++)
        {
            rows.Add((i, i * 3L));
        }

        Assert.Equal(count, rows.Count);
        var seen = 0;
        foreach (ref readonly var row in rows)
        {
            Assert.Equal((seen, seen * 3L), row);
            Assert.Equal(row, rows[seen]);
            seen++;
        }

        Assert.Equal(count, seen);
        Assert.Throws<ArgumentOutOfRangeException>(() => rows[count]);
        Assert.Throws<ArgumentOutOfRangeException>(() => rows[-1]);
    }

    [Fact]
    public void Pseudonyms_sort_as_packed_numbers_in_ordinal_order()
    {
        var pseudonyms = new Pseudonyms("a test key that is long enough to use");
        var people = Enumerable.Range(0, 5000).Select(i => Person(pseudonyms.For(Guid.NewGuid()))).ToArray();
        // Digits sort before letters ordinally although base32 gives them the higher values: the packed order must follow the characters.
        people[0] = Person("2AAAAAAAAAAAAAAA");
        people[1] = Person("ZZZZZZZZZZZZZZZ7");
        people[2] = Person("AAAAAAAAAAAAAAA2");
        var expected = people.Select(p => p.Key).Order(StringComparer.Ordinal).ToList();

        LiveDataset.SortByKey(people);

        Assert.Equal(expected, people.Select(p => p.Key).ToList());
    }

    [Theory]
    [InlineData("b|a|ab|")] // lengths differ
    [InlineData("é|e|f")] // not ASCII
    [InlineData("ABCDEFGHIJKLMNOPQRS|ABCDEFGHIJKLMNOPQRR")] // too long for 128 bits
    public void Keys_that_cannot_be_packed_are_sorted_as_strings(string joined)
    {
        var keys = joined.Split('|');
        var people = keys.Select(Person).ToArray();

        LiveDataset.SortByKey(people);

        Assert.Equal(keys.Order(StringComparer.Ordinal).ToList(), people.Select(p => p.Key).ToList());
    }

    private static LivePerson Person(string key) =>
        new(Guid.NewGuid(), key, Guid.Empty, "X", Cohort.Intervention, null, "T", "50-59", "Female", true, null, "White", 0);
}
