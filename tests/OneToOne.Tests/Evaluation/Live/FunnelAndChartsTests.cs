using System.IO.Compression;
using System.Xml.Linq;
using OneToOne.Evaluation;
using OneToOne.Evaluation.Live;

namespace OneToOne.Tests.Evaluation.Live;

public sealed class FunnelAndChartsTests
{
    [Fact]
    public void Funnel_limits_are_the_programme_rate_plus_or_minus_z_times_the_root_of_rate_over_people()
    {
        // Worked by hand: rate 0.1 escalations per person, 100 people: sqrt(0.1 / 100) = 0.0316228;
        // 95%: 1.959964 x 0.0316228 = 0.0619795 -> 0.0380205 to 0.1619795; 99.8%: 3.090232 x 0.0316228 = 0.0977218.
        var (l95, u95) = FunnelLimits.Limits(0.1, 100, FunnelLimits.Z95);
        var (l998, u998) = FunnelLimits.Limits(0.1, 100, FunnelLimits.Z998);
        Assert.Equal(0.0380205, l95, 6);
        Assert.Equal(0.1619795, u95, 6);
        Assert.Equal(0.0022782, l998, 6);
        Assert.Equal(0.1977218, u998, 6);
    }

    [Fact]
    public void The_lower_funnel_limit_stops_at_zero() => Assert.Equal(0, FunnelLimits.Limits(0.1, 4, FunnelLimits.Z998).Lower);

    [Theory]
    [InlineData(0.25, "Above 99.8% limit")]
    [InlineData(0.18, "Above 95% limit")]
    [InlineData(0.10, "Within limits")]
    [InlineData(0.03, "Below 95% limit")]
    [InlineData(0.001, "Below 99.8% limit")]
    public void An_organisation_is_placed_against_the_limits(double rate, string position) =>
        Assert.Equal(position, FunnelLimits.Position(rate, 0.1, 100));

    [Theory]
    [InlineData(new double[] { 3, 1, 2 }, 2)]
    [InlineData(new double[] { 4, 1, 3, 2 }, 2.5)]
    public void Medians_are_the_middle_value_or_the_mean_of_the_middle_two(double[] values, double median) =>
        Assert.Equal(median, Descriptive.Median(values));

    [Fact]
    public void The_median_of_nothing_cannot_be_computed() => Assert.Null(Descriptive.Median([]));

    private static ReportTable Table(ChartKind chart = ChartKind.Bars) => new("t", "People by place", "Place", ["People", "Other"],
    [
        new ReportRow("Big place", [Cell.Number(40, 0), Cell.Number(1, 0)]),
        new ReportRow("Small place", [Cell.Suppressed, Cell.Number(2, 0)]),
        new ReportRow("=cmd|' /C calc'!A0, \"quoted\"", [Cell.NotComputable, Cell.Number(3.5, 1)]),
    ], "A note", chart);

