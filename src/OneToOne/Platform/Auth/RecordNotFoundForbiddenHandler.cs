using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace OneToOne.Platform.Auth;

/// <summary>A record that is outside the user's reach is not found, whether it belongs to another
/// organisation (the query filter) or to a part of the service their role does not use (here): 404 either
/// way, so a response never confirms that a record exists. Routes without a record id keep the ordinary
/// 403 / access-denied page.</summary>
internal sealed class RecordNotFoundForbiddenHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.Request.RouteValues.Keys.Any(k => k.EndsWith("id", StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
