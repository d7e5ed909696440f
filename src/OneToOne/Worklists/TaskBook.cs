using OneToOne.Platform.Data;

namespace OneToOne.Worklists;

/// <summary>The same semantics as <see cref="WorkTasks"/> (open or update an open task; close only an open one),
/// over tasks already loaded in one batch, so a save or a reconciliation page costs a fixed number of queries
/// however many rows it touches. Nothing is saved here.</summary>
internal sealed class TaskBook(OneToOneDb db, Guid organisationId, DateTimeOffset now)
{
    private readonly Dictionary<(WorkTaskKind, Guid, string), WorkTask> _tasks = [];

    public int Created { get; private set; }

    public int Closed { get; private set; }

    public IEnumerable<WorkTask> Tasks => _tasks.Values;

    /// <summary>Adds a task already tracked or loaded; the first one known for a key wins (pass tracked ones first).</summary>
    public void Know(WorkTask task) => _tasks.TryAdd((task.Kind, task.SourceId, task.Key), task);

    public WorkTask? Find(WorkTaskKind kind, Guid sourceId, string key = "") => _tasks.GetValueOrDefault((kind, sourceId, key));

    public WorkTask Ensure(WorkTaskSpec spec)
    {
        if (spec.AssignedToStaffId is null && spec.AssignedToTeamId is null)
        {
            throw new ArgumentException("A task needs an owner: a staff member or a team.", nameof(spec));
        }

        var title = spec.Title.Length <= WorkTask.TitleMax ? spec.Title : spec.Title[..WorkTask.TitleMax];
        if (Find(spec.Kind, spec.SourceId, spec.Key) is not { } task)
        {
            task = new WorkTask
            {
                OrganisationId = organisationId,
                Kind = spec.Kind,
                SourceId = spec.SourceId,
                Key = spec.Key,
                Title = title,
                Link = spec.Link,
                DueAt = spec.DueAt,
                PersonId = spec.PersonId,
                AssignedToStaffId = spec.AssignedToStaffId,
                AssignedToTeamId = spec.AssignedToTeamId,
                Status = WorkTaskStatus.Open,
                CreatedAt = now,
            };
            db.Set<WorkTask>().Add(task);
            Know(task);
            Created++;
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

            task.Title = title;
            task.Link = spec.Link;
            task.PersonId = spec.PersonId ?? task.PersonId;
            task.AssignedToStaffId = spec.AssignedToStaffId;
            task.AssignedToTeamId = spec.AssignedToTeamId;
        }

        return task;
    }

    public bool Close(WorkTaskKind kind, Guid sourceId, WorkTaskStatus status, string key = "") =>
        Find(kind, sourceId, key) is { } task && Close(task, status);

    public bool Close(WorkTask task, WorkTaskStatus status)
    {
        if (task.Status != WorkTaskStatus.Open)
        {
            return false;
        }

        task.Status = status;
        task.CompletedAt = now;
        Closed++;
        return true;
    }
}
