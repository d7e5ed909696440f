namespace OneToOne.CarePlans;

internal static class CarePlansModule
{
    public static IServiceCollection AddCarePlans(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddScoped<CarePlanner>();
        return services;
    }

    public static WebApplication MapCarePlans(this WebApplication app)
    {
        app.MapCarePlansApi();
        return app;
    }
}
