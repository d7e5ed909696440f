namespace OneToOne.ServiceDirectory;

// The folder is Directory/ (DESIGN.md's layout) but the namespace is OneToOne.ServiceDirectory: a namespace
// OneToOne.Directory would hide System.IO.Directory from every file under OneToOne.*, which use it unqualified.
// Directory/_ViewImports.cshtml sets the same namespace for the pages' generated classes.
internal static class DirectoryModule
{
    public static IServiceCollection AddDirectory(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DirectoryOptions.Section).Get<DirectoryOptions>() ?? new DirectoryOptions();
        if (options.ResponseWorkingDays is < 0 or > 100)
        {
            throw new InvalidOperationException("Directory:ResponseWorkingDays must be from 0 to 100.");
        }

        services.AddSingleton(options);
        services.AddScoped<ServiceReferrals>();
        services.AddScoped<HsdsImport>();
        return services;
    }

    public static WebApplication MapDirectory(this WebApplication app)
    {
        app.MapDirectoryApi();
        return app;
    }
}
