using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OneToOne.Workforce;

internal static class WorkforceModule
{
    public static IServiceCollection AddWorkforce(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        // One page model adds and edits each kind of record: "/new" is a second route to the edit page.
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AddPageRoute("/Workforce/Pages/Organisations/Edit", "admin/organisations/new");
            o.Conventions.AddPageRoute("/Workforce/Pages/Roles/Edit", "admin/roles/new");
            o.Conventions.AddPageRoute("/Workforce/Pages/Teams/Edit", "admin/teams/new");
            o.Conventions.AddPageRoute("/Workforce/Pages/Staff/Edit", "admin/staff/new");
        });
        return services;
    }

    public static WebApplication MapWorkforce(this WebApplication app) => app;
}
