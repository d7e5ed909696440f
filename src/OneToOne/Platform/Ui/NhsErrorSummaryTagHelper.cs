using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace OneToOne.Platform.Ui;

/// <summary>
/// <c>&lt;nhs-error-summary /&gt;</c>: the NHS.UK error summary, one link per ModelState error to the field it
/// belongs to (the day input for dates), in the order of the model's properties. Renders nothing when there are
/// no errors. Put it first in the form column. Public: Razor only discovers public tag helpers.
/// </summary>
[HtmlTargetElement("nhs-error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed partial class NhsErrorSummaryTagHelper : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var modelState = ViewContext.ViewData.ModelState;
        var errors = modelState
            .Where(e => e.Value is { Errors.Count: > 0 })
            .Select(e => (Key: e.Key, Message: NhsForms.MessageOf(e.Value!.Errors[0])))
            .ToList();
        // ModelState does not keep form order; the model's property order is the order of the fields.
        var order = PropertyOrder(ViewContext.ViewData.ModelMetadata);
        errors = [.. errors.OrderBy(e => order.TryGetValue(Unindexed(e.Key), out var i) ? i : int.MaxValue)];
        if (errors.Count == 0)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "nhsuk-error-summary");
        output.Attributes.SetAttribute("data-module", "nhsuk-error-summary");
        // Focus target when the page loads (the NHS.UK script focuses it; tabindex makes that possible).
        output.Attributes.SetAttribute("tabindex", "-1");

        var alert = new TagBuilder("div");
        alert.Attributes["role"] = "alert";
        var heading = new TagBuilder("h2");
        heading.AddCssClass("nhsuk-error-summary__heading");
        heading.InnerHtml.Append("There is a problem");
        var body = new TagBuilder("div");
        body.AddCssClass("nhsuk-error-summary__body");
        var list = new TagBuilder("ul");
        list.AddCssClass("nhsuk-list");
        list.AddCssClass("nhsuk-error-summary__list");
        foreach (var (key, message) in errors)
        {
            var li = new TagBuilder("li");
            if (string.IsNullOrEmpty(key))
            {
                // A form-level error has no field to link to.
                li.InnerHtml.Append(message);
            }
            else
            {
                var a = new TagBuilder("a");
                a.Attributes["href"] = "#" + TargetId(modelState, key);
                a.InnerHtml.Append(message);
                li.InnerHtml.AppendHtml(a);
            }
            list.InnerHtml.AppendHtml(li);
        }
        body.InnerHtml.AppendHtml(list);
        alert.InnerHtml.AppendHtml(heading);
        alert.InnerHtml.AppendHtml(body);
        output.Content.SetHtmlContent(alert);
    }

    /// <summary>Property paths ("Input.NhsNumber") in declaration (or [Display(Order)]) order.</summary>
    private static Dictionary<string, int> PropertyOrder(ModelMetadata? root)
    {
        var order = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        void Walk(ModelMetadata metadata, string prefix, int depth)
        {
            foreach (var property in metadata.Properties)
            {
                var path = ModelNames.CreatePropertyModelName(prefix, property.PropertyName);
                order.TryAdd(path, order.Count);
                // Only our own input models: a page model also exposes HttpContext, User and the like.
                if (depth < 3 && property.IsComplexType && !property.IsEnumerableType
                    && property.ModelType.Assembly == typeof(NhsForms).Assembly)
                {
                    Walk(property, path, depth + 1);
                }
            }
        }
        if (root is not null)
        {
            Walk(root, "", 0);
        }
        return order;
    }

    private static string Unindexed(string key) => IndexPattern().Replace(key, "");

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex IndexPattern();

    private static string TargetId(ModelStateDictionary modelState, string key)
    {
        var id = NhsForms.IdFor(key);
        // Date inputs leave their parts in ModelState (see DateOnlyPartsModelBinder); link to the day.
        return modelState.ContainsKey(ModelNames.CreatePropertyModelName(key, NhsForms.DayPart))
            ? NhsForms.DatePartId(id, NhsForms.DayPart)
            : id;
    }
}
