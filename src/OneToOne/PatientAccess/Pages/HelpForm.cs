using Microsoft.AspNetCore.Mvc.Rendering;
using OneToOne.People;

namespace OneToOne.PatientAccess.Pages;

/// <summary>Choices and defaults shared by the person's "Ask for help" page and staff logging a phone call.</summary>
internal static class HelpForm
{
    public static List<SelectListItem> YesNo { get; } = [new("Yes", "yes"), new("No", "no")];

    public static List<SelectListItem> ContactMethods { get; } =
        [.. Enum.GetValues<HelpContactMethod>().Select(m => new SelectListItem(HelpRequestRules.ContactText(m), m.ToString()))];

    /// <summary>Starts the form from what the record says about how the person likes to be contacted.</summary>
    public static HelpRequestInput Defaults(Person person)
    {
        var method = person.PreferredContactMethod switch
        {
            ContactMethod.Email when !string.IsNullOrWhiteSpace(person.Email) => HelpContactMethod.Email,
            ContactMethod.Text when PersonAccessRules.NormaliseMobile(person.Phone) is not null => HelpContactMethod.Text,
            _ when !string.IsNullOrWhiteSpace(person.Phone) => HelpContactMethod.Phone,
            _ when !string.IsNullOrWhiteSpace(person.Email) => HelpContactMethod.Email,
            _ => (HelpContactMethod?)null,
        };
        return new HelpRequestInput
        {
            ContactMethod = method,
            ContactDetail = method == HelpContactMethod.Email ? person.Email : method is null ? null : person.Phone,
        };
    }
}
