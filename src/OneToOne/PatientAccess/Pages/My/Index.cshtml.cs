using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OneToOne.Assessments;
using OneToOne.CarePlans;
using OneToOne.Contacts;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;

namespace OneToOne.PatientAccess.Pages.My;

internal sealed record UpcomingSession(string Title, DateTimeOffset At, string? Location);

/// <summary>The person's home page: where they stand with the team, what comes next, and what they can do.</summary>
internal sealed class IndexModel(OneToOneDb db, HelpRequests help, TimeProvider clock) : PersonPage(db)
{
    public HelpState State { get; private set; } = null!;

    public string Service { get; private set; } = "";

    public string? KeyWorkerName { get; private set; }

    public DateOnly? NextContactOn { get; private set; }

    public IReadOnlyList<UpcomingSession> Sessions { get; private set; } = [];

    public int QuestionnairesDue { get; private set; }

    public bool HasAgreedPlan { get; private set; }

    public int OpenRequests { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadMeAsync(ct) is { } stop)
        {
            return stop;
        }

        var id = Me.Id;
        State = await help.StateAsync(id, ct);
        Service = await Db.Organisations.Where(o => o.Id == Db.TenantId).Select(o => o.Name).FirstAsync(ct);
        if (State.OpenEpisode?.KeyWorkerId is { } kw)
        {
            KeyWorkerName = await Db.Staff.Where(s => s.Id == kw).Select(s => s.DisplayName).FirstOrDefaultAsync(ct);
        }

        var today = UkTime.Today(clock);
        var now = clock.GetUtcNow();
        var next = await Db.Set<Contact>().Where(c => c.PersonId == id && c.GroupSessionId == null)
            .OrderByDescending(c => c.OccurredAt).Select(c => c.NextContactOn).FirstOrDefaultAsync(ct);
        NextContactOn = State.OpenEpisode is not null && next >= today ? next : null;
        Sessions = await (from c in Db.Set<Contact>()
                          where c.PersonId == id && c.GroupSessionId != null && c.OccurredAt >= now
                          join g in Db.Set<GroupSession>() on c.GroupSessionId equals g.Id
                          orderby g.OccurredAt
                          select new UpcomingSession(g.Title, g.OccurredAt, g.Location)).Take(5).ToListAsync(ct);
        QuestionnairesDue = await Db.Set<AssessmentResponse>()
            .CountAsync(r => r.PersonId == id && r.Status == ResponseStatus.InProgress && r.Mode == CompletionMode.PersonOnline, ct);
        HasAgreedPlan = await Db.Set<CarePlan>().AnyAsync(p => p.PersonId == id && p.AgreedVersionNumber > 0, ct);
        OpenRequests = await Db.Set<HelpRequest>().CountAsync(r => r.PersonId == id && r.Status == HelpRequestStatus.Open, ct);
        await AuditViewAsync("home", ct);
        return Page();
    }
}
