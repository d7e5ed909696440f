namespace OneToOne.Escalations.Pages;

/// <summary>The model of _EscalationTable.cshtml.</summary>
internal sealed record EscalationTable(IReadOnlyList<EscalationRow> Rows, string Caption, bool ShowPerson, DateTimeOffset Now);
