using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneToOne.Assessments;
using OneToOne.CarePlans;
using OneToOne.Contacts;
using OneToOne.PatientAccess;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.Referrals;
using OneToOne.Tests.Infrastructure;

namespace OneToOne.Tests.PatientAccess;

/// <summary>The person's own pages (issue 4 item 7): their agreed plan, next contacts, questionnaires due, who has looked at
/// their record; only ever their own data; every view audited with the person as the actor.</summary>
public abstract class PersonPagesTests(PersonAccessApp app)
{
    private Guid OrgA => app.World.Org("A");

    /// <summary>A person with an active episode, an agreed plan (version 1: <paramref name="goal"/>; the draft since changed),
    /// a planned next contact, an upcoming group session and a questionnaire to complete.</summary>
    private async Task<(Person Person, Guid ResponseId)> ArrangeAsync(string org, string goal)
    {
        var worker = app.World.Account(org, Roles.SupportWorker).StaffId!.Value;
        var person = await PersonKit.PersonAsync(app, org);
        var referral = await PersonKit.ReferralAsync(app, org, person.Id, ReferralStatus.Active, worker);
        var responseId = await app.WithDbAsync(app.World.Org(org), async db =>
        {
            var plan = new CarePlan { PersonId = person.Id, ReferralId = referral.Id, Status = CarePlanStatus.Agreed, AgreedVersionNumber = 1, CreatedAt = app.Clock.Now, UpdatedAt = app.Clock.Now };
            var concern = new CarePlanConcern { PlanId = plan.Id, ItemCode = "fatigue", Goal = "DRAFT " + goal };
            db.AddRange(plan, concern);
            db.Add(new CarePlanVersion
            {
                PlanId = plan.Id, Number = 1, AgreedAt = app.Clock.Now.AddDays(-3), AgreedByName = "SupportWorker",
                SnapshotJson = JsonSerializer.Serialize(new
                {
                    SelfManagementInfo = "Pace yourself", ContactInHours = "Phone 0113 496 0001", ContactOutOfHours = (string?)null, ReviewDueOn = (DateOnly?)null,
                    Concerns = new[]
                    {
                        new { ItemCode = "fatigue", Concern = "Tiredness", ScoreAtAssessment = 7, Goal = goal,
                            Actions = new[] { new { Description = "Try the fatigue course", Owner = "Me", OwnerKind = "Person", ServiceId = (Guid?)null, DueOn = new DateOnly(2027, 2, 1), Status = "NotStarted" } } },
                    },
                }),
            });
            db.Add(new Contact
            {
                PersonId = person.Id, ReferralId = referral.Id, StaffMemberId = worker, OccurredAt = app.Clock.Now.AddDays(-1), Mode = ContactMode.Phone,
                DurationMinutes = 20, Outcome = "Checked in", NextContactOn = new DateOnly(2027, 1, 20), CreatedAt = app.Clock.Now,
            });
            var session = new GroupSession { Title = "Moving on after cancer " + goal, OccurredAt = app.Clock.Now.AddDays(7), DurationMinutes = 90, FacilitatorStaffId = worker, Location = "Leeds library" };
            db.Add(session);
            db.Add(new Contact
            {
                PersonId = person.Id, StaffMemberId = worker, OccurredAt = session.OccurredAt, Mode = ContactMode.Group, DurationMinutes = 90, Outcome = "Booked",
                GroupSessionId = session.Id, CreatedAt = app.Clock.Now,
            });
            var hna = await db.Set<Instrument>().SingleAsync(i => i.Code == AssessmentDefaults.HnaCode && i.Active);
            var response = new AssessmentResponse
            {
                PersonId = person.Id, InstrumentId = hna.Id, InstrumentCode = hna.Code, InstrumentVersion = hna.Version, Timepoint = Timepoint.Review,
                Mode = CompletionMode.PersonOnline, StartedAt = app.Clock.Now.AddDays(-1),
            };
            db.Add(response);
            await db.SaveChangesAsync();
            return response.Id;
        });
        return (person, responseId);
    }

    [Fact]
    public async Task The_person_sees_their_agreed_plan_next_contacts_and_questionnaires_and_never_anyone_elses()
    {
        app.Clock.Now = PersonAccessClock.Start;
        var (me, _) = await ArrangeAsync("A", "Walk to the park every day");
        var (other, otherResponse) = await ArrangeAsync("A", "Swim twice a week");
        var (elsewhere, elsewhereResponse) = await ArrangeAsync("B", "Back to choir");
        var client = await PersonKit.SignInPersonAsync(app, "A", me);

        var pages = new Dictionary<string, string>();
        foreach (var url in new[] { "/my", "/my/plan", "/my/questionnaires", "/my/record-access", "/my/help" })
        {
            pages[url] = await client.GetStringAsync(url);
        }

        Assert.Contains("Walk to the park every day", pages["/my/plan"], StringComparison.Ordinal);
        Assert.DoesNotContain("DRAFT", pages["/my/plan"], StringComparison.Ordinal);
        Assert.Contains("Version 1", pages["/my/plan"], StringComparison.Ordinal);
        Assert.Contains("20 Jan 2027", pages["/my"], StringComparison.Ordinal);
        Assert.Contains("Moving on after cancer Walk to the park every day", pages["/my"], StringComparison.Ordinal);
        Assert.Contains("SupportWorker A", pages["/my"], StringComparison.Ordinal); // their key worker, by name
        Assert.Contains("Holistic needs assessment", pages["/my/questionnaires"], StringComparison.Ordinal);
        foreach (var (url, html) in pages)
        {
            foreach (var secret in new[] { other.FamilyName, elsewhere.FamilyName, "Swim twice a week", "Back to choir", otherResponse.ToString(), elsewhereResponse.ToString() })
            {
                Assert.False(html.Contains(secret, StringComparison.Ordinal), $"{url} shows another person's data: {secret}");
            }
        }

        // Another person's questionnaire, in this organisation or another, is not found.
        foreach (var id in new[] { otherResponse, elsewhereResponse, Guid.NewGuid() })
        {
            var open = await client.SubmitFormAsync("/my/questionnaires", new() { ["ResponseId"] = id.ToString() });
            Assert.Equal(HttpStatusCode.NotFound, open.StatusCode);
        }

        Assert.False(await app.WithDbAsync(OrgA, db => db.Set<AssessmentLink>().AnyAsync(l => l.ResponseId == otherResponse)));
    }

