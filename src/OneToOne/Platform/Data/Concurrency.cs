namespace OneToOne.Platform.Data;

/// <summary>What a person is told when their save lost a race (the row's Version changed under them).
/// Nothing of theirs or the other person's is overwritten; they reload and make their change again.</summary>
internal static class Concurrency
{
    public const string ConflictMessage = "This record was changed by someone else while you were editing. Reload the page to see their changes.";
}
