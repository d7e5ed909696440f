using OneToOne.Notifications;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Background;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;
using OneToOne.Worklists;

namespace OneToOne.Supervision;

internal static class SupervisionModule
{
    public static IServiceCollection AddSupervision(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(SignOffOptions.Section).Get<SignOffOptions>() ?? new SignOffOptions());
        services.AddSingleton(configuration.GetSection(CaseAuditOptions.Section).Get<CaseAuditOptions>() ?? new CaseAuditOptions());
        // SignOffs' constructor is internal (it takes the internal calendar), so DI builds it here.
        services.AddScoped(sp => new SignOffs(
            sp.GetRequiredService<OneToOneDb>(),
            sp.GetRequiredService<CurrentUser>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<SignOffOptions>(),
            sp.GetRequiredService<WorkTasks>(),
            sp.GetRequiredService<WorkingDayCalendar>()));
        services.AddScoped<Supervisors>();
        services.AddScoped<OneToOne.PatientAccess.ISupervisorLookup, SupervisorLookup>();
        services.AddScoped<SignOffDecisions>();
        services.AddScoped<SupervisionSessions>();
        services.AddScoped<SupervisionLinkEditor>();
        services.AddScoped<CaseAudits>();
        services.AddScheduledJob<CaseAuditSampleJob>();
        services.AddNotificationTemplate(new NotificationTemplate(
            SignOffDecisions.ReturnedTemplate,
            "Your request for sign-off was returned",
            "((decider)) returned your request for sign-off of a ((kind)) with a comment. Sign in to OneToOne to read it and decide what to do next: ((link))"));
        return services;
    }

    public static WebApplication MapSupervision(this WebApplication app)
    {
        app.MapSupervisionApi();
        return app;
    }
}
