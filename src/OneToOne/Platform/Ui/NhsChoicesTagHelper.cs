using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace OneToOne.Platform.Ui;

/// <summary>Radios and checkboxes: a fieldset with a legend, one input per item, all with the same name.</summary>
public abstract class NhsChoicesTagHelper : NhsFieldTagHelper
{
    [HtmlAttributeName("legend")]
    public string? Legend { get; set; }

    [HtmlAttributeName("asp-items")]
    public IEnumerable<SelectListItem>? Items { get; set; }

    [HtmlAttributeName("inline")]
    public bool Inline { get; set; }

    private protected abstract string Kind { get; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        RenderFormGroup(output, html =>
        {
            var fieldset = Fieldset(DisplayName(Legend));
            var inner = new DefaultTagHelperContent();
            AppendHint(inner);
            AppendErrors(inner);
            fieldset.InnerHtml.AppendHtml(inner);

            var group = new TagBuilder("div");
            group.AddCssClass("nhsuk-" + Kind);
            if (Inline)
            {
                group.AddCssClass("nhsuk-" + Kind + "--inline");
            }
            group.Attributes["data-module"] = "nhsuk-" + Kind;

            var current = CurrentValues();
            var index = 0;
            foreach (var item in ItemsOrEnumValues(Items))
            {
                index++;
                // NHS.UK convention: the first item takes the field's id (the error summary links there), then id-2, id-3...
                var itemId = index == 1 ? Id : $"{Id}-{index}";
                var value = item.Value ?? item.Text;

                var wrapper = new TagBuilder("div");
                wrapper.AddCssClass("nhsuk-" + Kind + "__item");

                var input = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
                input.AddCssClass("nhsuk-" + Kind + "__input");
                input.Attributes["id"] = itemId;
                input.Attributes["name"] = FullName;
                input.Attributes["type"] = Kind == "radios" ? "radio" : "checkbox";
                input.Attributes["value"] = value;
                if (current.Count == 0 ? item.Selected : current.Contains(value))
                {
                    input.Attributes["checked"] = "checked";
                }
                if (item.Disabled)
                {
                    input.Attributes["disabled"] = "disabled";
                }

                var label = new TagBuilder("label");
                label.AddCssClass("nhsuk-label");
                label.AddCssClass("nhsuk-" + Kind + "__label");
                label.Attributes["for"] = itemId;
                label.InnerHtml.Append(item.Text);

                wrapper.InnerHtml.AppendHtml(input);
                wrapper.InnerHtml.AppendHtml(label);
                group.InnerHtml.AppendHtml(wrapper);
            }
            fieldset.InnerHtml.AppendHtml(group);
            html.AppendHtml(fieldset);
        });
    }
}

/// <summary><c>&lt;nhs-radios asp-for="Input.Level" legend="..." hint="..." asp-items="..." inline="false" /&gt;</c></summary>
[HtmlTargetElement("nhs-radios", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsRadiosTagHelper : NhsChoicesTagHelper
{
    private protected override string Kind => "radios";
}

/// <summary>
/// <c>&lt;nhs-checkboxes asp-for="Input.Needs" legend="..." hint="..." asp-items="..." /&gt;</c> for a collection
/// property (List&lt;string&gt;, List&lt;TEnum&gt;...): every checked box posts the same name.
/// </summary>
[HtmlTargetElement("nhs-checkboxes", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsCheckboxesTagHelper : NhsChoicesTagHelper
{
    private protected override string Kind => "checkboxes";
}
