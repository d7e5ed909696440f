namespace OneToOne.Supervision.Pages;

/// <summary>A table of sign-off requests: the queue shows who asked, the requester's list whom they asked.</summary>
internal sealed record SignOffTable(IReadOnlyList<SignOffRow> Rows, string Caption, string Id, bool ShowRequester);
