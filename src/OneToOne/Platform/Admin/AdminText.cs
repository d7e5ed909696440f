using Microsoft.AspNetCore.Mvc.Rendering;

namespace OneToOne.Platform.Admin;

/// <summary>Messages and choices every administration form shares.</summary>
internal static class AdminText
{
    public const string Conflict = Data.Concurrency.ConflictMessage;

    /// <summary>A yes/no question as two radios. Values are bool.ToString() ("True"/"False") so the
    /// radios tag helper finds the current value, and an unticked box cannot silently mean "keep as it was".</summary>
    public static IReadOnlyList<SelectListItem> YesNo(string yes, string no) =>
        [new SelectListItem(yes, bool.TrueString), new SelectListItem(no, bool.FalseString)];
}
