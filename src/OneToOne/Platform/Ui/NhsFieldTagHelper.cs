using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace OneToOne.Platform.Ui;

/// <summary>
/// What every NHS.UK form field shares: the bound expression, its name and id (the same ones
/// <c>asp-for</c> generates, so the error summary can link to them), label or legend text,
/// hint, and the error state read from ModelState.
/// Tag helpers are public (not internal sealed as elsewhere) because Razor only discovers public ones,
/// even within the same assembly.
/// </summary>
public abstract class NhsFieldTagHelper : TagHelper
{
    /// <summary>Names the tag helper attributes that are not passed through to the control.</summary>
    private protected static readonly HashSet<string> OwnAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "asp-for", "asp-items", "label", "legend", "hint", "width", "type", "autocomplete", "rows",
        "inline", "size", "page-heading", "placeholder",
    };

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = default!;

    [HtmlAttributeName("hint")]
    public string? Hint { get; set; }

    /// <summary>Label or legend size: s, m, l or xl. None gives body-size text.</summary>
    [HtmlAttributeName("size")]
    public string? Size { get; set; }

    /// <summary>Wraps the label or legend in an h1, for pages that ask one question.</summary>
    [HtmlAttributeName("page-heading")]
    public bool IsPageHeading { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    private protected string FullName => NhsForms.FullName(ViewContext, For.Name);

    private protected string Id => NhsForms.IdFor(FullName);

    private protected string HintId => Id + "-hint";

    private protected string ErrorId => Id + "-error";

    private protected string DisplayName(string? explicitText) =>
        explicitText ?? For.Metadata.DisplayName ?? For.Metadata.PropertyName ?? For.Name;

    private protected IReadOnlyList<string> Errors
    {
        get
        {
            if (!ViewContext.ViewData.ModelState.TryGetValue(FullName, out var entry) || entry.Errors.Count == 0)
            {
                return [];
            }
            return [.. entry.Errors.Select(NhsForms.MessageOf)];
        }
    }

    private protected bool HasError => Errors.Count > 0;

    /// <summary>The posted value when re-displaying a form, otherwise the model's value.</summary>
    private protected string? CurrentValue()
    {
        if (ViewContext.ViewData.ModelState.TryGetValue(FullName, out var entry) && entry.AttemptedValue is not null)
        {
            return entry.AttemptedValue;
        }
        return For.Model switch
        {
            null => null,
            IFormattable f => f.ToString(null, CultureInfo.CurrentCulture),
            var other => other.ToString(),
        };
    }

    /// <summary>The posted or model values of a radio or checkbox group; enums match by name or number.</summary>
    private protected HashSet<string> CurrentValues()
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        if (ViewContext.ViewData.ModelState.TryGetValue(FullName, out var entry) && entry.RawValue is not null)
        {
            switch (entry.RawValue)
            {
                case string s: values.Add(s); break;
                case IEnumerable<string> many: values.UnionWith(many.Where(v => v is not null)); break;
                default: values.Add(Convert.ToString(entry.RawValue, CultureInfo.InvariantCulture) ?? ""); break;
            }
            return values;
        }
        var model = For.Model;
        IEnumerable<object?> items = model is System.Collections.IEnumerable list and not string
            ? list.Cast<object?>()
            : [model];
        foreach (var item in items)
        {
            switch (item)
            {
                case null: break;
                case Enum e:
                    values.Add(e.ToString());
                    values.Add(Convert.ToInt64(e, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                    break;
                case IFormattable f: values.Add(f.ToString(null, CultureInfo.CurrentCulture)); break;
                default: values.Add(item.ToString() ?? ""); break;
            }
        }
        return values;
    }

    /// <summary>Items from asp-items, or the enum's values (with any [Display] names) when none are given.</summary>
    private protected IEnumerable<SelectListItem> ItemsOrEnumValues(IEnumerable<SelectListItem>? items)
    {
        if (items is not null)
        {
            return items;
        }
        var metadata = For.Metadata.ElementMetadata ?? For.Metadata;
        if (metadata.IsEnum && metadata.EnumGroupedDisplayNamesAndValues is { } pairs)
        {
            return pairs.Select(p => new SelectListItem(p.Key.Name, p.Value));
        }
        return [];
    }

    private protected void AppendHint(TagHelperContent html)
    {
        if (!string.IsNullOrWhiteSpace(Hint))
        {
            var hint = new TagBuilder("div");
            hint.AddCssClass("nhsuk-hint");
            hint.Attributes["id"] = HintId;
            hint.InnerHtml.Append(Hint);
            html.AppendHtml(hint);
        }
    }

    private protected void AppendErrors(TagHelperContent html)
    {
        // One message per field is the pattern; the first is the one to fix first.
        if (Errors.Count > 0)
        {
            html.AppendHtml(NhsForms.ErrorMessage(ErrorId, Errors[0]));
        }
    }

    /// <summary>Ids for aria-describedby: the hint and the error, when present.</summary>
    private protected string? DescribedBy(string? existing = null)
    {
        var ids = new List<string>();
        if (!string.IsNullOrWhiteSpace(existing))
        {
            ids.Add(existing);
        }
        if (!string.IsNullOrWhiteSpace(Hint))
        {
            ids.Add(HintId);
        }
        if (HasError)
        {
            ids.Add(ErrorId);
        }
        return ids.Count == 0 ? null : string.Join(' ', ids);
    }

    private protected IHtmlContent LabelElement(string text, string forId)
    {
        var label = new TagBuilder("label");
        label.AddCssClass("nhsuk-label");
        if (!string.IsNullOrWhiteSpace(Size))
        {
            label.AddCssClass("nhsuk-label--" + Size);
        }
        label.Attributes["for"] = forId;
        label.InnerHtml.Append(text);
        if (!IsPageHeading)
        {
            return label;
        }
        var heading = new TagBuilder("h1");
        heading.AddCssClass("nhsuk-label-wrapper");
        heading.InnerHtml.AppendHtml(label);
        return heading;
    }

    private protected TagBuilder Fieldset(string legendText, string? role = null)
    {
        var fieldset = new TagBuilder("fieldset");
        fieldset.AddCssClass("nhsuk-fieldset");
        if (role is not null)
        {
            fieldset.Attributes["role"] = role;
        }
        if (DescribedBy() is { } describedBy)
        {
            fieldset.Attributes["aria-describedby"] = describedBy;
        }
        var legend = new TagBuilder("legend");
        legend.AddCssClass("nhsuk-fieldset__legend");
        if (!string.IsNullOrWhiteSpace(Size))
        {
            legend.AddCssClass("nhsuk-fieldset__legend--" + Size);
        }
        if (IsPageHeading)
        {
            var heading = new TagBuilder("h1");
            heading.AddCssClass("nhsuk-fieldset__heading");
            heading.InnerHtml.Append(legendText);
            legend.InnerHtml.AppendHtml(heading);
        }
        else
        {
            legend.InnerHtml.Append(legendText);
        }
        fieldset.InnerHtml.AppendHtml(legend);
        return fieldset;
    }

    /// <summary>Replaces the custom element with a form group holding <paramref name="content"/>.</summary>
    private protected void RenderFormGroup(TagHelperOutput output, Action<TagHelperContent> content)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        var extraClass = output.Attributes.TryGetAttribute("class", out var cls) ? cls.Value?.ToString() : null;
        output.Attributes.Clear();
        output.Attributes.SetAttribute("class",
            "nhsuk-form-group" + (HasError ? " nhsuk-form-group--error" : "") + (extraClass is null ? "" : " " + extraClass));
        output.Content.Clear();
        content(output.Content);
    }

    /// <summary>Attributes written on the element that this tag helper does not own (spellcheck, inputmode...).</summary>
    private protected static IEnumerable<TagHelperAttribute> PassThrough(TagHelperOutput output) =>
        output.Attributes.Where(a => !OwnAttributes.Contains(a.Name)
            && !string.Equals(a.Name, "class", StringComparison.OrdinalIgnoreCase)).ToList();

    private protected static void CopyAttributes(IEnumerable<TagHelperAttribute> attributes, TagBuilder target)
    {
        foreach (var attribute in attributes)
        {
            target.MergeAttribute(attribute.Name, attribute.Value?.ToString() ?? "", replaceExisting: true);
        }
    }
}
