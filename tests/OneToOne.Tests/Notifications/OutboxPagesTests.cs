using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using OneToOne.Notifications;
using OneToOne.Notifications.Pages;
using OneToOne.Platform.Auth;
using OneToOne.Tests.Allocation;
using OneToOne.Tests.Infrastructure;

namespace OneToOne.Tests.Notifications;

/// <summary>The administrators' outbox: a list with masked recipients, a message in full (audited), retry now; no
/// other role and no other organisation gets in.</summary>
public abstract class OutboxPagesTests(NotifyApp app)
{
    private Task SetAsync(string org, Guid id, Action<OutboxMessage> change) =>
        app.WithDbAsync(app.World.Org(org), async db =>
        {
            var m = await db.Set<OutboxMessage>().SingleAsync(x => x.Id == id);
            change(m);
            await db.SaveChangesAsync();
        });

    private async Task<OutboxMessage> FailedAsync(string to)
    {
        var m = await app.QueueAsync("A", NotificationChannels.Email, to);
        await SetAsync("A", m.Id, x =>
        {
            x.Status = OutboxStatus.Failed;
            x.Attempts = 3;
            x.LastError = "GOV.UK Notify answered 500 Exception: Internal server error";
        });
        return m;
    }

    [Fact]
    public async Task An_administrator_sees_the_outbox_with_masked_recipients_only()
    {
        var to = ClockedNotificationsApp.NewEmail("jo.bloggs");
        var phone = ClockedNotificationsApp.NewMobile();
        await app.QueueAsync("A", NotificationChannels.Email, to);
        await app.QueueAsync("A", NotificationChannels.Sms, phone);
        var admin = await app.SignInAsync("A", Roles.Administrator);

        var response = await admin.GetAsync("/admin/outbox");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("j***@example.com", html, StringComparison.Ordinal);
        Assert.DoesNotContain(to, html, StringComparison.Ordinal);
        Assert.Contains("********" + phone[^3..], html, StringComparison.Ordinal);
        Assert.DoesNotContain(phone, html, StringComparison.Ordinal);
        Assert.DoesNotContain(phone.Replace(" ", "", StringComparison.Ordinal), html, StringComparison.Ordinal);
        Assert.Contains("Waiting to send", html, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(app.World.Org("A"), db => db.AuditEvents.AnyAsync(e => e.Action == "outbox.list")));
    }

    [Fact]
    public async Task Opening_a_message_shows_it_in_full_and_is_recorded_against_the_person()
    {
        var person = await Arrange.PersonAsync(app, "A");
        var to = ClockedNotificationsApp.NewEmail();
        var message = await app.QueueAsync("A", NotificationChannels.Email, to, person.Id);
        var admin = await app.SignInAsync("A", Roles.Administrator);

        var page = await admin.GetPageAsync($"/admin/outbox/{message.Id}");

        var text = page.QuerySelector("main")!.TextContent;
        Assert.Contains(to, text, StringComparison.Ordinal);
        Assert.Contains("Test subject there", text, StringComparison.Ordinal);
        Assert.Contains("This is a test message.", text, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[action*='handler=Retry']")); // not failed: nothing to retry
        var audited = await app.WithDbAsync(app.World.Org("A"), db => db.AuditEvents.AsNoTracking()
            .SingleAsync(e => e.EntityType == "OutboxMessage" && e.EntityId == message.Id.ToString()));
        Assert.Equal("view", audited.Action);
        Assert.Equal(person.Id, audited.PersonId);
    }

    [Theory]
    [InlineData(Roles.SupportWorker)]
    [InlineData(Roles.RegisteredPractitioner)]
    [InlineData(Roles.TeamLead)]
    [InlineData(Roles.Evaluator)]
    public async Task Only_administrators_may_open_the_outbox(string role)
    {
        var message = await app.QueueAsync("A", NotificationChannels.Email, ClockedNotificationsApp.NewEmail());
        var client = await app.SignInAsync("A", role);

        var list = await client.GetAsync("/admin/outbox");
        var detail = await client.GetAsync($"/admin/outbox/{message.Id}");

        Assert.True(list.StatusCode == HttpStatusCode.Forbidden
            || list.Headers.Location?.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal) == true, $"{role}: {(int)list.StatusCode}");
        Assert.Equal(HttpStatusCode.NotFound, detail.StatusCode);
    }

