namespace OneToOne.Evaluation.Costs;

/// <summary>Unit costs, staff time and the outcome and experience questionnaires' offering (issue 5).</summary>
internal static class CostsModule
{
    public static IServiceCollection AddEvaluationCosts(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }

    public static WebApplication MapEvaluationCosts(this WebApplication app) => app;
}
