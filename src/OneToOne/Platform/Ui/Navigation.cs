using System.Security.Claims;
using OneToOne.Platform.Auth;

namespace OneToOne.Platform.Ui;

/// <summary>The header's links, each shown to the roles that can use that part of the app.</summary>
internal static class Navigation
{
    internal sealed record Item(string Text, string Href, IReadOnlyList<string> Roles);

    public static readonly IReadOnlyList<Item> Items =
    [
        new("My work", "/my-work", [Roles.SupportWorker, Roles.RegisteredPractitioner, Roles.TeamLead]),
        new("Caseload", "/caseload", [Roles.SupportWorker, Roles.RegisteredPractitioner]),
        new("Referrals", "/referrals", [Roles.RegisteredPractitioner, Roles.TeamLead]),
        new("Team", "/team", [Roles.TeamLead, Roles.RegisteredPractitioner]),
        new("Escalations", "/escalations", [Roles.SupportWorker, Roles.RegisteredPractitioner, Roles.TeamLead]),
        new("Supervision", "/supervision", [Roles.SupportWorker, Roles.RegisteredPractitioner, Roles.TeamLead]),
        new("People", "/people", [Roles.SupportWorker, Roles.RegisteredPractitioner, Roles.TeamLead]),
        new("Help requests", "/help-requests", [Roles.SupportWorker, Roles.RegisteredPractitioner, Roles.TeamLead]),
        new("Groups", "/groups", [Roles.SupportWorker, Roles.RegisteredPractitioner, Roles.TeamLead]),
        new("Services", "/directory", [Roles.SupportWorker, Roles.RegisteredPractitioner, Roles.TeamLead]),
        new("Evaluation", "/evaluation", [Roles.Evaluator]),
        new("Administration", "/admin", [Roles.Administrator]),
    ];

    public static IEnumerable<Item> For(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? Items.Where(item => item.Roles.Any(user.IsInRole))
            : [];

    /// <summary>"page" on the item's own page, "true" inside its section, null elsewhere (for aria-current).</summary>
    public static string? Current(Item item, PathString path) =>
        path.Equals(item.Href, StringComparison.OrdinalIgnoreCase) ? "page"
        : path.StartsWithSegments(item.Href, StringComparison.OrdinalIgnoreCase) ? "true"
        : null;
}
