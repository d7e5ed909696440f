using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace OneToOne.Platform.Ui;

/// <summary>
/// Binds <c>{Name}.Day</c>, <c>{Name}.Month</c> and <c>{Name}.Year</c> (from <see cref="NhsDateInputTagHelper"/>)
/// into a DateOnly or DateOnly?, with the NHS.UK error messages for missing or impossible parts. All three
/// empty gives null, so [Required] reports it. When no parts were posted (a query string, a single ISO value)
/// it hands over to the usual binder.
/// </summary>
internal sealed class DateOnlyPartsModelBinder(IModelBinder fallback) : IModelBinder
{
    public async Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var name = bindingContext.ModelName;
        var dayKey = ModelNames.CreatePropertyModelName(name, NhsForms.DayPart);
        var monthKey = ModelNames.CreatePropertyModelName(name, NhsForms.MonthPart);
        var yearKey = ModelNames.CreatePropertyModelName(name, NhsForms.YearPart);
        var provider = bindingContext.ValueProvider;
        if (!provider.ContainsPrefix(dayKey) && !provider.ContainsPrefix(monthKey) && !provider.ContainsPrefix(yearKey))
        {
            await fallback.BindModelAsync(bindingContext);
            return;
        }

        var modelState = bindingContext.ModelState;
        string Read(string key)
        {
            var result = provider.GetValue(key);
            // Kept so an invalid form re-displays what was typed; skipped so they do not count as unvalidated.
            modelState.SetModelValue(key, result);
            modelState.MarkFieldSkipped(key);
            return (result.FirstValue ?? "").Trim();
        }
        var day = Read(dayKey);
        var month = Read(monthKey);
        var year = Read(yearKey);
        modelState.SetModelValue(name, rawValue: null, attemptedValue: $"{day}/{month}/{year}");

        var metadata = bindingContext.ModelMetadata;
        var label = metadata.DisplayName ?? metadata.PropertyName ?? "Date";
        var nullable = Nullable.GetUnderlyingType(metadata.ModelType) is not null;

        if (day.Length == 0 && month.Length == 0 && year.Length == 0)
        {
            if (nullable)
            {
                bindingContext.Result = ModelBindingResult.Success(null);
            }
            else
            {
                // A DateOnly cannot be null, so [Required] would never fire: say it here.
                var required = metadata.ValidatorMetadata.OfType<RequiredAttribute>().FirstOrDefault();
                modelState.TryAddModelError(name, required?.FormatErrorMessage(label) ?? $"Enter {label}");
                bindingContext.Result = ModelBindingResult.Failed();
            }
            return;
        }

        var error = Validate(label, day, month, year, out var date);
        if (error is not null)
        {
            modelState.TryAddModelError(name, error);
            bindingContext.Result = ModelBindingResult.Failed();
            return;
        }
        bindingContext.Result = ModelBindingResult.Success(date);
    }

    /// <summary>The NHS.UK date input error messages; null when the parts make a real date.</summary>
    internal static string? Validate(string label, string day, string month, string year, out DateOnly date)
    {
        date = default;
        var missing = new List<string>();
        if (day.Length == 0)
        {
            missing.Add("day");
        }
        if (month.Length == 0)
        {
            missing.Add("month");
        }
        if (year.Length == 0)
        {
            missing.Add("year");
        }
        if (missing.Count > 0)
        {
            return $"{label} must include a {string.Join(" and ", missing)}";
        }
        if (!TryNumber(day, out var d) || !TryNumber(month, out var m) || !TryNumber(year, out var y))
        {
            return $"{label} must be a real date";
        }
        if (year.Length != 4)
        {
            return $"{label} year must include 4 numbers";
        }
        if (m is < 1 or > 12 || d < 1 || y < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return $"{label} must be a real date";
        }
        date = new DateOnly(y, m, d);
        return null;
    }

    private static bool TryNumber(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}

/// <summary>Chooses <see cref="DateOnlyPartsModelBinder"/> for DateOnly and DateOnly? models.</summary>
internal sealed class DateOnlyPartsModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = context.Metadata.ModelType;
        if (type != typeof(DateOnly) && type != typeof(DateOnly?))
        {
            return null;
        }
        var loggerFactory = context.Services.GetRequiredService<ILoggerFactory>();
        return new DateOnlyPartsModelBinder(
            new Microsoft.AspNetCore.Mvc.ModelBinding.Binders.SimpleTypeModelBinder(type, loggerFactory));
    }
}
