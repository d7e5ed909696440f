using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using OneToOne.People;
using OneToOne.ServiceDirectory;

namespace OneToOne.CarePlans.Pages;

/// <summary>Choices and helpers shared by the plan pages.</summary>
internal static class PlanPages
{
    public static IEnumerable<SelectListItem> Owners() =>
    [
        new("The person", nameof(ActionOwnerKind.Person)),
        new("Their key worker", nameof(ActionOwnerKind.KeyWorker)),
        new("Another professional", nameof(ActionOwnerKind.OtherProfessional)),
        new("A service from the directory", nameof(ActionOwnerKind.Service)),
    ];

    public static IEnumerable<SelectListItem> Statuses(ActionStatus current) =>
        Enum.GetValues<ActionStatus>().Select(s => new SelectListItem(CarePlanRules.StatusText(s), s.ToString(), s == current));

    public static string StatusText(CarePlanStatus status) => status switch
    {
        CarePlanStatus.Draft => "Draft",
        CarePlanStatus.Agreed => "Agreed with the person",
        _ => "Reviewed",
    };

    public static string StatusTagClass(CarePlanStatus status) => status switch
    {
        CarePlanStatus.Draft => "nhsuk-tag nhsuk-tag--grey",
        CarePlanStatus.Agreed => "nhsuk-tag nhsuk-tag--green",
        _ => "nhsuk-tag nhsuk-tag--blue",
    };

    public static string ReferralTagClass(ServiceReferralStatus status) => status switch
    {
        ServiceReferralStatus.Sent => "nhsuk-tag nhsuk-tag--blue",
        ServiceReferralStatus.Accepted => "nhsuk-tag nhsuk-tag--green",
        ServiceReferralStatus.Declined => "nhsuk-tag nhsuk-tag--orange",
        ServiceReferralStatus.OutcomeRecorded => "nhsuk-tag nhsuk-tag--purple",
        _ => "nhsuk-tag nhsuk-tag--grey",
    };

    public static void AddErrors(ModelStateDictionary modelState, IEnumerable<FieldError> errors, string prefix) =>
        PeopleChoices.AddTo(modelState, errors, prefix);
}
