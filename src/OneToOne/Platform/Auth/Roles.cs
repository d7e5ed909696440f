namespace OneToOne.Platform.Auth;

/// <summary>Sign-in roles. What a staff member may do clinically comes from their
/// <see cref="Workforce.StaffRole"/> (data); these decide which parts of the app they reach.</summary>
public static class Roles
{
    public const string SupportWorker = "SupportWorker";
    public const string RegisteredPractitioner = "RegisteredPractitioner";
    public const string TeamLead = "TeamLead";
    public const string Evaluator = "Evaluator";
    public const string Administrator = "Administrator";
    /// <summary>A system-to-system client using a bearer token.</summary>
    public const string ApiClient = "ApiClient";

    public static readonly IReadOnlyList<string> StaffRoles =
        [SupportWorker, RegisteredPractitioner, TeamLead, Evaluator, Administrator];

    public static string DisplayName(string role) => role switch
    {
        SupportWorker => "Support worker",
        RegisteredPractitioner => "Registered practitioner",
        TeamLead => "Team lead",
        Evaluator => "Evaluator",
        Administrator => "Administrator",
        ApiClient => "API client",
        _ => role,
    };
}
