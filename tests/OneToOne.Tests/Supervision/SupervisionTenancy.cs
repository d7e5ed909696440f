using OneToOne.Platform.Data;
using OneToOne.Supervision;

namespace OneToOne.Tests.Supervision;

/// <summary>Organisation B's supervision records, for TenancyTests: a session, a sign-off request and a case-audit item.</summary>
public sealed record SupervisionIds(Guid SessionId, Guid SignOffId, Guid CaseAuditItemId);

public static class SupervisionTenancy
{
    private static int _month;

    public static async Task<SupervisionIds> ArrangeAsync(OneToOneDb db, Guid personId, Guid referralId, Guid staffId, Guid teamId, string secret)
    {
        ArgumentNullException.ThrowIfNull(db);
        var session = new SupervisionSession
        {
            HeldOn = new DateOnly(2026, 11, 2), SupervisorStaffId = staffId, SuperviseeStaffId = staffId, Notes = secret,
            RecordedAt = DateTimeOffset.UtcNow, RecordedByName = secret,
        };
        db.Add(session);
        db.Add(new SupervisionSessionPerson { SessionId = session.Id, PersonId = personId });
        var signOff = new SignOffRequest
        {
            Kind = SignOffKinds.Discharge, SubjectId = referralId, PersonId = personId, Summary = secret, Payload = "{}", RequestedByStaffId = staffId,
            RequestedByName = secret, RequestedAt = DateTimeOffset.UtcNow, TeamId = teamId, Status = SignOffStatus.Pending,
        };
        db.Add(signOff);
        // Each arrangement samples a month of its own: the month is unique per organisation.
        var sample = new CaseAuditSample { Month = new DateOnly(2200, 1, 1).AddMonths(Interlocked.Increment(ref _month)), Seed = 1, CreatedAt = DateTimeOffset.UtcNow };
        var item = new CaseAuditItem
        {
            SampleId = sample.Id, ReferralId = referralId, PersonId = personId, KeyWorkerStaffId = staffId, TeamId = teamId, DischargedAt = DateTimeOffset.UtcNow,
        };
        db.AddRange(sample, item);
        await db.SaveChangesAsync();
        return new SupervisionIds(session.Id, signOff.Id, item.Id);
    }
}
