using OneToOne.Platform.Auth;

namespace OneToOne.Referrals;

/// <summary>WORKAROUND, for the lead to replace with a platform fix. The scoped CurrentUser is built from
/// HttpContext.User the first time anything asks for it, and authentication itself asks: ApiTokenAuthentication
/// takes OneToOneDb in its constructor, and the Identity cookie's security-stamp check builds UserManager -> store ->
/// OneToOneDb. Both happen before HttpContext.User is set, so CurrentUser is "anonymous" for the whole request: audit
/// throws ("Audit needs an organisation") and the tenancy filter hides every row. Until CurrentUser is made lazy (or
/// those handlers stop taking OneToOneDb), a request whose principal names an organisation that its scoped CurrentUser
/// lacks gets a fresh request scope once authorisation has run, so CurrentUser and OneToOneDb see the real principal.</summary>
internal static class ApiTokenScope
{
    public static void UseFreshScopeWhenCurrentUserIsStale(this WebApplication app) =>
        app.Use(async (http, next) =>
        {
            if (http.User.FindFirst(CurrentUser.OrganisationClaim) is null
                || http.RequestServices.GetRequiredService<CurrentUser>().OrganisationId is not null)
            {
                await next();
                return;
            }

            var original = http.RequestServices;
            await using var scope = original.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            http.RequestServices = scope.ServiceProvider;
            try
            {
                await next();
            }
            finally
            {
                http.RequestServices = original;
            }
        });
}
