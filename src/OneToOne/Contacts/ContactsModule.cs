namespace OneToOne.Contacts;

internal static class ContactsModule
{
    public static IServiceCollection AddContacts(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddScoped<ContactLog>();
        services.AddScoped<ContactQueries>();
        return services;
    }

    public static WebApplication MapContacts(this WebApplication app)
    {
        app.MapContactsApi();
        return app;
    }
}
