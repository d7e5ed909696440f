using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Data;

namespace OneToOne.Contacts;

internal sealed record ContactRow(Guid Id, DateTimeOffset OccurredAt, ContactMode Mode, int DurationMinutes, IReadOnlyList<string> Addressed,
    string Outcome, DateOnly? NextContactOn, string StaffName, Guid? GroupSessionId, string? GroupTitle, Guid? ReferralId);

/// <summary>The model of Pages/_ContactsTable.cshtml.</summary>
internal sealed record ContactsTable(IReadOnlyList<ContactRow> Rows, string Caption);

internal sealed record AttendeeRow(Guid PersonId, string GivenName, string FamilyName, string NhsNumber, Guid ContactId);

internal sealed record GroupRow(Guid Id, string Title, GroupSessionKind Kind, DateTimeOffset OccurredAt, int DurationMinutes, string? Location,
    string FacilitatorName, int Attendees);

/// <summary>Reads for the contact lists: the person's contacts page, the partial on their record and the API.</summary>
internal sealed class ContactQueries(OneToOneDb db)
{
    public async Task<IReadOnlyList<ContactRow>> ForPersonAsync(Guid personId, int? take, CancellationToken ct)
    {
        var query =
            from c in db.Set<Contact>().AsNoTracking()
            where c.PersonId == personId
            join s in db.Staff on c.StaffMemberId equals s.Id
            join g in db.Set<GroupSession>() on c.GroupSessionId equals g.Id into groups
            from g in groups.DefaultIfEmpty()
            orderby c.OccurredAt descending, c.Id descending
            select new ContactRow(c.Id, c.OccurredAt, c.Mode, c.DurationMinutes, c.Addressed, c.Outcome, c.NextContactOn,
                s.DisplayName, c.GroupSessionId, g != null ? g.Title : null, c.ReferralId);
        return take is { } n ? await query.Take(n).ToListAsync(ct) : await query.ToListAsync(ct);
    }

    public async Task<IReadOnlyList<AttendeeRow>> AttendeesAsync(Guid sessionId, CancellationToken ct) =>
        await (from c in db.Set<Contact>().AsNoTracking()
               where c.GroupSessionId == sessionId
               join p in db.People on c.PersonId equals p.Id
               orderby p.FamilyName, p.GivenName, p.Id
               select new AttendeeRow(p.Id, p.GivenName, p.FamilyName, p.NhsNumber, c.Id)).ToListAsync(ct);

    /// <summary>Sessions from <paramref name="from"/> onwards (soonest first) or before it (latest first).</summary>
    public async Task<IReadOnlyList<GroupRow>> SessionsAsync(DateTimeOffset from, bool upcoming, int take, CancellationToken ct)
    {
        var sessions = db.Set<GroupSession>().AsNoTracking().Where(g => upcoming ? g.OccurredAt >= from : g.OccurredAt < from);
        sessions = upcoming ? sessions.OrderBy(g => g.OccurredAt).ThenBy(g => g.Id) : sessions.OrderByDescending(g => g.OccurredAt).ThenByDescending(g => g.Id);
        var rows = await (from g in sessions.Take(take)
                          join s in db.Staff on g.FacilitatorStaffId equals s.Id
                          select new GroupRow(g.Id, g.Title, g.Kind, g.OccurredAt, g.DurationMinutes, g.Location, s.DisplayName,
                              db.Set<Contact>().Count(c => c.GroupSessionId == g.Id))).ToListAsync(ct);
        // A join after Take does not keep the order in SQL, so order the page here.
        return upcoming
            ? [.. rows.OrderBy(r => r.OccurredAt).ThenBy(r => r.Id)]
            : [.. rows.OrderByDescending(r => r.OccurredAt).ThenByDescending(r => r.Id)];
    }
}
