namespace OneToOne.People;

internal static class PeopleModule
{
    public static IServiceCollection AddPeople(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }

    public static WebApplication MapPeople(this WebApplication app)
    {
        app.MapPeopleApi();
        return app;
    }
}
