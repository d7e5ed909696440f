using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace OneToOne.Platform.Data;

/// <summary>Reads an uploaded CSV file whole before anything is stored, so a row limit and every row's problem are known
/// first (the referral upload and the unit cost upload). Row numbers count the header as row 1, as a spreadsheet shows them.</summary>
internal static class CsvUpload
{
    public static async Task<(string[]? Header, List<(int Row, string[] Cells, string? Problem)> Rows, string? Error)> ReadAsync(
        Stream content, int maxRows, CancellationToken ct)
    {
        var rows = new List<(int, string[], string?)>();
        string? badData = null;
        var config = new CsvConfiguration(System.Globalization.CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            Mode = CsvMode.RFC4180,
            BadDataFound = _ => badData ??= "A quote mark is in the wrong place in this row. Put quotes around the whole value, and double any quote inside it (\"\").",
            IgnoreBlankLines = true,
        };
        using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvParser(reader, config);
        string[]? header = null;
        var rowNumber = 0;
        try
        {
            while (await parser.ReadAsync())
            {
                ct.ThrowIfCancellationRequested();
                rowNumber++;
                var record = parser.Record ?? [];
                if (header is null)
                {
                    header = record;
                    badData = null;
                    continue;
                }

                rows.Add((rowNumber, record, badData));
                badData = null;
                if (rows.Count > maxRows)
                {
                    break;
                }
            }
        }
        catch (CsvHelperException)
        {
            rows.Add((rowNumber + 1, [], "This row could not be read as CSV, so reading stopped here. Check its quotes and commas."));
        }

        return header is null ? (null, rows, "The file has no header row") : (header, rows, null);
    }
}
