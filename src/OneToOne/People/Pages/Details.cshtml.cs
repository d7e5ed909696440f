using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Referrals;

namespace OneToOne.People.Pages;

[Authorize(Policy = Policies.PersonRecords)]
internal sealed class DetailsModel(OneToOneDb db, AuditTrail audit, IEnumerable<IPersonTimelineSource> timelineSources) : PageModel
{
    public PersonTimeline Timeline { get; private set; } = new([], []);

    public ScoreChartGeometry Chart { get; private set; } = ScoreChart.Layout([]);

    public Person Person { get; private set; } = null!;

    public IReadOnlyList<ReferralRow> Referrals { get; private set; } = [];

    public IReadOnlyList<TriageDecision> Decisions { get; private set; } = [];

    public IReadOnlyList<AssignmentRow> Assignments { get; private set; } = [];

    internal sealed record ReferralRow(Guid Id, DateOnly ReceivedOn, ReferralStatus Status, PathwayLevel? Level, string? KeyWorker, ReferralSource Source);

    internal sealed record AssignmentRow(Guid ReferralId, string StaffName, PathwayLevel Level, string Reason, string AssignedByName, DateTimeOffset AssignedAt, DateTimeOffset? EndedAt);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return NotFound();
        }

        Person = person;
        Referrals = await db.Referrals.AsNoTracking().Where(r => r.PersonId == id)
            .OrderByDescending(r => r.ReceivedOn).ThenByDescending(r => r.Id)
            .Select(r => new ReferralRow(r.Id, r.ReceivedOn, r.Status, r.Level, r.KeyWorker != null ? r.KeyWorker.DisplayName : null, r.Source))
            .ToListAsync(ct);
        var referralIds = Referrals.Select(r => r.Id).ToList();
        Decisions = await db.TriageDecisions.AsNoTracking().Where(d => referralIds.Contains(d.ReferralId))
            .OrderByDescending(d => d.DecidedAt).ThenByDescending(d => d.Id).ToListAsync(ct);
        Assignments = await db.KeyWorkerAssignments.AsNoTracking().Where(a => a.PersonId == id)
            .Join(db.Staff, a => a.StaffMemberId, s => s.Id,
                (a, s) => new AssignmentRow(a.ReferralId, s.DisplayName, a.Level, a.Reason, a.AssignedByName, a.AssignedAt, a.EndedAt))
            .ToListAsync(ct);
        Assignments = [.. Assignments.OrderByDescending(a => a.AssignedAt)];
        // Other modules' entries (care plan versions) come through IPersonTimelineSource; sequential, as a DbContext is not thread-safe.
        var extra = new List<TimelineEntry>();
        foreach (var source in timelineSources)
        {
            extra.AddRange(await source.EntriesAsync(db, id, ct));
        }

        Timeline = await People.Timeline.BuildAsync(db, id, extra, ct);
        Chart = ScoreChart.Layout(Timeline.Scores);
        await audit.ViewedAsync("Person", person.Id, person.Id, ct);
        return Page();
    }
}
