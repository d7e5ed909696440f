using Microsoft.EntityFrameworkCore;
using OneToOne.Notifications;
using Answer = OneToOne.Tests.Notifications.FakeNotify.Answer;

namespace OneToOne.Tests.Notifications;

/// <summary>Delivery through GOV.UK Notify (a fake on a real socket): sent with the outbox id as Notify's reference,
/// transient failures retried with backoff, permanent ones not, and never sent twice - by concurrent passes, after a
/// timeout Notify had in fact accepted, or after a node stopped mid-send.</summary>
public abstract class NotifyDeliveryTests(NotifyApp app)
{
    private FakeNotify Notify => app.Notify;

    [Fact]
    public async Task A_text_message_goes_to_notify_signed_with_the_api_key_and_with_the_outbox_id_as_its_reference()
    {
        var to = ClockedNotificationsApp.NewMobile();
        var queued = await app.QueueAsync("A", NotificationChannels.Sms, to);

        await app.SendPassAsync();

        var post = Assert.Single(Notify.PostsFor(queued.Id));
        Assert.Equal("sms", post.Type);
        Assert.Equal(to, post.To);
        Assert.True(post.TokenValid);
        Assert.Equal(FakeNotify.SmsTemplateId, post.TemplateId);
        Assert.Equal(queued.Body, post.Personalisation["body"]);
        var sent = await app.MessageAsync("A", queued.Id);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(1, sent.Attempts);
        Assert.Equal("notify", sent.Provider);
        Assert.Equal(Notify.AcceptedId(queued.Id), sent.ProviderReference);
        Assert.Equal(app.Clock.Now, sent.SentAt);
        Assert.Null(sent.LastError);
        Assert.Null(sent.ClaimId);
    }

    [Fact]
    public async Task An_email_goes_to_notify_with_its_subject_and_body_as_personalisation_of_the_generic_template()
    {
        var to = ClockedNotificationsApp.NewEmail();
        var queued = await app.QueueAsync("A", NotificationChannels.Email, to);

        await app.SendPassAsync();

        var post = Assert.Single(Notify.PostsFor(queued.Id));
        Assert.Equal("email", post.Type);
        Assert.Equal(FakeNotify.EmailTemplateId, post.TemplateId);
        Assert.Equal("Test subject there", post.Personalisation["subject"]);
        Assert.Equal("Hello there.\nThis is a test message.", post.Personalisation["body"]);
        Assert.Equal(OutboxStatus.Sent, (await app.MessageAsync("A", queued.Id)).Status);
    }

    [Fact]
    public async Task A_500_is_retried_only_after_the_backoff_and_then_sent_once()
    {
        var to = ClockedNotificationsApp.NewMobile();
        Notify.Script(to, Answer.ServerError);
        var queued = await app.QueueAsync("A", NotificationChannels.Sms, to);

        await app.SendPassAsync();
        var failed = await app.MessageAsync("A", queued.Id);
        Assert.Equal(OutboxStatus.Pending, failed.Status);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("500", failed.LastError, StringComparison.Ordinal);
        Assert.True(failed.InDoubt); // a 5xx may have been taken: the retry asks Notify first
        // First wait: 60 seconds plus up to 20% jitter.
        Assert.InRange(failed.NextAttemptAt!.Value, app.Clock.Now.AddSeconds(60), app.Clock.Now.AddSeconds(72));

        app.Clock.Advance(TimeSpan.FromSeconds(59));
        await app.SendPassAsync();
        Assert.Single(Notify.PostsFor(queued.Id));

        app.Clock.Advance(TimeSpan.FromSeconds(14));
        await app.SendPassAsync();
        Assert.Equal(2, Notify.PostsFor(queued.Id).Count);
        Assert.Equal(1, Notify.AcceptedCount(queued.Id));
        var sent = await app.MessageAsync("A", queued.Id);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(2, sent.Attempts);
        Assert.Null(sent.LastError);
    }

