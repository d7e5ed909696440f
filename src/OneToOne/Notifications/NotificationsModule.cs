namespace OneToOne.Notifications;

internal static class NotificationsModule
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddScoped<Notifier>();
        return services;
    }

    public static WebApplication MapNotifications(this WebApplication app) => app;
}
