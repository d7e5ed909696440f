using Microsoft.AspNetCore.Authorization;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;

namespace OneToOne.CarePlans.Pages;

/// <summary>A letter to the person's GP summarising the plan: only when the person has agreed to share with their GP.</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class GpLetterModel(CarePlanner planner, AuditTrail audit) : PlanDocumentModel(planner, audit)
{
    public const string NoConsent = "The person has not agreed to share with their GP";

    protected override string AuditDetail => "care plan GP letter";
}
