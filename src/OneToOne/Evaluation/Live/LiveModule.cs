namespace OneToOne.Evaluation.Live;

/// <summary>The live evaluation: de-identified data from the database, dashboards, report and downloads (issue 5).</summary>
internal static class LiveModule
{
    public static IServiceCollection AddEvaluationLive(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }

    public static WebApplication MapEvaluationLive(this WebApplication app) => app;
}
