using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace OneToOne.Evaluation.Live;

/// <summary>Charts drawn on the server as SVG: no script, and no style attribute or element (the CSP forbids inline styles):
/// colours and sizes are SVG presentation attributes. Each chart is an image with a title and a description, and is shown
/// beside the table it draws, which carries the same figures for people who cannot see it. Charts draw only the values the
/// table shows, so suppressed figures never reach a chart.</summary>
public static class SvgCharts
{
    private const string Blue = "#005eb8";
    private const string Purple = "#330072";
    private const string Text = "#212b32";
    private const string Grey = "#4c6272";
    private const string Pale = "#d8dde0";
    private const string Font = "Frutiger W01, Arial, Sans-serif";
    private const int Width = 720;
    private const int LabelWidth = 250;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static IHtmlContent Render(ReportTable table, FunnelData? funnel) => table.Chart switch
    {
        ChartKind.Bars => Bars(table),
        ChartKind.PairedBars => PairedBars(table),
        ChartKind.Funnel when funnel is not null => Funnel(table, funnel),
        ChartKind.Line => Line(table),
        _ => HtmlString.Empty,
    };

    private static string E(string text) => HtmlEncoder.Default.Encode(text);

    private static string N(double value) => value.ToString("0.##", Inv);

    private static string Short(string label) => label.Length <= 34 ? label : label[..32] + "…";

    private static StringBuilder Open(ReportTable table, int height, string description)
    {
        var svg = new StringBuilder();
        var id = "chart-" + table.Id;
        svg.Append(Inv, $"<svg class=\"app-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{Font}\" font-size=\"14\">");
        svg.Append(Inv, $"<title id=\"{id}-title\">{E(table.Title)}</title>");
        svg.Append(Inv, $"<desc id=\"{id}-desc\">{E(description)} The table that follows gives the figures.</desc>");
        svg.Append(Inv, $"<rect x=\"0\" y=\"0\" width=\"{Width}\" height=\"{height}\" fill=\"#ffffff\"/>");
        return svg;
    }

    private static HtmlString Close(StringBuilder svg) => new HtmlString(svg.Append("</svg>").ToString());

    public static IHtmlContent Bars(ReportTable table)
    {
        var column = table.ChartColumn;
        var rows = table.Rows;
        var max = rows.Select(r => r.Cells[column].Value ?? 0).DefaultIfEmpty(0).Max();
        max = max <= 0 ? 1 : max;
        const int rowHeight = 26;
        var height = 30 + (rows.Count * rowHeight) + 10;
        var svg = Open(table, height, $"Bar chart of {table.Columns[column].ToLowerInvariant()} by {table.RowHeader.ToLowerInvariant()}.");
        var barSpace = Width - LabelWidth - 90;
        svg.Append(Inv, $"<text x=\"{LabelWidth}\" y=\"18\" fill=\"{Grey}\">{E(table.Columns[column])}</text>");
        for (var i = 0; i < rows.Count; i++)
        {
            var y = 30 + (i * rowHeight);
            var cell = rows[i].Cells[column];
            svg.Append(Inv, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 17}\" text-anchor=\"end\" fill=\"{Text}\">{E(Short(rows[i].Label))}</text>");
            var length = cell.Value is { } v && v > 0 ? v / max * barSpace : 0;
            if (length > 0)
            {
                svg.Append(Inv, $"<rect x=\"{LabelWidth}\" y=\"{y + 4}\" width=\"{N(length)}\" height=\"18\" fill=\"{Blue}\"/>");
            }

            svg.Append(Inv, $"<text x=\"{N(LabelWidth + length + 6)}\" y=\"{y + 17}\" fill=\"{Text}\">{E(cell.Text)}</text>");
        }

