namespace OneToOne.Referrals;

internal static class ReferralsModule
{
    public static IServiceCollection AddReferrals(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }

    public static WebApplication MapReferrals(this WebApplication app) => app;
}
