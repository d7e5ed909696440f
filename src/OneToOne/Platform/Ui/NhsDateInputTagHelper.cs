using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace OneToOne.Platform.Ui;

/// <summary>
/// <c>&lt;nhs-date-input asp-for="Input.DateOfBirth" legend="..." hint="For example, 15 3 1984" /&gt;</c> for a
/// DateOnly or DateOnly? property. Posts <c>{Name}.Day</c>, <c>{Name}.Month</c> and <c>{Name}.Year</c>, which
/// <see cref="DateOnlyPartsModelBinder"/> turns back into a date.
/// </summary>
[HtmlTargetElement("nhs-date-input", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsDateInputTagHelper : NhsFieldTagHelper
{
    [HtmlAttributeName("legend")]
    public string? Legend { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        // default(DateOnly) is what a non-nullable property holds before anyone entered a date.
        var model = For.Model is DateOnly d && d != default ? d : (DateOnly?)null;
        var parts = new (string Part, string Label, int Width, string? ModelValue)[]
        {
            (NhsForms.DayPart, "Day", 2, model?.Day.ToString("D", CultureInfo.InvariantCulture)),
            (NhsForms.MonthPart, "Month", 2, model?.Month.ToString("D", CultureInfo.InvariantCulture)),
            (NhsForms.YearPart, "Year", 4, model?.Year.ToString("D", CultureInfo.InvariantCulture)),
        };
        var modelState = ViewContext.ViewData.ModelState;
        var posted = parts.Select(p =>
            modelState.TryGetValue(ModelNames.CreatePropertyModelName(FullName, p.Part), out var entry)
                ? entry.AttemptedValue ?? ""
                : null).ToArray();
        var wasPosted = posted.Any(p => p is not null);
        var values = wasPosted ? posted : parts.Select(p => p.ModelValue).ToArray();

        // Highlight only the missing parts when some were given; otherwise the whole date is wrong.
        var missing = values.Select(string.IsNullOrWhiteSpace).ToArray();
        var someGiven = missing.Contains(false);
        bool PartHasError(int i) => HasError && (!someGiven || !missing.Contains(true) || missing[i]);

        RenderFormGroup(output, html =>
        {
            var fieldset = Fieldset(DisplayName(Legend), role: "group");
            var inner = new DefaultTagHelperContent();
            AppendHint(inner);
            AppendErrors(inner);
            fieldset.InnerHtml.AppendHtml(inner);

            var dateInput = new TagBuilder("div");
            dateInput.AddCssClass("nhsuk-date-input");
            dateInput.Attributes["id"] = Id;
            for (var i = 0; i < parts.Length; i++)
            {
                var (part, labelText, width, _) = parts[i];
                var partId = NhsForms.DatePartId(Id, part);
                var item = new TagBuilder("div");
                item.AddCssClass("nhsuk-date-input__item");
                var group = new TagBuilder("div");
                group.AddCssClass("nhsuk-form-group");
                if (PartHasError(i))
                {
                    group.AddCssClass("nhsuk-form-group--error");
                }
                var label = new TagBuilder("label");
                label.AddCssClass("nhsuk-label");
                label.AddCssClass("nhsuk-date-input__label");
                label.Attributes["for"] = partId;
                label.InnerHtml.Append(labelText);

                var input = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
                input.AddCssClass("nhsuk-input");
                input.AddCssClass("nhsuk-date-input__input");
                input.AddCssClass("nhsuk-input--width-" + (width == 4 ? "4" : "2"));
                if (PartHasError(i))
                {
                    input.AddCssClass("nhsuk-input--error");
                }
                input.Attributes["id"] = partId;
                input.Attributes["name"] = ModelNames.CreatePropertyModelName(FullName, part);
                input.Attributes["type"] = "text";
                input.Attributes["inputmode"] = "numeric";
                if (!string.IsNullOrEmpty(values[i]))
                {
                    input.Attributes["value"] = values[i];
                }
                group.InnerHtml.AppendHtml(label);
                group.InnerHtml.AppendHtml(input);
                item.InnerHtml.AppendHtml(group);
                dateInput.InnerHtml.AppendHtml(item);
            }
            fieldset.InnerHtml.AppendHtml(dateInput);
            html.AppendHtml(fieldset);
        });
    }
}
