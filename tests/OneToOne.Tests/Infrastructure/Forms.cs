using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace OneToOne.Tests.Infrastructure;

/// <summary>Drives pages the way a browser does: GET the page, keep its hidden fields (antiforgery
/// token, row versions), fill the named fields, POST to the form's action.</summary>
public static class Forms
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {url} answered {(int)response.StatusCode}");
        }

        return await Parser.ParseDocumentAsync(html);
    }

    public static async Task<IHtmlDocument> ParseAsync(this HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>Submits the form on <paramref name="url"/> (the first POST form, or the one matching
    /// <paramref name="formSelector"/>) with <paramref name="values"/> overriding its fields.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string url,
        Dictionary<string, string> values, string? formSelector = null, string? submitName = null)
    {
        var page = await client.GetPageAsync(url);
        var form = (formSelector is null
            ? page.Forms.FirstOrDefault(f => string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase) && !IsSignOut(f))
            : page.QuerySelector(formSelector) as IHtmlFormElement)
            ?? throw new InvalidOperationException($"No form on {url}");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>())
        {
            if (string.IsNullOrEmpty(input.Name) || values.ContainsKey(input.Name) || input.Type is "submit")
            {
                continue;
            }

            if (input.Type is "checkbox" or "radio")
            {
                if (input.IsChecked)
                {
                    fields.Add(new(input.Name, input.Value ?? "on"));
                }

                continue;
            }

            fields.Add(new(input.Name, input.Value ?? ""));
        }

        foreach (var select in form.Elements.OfType<IHtmlSelectElement>().Where(s => !string.IsNullOrEmpty(s.Name) && !values.ContainsKey(s.Name!)))
        {
            fields.Add(new(select.Name!, select.Value ?? ""));
        }

        foreach (var area in form.Elements.OfType<IHtmlTextAreaElement>().Where(s => !string.IsNullOrEmpty(s.Name) && !values.ContainsKey(s.Name!)))
        {
            fields.Add(new(area.Name!, area.Value ?? ""));
        }

        foreach (var (name, value) in values)
        {
            // A multi-valued field (checkboxes) is passed as "a|b|c".
            foreach (var v in name.EndsWith("[]", StringComparison.Ordinal) ? value.Split('|') : [value])
            {
                fields.Add(new(name.TrimEnd('[', ']'), v));
            }
        }

        if (submitName is not null)
        {
            fields.Add(new(submitName, ""));
        }

        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!;
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>The messages in the NHS error summary, if the page shows one.</summary>
    public static async Task<IReadOnlyList<string>> ErrorSummaryAsync(this HttpResponseMessage response)
    {
        var page = await response.ParseAsync();
        return page.QuerySelectorAll(".nhsuk-error-summary__list a").Select(a => a.TextContent.Trim()).ToList();
    }

    private static bool IsSignOut(IHtmlFormElement f) =>
        (f.GetAttribute("action") ?? "").Contains("sign-out", StringComparison.Ordinal);
}
