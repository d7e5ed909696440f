namespace OneToOne.Platform.Background;

internal static class BackgroundModule
{
    public static IServiceCollection AddBackgroundWork(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(SchedulerOptions.Section).Get<SchedulerOptions>() ?? new SchedulerOptions());
        services.AddSingleton<SchedulerNode>();
        services.AddSingleton<OrganisationScopes>();
        services.AddSingleton<JobLeases>();
        services.AddSingleton<JobRunner>();
        // A job's counts: the running pass's report (see JobReport), or a throwaway one outside a pass.
        services.AddScoped(_ => JobReport.Current ?? new JobReport());
        services.AddHostedService<JobScheduler>();
        return services;
    }
}
