using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OneToOne.Assessments;

namespace OneToOne.Evaluation.Costs;

/// <summary>Unit costs, staff time and the outcome and experience questionnaires' offering (issue 5).</summary>
internal static class CostsModule
{
    public static IServiceCollection AddEvaluationCosts(this IServiceCollection services, IConfiguration configuration)
    {
        // The evaluation's settings, shared with the live evaluation (TryAdd: whichever registers first, one instance).
        services.TryAddSingleton(configuration.GetSection(EvaluationOptions.Section).Get<EvaluationOptions>() ?? new EvaluationOptions());
        services.AddScoped<UnitCosts>();
        // Opens the key worker's follow-up outcome questionnaire task in the save that submits the baseline.
        services.AddSingleton<IInterceptor, OutcomeFollowUpInterceptor>();
        return services;
    }

    public static WebApplication MapEvaluationCosts(this WebApplication app) => app;
}
