namespace OneToOne.Referrals;

internal static class ReferralsModule
{
    public static IServiceCollection AddReferrals(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ReferralOptions.Section).Get<ReferralOptions>() ?? new ReferralOptions();
        services.AddSingleton(options);
        services.AddScoped<ReferralIntake>();
        services.AddScoped<ReferralActions>();
        return services;
    }

    public static WebApplication MapReferrals(this WebApplication app)
    {
        app.MapReferralsApi();
        return app;
    }
}
