namespace OneToOne.Supervision;

internal static class SupervisionModule
{
    public static IServiceCollection AddSupervision(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(SignOffOptions.Section).Get<SignOffOptions>() ?? new SignOffOptions());
        services.AddScoped<SignOffs>();
        return services;
    }

    public static WebApplication MapSupervision(this WebApplication app) => app;
}
