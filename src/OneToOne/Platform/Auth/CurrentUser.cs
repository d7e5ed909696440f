using System.Security.Claims;

namespace OneToOne.Platform.Auth;

/// <summary>Who is acting: a signed-in staff member, an API client, or the system (CLI, seeding, background work).
/// Read from the request's principal each time it is used, never captured at construction: services such as
/// Identity's cookie validation create the DbContext (and so this) before authentication has set the user.</summary>
public sealed class CurrentUser
{
    public const string OrganisationClaim = "o2o:org";
    public const string StaffClaim = "o2o:staff";
    public const string DisplayNameClaim = "o2o:name";

    private static readonly Snapshot Anonymous = new(null, null, null, "anonymous", "Anonymous");

    private readonly IHttpContextAccessor? _http;
    private Guid? _systemOrganisation;
    private ClaimsPrincipal? _seen;
    private Snapshot? _snapshot;

    public CurrentUser(IHttpContextAccessor http) => _http = http;

    private CurrentUser(Guid? organisationId) => _systemOrganisation = organisationId;

    private sealed record Snapshot(Guid? UserId, Guid? OrganisationId, Guid? StaffMemberId, string Name, string Role);

    public Guid? UserId => Current.UserId;
    public Guid? OrganisationId => Current.OrganisationId;
    public Guid? StaffMemberId => Current.StaffMemberId;
    public string Name => Current.Name;
    public string Role => Current.Role;
    public ClaimsPrincipal? Principal => _http?.HttpContext?.User;

    public bool IsInRole(string role) => Principal?.IsInRole(role) ?? false;

    public bool IsAnyRole(params string[] roles) => roles.Any(IsInRole);

    public static CurrentUser System(Guid? organisationId = null) => new(organisationId);

    /// <summary>For system work that acts inside one organisation (seeding, imports from the CLI, tests arranging data).</summary>
    public void ActFor(Guid organisationId)
    {
        if (Principal?.Identity?.IsAuthenticated == true)
        {
            throw new InvalidOperationException("Only system work may switch organisation.");
        }

        _systemOrganisation = organisationId;
        _snapshot = null;
    }

    private Snapshot Current
    {
        get
        {
            var principal = Principal;
            if (principal is null)
            {
                return _snapshot ??= new Snapshot(null, _systemOrganisation, null, "system", "System");
            }

            if (!ReferenceEquals(principal, _seen) || _snapshot is null)
            {
                _snapshot = From(principal);
                _seen = principal;
            }

            return _snapshot;
        }
    }

    private static Snapshot From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }

        static Guid? GuidClaim(ClaimsPrincipal p, string type) =>
            Guid.TryParse(p.FindFirstValue(type), out var g) ? g : null;

        var role = Roles.StaffRoles.Concat([Roles.ApiClient]).FirstOrDefault(principal.IsInRole) ?? "None";
        return new Snapshot(
            GuidClaim(principal, ClaimTypes.NameIdentifier),
            GuidClaim(principal, OrganisationClaim),
            GuidClaim(principal, StaffClaim),
            principal.FindFirstValue(DisplayNameClaim) ?? principal.Identity.Name ?? "unknown",
            role);
    }
}
