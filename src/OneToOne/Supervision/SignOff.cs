using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;
using OneToOne.Worklists;

namespace OneToOne.Supervision;

/// <summary>Actions a support worker's scope of practice may require a registered practitioner to approve.</summary>
public static class SignOffKinds
{
    public const string Discharge = "discharge";
    public const string LevelChange = "level-change";
    public const string ClinicalPlanAction = "clinical-plan-action";

    /// <summary>How a kind reads in queues and on the request page.</summary>
    public static string DisplayName(string kind) => kind switch
    {
        Discharge => "Discharge",
        LevelChange => "Change of pathway level",
        ClinicalPlanAction => "Plan with a clinical action",
        _ => kind,
    };
}

public enum SignOffStatus
{
    Pending,
    Approved,
    Returned,
}

/// <summary>An action waiting for (or given) a supervisor's approval. The action's own module stores what to do
/// in <see cref="Payload"/> and carries it out in its <see cref="ISignOffAction"/> when approved.</summary>
public sealed class SignOffRequest : ITenantOwned, IVersioned
{
    public const int SummaryMax = 500;
    public const int CommentMax = 2000;

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

    /// <summary>The requester's team when asked: whose team lead (and, for the team queue, whose registered
    /// practitioners) may decide. Null when the requester had no team: any registered practitioner may.</summary>
    public Guid? TeamId { get; set; }
    public SignOffStatus Status { get; set; }
    public Guid? DecidedByStaffId { get; set; }
    public string? DecidedByName { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? Comment { get; set; }

    /// <summary>Two people deciding at once: the second save fails rather than overwriting the first.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}

internal sealed class SignOffRequestConfiguration : IEntityTypeConfiguration<SignOffRequest>
{
    public void Configure(EntityTypeBuilder<SignOffRequest> b)
    {
        b.Property(x => x.Kind).HasMaxLength(40);
        b.Property(x => x.Summary).HasMaxLength(SignOffRequest.SummaryMax);
        b.Property(x => x.Payload).HasMaxLength(4000);
        b.Property(x => x.RequestedByName).HasMaxLength(200);
        b.Property(x => x.DecidedByName).HasMaxLength(200);
        b.Property(x => x.Comment).HasMaxLength(SignOffRequest.CommentMax);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.OrganisationId, x.Status, x.SupervisorStaffId });
        b.HasIndex(x => new { x.OrganisationId, x.Status, x.TeamId });
        b.HasIndex(x => new { x.OrganisationId, x.RequestedByStaffId, x.RequestedAt });
        b.HasIndex(x => new { x.OrganisationId, x.SubjectId, x.Kind });
    }
}

/// <summary>Carries out an approved action. Registered by the module that owns the action.</summary>
public interface ISignOffAction
{
    string Kind { get; }

    /// <summary>Applies the approved action in the approver's unit of work (the caller saves). Throw
    /// <see cref="SignOffActionFailedException"/> (or InvalidOperationException) with a message for the approver
    /// when the action can no longer be done: nothing of the approval is then stored.</summary>
    Task ApplyAsync(SignOffRequest approved, CancellationToken ct);
}

/// <summary>An approved action that cannot be carried out (e.g. the episode was discharged meanwhile). The
/// message is shown to the approver, so it must carry no personal data beyond what they already see.</summary>
public sealed class SignOffActionFailedException : Exception
{
    public SignOffActionFailedException()
    {
    }

    public SignOffActionFailedException(string message)
        : base(message)
    {
    }

    public SignOffActionFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

public sealed class SignOffOptions
{
    public const string Section = "Supervision";

    /// <summary>Kinds of action that need a registered practitioner's approval when a support worker does them.</summary>
    public List<string> SignOffRequiredFor { get; set; } = [SignOffKinds.Discharge, SignOffKinds.LevelChange, SignOffKinds.ClinicalPlanAction];