    [Theory]
    [InlineData(ChartKind.Bars)]
    [InlineData(ChartKind.PairedBars)]
    [InlineData(ChartKind.Line)]
    public void Charts_are_SVG_images_with_a_title_and_description_and_no_inline_style_or_script(ChartKind kind)
    {
        var svg = Render(Table(kind));
        var doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal("img", doc.Root!.Attribute("role")!.Value);
        Assert.Equal("People by place", doc.Root.Element(ns + "title")!.Value);
        Assert.NotNull(doc.Root.Element(ns + "desc"));
        Assert.DoesNotContain("style", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_suppressed_figure_gets_no_bar_only_its_star()
    {
        var doc = XDocument.Parse(Render(Table()));
        XNamespace ns = "http://www.w3.org/2000/svg";
        // One bar for the one shown, positive value (the white background is a rect too).
        Assert.Single(doc.Descendants(ns + "rect"), r => r.Attribute("fill")!.Value != "#ffffff");
        Assert.Contains(doc.Descendants(ns + "text"), t => t.Value == "*");
    }

    [Fact]
    public void The_funnel_plot_draws_only_organisations_with_shown_figures_and_both_pairs_of_limits()
    {
        var funnel = new FunnelData("Funnel", "Escalations per 100 people", 100, 0.1, [("Y0A01", 200, 12.5), ("Y0A02", 50, 4)], 200);
        var svg = SvgCharts.Funnel(Table(ChartKind.Funnel), funnel).ToString()!;
        var doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(2, doc.Descendants(ns + "circle").Count());
        Assert.Equal(4, doc.Descendants(ns + "polyline").Count());
    }

    private static string Render(ReportTable table)
    {
        using var writer = new StringWriter();
        SvgCharts.Render(table, null).WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }

    private static EvaluationReport Report() => new(new EvaluationFilter(new DateOnly(2025, 4, 1), new DateOnly(2026, 3, 31)), Comparator.Default,
        new DateOnly(2024, 4, 1), new DateOnly(2025, 3, 31), true, DisclosureRules.From(new EvaluationOptions()), [Table()], null,
        new Dictionary<string, string>(), []);

    [Fact]
    public void The_CSV_has_one_line_per_figure_quotes_commas_and_defuses_formulas()
    {
        var csv = System.Text.Encoding.UTF8.GetString(Downloads.Csv(Report())).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("table,row,column,value", lines[0]);
        Assert.Equal(7, lines.Length); // 3 rows x 2 columns + header
        Assert.Contains("People by place,Small place,People,*", lines);
        Assert.Contains("People by place,\"'=cmd|' /C calc'!A0, \"\"quoted\"\"\",Other,3.5", lines);
    }

    [Theory]
    [InlineData("-1.5", "-1.5")]
    [InlineData("-x", "'-x")]
    [InlineData("+1", "'+1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("plain", "plain")]
    public void CSV_fields_that_a_spreadsheet_would_run_are_prefixed(string value, string field) => Assert.Equal(field, Downloads.Field(value));

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(51, "AZ")]
    [InlineData(52, "BA")]
    public void Spreadsheet_columns_are_lettered(int index, string letters) => Assert.Equal(letters, Downloads.Column(index));

    [Fact]
    public void The_XLSX_is_a_workbook_with_a_sheet_per_table_numbers_as_numbers_and_suppressed_figures_as_text()
    {
        using var zip = new ZipArchive(new MemoryStream(Downloads.Xlsx(Report())));
        Assert.NotNull(zip.GetEntry("[Content_Types].xml"));
        Assert.NotNull(zip.GetEntry("xl/workbook.xml"));
        var cells = XlsxReader.Cells(zip, 1);
        Assert.Equal("People by place", cells["A1"]);
        Assert.Equal("Place", cells["A2"]);
        Assert.Equal("People", cells["B2"]);
        Assert.Equal("Big place", cells["A3"]);
        Assert.Equal("40", cells["B3"]);
        Assert.Equal("*", cells["B4"]);
        Assert.Equal("3.5", cells["C5"]);
    }
}

/// <summary>Reads a worksheet's cells (inline strings and numbers) from an XLSX, independently of the writer.</summary>
internal static class XlsxReader
{
    public static Dictionary<string, string> Cells(ZipArchive zip, int sheet)
    {
        XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        using var stream = zip.GetEntry($"xl/worksheets/sheet{sheet}.xml")!.Open();
        var doc = XDocument.Load(stream);
        return doc.Descendants(ns + "c").ToDictionary(
            c => c.Attribute("r")!.Value,
            c => c.Attribute("t")?.Value == "inlineStr" ? string.Concat(c.Descendants(ns + "t").Select(t => t.Value)) : c.Element(ns + "v")!.Value);
    }

    public static string AllText(ZipArchive zip) => string.Concat(zip.Entries.Select(e =>
    {
        using var reader = new StreamReader(e.Open());
        return reader.ReadToEnd();
    }));
}
