using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Data;

namespace OneToOne.Worklists;

/// <summary>What a module asks for when work arises.</summary>
public sealed record WorkTaskSpec(
    WorkTaskKind Kind,
    Guid SourceId,
    string Title,
    string Link,
    DateTimeOffset DueAt,
    Guid? PersonId = null,
    Guid? AssignedToStaffId = null,
    Guid? AssignedToTeamId = null,
    string Key = "");

/// <summary>Opens, re-times and closes tasks inside the caller's unit of work: nothing is saved here, so the task
/// commits (or not) with the change that caused it.</summary>
public sealed class WorkTasks(OneToOneDb db, TimeProvider clock)
{
    /// <summary>Opens the task, or - if it is already open - updates its owner, due time and title.
    /// A task that was done or cancelled is left alone (returns it unchanged).</summary>
    public async Task<WorkTask> EnsureAsync(WorkTaskSpec spec, CancellationToken ct)
    {
        if (spec.AssignedToStaffId is null && spec.AssignedToTeamId is null)
        {
            throw new ArgumentException("A task needs an owner: a staff member or a team.", nameof(spec));
        }

        var task = await FindAsync(spec.Kind, spec.SourceId, spec.Key, ct);
        if (task is null)
        {
            task = new WorkTask
            {
                Kind = spec.Kind,
                SourceId = spec.SourceId,
                Key = spec.Key,
                Title = Truncate(spec.Title),
                Link = spec.Link,
                DueAt = spec.DueAt,
                PersonId = spec.PersonId,
                AssignedToStaffId = spec.AssignedToStaffId,
                AssignedToTeamId = spec.AssignedToTeamId,
                Status = WorkTaskStatus.Open,
                CreatedAt = clock.GetUtcNow(),
            };
            db.Set<WorkTask>().Add(task);
            return task;
        }

        if (task.Status == WorkTaskStatus.Open)
        {
            if (task.DueAt != spec.DueAt)
            {
                task.DueAt = spec.DueAt;
                task.BreachedAt = null; // a new deadline is judged afresh
                task.EscalatedToStaffId = null;
            }

            task.Title = Truncate(spec.Title);
            task.Link = spec.Link;
            task.AssignedToStaffId = spec.AssignedToStaffId;
            task.AssignedToTeamId = spec.AssignedToTeamId;
        }

        return task;
    }

    /// <summary>Marks the task done; false when there is no open task.</summary>
    public Task<bool> CompleteAsync(WorkTaskKind kind, Guid sourceId, CancellationToken ct, string key = "") =>
        CloseAsync(kind, sourceId, key, WorkTaskStatus.Done, ct);

    /// <summary>The work is no longer needed (e.g. the person was discharged).</summary>
    public Task<bool> CancelAsync(WorkTaskKind kind, Guid sourceId, CancellationToken ct, string key = "") =>
        CloseAsync(kind, sourceId, key, WorkTaskStatus.Cancelled, ct);

    public async Task<WorkTask?> FindAsync(WorkTaskKind kind, Guid sourceId, string key, CancellationToken ct) =>
        db.ChangeTracker.Entries<WorkTask>().Select(e => e.Entity)
            .FirstOrDefault(t => t.Kind == kind && t.SourceId == sourceId && t.Key == key)
        ?? await db.Set<WorkTask>().FirstOrDefaultAsync(t => t.Kind == kind && t.SourceId == sourceId && t.Key == key, ct);

    private async Task<bool> CloseAsync(WorkTaskKind kind, Guid sourceId, string key, WorkTaskStatus status, CancellationToken ct)
    {
        var task = await FindAsync(kind, sourceId, key, ct);
        if (task is null || task.Status != WorkTaskStatus.Open)
        {
            return false;
        }

        task.Status = status;
        task.CompletedAt = clock.GetUtcNow();
        return true;
    }

    private static string Truncate(string title) => title.Length <= WorkTask.TitleMax ? title : title[..WorkTask.TitleMax];
}
