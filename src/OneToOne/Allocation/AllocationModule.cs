namespace OneToOne.Allocation;

internal static class AllocationModule
{
    public static IServiceCollection AddAllocation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(AllocationSettings.Read(configuration));
        services.AddScoped<Candidates>();
        services.AddScoped<KeyWorkerAllocator>();
        return services;
    }

    public static WebApplication MapAllocation(this WebApplication app)
    {
        app.MapAllocationApi();
        return app;
    }
}
