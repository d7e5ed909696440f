namespace OneToOne.Platform.Background;

internal static class BackgroundModule
{
    public static IServiceCollection AddBackgroundWork(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddSingleton<OrganisationScopes>();
        services.AddSingleton<JobRunner>();
        return services;
    }
}
