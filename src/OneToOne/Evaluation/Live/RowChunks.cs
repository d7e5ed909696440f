namespace OneToOne.Evaluation.Live;

/// <summary>Millions of rows kept in fixed-size chunks, for a reader that does not know how many are coming. A List doubles
/// its array and copies the rows across as it grows, so holding 3 million contacts once cost as much again in arrays left
/// behind, every byte of it fresh memory the kernel has to supply and clear (bench/README.md, "Evaluation"). Here adding
/// never copies, and the rows are read back by position or in order, by reference.</summary>
internal sealed class RowChunks<T>
    where T : struct
{
    private const int Shift = 13;
    private const int ChunkSize = 1 << Shift;
    private const int Mask = ChunkSize - 1;

    private readonly List<T[]> _chunks = [];

    public int Count { get; private set; }

    public void Add(in T row)
    {
        var at = Count & Mask;
        if (at == 0)
        {
            _chunks.Add(new T[ChunkSize]);
        }

        _chunks[^1][at] = row;
        Count++;
    }

    public ref readonly T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return ref _chunks[index >> Shift][index & Mask];
        }
    }

    public Enumerator GetEnumerator() => new(this);

    /// <summary>The rows in the order added, each by reference (<c>foreach (ref readonly var row in chunks)</c>).</summary>
    public struct Enumerator(RowChunks<T> rows)
    {
        private int _index = -1;

        public bool MoveNext() => ++_index < rows.Count;

        public readonly ref readonly T Current => ref rows._chunks[_index >> Shift][_index & Mask];
    }
}
