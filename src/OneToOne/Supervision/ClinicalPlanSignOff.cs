using System.Text.Json;

namespace OneToOne.Supervision;

/// <summary>What a plan waiting for sign-off carries: the plan, its clinical actions, and the plan's version when
/// asked (so an approval of a plan that has changed since can be refused).</summary>
public sealed record ClinicalPlanSignOffPayload(Guid PlanId, IReadOnlyList<Guid> ClinicalActionIds, Guid PlanVersion);

/// <summary>The hook CarePlans calls when a support worker agrees a plan holding an action marked clinical
/// (DOMAIN.md step 9: a plan with a clinical action needs a registered practitioner's approval).
/// <code>
/// if (plan has a clinical action &amp;&amp; signOffs.IsRequired(SignOffKinds.ClinicalPlanAction))
/// {
///     await signOffs.RequestClinicalPlanAsync(plan.Id, plan.PersonId, clinicalActionIds, plan.Version, ct);
///     await db.SaveChangesAsync(ct);   // the request and its sign-off task commit with the caller's changes
///     // tell the worker "Sent to your supervisor for sign-off"; the plan is agreed on approval
/// }
/// </code>
/// CarePlans then registers an <see cref="ISignOffAction"/> with Kind <see cref="SignOffKinds.ClinicalPlanAction"/> whose
/// ApplyAsync reads <see cref="Read"/>, loads the plan, refuses with <see cref="SignOffActionFailedException"/> when its
/// Version differs from <see cref="ClinicalPlanSignOffPayload.PlanVersion"/>, and otherwise agrees it (without saving:
/// the approver's unit of work saves).</summary>
public static class ClinicalPlanSignOff
{
    public const string Summary = "Agree a care and support plan with a clinical action";

    public static Task<SignOffRequest> RequestClinicalPlanAsync(this SignOffs signOffs, Guid planId, Guid personId,
        IReadOnlyList<Guid> clinicalActionIds, Guid planVersion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(signOffs);
        var payload = JsonSerializer.Serialize(new ClinicalPlanSignOffPayload(planId, clinicalActionIds, planVersion));
        return signOffs.RequestAsync(SignOffKinds.ClinicalPlanAction, planId, personId, Summary, payload, ct);
    }

    public static ClinicalPlanSignOffPayload Read(SignOffRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return JsonSerializer.Deserialize<ClinicalPlanSignOffPayload>(request.Payload)
            ?? throw new SignOffActionFailedException("The request does not say which plan to agree.");
    }
}
