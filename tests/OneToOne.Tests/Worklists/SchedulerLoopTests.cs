using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using OneToOne.Platform.Background;

namespace OneToOne.Tests.Worklists;

/// <summary>The scheduler's loop itself, as two nodes on one database (a fixture of its own: the loops run every job).</summary>
public abstract class SchedulerLoopTests(WorklistsApp app)
{
    [Fact]
    public async Task Two_scheduler_loops_on_one_database_run_each_due_pass_on_one_node_at_a_time()
    {
        app.Probe.Reset();
        app.Probe.Hold = TimeSpan.FromMilliseconds(400);
        var options = new SchedulerOptions { Enabled = true, PollSeconds = 1, StartDelaySeconds = 0, LeaseSeconds = 30 };
        var env = app.Services.GetRequiredService<IHostEnvironment>();
        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        var leases = app.Services.GetRequiredService<JobLeases>();
        JobScheduler Node(string id) => new(
            new JobRunner(scopes, leases, app.Clock, NullLogger<JobRunner>.Instance), leases,
            new SchedulerNode(new SchedulerOptions { NodeId = id }), options, env, app.Clock, NullLogger<JobScheduler>.Instance);
        using var one = Node("node-1");
        using var two = Node("node-2");

        await one.StartAsync(default);
        await two.StartAsync(default);
        // The probe is due every second of the clock: move the clock on while the loops run (in real time, a few seconds).
        for (var i = 0; i < 24 && app.Probe.Runs < 4; i++)
        {
            await Task.Delay(250);
            app.Clock.Now = app.Clock.Now.AddSeconds(1);
        }

        await one.StopAsync(default);
        await two.StopAsync(default);

        Assert.True(app.Probe.Runs >= 2, $"{app.Probe.Runs} passes");
        Assert.Equal(1, app.Probe.MaxConcurrent);
        var state = (await leases.AllAsync(default)).Single(l => l.Name == ProbeJob.JobName);
        Assert.True(state.LastHolder is "node-1" or "node-2", state.LastHolder);
    }

    [Theory]
    [InlineData("Testing", null, false)]
    [InlineData("Testing", true, true)]
    [InlineData("Production", null, true)]
    [InlineData("Development", null, true)]
    [InlineData("Production", false, false)]
    public void The_loop_is_on_by_default_but_off_under_test_unless_enabled(string environment, bool? enabled, bool expected)
    {
        var env = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment };
        Assert.Equal(expected, new SchedulerOptions { Enabled = enabled }.IsEnabled(env));
    }
}

public sealed class SchedulerLoopOnSqlite(WorklistsSqliteApp app) : SchedulerLoopTests(app), IClassFixture<WorklistsSqliteApp>;

public sealed class SchedulerLoopOnPostgres(WorklistsPostgresApp app) : SchedulerLoopTests(app), IClassFixture<WorklistsPostgresApp>;
