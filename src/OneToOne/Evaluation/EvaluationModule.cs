using OneToOne.Evaluation.Costs;
using OneToOne.Evaluation.Live;

namespace OneToOne.Evaluation;

/// <summary>The evaluation (issue 5): outcome and experience questionnaires, time and cost, the measures with their
/// statistics, cohorts, disclosure control and the outputs. The engine (Engine/) is pure and runs the same over the
/// live database (Live/) and a folder of CSV files (`evaluate --dataset`).</summary>
internal static class EvaluationModule
{
    public static IServiceCollection AddEvaluation(this IServiceCollection services, IConfiguration configuration) =>
        services.AddEvaluationCosts(configuration).AddEvaluationLive(configuration);

    public static WebApplication MapEvaluation(this WebApplication app) => app.MapEvaluationCosts().MapEvaluationLive();
}
