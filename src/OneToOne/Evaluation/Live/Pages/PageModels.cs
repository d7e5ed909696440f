namespace OneToOne.Evaluation.Live.Pages;

/// <summary>The filter form partial's model: the bound filter (so field names stay "Filter.X") and its choices.</summary>
internal sealed record FilterForm(FilterInput Filter, FilterChoices Choices, string Action, bool ShowOrganisation, bool Open);

/// <summary>One table with its chart. <paramref name="Query"/> keeps the filter on links from the table's rows.</summary>
public sealed record TableView(ReportTable Table, FunnelData? Funnel, bool LinkRows, string Query, bool SubHeading = false);
