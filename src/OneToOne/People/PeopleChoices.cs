using System.Text.Json;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace OneToOne.People;

/// <summary>Readable labels for the person form's choices, and the mapping of rule errors onto form fields and JSON paths.</summary>
internal static class PeopleChoices
{
    public static readonly IReadOnlyList<(Sex Value, string Text)> Sexes =
    [
        (Sex.Female, "Female"),
        (Sex.Male, "Male"),
        (Sex.NotKnown, "Not known"),
        (Sex.NotSpecified, "Not specified"),
    ];

    public static readonly IReadOnlyList<(ContactMethod Value, string Text)> ContactMethods =
    [
        (ContactMethod.Phone, "Phone call"),
        (ContactMethod.Text, "Text message"),
        (ContactMethod.Email, "Email"),
        (ContactMethod.Letter, "Letter"),
    ];

    public static string SexText(Sex s) => Sexes.FirstOrDefault(x => x.Value == s).Text ?? s.ToString();

    public static string ContactText(ContactMethod c) => ContactMethods.FirstOrDefault(x => x.Value == c).Text ?? c.ToString();

    public static IEnumerable<SelectListItem> SexItems() => Sexes.Select(s => new SelectListItem(s.Text, s.Value.ToString()));

    public static IEnumerable<SelectListItem> ContactItems() => ContactMethods.Select(s => new SelectListItem(s.Text, s.Value.ToString()));

    public static IEnumerable<SelectListItem> TumourSiteItems() => TumourSites.All.Select(s => new SelectListItem(s.Name, s.Code));

    public static IEnumerable<SelectListItem> EthnicityItems() => Ethnicities.All.Select(e => new SelectListItem(e.Name, e.Code));

    public static IEnumerable<SelectListItem> YesNo() => [new("Yes", "True"), new("No", "False")];

    /// <summary>Adds rule errors to ModelState under <paramref name="prefix"/> + field, unless binding already
    /// reported that field (an impossible date says so better than "enter the date").</summary>
    public static void AddTo(ModelStateDictionary modelState, IEnumerable<FieldError> errors, string prefix)
    {
        foreach (var e in errors)
        {
            var key = e.Field.Length == 0 ? "" : prefix + e.Field;
            if (key.Length > 0 && modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
            {
                continue;
            }

            modelState.AddModelError(key, e.Message);
        }
    }

    /// <summary>"Person.NhsNumber" -> "person.nhsNumber": the JSON path of the field in an API body.</summary>
    public static string JsonPath(string field) =>
        string.Join('.', field.Split('.').Select(part => JsonNamingPolicy.CamelCase.ConvertName(part)));

    public static Dictionary<string, string[]> ToValidationErrors(IEnumerable<FieldError> errors) =>
        errors.GroupBy(e => JsonPath(e.Field), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
}
