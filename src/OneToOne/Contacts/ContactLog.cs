using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Referrals;

namespace OneToOne.Contacts;

internal enum AttendanceResult
{
    Added,
    Removed,
    SessionNotFound,
    PersonNotFound,
    Duplicate,
    NotStarted,
    NotAttending,
}

/// <summary>Logging contacts and recording group attendance, shared by the pages and the API. Each change writes
/// its audit event and saves once, so a contact, its referral's activation and their audit rows commit together.</summary>
internal sealed class ContactLog(OneToOneDb db, AuditTrail audit, CurrentUser user, TimeProvider clock)
{
    public const string NoStaffRecord = "Your account is not linked to a staff record, so you cannot log contacts. Ask your administrator to link it.";
    public const string DuplicateAttendee = "This person is already recorded as attending this session";
    public const string NotStartedMessage = "Attendance can be recorded once the session has started";

    /// <summary>The signed-in user's staff record in this organisation, or null (the caller shows <see cref="NoStaffRecord"/>).</summary>
    public async Task<Guid?> ActingStaffIdAsync(CancellationToken ct)
    {
        if (user.StaffMemberId is not { } staffId)
        {
            return null;
        }

        return await db.Staff.AnyAsync(s => s.Id == staffId, ct) ? staffId : null;
    }

    /// <summary>Logs a one-to-one contact. Null errors means it was saved.</summary>
    public async Task<(Contact? Contact, IReadOnlyList<FieldError> Errors)> LogAsync(Person person, ContactInput input, CancellationToken ct)
    {
        var staffId = await ActingStaffIdAsync(ct);
        if (staffId is null)
        {
            return (null, [new FieldError("", NoStaffRecord)]);
        }

        var (draft, errors) = ContactRules.Check(input, clock.GetUtcNow());
        if (draft is null)
        {
            return (null, errors);
        }

        var referral = await OpenReferralAsync(person.Id, ct);
        var contact = new Contact
        {
            PersonId = person.Id,
            ReferralId = referral?.Id,
            StaffMemberId = staffId.Value,
            OccurredAt = draft.OccurredAt,
            Mode = draft.Mode,
            DurationMinutes = draft.DurationMinutes,
            Addressed = [.. draft.Addressed],
            Outcome = draft.Outcome,
            NextContactOn = draft.NextContactOn,
            CreatedAt = clock.GetUtcNow(),
            CreatedByUserId = user.UserId,
        };
        db.Set<Contact>().Add(contact);
        audit.Record("contact.create", "Contact", contact.Id, person.Id,
            string.Create(CultureInfo.InvariantCulture, $"{draft.Mode}; {draft.DurationMinutes} min; {string.Join(',', draft.Addressed)}"));

        // The first contact starts the episode (DOMAIN.md pathway step 6): same transaction as the contact.
        // ActivatedAt is when the contact happened, not when it was typed up, so waits are measured truly.
        if (referral is { Status: ReferralStatus.Allocated })
        {
            referral.Status = ReferralStatus.Active;
            referral.ActivatedAt = draft.OccurredAt;
            audit.Record("referral.first-contact", "Referral", referral.Id, person.Id, "contact logged");
        }

        await db.SaveChangesAsync(ct);
        return (contact, []);
    }

    /// <summary>The person's current episode: allocated or active first, else any other open referral, newest first.</summary>
    private async Task<Referral?> OpenReferralAsync(Guid personId, CancellationToken ct)
    {
        var open = await db.Referrals.Where(r => r.PersonId == personId && Referral.OpenStatuses.Contains(r.Status))
            .OrderByDescending(r => r.ReceivedOn).ThenByDescending(r => r.Id).ToListAsync(ct);
        return open.FirstOrDefault(r => Referral.CaseloadStatuses.Contains(r.Status)) ?? open.FirstOrDefault();
    }

