using Microsoft.EntityFrameworkCore;
using OneToOne.Assessments;
using OneToOne.Contacts;
using OneToOne.Notifications;
using OneToOne.PatientAccess;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Time;
using OneToOne.Tests.Allocation;
using OneToOne.Workforce;
using OneToOne.Worklists;

namespace OneToOne.Tests.Notifications;

/// <summary>The reminders job: a questionnaire not completed, a contact tomorrow, staff's overdue work - each once,
/// only by the channel the person chose, and only in the daytime.</summary>
public abstract class ReminderTests(NotifyApp app)
{
    private Guid OrgA => app.World.Org("A");

    private Task RemindAsync() => app.RunJobAsync(ReminderJob.JobName);

    private Task<List<OutboxMessage>> RemindersForPersonAsync(Guid personId) =>
        app.WithDbAsync(OrgA, db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.PersonId == personId).ToListAsync());

    private Task<Person> PersonAsync(ContactMethod method, string? email = null, string? phone = null) =>
        Arrange.PersonAsync(app, "A", p =>
        {
            p.PreferredContactMethod = method;
            p.Email = email;
            p.Phone = phone;
        });

    private Task<Guid> LinkAsync(Guid personId, TimeSpan sentAgo, Action<AssessmentLink>? configure = null) =>
        app.WithDbAsync(OrgA, async db =>
        {
            await AssessmentDefaults.EnsureDefaultsAsync(db, default);
            var hna = await db.Set<Instrument>().FirstAsync(i => i.Code == AssessmentDefaults.HnaCode && i.Active);
            var response = new AssessmentResponse
            {
                PersonId = personId, InstrumentId = hna.Id, InstrumentCode = hna.Code, InstrumentVersion = hna.Version,
                Mode = CompletionMode.PersonOnline, StartedAt = app.Clock.Now - sentAgo,
            };
            PatientLinks.NewToken(OrgA, out var hash);
            var link = new AssessmentLink
            {
                PersonId = personId, ResponseId = response.Id, TokenHash = hash,
                CreatedAt = app.Clock.Now - sentAgo, ExpiresAt = app.Clock.Now - sentAgo + TimeSpan.FromHours(72),
            };
            configure?.Invoke(link);
            if (link.UsedAt is not null)
            {
                response.Status = ResponseStatus.Submitted;
            }

            db.AddRange(response, link);
            await db.SaveChangesAsync();
            return link.Id;
        });

    private Task ContactAsync(Guid personId, DateOnly? next, TimeSpan occurredAgo) =>
        app.WithDbAsync(OrgA, async db =>
        {
            db.Add(new Contact
            {
                PersonId = personId, StaffMemberId = app.World.Account("A", Roles.SupportWorker).StaffId!.Value,
                OccurredAt = app.Clock.Now - occurredAgo, Mode = ContactMode.Phone, DurationMinutes = 20, Outcome = "Talked",
                NextContactOn = next, CreatedAt = app.Clock.Now,
            });
            await db.SaveChangesAsync();
        });

    [Fact]
    public async Task A_questionnaire_not_completed_after_two_days_gets_one_reminder_by_the_chosen_channel()
    {
        app.Clock.NextUkDayAt(10);
        var email = ClockedNotificationsApp.NewEmail();
        var person = await PersonAsync(ContactMethod.Email, email, ClockedNotificationsApp.NewMobile());
        var link = await LinkAsync(person.Id, TimeSpan.FromHours(49));

        await RemindAsync();
        await RemindAsync();

        var reminder = Assert.Single(await RemindersForPersonAsync(person.Id));
        Assert.Equal(NotificationChannels.Email, reminder.Channel);
        Assert.Equal(email, reminder.To);
        Assert.Equal(ReminderTemplates.QuestionnaireDue, reminder.Template);
        Assert.Equal($"questionnaire-due:{link:N}", reminder.NotificationKey);
        Assert.Contains("The link works until", reminder.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_questionnaire_sent_recently_completed_or_expired_gets_no_reminder()
    {
        app.Clock.NextUkDayAt(10);
        var recent = await PersonAsync(ContactMethod.Email, ClockedNotificationsApp.NewEmail());
        await LinkAsync(recent.Id, TimeSpan.FromHours(30));
        var completed = await PersonAsync(ContactMethod.Email, ClockedNotificationsApp.NewEmail());
        await LinkAsync(completed.Id, TimeSpan.FromHours(50), l => l.UsedAt = app.Clock.Now.AddHours(-1));
        var expired = await PersonAsync(ContactMethod.Email, ClockedNotificationsApp.NewEmail());
        await LinkAsync(expired.Id, TimeSpan.FromHours(80));

        await RemindAsync();

        Assert.Empty(await RemindersForPersonAsync(recent.Id));
        Assert.Empty(await RemindersForPersonAsync(completed.Id));
        Assert.Empty(await RemindersForPersonAsync(expired.Id));
    }

    [Fact]
    public async Task A_person_whose_next_contact_is_tomorrow_gets_one_text_reminder()
    {
        app.Clock.NextUkDayAt(10);
        var phone = ClockedNotificationsApp.NewMobile();
        var person = await PersonAsync(ContactMethod.Text, ClockedNotificationsApp.NewEmail(), phone);
        var tomorrow = UkTime.Today(app.Clock).AddDays(1);
        await ContactAsync(person.Id, tomorrow, TimeSpan.FromDays(6));

        await RemindAsync();
        app.Clock.Advance(TimeSpan.FromHours(2));
        await RemindAsync();

        var reminder = Assert.Single(await RemindersForPersonAsync(person.Id));
        Assert.Equal(NotificationChannels.Sms, reminder.Channel);
        Assert.Equal(phone, reminder.To);
        Assert.Equal(ReminderTemplates.ContactTomorrow, reminder.Template);
        Assert.Contains(tomorrow.ToString("d MMMM", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), reminder.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_later_contact_that_changed_the_plan_means_no_reminder()
    {
        app.Clock.NextUkDayAt(10);
        var person = await PersonAsync(ContactMethod.Text, phone: ClockedNotificationsApp.NewMobile());
        await ContactAsync(person.Id, UkTime.Today(app.Clock).AddDays(1), TimeSpan.FromDays(6));
        await ContactAsync(person.Id, UkTime.Today(app.Clock).AddDays(14), TimeSpan.FromDays(1));

        await RemindAsync();

        Assert.Empty(await RemindersForPersonAsync(person.Id));
    }

    [Theory]
    [InlineData(ContactMethod.Phone)]
    [InlineData(ContactMethod.Letter)]
    public async Task A_person_who_asked_for_calls_or_letters_gets_no_automated_reminder(ContactMethod method)
    {
        app.Clock.NextUkDayAt(10);
        var person = await PersonAsync(method, ClockedNotificationsApp.NewEmail(), ClockedNotificationsApp.NewMobile());
        await ContactAsync(person.Id, UkTime.Today(app.Clock).AddDays(1), TimeSpan.FromDays(3));
        await LinkAsync(person.Id, TimeSpan.FromHours(50));

        await RemindAsync();

        Assert.Empty(await RemindersForPersonAsync(person.Id));
    }

    [Fact]
    public async Task A_person_who_chose_text_messages_without_a_mobile_number_gets_no_reminder()
    {
        app.Clock.NextUkDayAt(10);
        var person = await PersonAsync(ContactMethod.Text, ClockedNotificationsApp.NewEmail(), "0113 496 0000");
        await ContactAsync(person.Id, UkTime.Today(app.Clock).AddDays(1), TimeSpan.FromDays(3));

        await RemindAsync();

        Assert.Empty(await RemindersForPersonAsync(person.Id));
    }

    [Fact]
    public async Task Reminders_wait_for_the_daytime()
    {
        app.Clock.NextUkDayAt(6);
        var person = await PersonAsync(ContactMethod.Text, phone: ClockedNotificationsApp.NewMobile());
        await ContactAsync(person.Id, UkTime.Today(app.Clock).AddDays(1), TimeSpan.FromDays(3));

        await RemindAsync();
        Assert.Empty(await RemindersForPersonAsync(person.Id));

        app.Clock.Advance(TimeSpan.FromHours(3)); // 09:00
        await RemindAsync();
        Assert.Single(await RemindersForPersonAsync(person.Id));
    }

    [Fact]
    public async Task Two_reminder_passes_at_once_queue_each_reminder_once()
    {
        app.Clock.NextUkDayAt(11);
        var people = new List<Person>();
        for (var i = 0; i < 5; i++)
        {
            var person = await PersonAsync(ContactMethod.Text, phone: ClockedNotificationsApp.NewMobile());
            await ContactAsync(person.Id, UkTime.Today(app.Clock).AddDays(1), TimeSpan.FromDays(2));
            people.Add(person);
        }

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(RemindAsync)));

        foreach (var person in people)
        {
            Assert.Single(await RemindersForPersonAsync(person.Id));
        }
    }

    [Fact]
    public async Task Staff_get_one_email_a_day_listing_their_overdue_work()
    {
        app.Clock.NextUkDayAt(10);
        var staff = await app.WithDbAsync(OrgA, async db =>
        {
            var worker = new StaffMember
            {
                TeamId = app.World.Teams["A"].Id, StaffRoleId = app.World.StaffRoles["Support worker"].Id,
                DisplayName = "Digest Worker", Email = ClockedNotificationsApp.NewEmail("worker"),
            };
            db.Add(worker);
            await db.SaveChangesAsync();
            foreach (var (title, due) in new[] { ("Make first contact", TimeSpan.FromDays(-2)), ("Review assessment", TimeSpan.FromHours(-1)), ("Not yet due", TimeSpan.FromDays(3)) })
            {
                db.Add(new WorkTask
                {
                    Kind = WorkTaskKind.FirstContact, SourceId = Guid.NewGuid(), Title = title, Link = "/people", DueAt = app.Clock.Now + due,
                    AssignedToStaffId = worker.Id, Status = WorkTaskStatus.Open, CreatedAt = app.Clock.Now.AddDays(-5),
                });
            }

            await db.SaveChangesAsync();
            return worker;
        });
        Task<List<OutboxMessage>> DigestsAsync() => app.WithDbAsync(OrgA, db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.StaffMemberId == staff.Id).OrderBy(m => m.CreatedAt).ToListAsync());

        await RemindAsync();
        await RemindAsync();

        var digest = Assert.Single(await DigestsAsync());
        Assert.Equal(staff.Email, digest.To);
        Assert.Equal(NotificationChannels.Email, digest.Channel);
        Assert.Equal("OneToOne: 2 pieces of work overdue", digest.Subject);
        Assert.Contains("Make first contact", digest.Body, StringComparison.Ordinal);
        Assert.Contains("Review assessment", digest.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Not yet due", digest.Body, StringComparison.Ordinal);

        app.Clock.NextUkDayAt(10);
        await RemindAsync();
        Assert.Equal(2, (await DigestsAsync()).Count);
    }
}

public sealed class RemindersOnSqlite(NotifySqliteApp app) : ReminderTests(app), IClassFixture<NotifySqliteApp>;

public sealed class RemindersOnPostgres(NotifyPostgresApp app) : ReminderTests(app), IClassFixture<NotifyPostgresApp>;
