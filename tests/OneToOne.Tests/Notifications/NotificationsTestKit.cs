using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.Notifications;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Background;
using OneToOne.Platform.Time;
using OneToOne.Tests.Infrastructure;

namespace OneToOne.Tests.Notifications;

/// <summary>A clock the tests move forward (never back: tests in a class share one app).</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset _now = new(2027, 3, 10, 10, 0, 0, TimeSpan.Zero);

    public DateTimeOffset Now => _now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    /// <summary>Moves to the next UK day at the given UK hour (so daily reminders are due again and in their window).</summary>
    public void NextUkDayAt(int hour)
    {
        var date = UkTime.Today(this).AddDays(1);
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var local = date.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Unspecified);
        _now = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, london), TimeSpan.Zero);
    }
}

/// <summary>The app with a test clock, a test template and the settings a test class gives (e.g. a fake provider's address).</summary>
public class ClockedNotificationsApp(Provider provider, IDictionary<string, string?> settings) : OneToOneApp(provider, settings)
{
    public const string TestTemplate = "test-message";

    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            s.AddNotificationTemplate(new NotificationTemplate(TestTemplate, "Test subject ((n))", "Hello ((n)).\nThis is a test message."));
        });
    }

    public Task RunJobAsync(string name) => Services.GetRequiredService<JobRunner>().RunOnceAsync(name);

    public Task SendPassAsync() => RunJobAsync(NotificationDispatcher.JobName);

    /// <summary>Queues a message through the Notifier, as a module would, and commits it.</summary>
    public async Task<OutboxMessage> QueueAsync(string organisation, string channel, string to, Guid? personId = null, string? key = null)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActFor(World.Org(organisation));
        var message = scope.ServiceProvider.GetRequiredService<Notifier>().Queue(new NotificationRequest(
            TestTemplate, channel, to, new Dictionary<string, string>(StringComparer.Ordinal) { ["n"] = "there" }, personId, Key: key));
        await scope.ServiceProvider.GetRequiredService<OneToOne.Platform.Data.OneToOneDb>().SaveChangesAsync();
        return message;
    }

    public Task<OutboxMessage> MessageAsync(string organisation, Guid id) =>
        WithDbAsync(World.Org(organisation), db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == id));

    private static int _phone = Random.Shared.Next(0, 400);

    /// <summary>A number in Ofcom's drama range (07700 900000-900999), unique to the test run.</summary>
    public static string NewMobile() => "07700 900" + (Interlocked.Increment(ref _phone) % 1000).ToString("000", System.Globalization.CultureInfo.InvariantCulture);

    public static string NewEmail(string name = "person") => $"{name}.{Guid.NewGuid().ToString("N")[..8]}@example.com";
}

/// <summary>Email and text messages through a fake GOV.UK Notify; 3 attempts, a 60-second base wait, 5-second calls (long enough
/// that a loaded CI machine's slow answer is not taken for a hang; the tests that script a hang wait that long).</summary>
public class NotifyApp : ClockedNotificationsApp
{
    public NotifyApp(Provider provider)
        : this(provider, new FakeNotify())
    {
    }

    private NotifyApp(Provider provider, FakeNotify notify)
        : base(provider, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Notifications:Email:Provider"] = "Notify",
            ["Notifications:Sms:Provider"] = "Notify",
            ["Notifications:Notify:BaseUrl"] = notify.BaseUrl,
            ["Notifications:Notify:ApiKey"] = FakeNotify.ApiKey,
            ["Notifications:Notify:EmailTemplateId"] = FakeNotify.EmailTemplateId,
            ["Notifications:Notify:SmsTemplateId"] = FakeNotify.SmsTemplateId,
            ["Notifications:Notify:StatusCheckSeconds"] = "60",
            ["Notifications:MaxAttempts"] = "3",
            ["Notifications:RetryBaseSeconds"] = "60",
            ["Notifications:RetryMaxSeconds"] = "3600",
            ["Notifications:RetryJitter"] = "0.2",
            ["Notifications:SendTimeoutSeconds"] = "5",
            ["Notifications:ClaimTimeoutSeconds"] = "30",
            ["Notifications:BatchSize"] = "100",
        }) => Notify = notify;

    public FakeNotify Notify { get; }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Notify.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class NotifySqliteApp() : NotifyApp(Provider.Sqlite);

public sealed class NotifyPostgresApp() : NotifyApp(Provider.Postgres);

/// <summary>Email through a fake SMTP server; text messages stay in the outbox (each channel has its own provider).</summary>
public class SmtpApp : ClockedNotificationsApp
{
    public SmtpApp(Provider provider)
        : this(provider, new FakeSmtp())
    {
    }

    private SmtpApp(Provider provider, FakeSmtp smtp)
        : base(provider, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Notifications:Email:Provider"] = "Smtp",
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Smtp:Security"] = "None",
            ["Notifications:Smtp:From"] = "onetoone@partner.example.org",
            ["Notifications:SendTimeoutSeconds"] = "5",
            ["Notifications:ClaimTimeoutSeconds"] = "30",
        }) => Smtp = smtp;

    public FakeSmtp Smtp { get; }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SmtpSqliteApp() : SmtpApp(Provider.Sqlite);

public sealed class SmtpPostgresApp() : SmtpApp(Provider.Postgres);
