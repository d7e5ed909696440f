namespace OneToOne.Worklists;

internal static class WorklistsModule
{
    public static IServiceCollection AddWorklists(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(WorklistOptions.Section).Get<WorklistOptions>() ?? new WorklistOptions());
        services.AddScoped<Caseloads>();
        services.AddScoped<WorkTasks>();
        return services;
    }

    public static WebApplication MapWorklists(this WebApplication app)
    {
        app.MapWorklistsApi();
        return app;
    }
}
