using Microsoft.AspNetCore.Authorization;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.CarePlans.Pages;

[Authorize(Policy = Policies.PersonRecords)]
internal sealed class ReviewModel(CarePlanner planner, OneToOneDb db) : PlanStepModel(planner, db)
{
    public override string Heading => "Mark the plan as reviewed";

    public override string Explanation => "Record that the agreed plan has been reviewed with the person.";

    public override string Button => "Mark as reviewed";

    protected override async Task<(PlanChange Change, string Success)> RunAsync(CarePlan plan, Guid version, CancellationToken ct) =>
        (await Planner.ReviewAsync(plan, version, ct), "Plan marked as reviewed");
}
