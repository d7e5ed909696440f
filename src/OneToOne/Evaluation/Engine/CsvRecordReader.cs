using System.Buffers;
using System.Text;

namespace OneToOne.Evaluation.Engine;

/// <summary>Reads the records of an RFC 4180 CSV file (UTF-8 with or without a byte order mark), keeping the line number
/// each record starts on for error reports. Fields may be quoted ("a, b"), quotes inside doubled (""), and a quoted field
/// may span lines. Records end with CRLF or LF; blank lines are skipped. A malformed record (an unclosed quote, text after
/// a closing quote, a quote inside an unquoted field) is returned with <see cref="Problem"/> set, and reading goes on at
/// the next line; so is a record holding bytes that are not UTF-8. Reading allocates nothing per record: fields are spans valid until the next <see cref="Read"/>.</summary>
internal sealed class CsvRecordReader : IDisposable
{
    private static readonly SearchValues<char> Delimiters = SearchValues.Create(",\r\n\"");

    private readonly TextReader _reader;
    private char[] _buffer = new char[1 << 16];
    private int _start;
    private int _length;
    private bool _eof;
    private bool _replacementSeen;

    private char[] _chars = new char[256];
    private int _charCount;
    private int[] _fieldStart = new int[16];
    private int[] _fieldLength = new int[16];
    private int _nextLine = 1;

