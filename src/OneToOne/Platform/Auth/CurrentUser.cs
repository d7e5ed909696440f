using System.Security.Claims;

namespace OneToOne.Platform.Auth;

/// <summary>Who is acting: a signed-in staff member, an API client, or the system (CLI, seeding, background work).</summary>
public sealed class CurrentUser
{
    public const string OrganisationClaim = "o2o:org";
    public const string StaffClaim = "o2o:staff";
    public const string DisplayNameClaim = "o2o:name";

    public Guid? UserId { get; private init; }
    public Guid? OrganisationId { get; private set; }
    public Guid? StaffMemberId { get; private init; }
    public string Name { get; private init; } = "system";
    public string Role { get; private init; } = "System";
    public ClaimsPrincipal? Principal { get; private init; }

    public bool IsInRole(string role) => Principal?.IsInRole(role) ?? false;

    public bool IsAnyRole(params string[] roles) => roles.Any(IsInRole);

    public static CurrentUser System(Guid? organisationId = null) => new() { OrganisationId = organisationId };

    public static CurrentUser From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return new CurrentUser { Name = "anonymous", Role = "Anonymous", Principal = principal };
        }

        static Guid? GuidClaim(ClaimsPrincipal p, string type) =>
            Guid.TryParse(p.FindFirstValue(type), out var g) ? g : null;

        var role = Roles.StaffRoles.Concat([Roles.ApiClient]).FirstOrDefault(principal.IsInRole) ?? "None";
        return new CurrentUser
        {
            UserId = GuidClaim(principal, ClaimTypes.NameIdentifier),
            OrganisationId = GuidClaim(principal, OrganisationClaim),
            StaffMemberId = GuidClaim(principal, StaffClaim),
            Name = principal.FindFirstValue(DisplayNameClaim) ?? principal.Identity.Name ?? "unknown",
            Role = role,
            Principal = principal,
        };
    }

    /// <summary>For system work that acts inside one organisation (seeding, imports from the CLI).</summary>
    public void ActFor(Guid organisationId)
    {
        if (UserId is not null)
        {
            throw new InvalidOperationException("Only system work may switch organisation.");
        }

        OrganisationId = organisationId;
    }
}
