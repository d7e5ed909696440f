namespace OneToOne.Platform.Web;

internal static class SecurityHeaders
{
    /// <summary>
    /// No inline script or style anywhere (the layout loads /js/app.js as a module), so the policy can be strict.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    // Static files carry no personal data, so these may be cached.
    private static readonly string[] StaticPrefixes = ["/lib", "/assets", "/css", "/js"];

    /// <summary>
    /// Security headers on every response, and no caching of anything but static files: pages show
    /// personal data. Set when the response starts, so error pages that clear headers still get them.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                if (!IsStatic(context.Request.Path))
                {
                    headers.CacheControl = "no-store";
                }
                return Task.CompletedTask;
            });
            return next(context);
        });

    private static bool IsStatic(PathString path) =>
        StaticPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
