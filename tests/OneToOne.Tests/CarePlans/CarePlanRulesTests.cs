using OneToOne.CarePlans;

namespace OneToOne.Tests.CarePlans;

public sealed class CarePlanRulesTests
{
    private static readonly DateOnly Today = new(2027, 1, 6);

    private static CarePlanRules.ActionInput Valid() => new("Apply for PIP", ActionOwnerKind.Person, null, null, Today);

    [Fact]
    public void A_complete_action_due_today_is_valid() => Assert.Empty(CarePlanRules.CheckAction(Valid(), Today));

    [Fact]
    public void An_action_with_no_owner_is_refused_with_choose_who_will_do_this()
    {
        var errors = CarePlanRules.CheckAction(Valid() with { OwnerKind = null }, Today);
        var e = Assert.Single(errors);
        Assert.Equal(("OwnerKind", "Choose who will do this"), (e.Field, e.Message));
    }

    [Fact]
    public void An_action_due_in_the_past_is_refused()
    {
        var e = Assert.Single(CarePlanRules.CheckAction(Valid() with { DueOn = Today.AddDays(-1) }, Today));
        Assert.Equal(("DueOn", "The due date must be today or in the future"), (e.Field, e.Message));
    }

    [Fact]
    public void An_action_needs_a_description_and_a_due_date()
    {
        var errors = CarePlanRules.CheckAction(Valid() with { Description = " ", DueOn = null }, Today);
        Assert.Equal(["Description", "DueOn"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Another_professional_needs_a_name_and_a_service_needs_a_service()
    {
        Assert.Equal("OwnerName", Assert.Single(CarePlanRules.CheckAction(Valid() with { OwnerKind = ActionOwnerKind.OtherProfessional }, Today)).Field);
        Assert.Empty(CarePlanRules.CheckAction(Valid() with { OwnerKind = ActionOwnerKind.OtherProfessional, OwnerName = "Dr Patel, dietitian" }, Today));
        Assert.Equal("ServiceId", Assert.Single(CarePlanRules.CheckAction(Valid() with { OwnerKind = ActionOwnerKind.Service }, Today)).Field);
        Assert.Empty(CarePlanRules.CheckAction(Valid() with { OwnerKind = ActionOwnerKind.KeyWorker }, Today));
    }

    [Fact]
    public void A_plan_can_be_agreed_only_with_a_concern_that_has_a_goal_and_an_action()
    {
        var plan = new CarePlan();
        Assert.Equal(CarePlanRules.NotReadyToAgree, CarePlanRules.CheckCanAgree(plan, [("Feel less worried about money", 0)]));
        Assert.Equal(CarePlanRules.NotReadyToAgree, CarePlanRules.CheckCanAgree(plan, [(null, 2)]));
        Assert.Equal(CarePlanRules.NotReadyToAgree, CarePlanRules.CheckCanAgree(plan, []));
        Assert.Null(CarePlanRules.CheckCanAgree(plan, [(null, 1), ("Feel less worried about money", 1)]));
    }

    [Fact]
    public void Only_an_agreed_plan_can_be_reviewed()
    {
        Assert.Equal(CarePlanRules.NotAgreed, CarePlanRules.CheckCanReview(new CarePlan { Status = CarePlanStatus.Draft }));
        Assert.Null(CarePlanRules.CheckCanReview(new CarePlan { Status = CarePlanStatus.Agreed }));
    }

    [Theory]
    [InlineData(CarePlanStatus.Agreed)]
    [InlineData(CarePlanStatus.Reviewed)]
    [InlineData(CarePlanStatus.Draft)]
    public void Any_change_makes_the_plan_a_draft_until_agreed_again(CarePlanStatus status)
    {
        var plan = new CarePlan { Status = status };
        var now = new DateTimeOffset(2027, 1, 6, 12, 0, 0, TimeSpan.Zero);
        CarePlanRules.Changed(plan, now);
        Assert.Equal(CarePlanStatus.Draft, plan.Status);
        Assert.Equal(now, plan.UpdatedAt);
    }

    [Fact]
    public void A_locked_plan_refuses_changes_agreement_and_review()
    {
        var plan = new CarePlan { Locked = true, Status = CarePlanStatus.Agreed };
        Assert.Equal("This plan is locked. Unlock it to make changes.", CarePlanRules.CheckCanChange(plan));
        Assert.Equal(CarePlanRules.LockedMessage, CarePlanRules.CheckCanAgree(plan, [("Goal", 1)]));
        Assert.Equal(CarePlanRules.LockedMessage, CarePlanRules.CheckCanReview(plan));
        Assert.Null(CarePlanRules.CheckCanChange(new CarePlan()));
    }
}
