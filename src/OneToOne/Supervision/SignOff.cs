using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Supervision;

/// <summary>Actions a support worker's scope of practice may require a registered practitioner to approve.</summary>
public static class SignOffKinds
{
    public const string Discharge = "discharge";
    public const string LevelChange = "level-change";
    public const string ClinicalPlanAction = "clinical-plan-action";
}

public enum SignOffStatus
{
    Pending,
    Approved,
    Returned,
}

/// <summary>An action waiting for (or given) a supervisor's approval. The action's own module stores what to do
/// in <see cref="Payload"/> and carries it out in its <see cref="ISignOffAction"/> when approved.</summary>
public sealed class SignOffRequest : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public required string Kind { get; set; }

    /// <summary>The record the action is about (e.g. the referral to discharge).</summary>
    public Guid SubjectId { get; set; }
    public Guid PersonId { get; set; }

    /// <summary>What is asked, without personal data (shown in queues).</summary>
    public required string Summary { get; set; }

    /// <summary>The action's own parameters, JSON, read back by its <see cref="ISignOffAction"/>.</summary>
    public required string Payload { get; set; }
    public Guid RequestedByStaffId { get; set; }
    public required string RequestedByName { get; set; }
    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>Who is asked to approve; null puts it in the team's queue of registered practitioners.</summary>
    public Guid? SupervisorStaffId { get; set; }
    public SignOffStatus Status { get; set; }
    public Guid? DecidedByStaffId { get; set; }
    public string? DecidedByName { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? Comment { get; set; }
}

internal sealed class SignOffRequestConfiguration : IEntityTypeConfiguration<SignOffRequest>
{
    public void Configure(EntityTypeBuilder<SignOffRequest> b)
    {
        b.Property(x => x.Kind).HasMaxLength(40);
        b.Property(x => x.Summary).HasMaxLength(500);
        b.Property(x => x.Payload).HasMaxLength(4000);
        b.Property(x => x.RequestedByName).HasMaxLength(200);
        b.Property(x => x.DecidedByName).HasMaxLength(200);
        b.Property(x => x.Comment).HasMaxLength(2000);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(x => new { x.OrganisationId, x.Status, x.SupervisorStaffId });
        b.HasIndex(x => new { x.OrganisationId, x.SubjectId, x.Kind });
    }
}

/// <summary>Carries out an approved action. Registered by the module that owns the action.</summary>
public interface ISignOffAction
{
    string Kind { get; }

    /// <summary>Applies the approved action in the approver's unit of work (the caller saves).</summary>
    Task ApplyAsync(SignOffRequest approved, CancellationToken ct);
}

public sealed class SignOffOptions
{
    public const string Section = "Supervision";

    /// <summary>Kinds of action that need a registered practitioner's approval when a support worker does them.</summary>
    public List<string> SignOffRequiredFor { get; set; } = [SignOffKinds.Discharge, SignOffKinds.LevelChange, SignOffKinds.ClinicalPlanAction];
}

/// <summary>Asks whether an action needs sign-off and queues it when it does.</summary>
public sealed class SignOffs(OneToOneDb db, CurrentUser user, TimeProvider clock, SignOffOptions options)
{
    /// <summary>True when the acting user is a support worker (not registered) and the kind is configured.</summary>
    public bool IsRequired(string kind) =>
        user.IsInRole(Roles.SupportWorker)
        && !user.IsAnyRole(Roles.RegisteredPractitioner, Roles.TeamLead)
        && options.SignOffRequiredFor.Contains(kind, StringComparer.Ordinal);

    /// <summary>Queues the request in the caller's unit of work (the caller saves).</summary>
    public Task<SignOffRequest> RequestAsync(string kind, Guid subjectId, Guid personId, string summary, string payload, CancellationToken ct)
    {
        _ = ct;
        var request = new SignOffRequest
        {
            Kind = kind,
            SubjectId = subjectId,
            PersonId = personId,
            Summary = summary,
            Payload = payload,
            RequestedByStaffId = user.StaffMemberId ?? throw new InvalidOperationException("Only a staff member can ask for sign-off."),
            RequestedByName = user.Name,
            RequestedAt = clock.GetUtcNow(),
            Status = SignOffStatus.Pending,
        };
        db.Set<SignOffRequest>().Add(request);
        return Task.FromResult(request);
    }
}
