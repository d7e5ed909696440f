namespace OneToOne.Worklists;

internal static class WorklistsModule
{
    public static IServiceCollection AddWorklists(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }

    public static WebApplication MapWorklists(this WebApplication app) => app;
}
