using OneToOne.Allocation;
using OneToOne.People;
using OneToOne.Referrals;
using OneToOne.Tests.Infrastructure;
using OneToOne.Workforce;

namespace OneToOne.Tests.Allocation;

/// <summary>Builds the people, referrals and staff one test needs, each unique so tests sharing a database never collide.</summary>
internal static class Arrange
{
    private static long _next = Random.Shared.NextInt64(0, 400_000);

    public static string NewNhsNumber() => NhsNumber.CreateTestNumber(Interlocked.Increment(ref _next) % NhsNumber.TestNumberCapacity);

    public static string Unique(string prefix) => $"{prefix} {Guid.NewGuid().ToString("N")[..8]}";

    public static Task<Person> PersonAsync(OneToOneApp app, string org, Action<Person>? configure = null) =>
        app.WithDbAsync(app.World.Org(org), async db =>
        {
            var person = new Person
            {
                NhsNumber = NewNhsNumber(),
                GivenName = "Test",
                FamilyName = Unique("Person"),
                DateOfBirth = new DateOnly(1960, 5, 1),
                Postcode = "ZZ99 9ZZ",
                TumourSite = "other",
                CreatedAt = DateTimeOffset.UtcNow,
                UpdatedAt = DateTimeOffset.UtcNow,
            };
            configure?.Invoke(person);
            db.People.Add(person);
            await db.SaveChangesAsync();
            return person;
        });

    public static Task<Referral> ReferralAsync(OneToOneApp app, string org, Guid personId, ReferralStatus status, PathwayLevel? level,
        Guid? keyWorkerId = null, Action<Referral>? configure = null) =>
        app.WithDbAsync(app.World.Org(org), async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var referral = new Referral
            {
                PersonId = personId,
                ReferrerName = "Dr Test",
                Reason = "End of treatment",
                Channel = "page",
                ReceivedOn = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-20),
                TriageDueOn = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-13),
                Status = status,
                Level = level,
                SuggestedLevel = level ?? PathwayLevel.SupportedSelfManagement,
                KeyWorkerId = keyWorkerId,
                AllocatedAt = keyWorkerId is null ? null : now,
                CreatedAt = now,
            };
            configure?.Invoke(referral);
            db.Referrals.Add(referral);
            await db.SaveChangesAsync();
            return referral;
        });

    public static async Task<(Person Person, Referral Referral)> AcceptedAsync(OneToOneApp app, string org, PathwayLevel level,
        Action<Person>? person = null, Action<Referral>? referral = null)
    {
        var p = await PersonAsync(app, org, person);
        var r = await ReferralAsync(app, org, p.Id, ReferralStatus.Accepted, level, configure: referral);
        return (p, r);
    }

    public static Task<StaffMember> StaffAsync(OneToOneApp app, string org, string staffRole, string name, Action<StaffMember>? configure = null) =>
        app.WithDbAsync(app.World.Org(org), async db =>
        {
            var staff = new StaffMember
            {
                TeamId = app.World.Teams[org].Id,
                StaffRoleId = app.World.StaffRoles[staffRole].Id,
                DisplayName = name,
                Email = Guid.NewGuid().ToString("N")[..12] + "@staff.test",
                BaseLocality = "ZZ1",
            };
            configure?.Invoke(staff);
            db.Staff.Add(staff);
            await db.SaveChangesAsync();
            return staff;
        });

    /// <summary>Gives the worker <paramref name="count"/> allocated people at <paramref name="level"/>.</summary>
    public static async Task FillCaseloadAsync(OneToOneApp app, string org, Guid staffId, PathwayLevel level, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var person = await PersonAsync(app, org);
            await ReferralAsync(app, org, person.Id, ReferralStatus.Allocated, level, staffId);
        }
    }

    public static Task<List<KeyWorkerAssignment>> AssignmentsAsync(OneToOneApp app, string org, Guid referralId) =>
        app.WithDbAsync(app.World.Org(org), db =>
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.KeyWorkerAssignments.Where(a => a.ReferralId == referralId)));
}
