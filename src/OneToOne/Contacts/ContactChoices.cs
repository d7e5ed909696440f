using Microsoft.AspNetCore.Mvc.Rendering;
using OneToOne.Assessments;

namespace OneToOne.Contacts;

/// <summary>Form choices for contacts and group sessions.</summary>
internal static class ContactChoices
{
    public static IEnumerable<SelectListItem> Modes() =>
        ContactRules.LoggableModes.Select(m => new SelectListItem(ContactRules.ModeText(m), m.ToString()));

    public static IEnumerable<SelectListItem> Domains() =>
        ConcernCatalogue.Domains.Select(d => new SelectListItem(d.Name, d.Code));

    public static IEnumerable<SelectListItem> Kinds() =>
        Enum.GetValues<GroupSessionKind>().Select(k => new SelectListItem(ContactRules.KindText(k), k.ToString()));

    public static string DomainList(IEnumerable<string> codes) => string.Join(", ", codes.Select(ConcernCatalogue.DomainName));

    /// <summary>A return address only if it stays on this site; anything else goes to the caseload.</summary>
    public static string SafeReturnUrl(string? returnUrl, Func<string?, bool> isLocal) =>
        !string.IsNullOrEmpty(returnUrl) && isLocal(returnUrl) ? returnUrl : "/caseload";
}
