namespace OneToOne.Assessments;

internal static class AssessmentsModule
{
    public static IServiceCollection AddAssessments(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AssessmentOptions.Section).Get<AssessmentOptions>() ?? new AssessmentOptions();
        services.AddSingleton(options);
        services.AddScoped<AssessmentEngine>();
        return services;
    }

    public static WebApplication MapAssessments(this WebApplication app)
    {
        app.MapAssessmentsApi();
        return app;
    }
}
