using OneToOne.People;

namespace OneToOne.CarePlans;

internal static class CarePlansModule
{
    public static IServiceCollection AddCarePlans(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddScoped<CarePlanner>();
        services.AddScoped<IPersonTimelineSource, CarePlanTimelineSource>();
        return services;
    }

    public static WebApplication MapCarePlans(this WebApplication app)
    {
        app.MapCarePlansApi();
        return app;
    }
}
