using OneToOne.Notifications;

namespace OneToOne.Tests.Notifications;

/// <summary>Email through the partner's own mail server (a fake SMTP server on a real socket), while text messages,
/// configured separately, stay in the outbox.</summary>
public abstract class SmtpDeliveryTests(SmtpApp app)
{
    [Fact]
    public async Task An_email_goes_through_smtp_with_the_outbox_id_in_its_message_id()
    {
        var to = ClockedNotificationsApp.NewEmail();
        var queued = await app.QueueAsync("A", NotificationChannels.Email, to);

        await app.SendPassAsync();

        var mail = Assert.Single(app.Smtp.To(to));
        Assert.Equal("onetoone@partner.example.org", mail.From);
        Assert.Equal($"<{queued.Id:N}@partner.example.org>", mail.Header("Message-Id"));
        Assert.Equal("Test subject there", mail.Header("Subject"));
        Assert.Contains("This is a test message.", mail.Data, StringComparison.Ordinal);
        var sent = await app.MessageAsync("A", queued.Id);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal("smtp", sent.Provider);
        Assert.Equal($"<{queued.Id:N}@partner.example.org>", sent.ProviderReference);
    }

    [Fact]
    public async Task An_address_the_mail_server_refuses_is_a_permanent_failure_not_retried()
    {
        var to = ClockedNotificationsApp.NewEmail("nobody");
        app.Smtp.Script(to, "550 5.1.1 No such user here", "550 5.1.1 No such user here");
        var queued = await app.QueueAsync("A", NotificationChannels.Email, to);

        await app.SendPassAsync();
        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.SendPassAsync();

        var refused = await app.MessageAsync("A", queued.Id);
        Assert.Equal(OutboxStatus.PermanentFailure, refused.Status);
        Assert.Equal(1, refused.Attempts);
        Assert.Contains("550", refused.LastError, StringComparison.Ordinal);
        Assert.Empty(app.Smtp.To(to));
    }

    [Fact]
    public async Task A_busy_mail_server_is_retried_later_and_the_email_sent_once()
    {
        var to = ClockedNotificationsApp.NewEmail("busy");
        app.Smtp.Script(to, "451 4.3.0 Try again later");
        var queued = await app.QueueAsync("A", NotificationChannels.Email, to);

        await app.SendPassAsync();
        var waiting = await app.MessageAsync("A", queued.Id);
        Assert.Equal(OutboxStatus.Pending, waiting.Status);
        Assert.Contains("451", waiting.LastError, StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.SendPassAsync();
        Assert.Single(app.Smtp.To(to));
        Assert.Equal(OutboxStatus.Sent, (await app.MessageAsync("A", queued.Id)).Status);
    }

    [Fact]
    public async Task An_invalid_email_address_is_a_permanent_failure_without_calling_the_server()
    {
        var queued = await app.QueueAsync("A", NotificationChannels.Email, "not an address");

        await app.SendPassAsync();

        var rejected = await app.MessageAsync("A", queued.Id);
        Assert.Equal(OutboxStatus.PermanentFailure, rejected.Status);
        Assert.Equal("The email address is not valid", rejected.LastError);
    }

    [Fact]
    public async Task Text_messages_stay_in_the_outbox_when_only_email_has_a_provider()
    {
        var queued = await app.QueueAsync("A", NotificationChannels.Sms, ClockedNotificationsApp.NewMobile());

        await app.SendPassAsync();

        var held = await app.MessageAsync("A", queued.Id);
        Assert.Equal(OutboxStatus.Held, held.Status);
        Assert.Equal("outbox", held.Provider);
    }
}

public sealed class SmtpDeliveryOnSqlite(SmtpSqliteApp app) : SmtpDeliveryTests(app), IClassFixture<SmtpSqliteApp>;

public sealed class SmtpDeliveryOnPostgres(SmtpPostgresApp app) : SmtpDeliveryTests(app), IClassFixture<SmtpPostgresApp>;
