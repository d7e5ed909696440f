using Microsoft.AspNetCore.Authorization;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;

namespace OneToOne.CarePlans.Pages;

/// <summary>The person's own copy of the plan: plain, no navigation, print-friendly.</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class PrintModel(CarePlanner planner, AuditTrail audit) : PlanDocumentModel(planner, audit)
{
    protected override string AuditDetail => "care plan print";
}
