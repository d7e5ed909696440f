using OneToOne.Platform.Auth;
using OneToOne.Platform.Time;
using OneToOne.Supervision;

namespace OneToOne.Referrals;

internal static class ReferralsModule
{
    public static IServiceCollection AddReferrals(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ReferralOptions.Section).Get<ReferralOptions>() ?? new ReferralOptions();
        services.AddSingleton(options);
        services.AddScoped<ReferralIntake>();
        services.AddScoped<ReferralActions>();
        services.AddScoped<ReferralCsvImport>();
        // Discharge and a change of level may wait for a supervisor's sign-off: each registers the action approval runs.
        services.AddScoped<Discharges>();
        services.AddScoped<ISignOffAction, DischargeSignOffAction>();
        services.AddLevelChange(configuration);
        return services;
    }

    public static WebApplication MapReferrals(this WebApplication app)
    {
        app.MapReferralsApi();
        app.MapGet("/referrals/upload/template.csv", (TimeProvider clock) => Results.Text(ReferralCsvImport.Template(UkTime.Today(clock)), "text/csv; charset=utf-8"))
            .RequireAuthorization(Policies.RecordReferrals)
            .ExcludeFromDescription();
        return app;
    }
}
