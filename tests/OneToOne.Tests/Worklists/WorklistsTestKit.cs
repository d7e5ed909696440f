using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.People;
using OneToOne.Platform.Background;
using OneToOne.Referrals;
using OneToOne.Tests.Infrastructure;
using OneToOne.Worklists;

namespace OneToOne.Tests.Worklists;

/// <summary>The worklists tests' own clock: starts at Wednesday 6 January 2027, noon UTC (GMT); tests move it.</summary>
public sealed class WorkClock : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2027, 1, 6, 12, 0, 0, TimeSpan.Zero);

    public DateTimeOffset Now { get; set; } = Start;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>What the probe job saw: how many passes ran and the most that ever ran at once.</summary>
public sealed class ProbeState
{
    private int _running;
    private int _runs;
    private int _maxConcurrent;

    public TimeSpan Hold { get; set; } = TimeSpan.FromMilliseconds(300);

    public int Runs => Volatile.Read(ref _runs);

    public int MaxConcurrent => Volatile.Read(ref _maxConcurrent);

    public void Reset()
    {
        _runs = 0;
        _maxConcurrent = 0;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var now = Interlocked.Increment(ref _running);
        int max;
        while (now > (max = Volatile.Read(ref _maxConcurrent)) && Interlocked.CompareExchange(ref _maxConcurrent, now, max) != max)
        {
        }

        try
        {
            await Task.Delay(Hold, ct);
            Interlocked.Increment(ref _runs);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}

/// <summary>A job that only records that it ran, and how many ran at once.</summary>
internal sealed class ProbeJob(ProbeState state) : IScheduledJob
{
    public const string JobName = "test.probe";

    public string Name => JobName;

    public TimeSpan Interval => TimeSpan.FromSeconds(1);

    public Task RunAsync(CancellationToken ct) => state.RunAsync(ct);
}

/// <summary>A job whose pass always fails, to show failures are recorded.</summary>
internal sealed class FailingJob : IScheduledJob
{
    public const string JobName = "test.failing";

    public string Name => JobName;

    public TimeSpan Interval => TimeSpan.FromDays(1);

    public Task RunAsync(CancellationToken ct) => throw new InvalidOperationException("This pass always fails.");
}

/// <summary>Counts the SELECTs run inside <see cref="Count"/> (an async flow of its own, so other requests do not count).</summary>
public sealed class SelectCounter : DbCommandInterceptor
{
    private static readonly AsyncLocal<StrongBox?> Current = new();

    public sealed class StrongBox
    {
        private int _selects;

        public int Selects => Volatile.Read(ref _selects);

        internal void Add() => Interlocked.Increment(ref _selects);
    }

    public static IDisposable Count(out StrongBox box)
    {
        box = new StrongBox();
        Current.Value = box;
        return new Stop();
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (Current.Value is { } box && command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
        {
            box.Add();
        }

        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    private sealed class Stop : IDisposable
    {
        public void Dispose() => Current.Value = null;
    }
}

/// <summary>The real app with the worklists' test clock, the probe job and the SELECT counter.</summary>
public class WorklistsApp(Provider provider, IDictionary<string, string?>? settings = null) : OneToOneApp(provider, settings)
{
    public WorkClock Clock { get; } = new();

    public ProbeState Probe { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            s.AddSingleton(Probe);
            s.AddScheduledJob<ProbeJob>();
            s.AddScheduledJob<FailingJob>();
            s.AddSingleton<IInterceptor, SelectCounter>();
        });
    }
}

public sealed class WorklistsSqliteApp() : WorklistsApp(Provider.Sqlite);

public sealed class WorklistsPostgresApp() : WorklistsApp(Provider.Postgres);

/// <summary>Arranges people and referrals for the worklists tests, timed by the app's clock.</summary>
internal static class Work
{
    private static long _next = Random.Shared.NextInt64(0, 900_000);

    public static string NewNhs() => NhsNumber.CreateTestNumber(Interlocked.Increment(ref _next) % NhsNumber.TestNumberCapacity);

    public static Task<Person> PersonAsync(WorklistsApp app, string org = "A", DateOnly? treatmentEnd = null) =>
        app.WithDbAsync(app.World.Org(org), async db =>
        {
            var person = new Person
            {
                NhsNumber = NewNhs(), GivenName = "Wendy", FamilyName = "Worklist" + Guid.NewGuid().ToString("N")[..6], DateOfBirth = new DateOnly(1958, 3, 2),
                Postcode = "LS6 2AB", TumourSite = "breast", TreatmentEndDate = treatmentEnd, CreatedAt = app.Clock.Now, UpdatedAt = app.Clock.Now,
            };
            db.People.Add(person);
            await db.SaveChangesAsync();
            return person;
        });

    public static Task<Referral> ReferralAsync(WorklistsApp app, Guid personId, ReferralStatus status, string org = "A", DateOnly? triageDue = null,
        Guid? keyWorker = null, DateTimeOffset? allocatedAt = null) =>
        app.WithDbAsync(app.World.Org(org), async db =>
        {
            var today = OneToOne.Platform.Time.UkTime.Today(app.Clock);
            var referral = new Referral
            {
                PersonId = personId, ReferrerName = "Dr Work", Reason = "End of treatment", Channel = "page", ReceivedOn = today.AddDays(-2),
                TriageDueOn = triageDue ?? today.AddDays(3), Status = status, SuggestedLevel = PathwayLevel.SupportedSelfManagement,
                Level = status is ReferralStatus.Received ? null : PathwayLevel.SupportedSelfManagement,
                KeyWorkerId = keyWorker, AllocatedAt = keyWorker is null ? null : allocatedAt ?? app.Clock.Now,
                ActivatedAt = status == ReferralStatus.Active ? app.Clock.Now : null, CreatedAt = app.Clock.Now,
            };
            db.Referrals.Add(referral);
            await db.SaveChangesAsync();
            return referral;
        });

    public static Task<List<WorkTask>> TasksAsync(WorklistsApp app, Guid sourceOrPerson, string org = "A") =>
        app.WithDbAsync(app.World.Org(org), db =>
            db.Set<WorkTask>().Where(t => t.SourceId == sourceOrPerson || t.PersonId == sourceOrPerson).AsNoTracking().OrderBy(t => t.DueAt).ThenBy(t => t.Key).ToListAsync());

    public static async Task<WorkTask> TaskAsync(WorklistsApp app, WorkTaskKind kind, Guid sourceId, string key = "", string org = "A") =>
        (await TasksAsync(app, sourceId, org)).Single(t => t.Kind == kind && t.SourceId == sourceId && t.Key == key);

    public static Guid StaffOf(WorklistsApp app, string role, string org = "A") => app.World.Account(org, role).StaffId!.Value;
}