    /// <summary>Working days the supervisor has to decide a request (the sign-off task's deadline).</summary>
    public int SignOffDueWorkingDays { get; set; } = 2;
}

/// <summary>Asks whether an action needs sign-off and queues it when it does.</summary>
public sealed class SignOffs
{
    private readonly OneToOneDb _db;
    private readonly CurrentUser _user;
    private readonly TimeProvider _clock;
    private readonly SignOffOptions _options;
    private readonly WorkTasks _tasks;
    private readonly WorkingDayCalendar _calendar;

    // Internal: the calendar is internal; DI builds this through a factory (SupervisionModule).
    internal SignOffs(OneToOneDb db, CurrentUser user, TimeProvider clock, SignOffOptions options, WorkTasks tasks, WorkingDayCalendar calendar)
    {
        _db = db;
        _user = user;
        _clock = clock;
        _options = options;
        _tasks = tasks;
        _calendar = calendar;
    }

    /// <summary>True when the acting user is a support worker (not registered) and the kind is configured.</summary>
    public bool IsRequired(string kind) =>
        _user.IsInRole(Roles.SupportWorker)
        && !_user.IsAnyRole(Roles.RegisteredPractitioner, Roles.TeamLead)
        && _options.SignOffRequiredFor.Contains(kind, StringComparer.Ordinal);

    /// <summary>Queues the request in the caller's unit of work (the caller saves): it goes to the requester's
    /// current supervisor, or - with none - to their team's registered practitioners, with a sign-off task due in
    /// <see cref="SignOffOptions.SignOffDueWorkingDays"/> working days.</summary>
    public async Task<SignOffRequest> RequestAsync(string kind, Guid subjectId, Guid personId, string summary, string payload, CancellationToken ct)
    {
        var staffId = _user.StaffMemberId ?? throw new InvalidOperationException("Only a staff member can ask for sign-off.");
        var today = UkTime.Today(_clock);
        var teamId = await _db.Staff.Where(s => s.Id == staffId).Select(s => s.TeamId).FirstOrDefaultAsync(ct);
        var supervisorId = await Supervisors.CurrentSupervisorIdAsync(_db, staffId, today, ct);
        var request = new SignOffRequest
        {
            Kind = kind,
            SubjectId = subjectId,
            PersonId = personId,
            Summary = summary.Length <= SignOffRequest.SummaryMax ? summary : summary[..SignOffRequest.SummaryMax],
            Payload = payload,
            RequestedByStaffId = staffId,
            RequestedByName = _user.Name,
            RequestedAt = _clock.GetUtcNow(),
            SupervisorStaffId = supervisorId,
            TeamId = teamId,
            Status = SignOffStatus.Pending,
        };
        _db.Set<SignOffRequest>().Add(request);

        // Without a supervisor or a team there is no queue to own the task: the request still shows to every
        // registered practitioner of the organisation (TeamId null), and the hazard log names this gap.
        if (supervisorId is not null || teamId is not null)
        {
            var due = _calendar.AddWorkingDays(today, Math.Max(0, _options.SignOffDueWorkingDays));
            await _tasks.EnsureAsync(new WorkTaskSpec(
                WorkTaskKind.SignOff,
                request.Id,
                "Decide a sign-off request: " + SignOffKinds.DisplayName(kind).ToLowerInvariant(),
                SupervisionUrls.SignOff(request.Id),
                SupervisionTime.EndOfUkDay(due),
                personId,
                AssignedToStaffId: supervisorId,
                AssignedToTeamId: supervisorId is null ? teamId : null), ct);
        }

        return request;
    }

    /// <summary>The request waiting for sign-off about <paramref name="subjectId"/>, if any: the owning module shows
    /// "waiting for sign-off" and does not ask twice.</summary>
    public Task<SignOffRequest?> PendingAsync(string kind, Guid subjectId, CancellationToken ct) =>
        _db.Set<SignOffRequest>()
            .Where(r => r.Kind == kind && r.SubjectId == subjectId && r.Status == SignOffStatus.Pending)
            .OrderByDescending(r => r.RequestedAt)
            .FirstOrDefaultAsync(ct);
}
