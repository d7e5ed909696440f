using Microsoft.AspNetCore.Authorization;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.CarePlans.Pages;

[Authorize(Policy = Policies.PersonRecords)]
internal sealed class UnlockModel(CarePlanner planner, OneToOneDb db) : PlanStepModel(planner, db)
{
    public override string Heading => "Unlock the plan";

    public override string Explanation => "Unlocking lets the plan be changed again.";

    public override string Button => "Unlock the plan";

    protected override async Task<(PlanChange Change, string Success)> RunAsync(CarePlan plan, Guid version, CancellationToken ct) =>
        (await Planner.SetLockedAsync(plan, version, locked: false, ct), "Plan unlocked");
}