    [Fact]
    public async Task A_rejected_number_is_a_permanent_failure_never_retried_and_its_error_holds_no_number()
    {
        var to = ClockedNotificationsApp.NewMobile();
        Notify.Script(to, Answer.BadRequest);
        var queued = await app.QueueAsync("A", NotificationChannels.Sms, to);

        await app.SendPassAsync();
        app.Clock.Advance(TimeSpan.FromHours(3));
        await app.SendPassAsync();

        Assert.Single(Notify.PostsFor(queued.Id));
        var rejected = await app.MessageAsync("A", queued.Id);
        Assert.Equal(OutboxStatus.PermanentFailure, rejected.Status);
        Assert.Equal(1, rejected.Attempts);
        Assert.Null(rejected.NextAttemptAt);
        Assert.Contains("400", rejected.LastError, StringComparison.Ordinal);
        Assert.Contains("ValidationError", rejected.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(to[^6..], rejected.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timeout_after_notify_took_the_message_is_retried_without_sending_it_twice()
    {
        var to = ClockedNotificationsApp.NewMobile();
        Notify.Script(to, Answer.AcceptThenHang);
        var queued = await app.QueueAsync("A", NotificationChannels.Sms, to);

        await app.SendPassAsync();
        var timedOut = await app.MessageAsync("A", queued.Id);
        Assert.Equal(OutboxStatus.Pending, timedOut.Status);
        Assert.True(timedOut.InDoubt);
        Assert.Contains("No answer from notify within 5 seconds", timedOut.LastError, StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await app.SendPassAsync();

        Assert.Single(Notify.PostsFor(queued.Id));
        var sent = await app.MessageAsync("A", queued.Id);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(Notify.AcceptedId(queued.Id), sent.ProviderReference);
        Assert.False(sent.InDoubt);
    }

    [Fact]
    public async Task A_provider_that_does_not_answer_times_out_and_the_message_is_sent_on_the_next_attempt()
    {
        var to = ClockedNotificationsApp.NewMobile();
        Notify.Script(to, Answer.Hang);
        var queued = await app.QueueAsync("A", NotificationChannels.Sms, to);

        await app.SendPassAsync();
        Assert.Equal(OutboxStatus.Pending, (await app.MessageAsync("A", queued.Id)).Status);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await app.SendPassAsync();

        Assert.Equal(2, Notify.PostsFor(queued.Id).Count);
        Assert.Equal(1, Notify.AcceptedCount(queued.Id));
        Assert.Equal(OutboxStatus.Sent, (await app.MessageAsync("A", queued.Id)).Status);
    }

    [Fact]
    public async Task A_403_from_notify_is_recorded_and_retried_not_dropped()
    {
        var to = ClockedNotificationsApp.NewMobile();
        Notify.Script(to, Answer.Forbidden);
        var queued = await app.QueueAsync("A", NotificationChannels.Sms, to);

        await app.SendPassAsync();
        var refused = await app.MessageAsync("A", queued.Id);
        Assert.Equal(OutboxStatus.Pending, refused.Status);
        Assert.Contains("403", refused.LastError, StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await app.SendPassAsync();
        Assert.Equal(OutboxStatus.Sent, (await app.MessageAsync("A", queued.Id)).Status);
    }

    [Fact]
    public async Task After_the_last_attempt_a_message_is_failed_kept_and_not_tried_again()
    {
        var to = ClockedNotificationsApp.NewMobile();
        Notify.Script(to, Answer.ServerError, Answer.ServerError, Answer.ServerError, Answer.ServerError);
        var queued = await app.QueueAsync("A", NotificationChannels.Sms, to);

        for (var i = 0; i < 3; i++)
        {
            await app.SendPassAsync();
            app.Clock.Advance(TimeSpan.FromMinutes(10));
        }

        var failed = await app.MessageAsync("A", queued.Id);
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Equal(3, failed.Attempts);
        Assert.Null(failed.NextAttemptAt);
        Assert.Contains("500", failed.LastError, StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromHours(5));
        await app.SendPassAsync();
        Assert.Equal(3, Notify.PostsFor(queued.Id).Count);
        Assert.Equal(OutboxStatus.Failed, (await app.MessageAsync("A", queued.Id)).Status);
    }

    [Fact]
    public async Task Four_dispatcher_passes_at_once_send_each_message_exactly_once()
    {
        var messages = new List<(string Org, Guid Id)>();
        for (var i = 0; i < 24; i++)
        {
            var org = i % 4 == 0 ? "B" : "A";
            messages.Add((org, (await app.QueueAsync(org, NotificationChannels.Sms, ClockedNotificationsApp.NewMobile())).Id));
        }

        Notify.Delay = TimeSpan.FromMilliseconds(25);
        try
        {
            // Each pass on a thread of its own, as on separate nodes (SQLite's calls complete synchronously, so without
            // this the first pass would claim everything before the others started).
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(app.SendPassAsync)));
        }
        finally
        {
            Notify.Delay = TimeSpan.Zero;
        }

        foreach (var (org, id) in messages)
        {
            Assert.Single(Notify.PostsFor(id));
            var sent = await app.MessageAsync(org, id);
            Assert.Equal(OutboxStatus.Sent, sent.Status);
            Assert.Equal(1, sent.Attempts);
        }
    }

    private async Task<Guid> AbandonedAsync(TimeSpan claimedAgo)
    {
        var id = Guid.CreateVersion7();
        await app.WithDbAsync(app.World.Org("A"), async db =>
        {
            db.Add(new OutboxMessage
            {
                Id = id, To = ClockedNotificationsApp.NewMobile(), Channel = NotificationChannels.Sms, Subject = "s", Body = "Hello",
                CreatedAt = app.Clock.Now.AddMinutes(-5), Status = OutboxStatus.Sending, ClaimId = Guid.NewGuid(),
                ClaimedAt = app.Clock.Now - claimedAgo, Attempts = 1, LastAttemptAt = app.Clock.Now - claimedAgo,
            });
            await db.SaveChangesAsync();
        });
        return id;
    }

    [Fact]
    public async Task A_message_left_sending_by_a_stopped_node_is_not_sent_again_when_notify_already_has_it()
    {
        var id = await AbandonedAsync(TimeSpan.FromMinutes(1));
        var notifyId = Notify.Preload(id);

        await app.SendPassAsync();

        Assert.Empty(Notify.PostsFor(id));
        var taken = await app.MessageAsync("A", id);
        Assert.Equal(OutboxStatus.Sent, taken.Status);
        Assert.Equal(notifyId, taken.ProviderReference);
    }

    [Fact]
    public async Task A_message_left_sending_that_notify_never_received_is_sent_once()
    {
        var id = await AbandonedAsync(TimeSpan.FromMinutes(1));

        await app.SendPassAsync();
        await app.SendPassAsync();

        Assert.Single(Notify.PostsFor(id));
        var sent = await app.MessageAsync("A", id);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(2, sent.Attempts);
    }

    [Fact]
    public async Task A_message_another_node_is_sending_now_is_left_alone()
    {
        var id = await AbandonedAsync(TimeSpan.FromSeconds(5));

        await app.SendPassAsync();

        Assert.Empty(Notify.PostsFor(id));
        Assert.Equal(OutboxStatus.Sending, (await app.MessageAsync("A", id)).Status);
    }

    [Fact]
    public async Task Delivery_receipts_from_notify_mark_messages_delivered_or_permanently_failed()
    {
        var delivered = await app.QueueAsync("A", NotificationChannels.Sms, ClockedNotificationsApp.NewMobile());
        var bounced = await app.QueueAsync("A", NotificationChannels.Email, ClockedNotificationsApp.NewEmail());
        var pending = await app.QueueAsync("A", NotificationChannels.Email, ClockedNotificationsApp.NewEmail());
        await app.SendPassAsync();
        Notify.SetStatus(Notify.AcceptedId(delivered.Id)!, "delivered");
        Notify.SetStatus(Notify.AcceptedId(bounced.Id)!, "permanent-failure");

        app.Clock.Advance(TimeSpan.FromSeconds(61));
        await app.SendPassAsync();

        var d = await app.MessageAsync("A", delivered.Id);
        Assert.Equal(OutboxStatus.Delivered, d.Status);
        Assert.NotNull(d.DeliveredAt);
        var b = await app.MessageAsync("A", bounced.Id);
        Assert.Equal(OutboxStatus.PermanentFailure, b.Status);
        Assert.Contains("permanent-failure", b.LastError, StringComparison.Ordinal);
        var p = await app.MessageAsync("A", pending.Id);
        Assert.Equal(OutboxStatus.Sent, p.Status);
        Assert.True(p.NextAttemptAt > app.Clock.Now); // asked again later
    }

    [Fact]
    public async Task Each_organisation_s_messages_are_sent_and_recorded_in_that_organisation()
    {
        var a = await app.QueueAsync("A", NotificationChannels.Sms, ClockedNotificationsApp.NewMobile());
        var b = await app.QueueAsync("B", NotificationChannels.Sms, ClockedNotificationsApp.NewMobile());

        await app.SendPassAsync();

        Assert.Equal(OutboxStatus.Sent, (await app.MessageAsync("A", a.Id)).Status);
        Assert.Equal(OutboxStatus.Sent, (await app.MessageAsync("B", b.Id)).Status);
        Assert.False(await app.WithDbAsync(app.World.Org("A"), db => db.Set<OutboxMessage>().AnyAsync(m => m.Id == b.Id)));
    }
}

public sealed class NotifyDeliveryOnSqlite(NotifySqliteApp app) : NotifyDeliveryTests(app), IClassFixture<NotifySqliteApp>;

public sealed class NotifyDeliveryOnPostgres(NotifyPostgresApp app) : NotifyDeliveryTests(app), IClassFixture<NotifyPostgresApp>;