        return Close(svg);
    }

    public static IHtmlContent PairedBars(ReportTable table)
    {
        var before = table.ChartColumn;
        var after = before + 1;
        var rows = table.Rows;
        var max = rows.SelectMany(r => new[] { r.Cells[before].Value ?? 0, r.Cells[after].Value ?? 0 }).DefaultIfEmpty(0).Max();
        max = max <= 0 ? 1 : max;
        const int rowHeight = 46;
        var height = 40 + (rows.Count * rowHeight) + 10;
        var svg = Open(table, height, $"Paired bars: {table.Columns[before].ToLowerInvariant()} and {table.Columns[after].ToLowerInvariant()} for each score.");
        var barSpace = Width - LabelWidth - 70;
        svg.Append(Inv, $"<rect x=\"{LabelWidth}\" y=\"8\" width=\"14\" height=\"14\" fill=\"{Blue}\"/><text x=\"{LabelWidth + 20}\" y=\"20\" fill=\"{Text}\">{E(table.Columns[before])}</text>");
        svg.Append(Inv, $"<rect x=\"{LabelWidth + 160}\" y=\"8\" width=\"14\" height=\"14\" fill=\"{Purple}\"/><text x=\"{LabelWidth + 180}\" y=\"20\" fill=\"{Text}\">{E(table.Columns[after])}</text>");
        for (var i = 0; i < rows.Count; i++)
        {
            var y = 36 + (i * rowHeight);
            svg.Append(Inv, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 24}\" text-anchor=\"end\" fill=\"{Text}\">{E(Short(rows[i].Label))}</text>");
            foreach (var (col, colour, dy) in new[] { (before, Blue, 2), (after, Purple, 22) })
            {
                var cell = rows[i].Cells[col];
                var length = cell.Value is { } v && v > 0 ? v / max * barSpace : 0;
                if (length > 0)
                {
                    svg.Append(Inv, $"<rect x=\"{LabelWidth}\" y=\"{y + dy}\" width=\"{N(length)}\" height=\"18\" fill=\"{colour}\"/>");
                }

                svg.Append(Inv, $"<text x=\"{N(LabelWidth + length + 6)}\" y=\"{y + dy + 14}\" fill=\"{Text}\">{E(cell.Text)}</text>");
            }
        }

        return Close(svg);
    }

    public static IHtmlContent Funnel(ReportTable table, FunnelData funnel)
    {
        const int height = 380;
        const int left = 70;
        const int right = 30;
        const int top = 20;
        const int bottom = 50;
        var plotW = Width - left - right;
        var plotH = height - top - bottom;
        var maxX = funnel.MaxPeople * 1.1;
        var minX = Math.Max(1, maxX / 200);
        var (_, upperAtMin) = FunnelLimits.Limits(funnel.Overall, Math.Max(minX, maxX / 20), FunnelLimits.Z998);
        var maxY = Math.Max(upperAtMin * funnel.Per, funnel.Points.Select(p => p.Rate).DefaultIfEmpty(0).Max()) * 1.1;
        maxY = maxY <= 0 ? 1 : maxY;
        double X(double people) => left + (people / maxX * plotW);
        double Y(double rate) => top + plotH - (Math.Min(rate, maxY) / maxY * plotH);
        var svg = Open(table, height,
            $"Funnel plot: {funnel.RateName.ToLowerInvariant()} for each organisation against its number of people, with the programme rate and 95% and 99.8% control limits.");
        svg.Append(Inv, $"<line x1=\"{left}\" y1=\"{top + plotH}\" x2=\"{Width - right}\" y2=\"{top + plotH}\" stroke=\"{Grey}\"/>");
        svg.Append(Inv, $"<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{top + plotH}\" stroke=\"{Grey}\"/>");
        for (var i = 0; i <= 4; i++)
        {
            var xv = maxX * i / 4;
            var yv = maxY * i / 4;
            svg.Append(Inv, $"<text x=\"{N(X(xv))}\" y=\"{top + plotH + 18}\" text-anchor=\"middle\" fill=\"{Text}\">{xv:0}</text>");
            svg.Append(Inv, $"<text x=\"{left - 6}\" y=\"{N(Y(yv) + 5)}\" text-anchor=\"end\" fill=\"{Text}\">{yv:0.#}</text>");
        }

        svg.Append(Inv, $"<text x=\"{left + (plotW / 2)}\" y=\"{height - 8}\" text-anchor=\"middle\" fill=\"{Text}\">People</text>");
        svg.Append(Inv, $"<text x=\"16\" y=\"{top + (plotH / 2)}\" text-anchor=\"middle\" fill=\"{Text}\" transform=\"rotate(-90 16 {top + (plotH / 2)})\">{E(funnel.RateName)}</text>");
        svg.Append(Inv, $"<line x1=\"{left}\" y1=\"{N(Y(funnel.Overall * funnel.Per))}\" x2=\"{Width - right}\" y2=\"{N(Y(funnel.Overall * funnel.Per))}\" stroke=\"{Text}\" stroke-width=\"1.5\"/>");
        foreach (var (z, dash) in new[] { (FunnelLimits.Z95, "6 4"), (FunnelLimits.Z998, "none") })
        {
            var upper = new StringBuilder();
            var lower = new StringBuilder();
            for (var i = 0; i <= 60; i++)
            {
                var n = minX + ((maxX - minX) * i / 60);
                var (lo, hi) = FunnelLimits.Limits(funnel.Overall, n, z);
                upper.Append(Inv, $"{N(X(n))},{N(Y(hi * funnel.Per))} ");
                lower.Append(Inv, $"{N(X(n))},{N(Y(lo * funnel.Per))} ");
            }

            foreach (var line in new[] { upper, lower })
            {
                svg.Append(Inv, $"<polyline points=\"{line.ToString().TrimEnd()}\" fill=\"none\" stroke=\"{Grey}\" stroke-width=\"1.5\"{(dash == "none" ? "" : $" stroke-dasharray=\"{dash}\"")}/>");
            }
        }

        foreach (var (label, people, rate) in funnel.Points)
        {
            svg.Append(Inv, $"<circle cx=\"{N(X(people))}\" cy=\"{N(Y(rate))}\" r=\"5\" fill=\"{Blue}\"/>");
            svg.Append(Inv, $"<text x=\"{N(X(people) + 8)}\" y=\"{N(Y(rate) - 6)}\" font-size=\"12\" fill=\"{Text}\">{E(label)}</text>");
        }

        return Close(svg);
    }

    public static IHtmlContent Line(ReportTable table)
    {
        const int height = 300;
        const int left = 60;
        const int right = 30;
        const int top = 20;
        const int bottom = 50;
        var plotW = Width - left - right;
        var plotH = height - top - bottom;
        var rows = table.Rows;
        var column = table.ChartColumn;
        double X(int i) => left + (rows.Count <= 1 ? plotW / 2.0 : (double)i / (rows.Count - 1) * plotW);
        double Y(double percent) => top + plotH - (percent / 100 * plotH);
        var svg = Open(table, height, $"Line chart of {table.Columns[column].ToLowerInvariant()} by {table.RowHeader.ToLowerInvariant()}.");
        svg.Append(Inv, $"<line x1=\"{left}\" y1=\"{top + plotH}\" x2=\"{Width - right}\" y2=\"{top + plotH}\" stroke=\"{Grey}\"/>");
        svg.Append(Inv, $"<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{top + plotH}\" stroke=\"{Grey}\"/>");
        foreach (var percent in new[] { 0, 25, 50, 75, 100 })
        {
            svg.Append(Inv, $"<line x1=\"{left}\" y1=\"{N(Y(percent))}\" x2=\"{Width - right}\" y2=\"{N(Y(percent))}\" stroke=\"{Pale}\"/>");
            svg.Append(Inv, $"<text x=\"{left - 6}\" y=\"{N(Y(percent) + 5)}\" text-anchor=\"end\" fill=\"{Text}\">{percent}%</text>");
        }

        var points = new StringBuilder();
        for (var i = 0; i < rows.Count; i++)
        {
            if (i % Math.Max(1, rows.Count / 6) == 0 || i == rows.Count - 1)
            {
                svg.Append(Inv, $"<text x=\"{N(X(i))}\" y=\"{top + plotH + 18}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{Text}\">{E(rows[i].Label)}</text>");
            }

            if (rows[i].Cells[column].Value is { } v)
            {
                points.Append(Inv, $"{N(X(i))},{N(Y(v))} ");
                svg.Append(Inv, $"<circle cx=\"{N(X(i))}\" cy=\"{N(Y(v))}\" r=\"3.5\" fill=\"{Blue}\"/>");
            }
        }

        if (points.Length > 0)
        {
            svg.Append(Inv, $"<polyline points=\"{points.ToString().TrimEnd()}\" fill=\"none\" stroke=\"{Blue}\" stroke-width=\"2\"/>");
        }

        svg.Append(Inv, $"<text x=\"{left + (plotW / 2)}\" y=\"{height - 8}\" text-anchor=\"middle\" fill=\"{Text}\">{E(table.RowHeader)}</text>");
        return Close(svg);
    }
}