    [Fact]
    public async Task Another_organisation_s_messages_are_neither_listed_nor_found()
    {
        var domain = "b" + Guid.NewGuid().ToString("N")[..8] + ".example.org";
        var other = await app.QueueAsync("B", NotificationChannels.Email, "someone@" + domain);
        var admin = await app.SignInAsync("A", Roles.Administrator);

        var list = await (await admin.GetAsync("/admin/outbox")).Content.ReadAsStringAsync();
        var detail = await admin.GetAsync($"/admin/outbox/{other.Id}");

        Assert.DoesNotContain(domain, list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, detail.StatusCode);
    }

    [Fact]
    public async Task Failed_messages_are_called_out_and_retry_now_sends_one_again()
    {
        var message = await FailedAsync(ClockedNotificationsApp.NewEmail());
        var admin = await app.SignInAsync("A", Roles.Administrator);
        var list = await admin.GetPageAsync("/admin/outbox");
        Assert.Contains("could not be sent", list.QuerySelector("#failed-messages")!.TextContent, StringComparison.Ordinal);

        var response = await admin.SubmitFormAsync($"/admin/outbox/{message.Id}", [], "form[action*='handler=Retry']");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var retried = await app.MessageAsync("A", message.Id);
        Assert.Equal(OutboxStatus.Pending, retried.Status);
        Assert.Equal(0, retried.Attempts);
        Assert.True(await app.WithDbAsync(app.World.Org("A"), db => db.AuditEvents.AnyAsync(e => e.Action == "outbox.retry" && e.EntityId == message.Id.ToString())));

        await app.SendPassAsync();
        Assert.Equal(OutboxStatus.Sent, (await app.MessageAsync("A", message.Id)).Status);
        Assert.Single(app.Notify.PostsFor(message.Id));
    }

    [Fact]
    public async Task Retrying_a_message_that_is_no_longer_failed_changes_nothing()
    {
        var message = await FailedAsync(ClockedNotificationsApp.NewEmail());
        var admin = await app.SignInAsync("A", Roles.Administrator);
        var page = await admin.GetPageAsync($"/admin/outbox/{message.Id}");
        var form = (IHtmlFormElement)page.QuerySelector("form[action*='handler=Retry']")!;
        var token = ((IHtmlInputElement)form.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        await SetAsync("A", message.Id, m => m.Status = OutboxStatus.Sent); // another administrator retried it and it went

        var response = await admin.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(DetailsModel.NotRetryableMessage, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.Sent, (await app.MessageAsync("A", message.Id)).Status);
    }

    [Fact]
    public async Task Retry_all_failed_puts_back_every_failed_message_and_nothing_else()
    {
        var failed = await FailedAsync(ClockedNotificationsApp.NewEmail());
        var rejected = await app.QueueAsync("A", NotificationChannels.Sms, ClockedNotificationsApp.NewMobile());
        await SetAsync("A", rejected.Id, m => m.Status = OutboxStatus.PermanentFailure);
        var admin = await app.SignInAsync("A", Roles.Administrator);

        var response = await admin.SubmitFormAsync("/admin/outbox", [], "form[action*='handler=RetryFailed']");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(OutboxStatus.Pending, (await app.MessageAsync("A", failed.Id)).Status);
        Assert.Equal(OutboxStatus.PermanentFailure, (await app.MessageAsync("A", rejected.Id)).Status);
    }
}

public sealed class OutboxPagesOnSqlite(NotifySqliteApp app) : OutboxPagesTests(app), IClassFixture<NotifySqliteApp>;

public sealed class OutboxPagesOnPostgres(NotifyPostgresApp app) : OutboxPagesTests(app), IClassFixture<NotifyPostgresApp>;
