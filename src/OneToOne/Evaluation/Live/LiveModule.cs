using Microsoft.Extensions.Options;
using OneToOne.Evaluation.Engine;
using OneToOne.Evaluation.Live.Pages;

namespace OneToOne.Evaluation.Live;

/// <summary>The live evaluation: de-identified data from the database, dashboards, report and downloads (issue 5).</summary>
internal static class LiveModule
{
    public static IServiceCollection AddEvaluationLive(this IServiceCollection services, IConfiguration configuration)
    {
        // Checked at start-up: outside Development and Testing the app will not start without a pseudonym key.
        services.AddOptions<EvaluationOptions>().Bind(configuration.GetSection(EvaluationOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EvaluationOptions>, PseudonymKeyValidation>();
        services.AddSingleton<Pseudonyms>();
        services.AddScoped<LiveEvaluationReader>();
        services.AddScoped<IEvaluationDatasetSource, LiveDatasetSource>();
        services.AddScoped<LiveEvaluation>();
        services.AddScoped<FilterChoices>();
        return services;
    }

    public static WebApplication MapEvaluationLive(this WebApplication app) => app;
}
