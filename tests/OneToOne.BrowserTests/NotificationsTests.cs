using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OneToOne.Notifications;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Background;
using OneToOne.Platform.Data;

namespace OneToOne.BrowserTests;

/// <summary>An administrator reads the outbox (the embedded default: messages held, nothing sent), opens a message,
/// and sends a failed one again; every page passes axe (WCAG 2.2 AA).</summary>
public sealed class NotificationsTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private async Task<Guid> QueueAsync(string to, string date, OutboxStatus? status = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActFor(app.World.Org("A"));
        var message = scope.ServiceProvider.GetRequiredService<Notifier>().Queue(new NotificationRequest(
            "contact-tomorrow", NotificationChannels.Email, to, new Dictionary<string, string>(StringComparer.Ordinal) { ["date"] = date }));
        var db = scope.ServiceProvider.GetRequiredService<OneToOneDb>();
        await db.SaveChangesAsync();
        if (status is { } s)
        {
            await db.Set<OutboxMessage>().Where(m => m.Id == message.Id).ExecuteUpdateAsync(u => u
                .SetProperty(m => m.Status, s).SetProperty(m => m.Attempts, 5).SetProperty(m => m.LastError, "GOV.UK Notify answered 500 Exception: Internal server error"));
        }

        return message.Id;
    }

    [Fact]
    public async Task An_administrator_reads_the_outbox_opens_a_message_and_retries_a_failed_one()
    {
        var held = await QueueAsync("iris.abernethy@example.com", "Thursday 11 March");
        await app.Services.GetRequiredService<JobRunner>().RunOnceAsync(NotificationDispatcher.JobName);
        var failed = await QueueAsync("walter.failed@example.com", "Friday 12 March", OutboxStatus.Failed);

        var page = await app.NewPageAsync();
        await page.SignInAsync(app.World.Account("A", Roles.Administrator));
        await page.GotoAsync("/admin/outbox");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Outbox");
        await Assertions.Expect(page.Locator("#outbox")).ToContainTextAsync("i***@example.com");
        await Assertions.Expect(page.Locator("#outbox")).ToContainTextAsync("Held in outbox");
        await Assertions.Expect(page.Locator("#outbox")).Not.ToContainTextAsync("iris.abernethy");
        await Assertions.Expect(page.Locator("#failed-messages")).ToContainTextAsync("could not be sent");
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Status").SelectOptionAsync("Failed");
        await page.ClickButtonAsync("Show messages");
        await Assertions.Expect(page.Locator("#outbox tbody tr")).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync();

        await page.GotoAsync($"/admin/outbox/{held}");
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("iris.abernethy@example.com");
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("Your support team plans to contact you tomorrow, Thursday 11 March.");
        await page.AssertAccessibleAsync();

        await page.GotoAsync($"/admin/outbox/{failed}");
        await page.ClickButtonAsync("Retry now");
        await Assertions.Expect(page.Locator(".nhsuk-notification-banner")).ToContainTextAsync("will be sent again");
        await Assertions.Expect(page.Locator("#delivery")).ToContainTextAsync("Waiting to send");
        await page.AssertAccessibleAsync();
    }
}
