using Microsoft.EntityFrameworkCore;
using OneToOne.Notifications;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Background;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;
using OneToOne.Worklists;

namespace OneToOne.PatientAccess;

/// <summary>Closes open-access periods whose last day has passed: the person is discharged from the service, a letter to
/// the GP is queued as a task for the team (only with consent to share), and the person is told how to get help now.
/// Safe to run twice, or on two nodes at once: each period is closed by a conditional update, and only the pass whose
/// update changed the row stages the task, the message and the audit row, in the same transaction.
/// A period with a request for help still unanswered is left open until the request is answered: nobody is discharged
/// while they are waiting for the team.</summary>
internal sealed class OpenAccessEndingJob(OrganisationScopes scopes, TimeProvider clock) : IScheduledJob
{
    public const string JobName = "open-access-ending";
    public const string EndedTemplate = "open-access-ended";

    public string Name => JobName;

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public Task RunAsync(CancellationToken ct) => scopes.ForEachAsync((sp, _) => RunForOrganisationAsync(sp, ct), ct);

    private async Task RunForOrganisationAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<OneToOneDb>();
        var today = UkTime.Today(clock);
        var due = await db.Set<OpenAccessPeriod>().AsNoTracking()
            .Where(p => p.Status == OpenAccessStatus.Open && p.EndsOn < today)
            .Where(p => !db.Set<HelpRequest>().Any(r => r.PeriodId == p.Id && r.Status == HelpRequestStatus.Open))
            .OrderBy(p => p.EndsOn).Select(p => p.Id).Take(500).ToListAsync(ct);
        foreach (var id in due)
        {
            await CloseAsync(sp, id, ct);
        }
    }

    private async Task CloseAsync(IServiceProvider sp, Guid periodId, CancellationToken ct)
    {
        var db = sp.GetRequiredService<OneToOneDb>();
        db.ChangeTracker.Clear();
        var options = sp.GetRequiredService<PersonAccessOptions>();
        var calendar = sp.GetRequiredService<WorkingDayCalendar>();
        var now = clock.GetUtcNow();
        var today = UkTime.Today(clock);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var person = await (from p in db.Set<OpenAccessPeriod>()
                            where p.Id == periodId
                            join x in db.People on p.PersonId equals x.Id
                            select new { x.Id, x.ConsentToShareWithGp, x.Email, x.Phone, p.TeamId, p.FormerKeyWorkerId, p.EndsOn }).FirstAsync(ct);
        // Back with the team through a new referral: the period is over, but they are not leaving the service, so no
        // letter and no message saying so.
        var backWithTheTeam = await db.Referrals.AnyAsync(r => r.PersonId == person.Id && Referrals.Referral.OpenStatuses.Contains(r.Status), ct);
        var letter = person.ConsentToShareWithGp && !backWithTheTeam;
        var closed = await db.Set<OpenAccessPeriod>()
            .Where(p => p.Id == periodId && p.Status == OpenAccessStatus.Open)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Status, backWithTheTeam ? OpenAccessStatus.Reopened : OpenAccessStatus.Ended)
                .SetProperty(p => p.EndedAt, now)
                .SetProperty(p => p.GpLetterDue, letter)
                .SetProperty(p => p.Version, Guid.NewGuid()), ct);
        if (closed != 1)
        {
            return; // another pass (or a re-opening) got there first
        }

        if (backWithTheTeam)
        {
            sp.GetRequiredService<AuditTrail>().Record("open-access.end", "OpenAccessPeriod", periodId, person.Id, "back with the team through a new referral");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return;
        }

        if (letter)
        {
            var team = person.TeamId ?? await db.Teams.Where(t => t.Active).OrderBy(t => t.Name).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);
            var due = PersonAccessRules.EndOfUkDay(calendar.AddWorkingDays(today, options.GpLetterWorkingDays));
            await sp.GetRequiredService<WorkTasks>().EnsureAsync(new WorkTaskSpec(WorkTaskKind.OpenAccessEnding, periodId,
                "Send the GP the letter: open access has ended", $"/open-access/{periodId}/gp-letter", due, person.Id,
                team is null ? person.FormerKeyWorkerId : null, team), ct);
        }

        var service = await db.Organisations.Where(o => o.Id == db.TenantId).Select(o => o.Name).FirstAsync(ct);
        var values = new Dictionary<string, string> { ["service"] = service, ["date"] = UkTime.Format(person.EndsOn) };
        var notifier = sp.GetRequiredService<Notifier>();
        if (!string.IsNullOrWhiteSpace(person.Email))
        {
            notifier.Queue(new NotificationRequest(EndedTemplate, NotificationChannels.Email, person.Email, values, person.Id));
        }
        else if (PersonAccessRules.NormaliseMobile(person.Phone) is { } mobile)
        {
            notifier.Queue(new NotificationRequest(EndedTemplate, NotificationChannels.Sms, mobile, values, person.Id));
        }

        sp.GetRequiredService<AuditTrail>().Record("open-access.end", "OpenAccessPeriod", periodId, person.Id,
            person.ConsentToShareWithGp ? "GP letter queued" : "no consent to share with the GP: no letter");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}

/// <summary>Removes sign-in challenges a day after they were made: they are useless once expired, and keeping them
/// longer would keep a trail of sign-in attempts nobody needs (the audit trail has what matters).</summary>
internal sealed class SignInChallengePurgeJob(OneToOneDb db, TimeProvider clock) : IScheduledJob
{
    public const string JobName = "person-sign-in-purge";

    public string Name => JobName;

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task RunAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow().AddDays(-1);
        await db.Set<PersonSignInChallenge>().Where(c => c.CreatedAt < before).ExecuteDeleteAsync(ct);
    }
}
