namespace OneToOne.Escalations;

internal static class EscalationsModule
{
    public static IServiceCollection AddEscalations(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }

    public static WebApplication MapEscalations(this WebApplication app) => app;
}
