namespace OneToOne.Platform.Background;

/// <summary>A unit of background work. The scheduler runs each job's pass on one node at a time, in its own
/// DI scope acting as the system (no organisation): use <see cref="OrganisationScopes"/> to act inside each
/// organisation so the tenancy filter still applies. A pass must be safe to repeat and to overlap with a pass
/// on another node (unique keys, conditional updates), because a lease can expire mid-pass.</summary>
public interface IScheduledJob
{
    /// <summary>Stable name: the lease key and what administrators see.</summary>
    string Name { get; }

    /// <summary>How often a pass is due.</summary>
    TimeSpan Interval { get; }

    Task RunAsync(CancellationToken ct);
}

public static class ScheduledJobRegistration
{
    /// <summary>Registers a job (scoped: one instance per pass).</summary>
    public static IServiceCollection AddScheduledJob<TJob>(this IServiceCollection services)
        where TJob : class, IScheduledJob
    {
        services.AddScoped<TJob>();
        services.AddScoped<IScheduledJob>(sp => sp.GetRequiredService<TJob>());
        return services;
    }
}
