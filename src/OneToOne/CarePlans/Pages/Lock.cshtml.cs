using Microsoft.AspNetCore.Authorization;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.CarePlans.Pages;

[Authorize(Policy = Policies.PersonRecords)]
internal sealed class LockModel(CarePlanner planner, OneToOneDb db) : PlanStepModel(planner, db)
{
    public override string Heading => "Lock the plan";

    public override string Explanation => "A locked plan cannot be changed until it is unlocked.";

    public override string Button => "Lock the plan";

    protected override async Task<(PlanChange Change, string Success)> RunAsync(CarePlan plan, Guid version, CancellationToken ct) =>
        (await Planner.SetLockedAsync(plan, version, locked: true, ct), "Plan locked");
}
