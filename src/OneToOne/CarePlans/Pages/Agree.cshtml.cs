using Microsoft.AspNetCore.Authorization;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.CarePlans.Pages;

[Authorize(Policy = Policies.PersonRecords)]
internal sealed class AgreeModel(CarePlanner planner, OneToOneDb db) : PlanStepModel(planner, db)
{
    public override string Heading => "Agree the plan";

    public override string Explanation => "Agreeing keeps a copy of the plan as it is now. Any later change makes the plan a draft until it is agreed again.";

    public override string Button => "Agree the plan";

    protected override async Task<(PlanChange Change, string Success)> RunAsync(CarePlan plan, Guid version, CancellationToken ct) =>
        (await Planner.AgreeAsync(plan, version, ct), "Plan agreed");
}
