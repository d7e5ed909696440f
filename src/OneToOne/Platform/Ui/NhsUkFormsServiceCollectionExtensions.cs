using Microsoft.AspNetCore.Mvc;

namespace OneToOne.Platform.Ui;

internal static class NhsUkFormsServiceCollectionExtensions
{
    /// <summary>
    /// Model binding the NHS.UK form components need: day/month/year date inputs into DateOnly.
    /// First in the list so it wins over the built-in DateOnly binder.
    /// </summary>
    public static IServiceCollection AddNhsUkForms(this IServiceCollection services)
    {
        services.Configure<MvcOptions>(options =>
            options.ModelBinderProviders.Insert(0, new DateOnlyPartsModelBinderProvider()));
        return services;
    }
}
