using OneToOne.People;
using OneToOne.Supervision;

namespace OneToOne.CarePlans;

internal static class CarePlansModule
{
    public static IServiceCollection AddCarePlans(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddScoped<CarePlanner>();
        services.AddScoped<IPersonTimelineSource, CarePlanTimelineSource>();
        services.AddScoped<ISignOffAction, ClinicalPlanSignOffAction>();
        return services;
    }

    public static WebApplication MapCarePlans(this WebApplication app)
    {
        app.MapCarePlansApi();
        return app;
    }
}

/// <summary>Supervision's approve step calls this for a plan with a clinical action a support worker agreed.</summary>
internal sealed class ClinicalPlanSignOffAction(CarePlanner planner) : ISignOffAction
{
    public string Kind => SignOffKinds.ClinicalPlanAction;

    public Task ApplyAsync(SignOffRequest approved, CancellationToken ct) => planner.ApplyApprovedAsync(approved, ct);
}
