using Microsoft.EntityFrameworkCore.Diagnostics;
using OneToOne.Notifications;
using OneToOne.Platform.Background;
using OneToOne.Worklists.Jobs;

namespace OneToOne.Worklists;

internal static class WorklistsModule
{
    public static IServiceCollection AddWorklists(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(WorklistOptions.Section).Get<WorklistOptions>() ?? new WorklistOptions());
        services.AddScoped<Caseloads>();
        services.AddScoped<WorkTasks>();
        services.AddScoped<ReviewTasks>();
        services.AddScoped<WorkViews>();
        // Tasks kept in step with the work, in the same save as the change (see WorkTaskSync).
        services.AddSingleton<IInterceptor, WorkTaskInterceptor>();
        services.AddScheduledJob<BreachPass>();
        services.AddScheduledJob<Reconciliation>();
        services.AddNotificationTemplate(BreachPass.Template);
        return services;
    }

    public static WebApplication MapWorklists(this WebApplication app)
    {
        app.MapWorklistsApi();
        app.MapWorkApi();
        return app;
    }
}
