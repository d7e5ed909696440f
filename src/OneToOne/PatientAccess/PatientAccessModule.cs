using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace OneToOne.PatientAccess;

internal static class PatientAccessModule
{
    public const string DateOfBirthRateLimit = "patient-link-dob";

    public static IServiceCollection AddPatientAccess(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(PatientAccessOptions.Section).Get<PatientAccessOptions>() ?? new PatientAccessOptions();
        services.AddSingleton(options);
        services.AddScoped<PatientLinks>();
        services.AddPersonAccess(configuration);
        // Date-of-birth guesses per IP address, across links; viewing pages is not limited.
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(DateOfBirthRateLimit, http =>
            HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = options.AttemptsPerMinutePerIp, Window = TimeSpan.FromMinutes(1) })
                : RateLimitPartition.GetNoLimiter("view")));
        return services;
    }

    public static WebApplication MapPatientAccess(this WebApplication app) => app;
}
