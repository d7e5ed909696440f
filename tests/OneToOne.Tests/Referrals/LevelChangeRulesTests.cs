using OneToOne.Allocation;
using OneToOne.Referrals;

namespace OneToOne.Tests.Referrals;

public sealed class LevelChangeRulesTests
{
    private static readonly HashSet<PathwayLevel> SelfManagementOnly = [PathwayLevel.SupportedSelfManagement];
    private static readonly CurrentKeyWorker Worker = new(Guid.NewGuid(), "Sam Worker", "Support worker", SelfManagementOnly);

    private static string[] Fields(ReferralStatus status, PathwayLevel? current, PathwayLevel? level, string? reason) =>
        [.. LevelChangeRules.Check(status, current, PathwayLevel.SupportedSelfManagement, level, reason).Select(e => e.Field)];

    private static RankedCandidate Candidate(Guid id, bool eligible, params string[] exclusions) => new(
        new CandidateStaff(id, "Nia Nurse", "Clinical nurse specialist", new HashSet<PathwayLevel>(), true, 40, 0,
            new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), null),
        eligible, eligible ? 30 : 0, 38, [], exclusions);

    [Fact]
    public void A_change_needs_a_level_different_from_the_current_one_and_a_reason()
    {
        Assert.Empty(Fields(ReferralStatus.Active, PathwayLevel.SupportedSelfManagement, PathwayLevel.SharedCare, "Needs more"));
        Assert.Equal(["Level"], Fields(ReferralStatus.Active, PathwayLevel.SupportedSelfManagement, null, "Needs more"));
        Assert.Equal(["Level"], Fields(ReferralStatus.Active, PathwayLevel.SharedCare, PathwayLevel.SharedCare, "Same"));
        Assert.Equal(["Reason"], Fields(ReferralStatus.Active, PathwayLevel.SharedCare, PathwayLevel.SupportedSelfManagement, "  "));
        Assert.Equal(["Reason"], Fields(ReferralStatus.Allocated, PathwayLevel.SupportedSelfManagement, PathwayLevel.ComplexCaseManagement, new string('x', 2001)));
    }

    [Theory]
    [InlineData(ReferralStatus.Received)]
    [InlineData(ReferralStatus.Declined)]
    [InlineData(ReferralStatus.Discharged)]
    [InlineData(ReferralStatus.Linked)]
    public void Only_an_accepted_allocated_or_active_episode_changes_level(ReferralStatus status)
    {
        var errors = LevelChangeRules.Check(status, PathwayLevel.SupportedSelfManagement, PathwayLevel.SupportedSelfManagement, PathwayLevel.SharedCare, "Why");
        Assert.Equal(LevelChangeRules.NotChangeable, Assert.Single(errors).Message);
    }

    [Theory]
    [InlineData("SharedCare", PathwayLevel.SharedCare)]
    [InlineData("complexcasemanagement", PathwayLevel.ComplexCaseManagement)]
    [InlineData("2", null)]
    [InlineData("Level 4", null)]
    [InlineData("", null)]
    public void Levels_are_read_by_name_only(string value, PathwayLevel? expected) =>
        Assert.Equal(expected, LevelChangeRules.ParseLevel(value));

    [Fact]
    public void A_new_key_worker_is_needed_when_the_current_one_s_role_may_not_carry_the_level()
    {
        var error = LevelChangeRules.CheckHandover(PathwayLevel.SharedCare, Worker, null, null);
        Assert.Equal(LevelChangeRules.HandoverNeeded(Worker, PathwayLevel.SharedCare), error!.Message);
        Assert.Contains("Support worker", error.Message, StringComparison.Ordinal);
        Assert.Null(LevelChangeRules.CheckHandover(PathwayLevel.SupportedSelfManagement, Worker, null, null));
        Assert.Null(LevelChangeRules.CheckHandover(PathwayLevel.SharedCare, null, null, null));
    }

    [Fact]
    public void The_new_key_worker_must_be_someone_else_from_the_list_and_eligible_for_the_level()
    {
        var nurse = Guid.NewGuid();
        Assert.Null(LevelChangeRules.CheckHandover(PathwayLevel.SharedCare, Worker, nurse, Candidate(nurse, true)));
        Assert.Equal(LevelChangeRules.SameKeyWorker, LevelChangeRules.CheckHandover(PathwayLevel.SharedCare, Worker, Worker.Id, Candidate(Worker.Id, false))!.Message);
        Assert.Equal(LevelChangeRules.NotInList, LevelChangeRules.CheckHandover(PathwayLevel.SharedCare, Worker, nurse, null)!.Message);
        Assert.Equal(LevelChangeRules.NoKeyWorkerToHandOverFrom, LevelChangeRules.CheckHandover(PathwayLevel.SharedCare, null, nurse, Candidate(nurse, true))!.Message);
        var refused = LevelChangeRules.CheckHandover(PathwayLevel.SharedCare, Worker, nurse,
            Candidate(nurse, false, "Role (Support worker) may not carry shared care"));
        Assert.Equal("Nia Nurse cannot take this person: Role (Support worker) may not carry shared care", refused!.Message);
        Assert.Equal(nameof(LevelChangeInput.NewKeyWorkerId), refused.Field);
    }
}
