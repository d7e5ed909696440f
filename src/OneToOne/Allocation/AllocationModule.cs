namespace OneToOne.Allocation;

internal static class AllocationModule
{
    public static IServiceCollection AddAllocation(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }

    public static WebApplication MapAllocation(this WebApplication app) => app;
}
