using OneToOne.Evaluation.Engine;

namespace OneToOne.Tests.Evaluation.Engine;

/// <summary>RFC 4180 reading with the line numbers that the dataset's problem reports rely on.</summary>
public sealed class CsvRecordReaderTests
{
    private static List<(int Line, string? Problem, string[] Fields)> ReadAll(string text)
    {
        using var csv = new CsvRecordReader(new StringReader(text));
        var records = new List<(int, string?, string[])>();
        while (csv.Read())
        {
            var fields = new string[csv.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = csv[i].ToString();
            }

            records.Add((csv.Line, csv.Problem, fields));
        }

        return records;
    }

    [Fact]
    public void Quoted_fields_keep_commas_doubled_quotes_and_line_breaks_and_lines_are_counted_through_them()
    {
        var records = ReadAll("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nlast,,\n");

        Assert.Equal(3, records.Count);
        Assert.Equal((1, (string?)null), (records[0].Line, records[0].Problem));
        Assert.Equal(["x, y", "say \"hi\"", "two\nlines"], records[1].Fields);
        Assert.Equal(2, records[1].Line);
        Assert.Equal(4, records[2].Line); // the quoted line break made line 3 part of record 2
        Assert.Equal(["last", "", ""], records[2].Fields);
    }

    [Fact]
    public void Blank_lines_are_skipped_but_still_counted_and_a_last_line_needs_no_line_break()
    {
        var records = ReadAll("h\n\nv1\n\r\nv2");
        Assert.Equal(new[] { (1, "h"), (3, "v1"), (5, "v2") }, records.Select(r => (r.Line, r.Fields[0])));
    }

    [Fact]
    public void A_malformed_record_is_reported_on_its_line_and_reading_goes_on()
    {
        var records = ReadAll("a,b\nok,1\nbad\"quote,2\n\"closed\"text,3\nfine,4\n\"never closed,5\n");

        Assert.Null(records[1].Problem);
        Assert.Equal(3, records[2].Line);
        Assert.Contains("quote inside an unquoted field", records[2].Problem, StringComparison.Ordinal);
        Assert.Equal(4, records[3].Line);
        Assert.Contains("text follows a closing quote", records[3].Problem, StringComparison.Ordinal);
        Assert.Equal((5, (string?)null, "fine"), (records[4].Line, records[4].Problem, records[4].Fields[0]));
        Assert.Equal(6, records[5].Line);
        Assert.Contains("not closed", records[5].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_longer_than_the_buffer_and_across_buffer_boundaries_read_whole()
    {
        // 70,000-character quoted field (larger than the 64K buffer), then many short records crossing the boundary.
        var big = new string('x', 70_000);
        var lines = new List<string> { "k,v", "\"" + big + "\",1" };
        lines.AddRange(Enumerable.Range(0, 20_000).Select(i => "r" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",\"q\"\"" + "\""));
        var records = ReadAll(string.Join("\r\n", lines) + "\r\n");

        Assert.Equal(20_002, records.Count);
        Assert.Equal(big, records[1].Fields[0]);
        Assert.All(records.Skip(2), r => Assert.Equal("q\"", r.Fields[1]));
        Assert.Equal(20_002, records[^1].Line);
        Assert.Equal("r19999", records[^1].Fields[0]);
    }

    [Fact]
    public void A_file_with_a_byte_order_mark_reads_its_first_column_name_without_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "o2o-csv-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "person_key,x\nP1,é\n"u8.ToArray()]);
            using var csv = new CsvRecordReader(path);
            Assert.True(csv.Read());
            Assert.Equal("person_key", csv[0].ToString());
            Assert.True(csv.Read());
            Assert.Equal("é", csv[1].ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
