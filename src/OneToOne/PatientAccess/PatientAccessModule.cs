namespace OneToOne.PatientAccess;

internal static class PatientAccessModule
{
    public static IServiceCollection AddPatientAccess(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }

    public static WebApplication MapPatientAccess(this WebApplication app) => app;
}
