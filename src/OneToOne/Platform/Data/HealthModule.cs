using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OneToOne.Platform.Data;

/// <summary>/health/live: the process answers. /health/ready: the database answers and has every migration.</summary>
internal sealed class MigrationsAppliedCheck(OneToOneDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Database reachable; all migrations applied.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied.");
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("Database not reachable.");
        }
    }
}

internal static class HealthModule
{
    public static IServiceCollection AddOneToOneHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<MigrationsAppliedCheck>("database", tags: ["ready"]);
        return services;
    }

    public static void MapOneToOneHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
    }
}
