using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace OneToOne.Evaluation.Live;

/// <summary>The report's tables as files: exactly the cells the pages show (after disclosure control), never more.</summary>
public static class Downloads
{
    /// <summary>CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read £ and – correctly), in long form:
    /// one line per figure with its table, row and column, so every table fits one file and reads into any tool.</summary>
    public static byte[] Csv(EvaluationReport report)
    {
        var csv = new StringBuilder();
        csv.Append("table,row,column,value\r\n");
        foreach (var table in report.Tables)
        {
            foreach (var row in table.Rows)
            {
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    csv.Append(Field(table.Title)).Append(',').Append(Field(row.Label)).Append(',')
                        .Append(Field(table.Columns[i])).Append(',').Append(Field(row.Cells[i].Text)).Append("\r\n");
                }
            }
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>Quotes when needed, and defuses text a spreadsheet would run as a formula (=, +, @, or - not followed by a digit).</summary>
    internal static string Field(string value)
    {
        if (value.Length > 0 && (value[0] is '=' or '+' or '@' or '\t' or '\r'
                || (value[0] == '-' && (value.Length == 1 || !char.IsAsciiDigit(value[1])))))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>An Office Open XML workbook (ECMA-376), written by hand with System.IO.Compression: one worksheet per table,
    /// a header row, shown figures as numbers, "*" and "–" as text. Inline strings, so no shared-string table is needed.</summary>
    public static byte[] Xlsx(EvaluationReport report)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            var sheets = report.Tables.Select((t, i) => (Table: t, Name: SheetName(t, i))).ToList();
            Write(zip, "[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                + string.Concat(sheets.Select((_, i) => string.Create(CultureInfo.InvariantCulture,
                    $"<Override PartName=\"/xl/worksheets/sheet{i + 1}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>")))
                + "</Types>");
            Write(zip, "_rels/.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "</Relationships>");
            Write(zip, "xl/workbook.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
                + string.Concat(sheets.Select((s, i) => string.Create(CultureInfo.InvariantCulture,
                    $"<sheet name=\"{X(s.Name)}\" sheetId=\"{i + 1}\" r:id=\"rId{i + 1}\"/>")))
                + "</sheets></workbook>");
            Write(zip, "xl/_rels/workbook.xml.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + string.Concat(sheets.Select((_, i) => string.Create(CultureInfo.InvariantCulture,
                    $"<Relationship Id=\"rId{i + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>")))
                + string.Create(CultureInfo.InvariantCulture,
                    $"<Relationship Id=\"rId{sheets.Count + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>")
                + "</Relationships>");
            // Style 1: bold, for the header row.
            Write(zip, "xl/styles.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Arial\"/></font><font><b/><sz val=\"11\"/><name val=\"Arial\"/></font></fonts>"
                + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
                + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
                + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
                + "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>"
                + "</styleSheet>");
            for (var i = 0; i < sheets.Count; i++)
            {
                Write(zip, string.Create(CultureInfo.InvariantCulture, $"xl/worksheets/sheet{i + 1}.xml"), Sheet(sheets[i].Table));
            }
        }

        return memory.ToArray();
    }

    private static string Sheet(ReportTable table)
    {
        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>")
            .Append("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        var r = 1;
        void Row(IEnumerable<(string Text, double? Number, bool Bold)> cells)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<row r=\"{r}\">");
            var c = 0;
            foreach (var (text, number, bold) in cells)
            {
                var reference = Column(c++) + r.ToString(CultureInfo.InvariantCulture);
                var style = bold ? " s=\"1\"" : "";
                if (number is { } n)
                {
                    xml.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\"{style}><v>{n.ToString("R", CultureInfo.InvariantCulture)}</v></c>");
                }
                else
                {
                    xml.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\"{style} t=\"inlineStr\"><is><t xml:space=\"preserve\">{X(text)}</t></is></c>");
                }
            }

            xml.Append("</row>");
            r++;
        }

        Row([(table.Title, null, true)]);
        Row([(table.RowHeader, null, true), .. table.Columns.Select(c => (c, (double?)null, true))]);
        foreach (var row in table.Rows)
        {
            Row([(row.Label, null, false), .. row.Cells.Select(c => (c.Text, c.State == CellState.Shown ? c.Value : null, false))]);
        }

        if (table.Note is { } note)
        {
            Row([(note, null, false)]);
        }

        return xml.Append("</sheetData></worksheet>").ToString();
    }

    /// <summary>A1-style column letters: 0 → A, 25 → Z, 26 → AA.</summary>
    internal static string Column(int index)
    {
        var name = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + ((i - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>Worksheet names: at most 31 characters, none of : \ / ? * [ ], unique (numbered).</summary>
    private static string SheetName(ReportTable table, int index)
    {
        var clean = new string(table.Title.Where(ch => ch is not (':' or '\\' or '/' or '?' or '*' or '[' or ']')).ToArray());
        var prefix = (index + 1).ToString(CultureInfo.InvariantCulture) + " ";
        return (prefix + clean)[..Math.Min(31, prefix.Length + clean.Length)].TrimEnd();
    }

    private static string X(string text) => SecurityElement.Escape(text) ?? "";

    private static void Write(ZipArchive zip, string path, string content)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Fastest);
        using var stream = entry.Open();
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content);
        stream.Write(bytes);
    }
}
