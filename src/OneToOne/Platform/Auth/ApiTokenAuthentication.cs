using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneToOne.Platform.Data;

namespace OneToOne.Platform.Auth;

/// <summary>Bearer tokens for system-to-system callers. A token acts for exactly one organisation.</summary>
internal sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, OneToOneDb db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header["Bearer ".Length..].Trim();
        var hash = ApiClient.Hash(token);
        var client = await db.ApiClients.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.TokenHash == hash, Context.RequestAborted);
        if (client is null || client.RevokedAt is not null)
        {
            return AuthenticateResult.Fail("The token is not valid or has been revoked.");
        }

        var now = clock.GetUtcNow();
        if (client.LastUsedAt is null || now - client.LastUsedAt > TimeSpan.FromMinutes(5))
        {
            client.LastUsedAt = now;
            await db.SaveChangesAsync(Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, client.Id.ToString()),
                new Claim(ClaimTypes.Name, client.Name),
                new Claim(CurrentUser.DisplayNameClaim, "API client: " + client.Name),
                new Claim(CurrentUser.OrganisationClaim, client.OrganisationId.ToString()),
                new Claim(ClaimTypes.Role, Roles.ApiClient),
            ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
