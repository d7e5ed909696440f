using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace OneToOne.Platform.Ui;

/// <summary>
/// <c>&lt;nhs-input asp-for="Input.NhsNumber" label="NHS number" hint="..." width="10" type="text" autocomplete="off" /&gt;</c>.
/// Other attributes (spellcheck, inputmode, maxlength...) go onto the input.
/// </summary>
[HtmlTargetElement("nhs-input", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsInputTagHelper : NhsFieldTagHelper
{
    private static readonly HashSet<int> Widths = [2, 3, 4, 5, 10, 20, 30];

    [HtmlAttributeName("label")]
    public string? Label { get; set; }

    /// <summary>Characters the field is sized for: 2, 3, 4, 5, 10, 20 or 30. None means full width.</summary>
    [HtmlAttributeName("width")]
    public int? Width { get; set; }

    [HtmlAttributeName("type")]
    public string Type { get; set; } = "text";

    [HtmlAttributeName("autocomplete")]
    public string? Autocomplete { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var extra = PassThrough(output);
        RenderFormGroup(output, html =>
        {
            html.AppendHtml(LabelElement(DisplayName(Label), Id));
            AppendHint(html);
            AppendErrors(html);

            var input = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
            input.AddCssClass("nhsuk-input");
            if (Width is { } width)
            {
                if (!Widths.Contains(width))
                {
                    throw new InvalidOperationException($"nhs-input width must be one of {string.Join(", ", Widths)}.");
                }
                input.AddCssClass("nhsuk-input--width-" + width.ToString(CultureInfo.InvariantCulture));
            }
            if (HasError)
            {
                input.AddCssClass("nhsuk-input--error");
            }
            input.Attributes["id"] = Id;
            input.Attributes["name"] = FullName;
            input.Attributes["type"] = Type;
            if (CurrentValue() is { } value)
            {
                input.Attributes["value"] = value;
            }
            if (!string.IsNullOrWhiteSpace(Autocomplete))
            {
                input.Attributes["autocomplete"] = Autocomplete;
            }
            if (DescribedBy() is { } describedBy)
            {
                input.Attributes["aria-describedby"] = describedBy;
            }
            CopyAttributes(extra, input);
            html.AppendHtml(input);
        });
    }
}
