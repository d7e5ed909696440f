using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace OneToOne.Platform.Ui;

/// <summary><c>&lt;nhs-textarea asp-for="Input.Notes" label="..." hint="..." rows="5" /&gt;</c></summary>
[HtmlTargetElement("nhs-textarea", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsTextareaTagHelper : NhsFieldTagHelper
{
    [HtmlAttributeName("label")]
    public string? Label { get; set; }

    [HtmlAttributeName("rows")]
    public int Rows { get; set; } = 5;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var extra = PassThrough(output);
        RenderFormGroup(output, html =>
        {
            html.AppendHtml(LabelElement(DisplayName(Label), Id));
            AppendHint(html);
            AppendErrors(html);

            var textarea = new TagBuilder("textarea");
            textarea.AddCssClass("nhsuk-textarea");
            if (HasError)
            {
                textarea.AddCssClass("nhsuk-textarea--error");
            }
            textarea.Attributes["id"] = Id;
            textarea.Attributes["name"] = FullName;
            textarea.Attributes["rows"] = Rows.ToString(CultureInfo.InvariantCulture);
            if (DescribedBy() is { } describedBy)
            {
                textarea.Attributes["aria-describedby"] = describedBy;
            }
            CopyAttributes(extra, textarea);
            // A leading newline in a textarea is swallowed by HTML parsers; keep the user's text intact.
            textarea.InnerHtml.AppendHtml(Environment.NewLine);
            textarea.InnerHtml.Append(CurrentValue() ?? "");
            html.AppendHtml(textarea);
        });
    }
}
