using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.PatientAccess;

/// <summary>The person's session: a cookie scheme of its own, separate from staff Identity. Staff pages authenticate
/// with the default (staff) scheme only, so a person's cookie never reaches them; person pages authenticate with this
/// scheme only, so a staff cookie never reaches them. The principal carries the organisation claim, so the tenancy
/// filter scopes every query on a person page to the person's organisation.</summary>
public static class PersonSessions
{
    public const string Scheme = "Person";
    public const string Policy = "Person";
    public const string PersonClaim = "o2o:person";
    public const string CookieName = "o2o-person";

    /// <summary>Starts a session for a person whose identity has been proven (by a one-time code today; by NHS login
    /// later, which must end here too).</summary>
    public static Task SignInAsync(HttpContext http, Guid organisationId, Guid personId)
    {
        var identity = new ClaimsIdentity(
        [
            new Claim("sub", "person:" + personId.ToString("N")),
            new Claim(PersonClaim, personId.ToString()),
            new Claim(CurrentUser.OrganisationClaim, organisationId.ToString()),
            new Claim(CurrentUser.DisplayNameClaim, PersonAudit.ActorName),
        ], Scheme);
        return http.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
    }

    public static Guid? PersonId(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: Scheme } && Guid.TryParse(user.FindFirstValue(PersonClaim), out var id)
            ? id
            : null;
}

/// <summary>Audit rows for what a person does on their own pages: the actor is the person (role "Person"), never a
/// member of staff, so "Who has looked at my record" can leave the person's own views out.</summary>
internal static class PersonAudit
{
    public const string Role = "Person";
    public const string ActorName = "The person";

    public static void Record(OneToOneDb db, Guid organisationId, Guid personId, string action, string entityType, Guid entityId, string? detail = null) =>
        db.AuditEvents.Add(new AuditEvent
        {
            OrganisationId = organisationId,
            OccurredAt = AuditEvent.Truncate(db.Clock.GetUtcNow()),
            UserId = null,
            UserName = ActorName,
            Role = Role,
            Action = action,
            EntityType = entityType,
            EntityId = entityId.ToString(),
            PersonId = personId,
            Detail = detail,
        });
}