    [Fact]
    public async Task Without_an_agreed_plan_the_plan_page_says_so()
    {
        var person = await PersonKit.PersonAsync(app, "A");
        var client = await PersonKit.SignInPersonAsync(app, "A", person);
        Assert.NotNull((await client.GetPageAsync("/my/plan")).QuerySelector("#no-plan"));
        Assert.NotNull((await client.GetPageAsync("/my/questionnaires")).QuerySelector("#no-questionnaires"));
        Assert.NotNull((await client.GetPageAsync("/my")).QuerySelector("#no-next-contacts"));
    }

    [Fact]
    public async Task The_person_continues_a_questionnaire_from_their_pages_without_the_date_of_birth_step()
    {
        app.Clock.Now = PersonAccessClock.Start;
        var (me, responseId) = await ArrangeAsync("A", "Sleep better");
        var client = await PersonKit.SignInPersonAsync(app, "A", me);
        var open = await client.SubmitFormAsync("/my/questionnaires", new() { ["ResponseId"] = responseId.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        var url = open.Headers.Location!.OriginalString;
        Assert.Matches("^/a/[A-Za-z0-9_-]{64}/0$", url);
        var first = await client.GetPageAsync(url);
        Assert.NotNull(first.QuerySelector("input[name='answer-distress']"));
        var saved = await client.SubmitFormAsync(url, new() { ["answer-distress"] = "5" });
        Assert.Equal(url[..^1] + "1", saved.Headers.Location!.OriginalString);
        Assert.Equal(5, await app.WithDbAsync(OrgA, db => db.Set<AssessmentAnswer>().Where(a => a.ResponseId == responseId && a.ItemCode == "distress").Select(a => a.Score).SingleAsync()));
        Assert.True(await app.WithDbAsync(OrgA, db => db.AuditEvents.AnyAsync(e => e.Action == "questionnaire.open" && e.PersonId == me.Id && e.Role == PersonAudit.Role)));

        // The link is no use to anyone else's browser: it needs the date of birth there.
        Assert.Equal(HttpStatusCode.Redirect, (await app.NewClient().GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Who_has_looked_at_my_record_shows_staff_by_role_and_organisation_without_names_and_not_the_persons_own_views()
    {
        app.Clock.Now = PersonAccessClock.Start;
        var person = await PersonKit.PersonAsync(app, "A");
        var nurse = await app.SignInAsync("A", Roles.RegisteredPractitioner);
        Assert.Equal(HttpStatusCode.OK, (await nurse.GetAsync($"/people/{person.Id}")).StatusCode);
        var client = await PersonKit.SignInPersonAsync(app, "A", person);
        await client.GetAsync("/my");
        var page = await client.GetPageAsync("/my/record-access");
        var rows = page.QuerySelectorAll("#access-log tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Registered practitioner", StringComparison.Ordinal)
            && r.Contains(app.World.Organisations["A"].Name, StringComparison.Ordinal) && r.Contains("Looked at your record", StringComparison.Ordinal));
        Assert.DoesNotContain("RegisteredPractitioner A", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(rows, r => r.Contains(PersonAudit.ActorName, StringComparison.Ordinal));
        Assert.Equal(rows.Count, await app.WithDbAsync(OrgA, db => db.AuditEvents.CountAsync(e => e.PersonId == person.Id && e.Role != PersonAudit.Role)));
    }

    [Fact]
    public async Task Every_view_of_the_persons_own_pages_is_audited_with_the_person_as_the_actor()
    {
        var person = await PersonKit.PersonAsync(app, "A");
        var client = await PersonKit.SignInPersonAsync(app, "A", person);
        foreach (var url in new[] { "/my", "/my/plan", "/my/questionnaires", "/my/record-access", "/my/help" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        }

        var views = await app.WithDbAsync(OrgA, db => db.AuditEvents.Where(e => e.PersonId == person.Id && e.Action == "view").ToListAsync());
        Assert.Equal(["own pages: ask for help", "own pages: home", "own pages: plan", "own pages: questionnaires", "own pages: who has looked at my record"],
            views.Select(v => v.Detail!).Order(StringComparer.Ordinal));
        Assert.All(views, v => Assert.Equal((PersonAudit.Role, PersonAudit.ActorName, (Guid?)null, person.Id.ToString()), (v.Role, v.UserName, v.UserId, v.EntityId)));
    }
}

public sealed class PersonPagesOnSqlite(PersonAccessSqliteApp app) : PersonPagesTests(app), IClassFixture<PersonAccessSqliteApp>;

public sealed class PersonPagesOnPostgres(PersonAccessPostgresApp app) : PersonPagesTests(app), IClassFixture<PersonAccessPostgresApp>;
