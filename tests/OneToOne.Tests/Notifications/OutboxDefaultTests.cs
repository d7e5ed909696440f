using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.Notifications;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Background;
using OneToOne.Platform.Data;
using OneToOne.Tests.Infrastructure;

namespace OneToOne.Tests.Notifications;

/// <summary>With no provider configured (a small partner without an account), messages are held in the outbox for
/// administrators to read and nothing leaves the machine; the notifier's templates and once-only keys.</summary>
public abstract class OutboxDefaultTests(OneToOneApp app)
{
    private async Task<T> InScopeAsync<T>(Func<Notifier, OneToOneDb, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActFor(app.World.Org("A"));
        return await work(scope.ServiceProvider.GetRequiredService<Notifier>(), scope.ServiceProvider.GetRequiredService<OneToOneDb>());
    }

    private static NotificationRequest Request(string? key = null) => new(
        "contact-tomorrow", NotificationChannels.Sms, ClockedNotificationsApp.NewMobile(),
        new Dictionary<string, string>(StringComparer.Ordinal) { ["date"] = "Thursday 11 March" }, Key: key);

    [Fact]
    public async Task By_default_a_message_is_held_in_the_outbox_and_nothing_leaves_the_machine()
    {
        var id = await InScopeAsync(async (notifier, db) =>
        {
            var m = notifier.Queue(Request());
            await db.SaveChangesAsync();
            return m.Id;
        });

        var runner = app.Services.GetRequiredService<JobRunner>();
        await runner.RunOnceAsync(NotificationDispatcher.JobName);
        await runner.RunOnceAsync(NotificationDispatcher.JobName);

        var held = await app.WithDbAsync(app.World.Org("A"), db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == id));
        Assert.Equal(OutboxStatus.Held, held.Status);
        Assert.Equal("outbox", held.Provider);
        Assert.Equal(1, held.Attempts);
        Assert.Null(held.SentAt);
        Assert.Equal("Held in outbox", OutboxText.Status(held.Status, held.Attempts));
        Assert.Equal("Your support team plans to contact you tomorrow, Thursday 11 March. If this is no longer convenient, please contact your support team.", held.Body);
    }

    [Fact]
    public async Task A_template_nobody_registered_is_refused()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => InScopeAsync<OutboxMessage>((notifier, _) =>
            Task.FromResult(notifier.Queue(Request() with { Template = "no-such-template" }))));
        Assert.Contains("no-such-template", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_once_only_message_is_queued_once()
    {
        var key = "test-once:" + Guid.NewGuid().ToString("N");
        var first = await InScopeAsync(async (notifier, db) =>
        {
            var m = await notifier.QueueOnceAsync(Request(key), default);
            Assert.Null(await notifier.QueueOnceAsync(Request(key), default)); // staged in this unit of work
            await db.SaveChangesAsync();
            return m;
        });
        var second = await InScopeAsync((notifier, _) => notifier.QueueOnceAsync(Request(key), default));

        Assert.NotNull(first);
        Assert.Null(second);
    }

    [Fact]
    public async Task The_database_refuses_a_second_message_with_the_same_key()
    {
        var key = "test-race:" + Guid.NewGuid().ToString("N");
        await InScopeAsync(async (notifier, db) =>
        {
            notifier.Queue(Request(key));
            return await db.SaveChangesAsync();
        });

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => InScopeAsync(async (notifier, db) =>
        {
            notifier.Queue(Request(key)); // as a concurrent pass would, having checked before the other committed
            return await db.SaveChangesAsync();
        }));
        Assert.True(OutboxWrites.IsUniqueViolation(error));
    }
}

public sealed class OutboxDefaultOnSqlite(SqliteApp app) : OutboxDefaultTests(app), IClassFixture<SqliteApp>;

public sealed class OutboxDefaultOnPostgres(PostgresApp app) : OutboxDefaultTests(app), IClassFixture<PostgresApp>;
