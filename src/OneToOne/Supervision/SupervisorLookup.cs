using OneToOne.PatientAccess;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;

namespace OneToOne.Supervision;

/// <summary>Tells other modules (a red-flag request for help) who supervises a member of staff today, from the
/// supervision links; it replaces PatientAccess's default, which knows of none.</summary>
internal sealed class SupervisorLookup(OneToOneDb db, TimeProvider clock) : ISupervisorLookup
{
    public Task<Guid?> SupervisorOfAsync(Guid staffMemberId, CancellationToken ct) =>
        Supervisors.CurrentSupervisorIdAsync(db, staffMemberId, UkTime.Today(clock), ct);
}
