using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace OneToOne.Allocation;

/// <summary>WORKAROUND, belongs in Platform/Auth (reported to the lead): Identity's cookie validation resolves
/// SignInManager -> UserStore -> OneToOneDb -> CurrentUser in the request scope while HttpContext.User is
/// still anonymous, so the request's tenancy filter matched no organisation and every signed-in query
/// returned nothing. Running the security-stamp check in its own scope keeps the request's CurrentUser
/// unresolved until the user is known. (API tokens have the same problem: ApiTokenAuthentication takes
/// OneToOneDb in the request scope.)</summary>
internal static class SecurityStampScope
{
    public static IServiceCollection AddSecurityStampScope(this IServiceCollection services)
    {
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
            o.Events.OnValidatePrincipal = async context =>
            {
                await using var scope = context.HttpContext.RequestServices.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ISecurityStampValidator>().ValidateAsync(context);
            });
        return services;
    }
}