    public async Task<(GroupSession? Session, IReadOnlyList<FieldError> Errors)> CreateSessionAsync(GroupSessionInput input, CancellationToken ct)
    {
        var (draft, errors) = ContactRules.Check(input, clock.GetUtcNow());
        if (draft is null)
        {
            return (null, errors);
        }

        if (!await db.Staff.AnyAsync(s => s.Id == draft.FacilitatorStaffId && s.Active, ct))
        {
            return (null, [new FieldError("FacilitatorStaffId", ContactRules.FacilitatorMissing)]);
        }

        var session = new GroupSession
        {
            Title = draft.Title,
            Kind = draft.Kind,
            OccurredAt = draft.OccurredAt,
            DurationMinutes = draft.DurationMinutes,
            Location = draft.Location,
            FacilitatorStaffId = draft.FacilitatorStaffId,
            Description = draft.Description,
            Addressed = [.. draft.Addressed],
            CreatedAt = clock.GetUtcNow(),
            CreatedByUserId = user.UserId,
        };
        db.Set<GroupSession>().Add(session);
        audit.Record("group.create", "GroupSession", session.Id, null, session.Kind.ToString());
        await db.SaveChangesAsync(ct);
        return (session, []);
    }

    /// <summary>Records a person's attendance as a group contact on their record. The session's Version is checked
    /// (when given) and renewed, so two people editing one register see each other's changes.</summary>
    public async Task<(AttendanceResult Result, Contact? Contact)> AddAttendeeAsync(Guid sessionId, Guid personId, Guid? version, CancellationToken ct)
    {
        var session = await db.Set<GroupSession>().FirstOrDefaultAsync(g => g.Id == sessionId, ct);
        if (session is null)
        {
            return (AttendanceResult.SessionNotFound, null);
        }

        if (!await db.People.AnyAsync(p => p.Id == personId, ct))
        {
            return (AttendanceResult.PersonNotFound, null);
        }

        if (session.OccurredAt > clock.GetUtcNow() + ContactRules.ClockTolerance)
        {
            return (AttendanceResult.NotStarted, null);
        }

        if (await db.Set<Contact>().AnyAsync(c => c.GroupSessionId == sessionId && c.PersonId == personId, ct))
        {
            return (AttendanceResult.Duplicate, null);
        }

        var referral = await OpenReferralAsync(personId, ct);
        var contact = new Contact
        {
            PersonId = personId,
            ReferralId = referral?.Id,
            StaffMemberId = session.FacilitatorStaffId,
            OccurredAt = session.OccurredAt,
            Mode = ContactMode.Group,
            DurationMinutes = session.DurationMinutes,
            Addressed = [.. session.Addressed],
            Outcome = "Attended " + session.Title,
            GroupSessionId = session.Id,
            CreatedAt = clock.GetUtcNow(),
            CreatedByUserId = user.UserId,
        };
        db.Set<Contact>().Add(contact);
        Touch(session, version);
        audit.Record("group.attendee.add", "GroupSession", session.Id, personId, contact.Id.ToString());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // Someone recorded the same person at the same moment: the unique index refused the second.
            db.ChangeTracker.Clear();
            return (AttendanceResult.Duplicate, null);
        }

        return (AttendanceResult.Added, contact);
    }

    public async Task<AttendanceResult> RemoveAttendeeAsync(Guid sessionId, Guid personId, Guid? version, CancellationToken ct)
    {
        var session = await db.Set<GroupSession>().FirstOrDefaultAsync(g => g.Id == sessionId, ct);
        if (session is null)
        {
            return AttendanceResult.SessionNotFound;
        }

        var contact = await db.Set<Contact>().FirstOrDefaultAsync(c => c.GroupSessionId == sessionId && c.PersonId == personId, ct);
        if (contact is null)
        {
            return AttendanceResult.NotAttending;
        }

        db.Set<Contact>().Remove(contact);
        Touch(session, version);
        audit.Record("group.attendee.remove", "GroupSession", session.Id, personId, contact.Id.ToString());
        await db.SaveChangesAsync(ct);
        return AttendanceResult.Removed;
    }

    private void Touch(GroupSession session, Guid? version)
    {
        if (version is { } v)
        {
            db.Entry(session).Property(x => x.Version).OriginalValue = v;
        }

        // Marks the session modified so its Version is renewed with the register.
        db.Entry(session).Property(x => x.Version).IsModified = true;
    }

    /// <summary>The mode this staff member logs most often, for the form's default; face to face when they have none yet.</summary>
    public async Task<ContactMode> UsualModeAsync(Guid staffId, CancellationToken ct)
    {
        var recent = await db.Set<Contact>().Where(c => c.StaffMemberId == staffId && c.Mode != ContactMode.Group)
            .OrderByDescending(c => c.OccurredAt).Take(100).Select(c => c.Mode).ToListAsync(ct);
        return recent.Count == 0
            ? ContactMode.FaceToFace
            : recent.GroupBy(m => m).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
    }
}
