using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Errors;
using OneToOne.Platform.Time;
using OneToOne.Platform.Ui;

namespace OneToOne.Platform.Web;

internal static class WebModule
{
    public static IServiceCollection AddOneToOneWeb(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<AuditTrail>();
        services.AddSingleton<AuditBatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditBatcher>());
        services.AddSingleton(sp =>
        {
            var section = sp.GetRequiredService<IConfiguration>().GetSection("BankHolidays");
            return new BankHolidays(section.GetSection("ExtraDates").Get<DateOnly[]>(), section.GetSection("RemovedDates").Get<DateOnly[]>());
        });
        services.AddSingleton<WorkingDayCalendar>();
        services.AddRazorPages(o => o.RootDirectory = "/")
            .AddMvcOptions(o => o.Filters.Add<NoHandlerNotFoundFilter>());
        services.AddNhsUkForms();
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
        app.UseServerTiming(app.Configuration);
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        // People get NHS.UK error pages; API and FHIR callers get ProblemDetails.
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.UseWhen(http => !IsApi(http), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseRequestLocalization("en-GB");
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAdministratorTwoFactor();
        app.UseAuthorization();
        return app;
    }

    private static bool IsApi(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || http.Request.Path.StartsWithSegments("/fhir", StringComparison.OrdinalIgnoreCase);

    public static WebApplication MapOneToOneWeb(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(Policies.Api);
        if (app.Configuration.GetValue<bool>("Bench:Enabled"))
        {
            // The load test's baseline: Kestrel and the middleware, no database.
            app.MapGet("/bench/plaintext", () => "ok").AllowAnonymous();
        }

        return app;
    }
}