    public CsvRecordReader(string path)
    {
        // Invalid bytes decode to U+FFFD, which the record holding them reports (with its line) as not UTF-8.
        _reader = new StreamReader(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false),
            detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16, Options = FileOptions.SequentialScan });
    }

    public CsvRecordReader(TextReader reader) => _reader = reader;

    /// <summary>The line (1-based) the current record starts on.</summary>
    public int Line { get; private set; }

    /// <summary>The line the next record would start on (for a problem met while reading ahead).</summary>
    public int NextLine => _nextLine;

    public int FieldCount { get; private set; }

    /// <summary>Why the current record could not be read (its fields are then empty); null for a good record.</summary>
    public string? Problem { get; private set; }

    public ReadOnlySpan<char> this[int index] => _chars.AsSpan(_fieldStart[index], _fieldLength[index]);

    /// <summary>Moves to the next record; false at the end of the file.</summary>
    public bool Read()
    {
        while (true)
        {
            var outcome = Parse(out var consumed, out var newlines, out var problem);
            switch (outcome)
            {
                case Outcome.NeedMore:
                    Fill();
                    continue;
                case Outcome.End:
                    return false;
                default:
                    Line = _nextLine;
                    _nextLine += newlines;
                    if (problem is null && _replacementSeen && _buffer.AsSpan(_start, consumed).Contains('\uFFFD'))
                    {
                        problem = "not valid UTF-8 (a byte sequence on this line is not UTF-8 text)";
                    }

                    _start += consumed;
                    Problem = problem;
                    if (problem is not null)
                    {
                        FieldCount = 0;
                        return true;
                    }

                    if (FieldCount == 1 && _fieldLength[0] == 0)
                    {
                        continue; // a blank line
                    }

                    return true;
            }
        }
    }

    public void Dispose() => _reader.Dispose();

    private enum Outcome
    {
        Record,
        NeedMore,
        End,
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _length - _start);
            _length -= _start;
            _start = 0;
        }

        if (_length == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = _reader.Read(_buffer, _length, _buffer.Length - _length);
        if (read == 0)
        {
            _eof = true;
        }
        else if (!_replacementSeen && _buffer.AsSpan(_length, read).Contains('\uFFFD'))
        {
            _replacementSeen = true;
        }

        _length += read;
    }

    /// <summary>Parses one record from the unread text. Needs more text (and is restarted from the record's start) when the
    /// record runs past the end of the buffer before the end of the file.</summary>
    private Outcome Parse(out int consumed, out int newlines, out string? problem)
    {
        var span = _buffer.AsSpan(_start, _length - _start);
        var final = _eof;
        consumed = 0;
        newlines = 0;
        problem = null;
        FieldCount = 0;
        _charCount = 0;
        if (span.IsEmpty)
        {
            return final ? Outcome.End : Outcome.NeedMore;
        }

        var p = 0;
        while (true)
        {
            var fieldBegin = _charCount;
            if (p < span.Length && span[p] == '"')
            {
                p++;
                while (true)
                {
                    var q = span[p..].IndexOf('"');
                    if (q < 0)
                    {
                        if (!final)
                        {
                            return Outcome.NeedMore;
                        }

                        problem = "not valid CSV: a quoted field is not closed before the end of the file";
                        newlines += span[p..].Count('\n');
                        consumed = span.Length;
                        return Outcome.Record;
                    }

                    var chunk = span.Slice(p, q);
                    newlines += chunk.Count('\n');
                    Append(chunk);
                    p += q + 1;
                    if (p == span.Length && !final)
                    {
                        return Outcome.NeedMore; // the next character decides: "" is an escaped quote
                    }

                    if (p < span.Length && span[p] == '"')
                    {
                        Append("\"");
                        p++;
                        continue;
                    }

                    break;
                }

                EndField(fieldBegin);
                if (p == span.Length)
                {
                    consumed = p;
                    return Outcome.Record;
                }

                var after = span[p];
                if (after == ',')
                {
                    p++;
                    continue;
                }

                if (after is '\r' or '\n')
                {
                    return EndOfLine(span, p, final, ref newlines, out consumed);
                }

                problem = "not valid CSV: text follows a closing quote (a field with a quote must be quoted whole, its quotes doubled)";
                return SkipLine(span, p, final, ref newlines, out consumed);
            }
            else
            {
                var q = span[p..].IndexOfAny(Delimiters);
                if (q < 0)
                {
                    if (!final)
                    {
                        return Outcome.NeedMore;
                    }

                    Append(span[p..]);
                    EndField(fieldBegin);
                    consumed = span.Length;
                    return Outcome.Record;
                }

                var c = span[p + q];
                if (c == '"')
                {
                    problem = "not valid CSV: a quote inside an unquoted field (a field with a quote must be quoted whole, its quotes doubled)";
                    return SkipLine(span, p + q, final, ref newlines, out consumed);
                }

                Append(span.Slice(p, q));
                EndField(fieldBegin);
                p += q;
                if (c == ',')
                {
                    p++;
                    continue;
                }

                return EndOfLine(span, p, final, ref newlines, out consumed);
            }
        }
    }

    private static Outcome EndOfLine(ReadOnlySpan<char> span, int p, bool final, ref int newlines, out int consumed)
    {
        consumed = 0;
        if (span[p] == '\r')
        {
            if (p + 1 == span.Length && !final)
            {
                return Outcome.NeedMore; // CR at the end of the buffer: is an LF next?
            }

            p++;
            if (p < span.Length && span[p] == '\n')
            {
                p++;
            }
        }
        else
        {
            p++;
        }

        newlines++;
        consumed = p;
        return Outcome.Record;
    }

    private static Outcome SkipLine(ReadOnlySpan<char> span, int p, bool final, ref int newlines, out int consumed)
    {
        consumed = 0;
        var lf = span[p..].IndexOf('\n');
        if (lf < 0)
        {
            if (!final)
            {
                return Outcome.NeedMore;
            }

            consumed = span.Length;
            return Outcome.Record;
        }

        newlines++;
        consumed = p + lf + 1;
        return Outcome.Record;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (_charCount + text.Length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _charCount + text.Length));
        }

        text.CopyTo(_chars.AsSpan(_charCount));
        _charCount += text.Length;
    }

    private void EndField(int begin)
    {
        if (FieldCount == _fieldStart.Length)
        {
            Array.Resize(ref _fieldStart, FieldCount * 2);
            Array.Resize(ref _fieldLength, FieldCount * 2);
        }

        _fieldStart[FieldCount] = begin;
        _fieldLength[FieldCount] = _charCount - begin;
        FieldCount++;
    }
}
