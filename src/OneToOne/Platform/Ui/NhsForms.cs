using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace OneToOne.Platform.Ui;

/// <summary>Naming and markup shared by the form tag helpers and the error summary.</summary>
internal static class NhsForms
{
    public const string DayPart = "Day";
    public const string MonthPart = "Month";
    public const string YearPart = "Year";

    public static string FullName(ViewContext viewContext, string expression) =>
        viewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(expression);

    /// <summary>The id <c>asp-for</c> would give the field: <c>Input.NhsNumber</c> becomes <c>Input_NhsNumber</c>.</summary>
    public static string IdFor(string fullName) => TagBuilder.CreateSanitizedId(fullName, "_");

    /// <summary>Date inputs follow the NHS.UK convention of <c>{id}-day</c>, <c>{id}-month</c>, <c>{id}-year</c>.</summary>
    public static string DatePartId(string fieldId, string part) => fieldId + "-" + part.ToLowerInvariant();

    public static string MessageOf(ModelError error) =>
        string.IsNullOrEmpty(error.ErrorMessage) ? "Enter a valid value" : error.ErrorMessage;

    public static IHtmlContent ErrorMessage(string id, string message)
    {
        var span = new TagBuilder("span");
        span.AddCssClass("nhsuk-error-message");
        span.Attributes["id"] = id;
        var hidden = new TagBuilder("span");
        hidden.AddCssClass("nhsuk-u-visually-hidden");
        hidden.InnerHtml.Append("Error:");
        span.InnerHtml.AppendHtml(hidden);
        span.InnerHtml.Append(" " + message);
        return span;
    }
}
