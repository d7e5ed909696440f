using OneToOne.Platform.Background;

namespace OneToOne.Notifications;

internal static class NotificationsModule
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(NotificationOptions.Section).Get<NotificationOptions>() ?? new NotificationOptions();
        options.Validate();
        services.AddSingleton(options);
        services.AddScoped<Notifier>();

        services.AddSingleton<OutboxOnlyProvider>();
        services.AddSingleton<SmtpProvider>();
        services.AddSingleton<NotifyProvider>();
        services.AddSingleton<MessageProviders>();
        // Timeouts are the dispatcher's (one per call, so a hung provider cannot hold a claim); the client has none of its own.
        services.AddHttpClient(NotifyProvider.HttpClientName, c =>
        {
            c.BaseAddress = new Uri(options.Notify.BaseUrl.TrimEnd('/') + "/");
            c.Timeout = Timeout.InfiniteTimeSpan;
        });

        services.AddScoped<OutboxSender>();
        services.AddScoped<Reminders>();
        services.AddScheduledJob<NotificationDispatcher>();
        services.AddScheduledJob<ReminderJob>();
        foreach (var template in ReminderTemplates.All)
        {
            services.AddNotificationTemplate(template);
        }

        return services;
    }

    public static WebApplication MapNotifications(this WebApplication app) => app;
}
