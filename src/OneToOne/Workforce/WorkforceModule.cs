namespace OneToOne.Workforce;

internal static class WorkforceModule
{
    public static IServiceCollection AddWorkforce(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }

    public static WebApplication MapWorkforce(this WebApplication app) => app;
}
