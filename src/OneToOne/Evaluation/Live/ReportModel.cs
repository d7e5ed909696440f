namespace OneToOne.Evaluation.Live;

/// <summary>How a table is drawn beside its data.</summary>
public enum ChartKind
{
    None = 0,

    /// <summary>Horizontal bars of one column (<see cref="ReportTable.ChartColumn"/>).</summary>
    Bars = 1,

    /// <summary>Baseline and follow-up means side by side.</summary>
    PairedBars = 2,

    /// <summary>A funnel plot of a rate against people, with control limits.</summary>
    Funnel = 3,

    /// <summary>A line over the rows (the acceptability curve).</summary>
    Line = 4,
}

/// <summary>A row of figures. Key is what the row stands for when a page links from it (an organisation's ODS code); never personal.</summary>
public sealed record ReportRow(string Label, IReadOnlyList<Cell> Cells, string? Key = null);

/// <summary>One table of figures, already through disclosure control: pages, the printable report, CSV and XLSX all show
/// exactly these cells, so no output can skip the small-number rules.</summary>
public sealed record ReportTable(
    string Id,
    string Title,
    string RowHeader,
    IReadOnlyList<string> Columns,
    IReadOnlyList<ReportRow> Rows,
    string? Note = null,
    ChartKind Chart = ChartKind.None,
    int ChartColumn = 0,
    string? ChartUnit = null)
{
    public Cell CellAt(string row, string column)
    {
        var r = Rows.FirstOrDefault(x => x.Label == row) ?? throw new KeyNotFoundException($"No row {row} in {Id}");
        var c = Columns.ToList().IndexOf(column);
        return c < 0 ? throw new KeyNotFoundException($"No column {column} in {Id}") : r.Cells[c];
    }
}

/// <summary>A funnel plot's points and limits (kept beside its table for the chart).</summary>
public sealed record FunnelData(
    string Title,
    string RateName,
    double Per,
    double Overall,
    IReadOnlyList<(string Label, double People, double Rate)> Points,
    double MaxPeople);

/// <summary>Everything shown for one filter: the period, the level (programme or below), and the tables.</summary>
public sealed record EvaluationReport(
    EvaluationFilter Filter,
    Comparator Comparator,
    DateOnly ComparatorFrom,
    DateOnly ComparatorTo,
    bool ProgrammeLevel,
    DisclosureRules Rules,
    IReadOnlyList<ReportTable> Tables,
    FunnelData? Funnel,
    IReadOnlyDictionary<string, string> Organisations,
    IReadOnlyList<string> Warnings)
{
    public ReportTable Table(string id) => Tables.FirstOrDefault(t => t.Id == id) ?? throw new KeyNotFoundException($"No table {id}");
}
