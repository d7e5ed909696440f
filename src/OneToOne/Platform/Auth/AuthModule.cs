using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using OneToOne.Platform.Data;

namespace OneToOne.Platform.Auth;

internal static class Policies
{
    /// <summary>Identifiable records of people: the clinical and support roles only (Caldicott: need to know).</summary>
    public const string PersonRecords = nameof(PersonRecords);
    public const string RecordReferrals = nameof(RecordReferrals);
    public const string Triage = nameof(Triage);
    public const string Allocate = nameof(Allocate);
    public const string TeamView = nameof(TeamView);
    public const string Admin = nameof(Admin);
    /// <summary>The evaluation's de-identified, cross-organisation dashboards and downloads: evaluators only.</summary>
    public const string Evaluation = nameof(Evaluation);
    /// <summary>API routes: staff cookie or an API client's bearer token.</summary>
    public const string Api = nameof(Api);
    public const string ApiSchemes = "Identity.Application," + ApiTokenAuthentication.SchemeName;
}

internal sealed class SecurityOptions
{
    public const string Section = "Security";
    public int SignInAttemptsPerMinute { get; set; } = 10;
    public int LockoutAttempts { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
    /// <summary>Administrators must use an authenticator app (TOTP). Only tests turn this off.</summary>
    public bool RequireAdminTwoFactor { get; set; } = true;
}

internal static class AuthModule
{
    public const string SignInRateLimit = "sign-in";

    public static IServiceCollection AddOneToOneAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var security = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        services.AddSingleton(security);
        services.AddHttpContextAccessor();
        services.AddIdentity<StaffAccount, IdentityRole<Guid>>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = security.LockoutAttempts;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.LockoutMinutes);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<OneToOneDb>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "onetoone";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/account/access-denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
        });
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.PersonRecords, p => p.RequireRole(Roles.SupportWorker, Roles.RegisteredPractitioner, Roles.TeamLead))
            .AddPolicy(Policies.RecordReferrals, p => p.RequireRole(Roles.SupportWorker, Roles.RegisteredPractitioner, Roles.TeamLead, Roles.ApiClient))
            .AddPolicy(Policies.Triage, p => p.RequireRole(Roles.RegisteredPractitioner))
            .AddPolicy(Policies.Allocate, p => p.RequireRole(Roles.RegisteredPractitioner, Roles.TeamLead))
            .AddPolicy(Policies.TeamView, p => p.RequireRole(Roles.RegisteredPractitioner, Roles.TeamLead))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(Policies.Evaluation, p => p.RequireRole(Roles.Evaluator))
            .AddPolicy(Policies.Api, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiTokenAuthentication.SchemeName)
                .RequireAuthenticatedUser());

        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, RecordNotFoundForbiddenHandler>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = security.SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });
        return services;
    }

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || ctx.Request.Path.StartsWithSegments("/fhir", StringComparison.OrdinalIgnoreCase))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>An administrator signed in without a second factor may only set one up or sign out.</summary>
    public static IApplicationBuilder UseAdministratorTwoFactor(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var security = http.RequestServices.GetRequiredService<SecurityOptions>();
            var user = http.User;
            if (security.RequireAdminTwoFactor
                && user.Identity?.IsAuthenticated == true
                && user.IsInRole(Roles.Administrator)
                && !user.HasClaim("amr", "mfa")
                && !http.Request.Path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase))
            {
                http.Response.Redirect("/account/two-factor/setup");
                return;
            }

            await next();
        });
}
