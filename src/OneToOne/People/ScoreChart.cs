using System.Globalization;

namespace OneToOne.People;

/// <summary>One submitted assessment's scores, as charted on the person's record.</summary>
public sealed record ScorePoint(DateTimeOffset At, string InstrumentCode, int? Distress, decimal? MeanSeverity, int ConcernCount);

/// <summary>A plotted point: SVG coordinates plus the value it stands for (for its title).</summary>
public sealed record ChartPoint(double X, double Y, decimal Value, DateTimeOffset At);

/// <summary>A y-axis tick: the score and where it is drawn.</summary>
public sealed record ChartTick(int Value, double Y);

/// <summary>Everything the view needs to draw the chart; no drawing decisions are left to Razor.</summary>
public sealed record ScoreChartGeometry(
    double Width, double Height, double Left, double Top, double Right, double Bottom,
    IReadOnlyList<ChartTick> Ticks,
    IReadOnlyList<ChartPoint> Distress, IReadOnlyList<ChartPoint> Severity,
    string DistressPolyline, string SeverityPolyline)
{
    public bool IsEmpty => Distress.Count == 0 && Severity.Count == 0;
}

/// <summary>Pure geometry for the distress and concern-severity chart (both on a 0-10 scale), drawn server-side as SVG
/// because the CSP forbids inline script and the chart must work without JavaScript. Time runs left (oldest) to right
/// (newest), proportional to real time so gaps between assessments show; 10 is at the top.</summary>
public static class ScoreChart
{
    public const double Width = 640;
    public const double Height = 240;
    public const double MarginLeft = 40;
    public const double MarginRight = 16;
    public const double MarginTop = 16;
    public const double MarginBottom = 32;
    public const int MaxScore = 10;

    public static ScoreChartGeometry Layout(IEnumerable<ScorePoint> points)
    {
        var ordered = points.OrderBy(p => p.At).ToList();
        double left = MarginLeft, right = Width - MarginRight, top = MarginTop, bottom = Height - MarginBottom;
        var ticks = Enumerable.Range(0, (MaxScore / 2) + 1).Select(i => new ChartTick(i * 2, YFor(i * 2, top, bottom))).ToList();
        if (ordered.Count == 0)
        {
            return new ScoreChartGeometry(Width, Height, left, top, right, bottom, ticks, [], [], "", "");
        }

        var first = ordered[0].At.UtcTicks;
        var span = ordered[^1].At.UtcTicks - first;
        double XFor(DateTimeOffset at) => span == 0
            ? (left + right) / 2 // one assessment (or all at once): centre it rather than divide by zero
            : left + ((right - left) * (at.UtcTicks - first) / span);

        var distress = ordered.Where(p => p.Distress is not null)
            .Select(p => new ChartPoint(XFor(p.At), YFor(Clamp(p.Distress!.Value), top, bottom), p.Distress!.Value, p.At)).ToList();
        var severity = ordered.Where(p => p.MeanSeverity is not null)
            .Select(p => new ChartPoint(XFor(p.At), YFor(Clamp(p.MeanSeverity!.Value), top, bottom), p.MeanSeverity!.Value, p.At)).ToList();
        return new ScoreChartGeometry(Width, Height, left, top, right, bottom, ticks, distress, severity, Polyline(distress), Polyline(severity));
    }

    /// <summary>Scores outside 0-10 would draw outside the plot; they cannot be stored, but a bad value must not break the page.</summary>
    private static decimal Clamp(decimal value) => Math.Clamp(value, 0, MaxScore);

    private static double YFor(decimal value, double top, double bottom) => bottom - ((bottom - top) * (double)value / MaxScore);

    public static string Polyline(IEnumerable<ChartPoint> points) =>
        string.Join(' ', points.Select(p => $"{Num(p.X)},{Num(p.Y)}"));

    /// <summary>SVG numbers use a dot whatever the server culture.</summary>
    public static string Num(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
