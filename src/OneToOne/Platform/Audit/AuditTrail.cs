using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Platform.Audit;

/// <summary>Records accesses and changes. Events join the caller's unit of work and are saved
/// (and chained) with it, so a change and its audit row commit or fail together.</summary>
internal sealed class AuditTrail(OneToOneDb db, CurrentUser user, TimeProvider clock)
{
    public void Record(string action, string entityType, Guid entityId, Guid? personId = null, string? detail = null, Guid? organisationId = null)
    {
        db.AuditEvents.Add(new AuditEvent
        {
            OrganisationId = organisationId ?? user.OrganisationId
                ?? throw new InvalidOperationException("Audit needs an organisation."),
            OccurredAt = AuditEvent.Truncate(clock.GetUtcNow()),
            UserId = user.UserId,
            UserName = user.Name,
            Role = user.Role,
            Action = action,
            EntityType = entityType,
            EntityId = entityId.ToString(),
            PersonId = personId,
            Detail = detail,
        });
    }

    /// <summary>A read of a person's record: recorded and saved at once.</summary>
    public async Task ViewedAsync(string entityType, Guid entityId, Guid? personId, CancellationToken ct, string? detail = null)
    {
        Record("view", entityType, entityId, personId, detail);
        await db.SaveChangesAsync(ct);
    }
}
