using OneToOne.Platform.Auth;
using OneToOne.Platform.Errors;
//MERGE-UI using OneToOne.Platform.Ui;

namespace OneToOne.Platform.Web;

internal static class WebModule
{
    public static IServiceCollection AddOneToOneWeb(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddRazorPages(o => o.RootDirectory = "/");
        //MERGE-UI services.AddNhsUkForms();
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddOpenApi("v1");
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "onetoone-af";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        return services;
    }

    public static WebApplication UseOneToOneWeb(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        //MERGE-UI app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAdministratorTwoFactor();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapOneToOneWeb(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(Policies.Api);
        return app;
    }
}
