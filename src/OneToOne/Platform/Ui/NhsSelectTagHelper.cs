using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace OneToOne.Platform.Ui;

/// <summary>
/// <c>&lt;nhs-select asp-for="Input.TeamId" label="..." hint="..." asp-items="Model.Teams" placeholder="Choose a team" /&gt;</c>.
/// Without asp-items an enum property lists its values. A placeholder adds a first option with an empty value.
/// </summary>
[HtmlTargetElement("nhs-select", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsSelectTagHelper : NhsFieldTagHelper
{
    [HtmlAttributeName("label")]
    public string? Label { get; set; }

    [HtmlAttributeName("asp-items")]
    public IEnumerable<SelectListItem>? Items { get; set; }

    [HtmlAttributeName("placeholder")]
    public string? Placeholder { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var extra = PassThrough(output);
        RenderFormGroup(output, html =>
        {
            html.AppendHtml(LabelElement(DisplayName(Label), Id));
            AppendHint(html);
            AppendErrors(html);

            var select = new TagBuilder("select");
            select.AddCssClass("nhsuk-select");
            if (HasError)
            {
                select.AddCssClass("nhsuk-select--error");
            }
            select.Attributes["id"] = Id;
            select.Attributes["name"] = FullName;
            if (DescribedBy() is { } describedBy)
            {
                select.Attributes["aria-describedby"] = describedBy;
            }
            CopyAttributes(extra, select);

            var current = CurrentValues();
            if (Placeholder is not null)
            {
                select.InnerHtml.AppendHtml(Option(new SelectListItem(Placeholder, ""), current));
            }
            foreach (var item in ItemsOrEnumValues(Items))
            {
                select.InnerHtml.AppendHtml(Option(item, current));
            }
            html.AppendHtml(select);
        });
    }

    private static TagBuilder Option(SelectListItem item, HashSet<string> current)
    {
        var option = new TagBuilder("option");
        option.Attributes["value"] = item.Value ?? item.Text;
        var selected = current.Count == 0 ? item.Selected : current.Contains(item.Value ?? item.Text);
        if (selected)
        {
            option.Attributes["selected"] = "selected";
        }
        if (item.Disabled)
        {
            option.Attributes["disabled"] = "disabled";
        }
        option.InnerHtml.Append(item.Text);
        return option;
    }
}
