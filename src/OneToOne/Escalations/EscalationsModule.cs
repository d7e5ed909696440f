using Microsoft.EntityFrameworkCore.Diagnostics;
using OneToOne.Notifications;

namespace OneToOne.Escalations;

internal static class EscalationsModule
{
    public static IServiceCollection AddEscalations(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(EscalationOptions.Section).Get<EscalationOptions>() ?? new EscalationOptions();
        options.Validate();
        services.AddSingleton(options);
        services.AddScoped<EscalationActions>();
        services.AddNotificationTemplate(EscalationStaging.NotificationTemplate);
        // Red flags escalate themselves in the save that submits the assessment (see the interceptor).
        services.AddSingleton<IInterceptor, RedFlagEscalationInterceptor>();
        return services;
    }

    public static WebApplication MapEscalations(this WebApplication app)
    {
        app.MapEscalationsApi();
        return app;
    }
}
