using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Contacts;

/// <summary>occurredAt is ISO 8601: with an offset it is taken as given, without one as UK local time.
/// nextContactOn is YYYY-MM-DD. mode is one of FaceToFace, Phone, Video, Message, HomeVisit.</summary>
public sealed record ContactRequest(string? OccurredAt, string? Mode, int? DurationMinutes, List<string>? Addressed, string? Outcome, string? NextContactOn);

public sealed record ContactDto(Guid Id, Guid PersonId, Guid? ReferralId, DateTimeOffset OccurredAt, string Mode, int DurationMinutes,
    IReadOnlyList<string> Addressed, string Outcome, DateOnly? NextContactOn, string StaffName, Guid? GroupSessionId, string? GroupTitle);

public sealed record GroupRequest(string? Title, string? Kind, string? OccurredAt, int? DurationMinutes, string? Location,
    Guid? FacilitatorStaffId, string? Description, List<string>? Addressed);

public sealed record GroupDto(Guid Id, string Title, string Kind, DateTimeOffset OccurredAt, int DurationMinutes, string? Location,
    string FacilitatorName, int Attendees);

public sealed record GroupsDto(IReadOnlyList<GroupDto> Upcoming, IReadOnlyList<GroupDto> Past);

public sealed record AttendeeRequest(Guid? PersonId);

internal static class ContactsApi
{
    public const int GroupListSize = 50;

    public static void MapContactsApi(this WebApplication app)
    {
        var people = app.MapGroup("/api/v1/people/{personId:guid}/contacts").RequireAuthorization(Policies.Api).WithTags("Contacts");
        people.MapGet("/", ListAsync).RequireAuthorization(Policies.PersonRecords)
            .WithName("ListContacts").WithSummary("The person's contacts, newest first (audited as a view).");
        people.MapPost("/", LogAsync).RequireAuthorization(Policies.PersonRecords)
            .WithName("LogContact").WithSummary("Log a one-to-one contact as the signed-in staff member. The first contact of an allocated referral makes it active.");

        var groups = app.MapGroup("/api/v1/groups").RequireAuthorization(Policies.Api).WithTags("Contacts");
        groups.MapGet("/", GroupsAsync).RequireAuthorization(Policies.PersonRecords)
            .WithName("ListGroupSessions").WithSummary("Group sessions: the next 50 upcoming and the last 50 past.");
        groups.MapPost("/", CreateGroupAsync).RequireAuthorization(Policies.PersonRecords)
            .WithName("CreateGroupSession").WithSummary("Create a group session such as a health and wellbeing event.");
        groups.MapPost("/{id:guid}/attendees", AddAttendeeAsync).RequireAuthorization(Policies.PersonRecords)
            .WithName("AddGroupAttendee").WithSummary("Record a person's attendance: a group contact on their record.");
        groups.MapDelete("/{id:guid}/attendees/{personId:guid}", RemoveAttendeeAsync).RequireAuthorization(Policies.PersonRecords)
            .WithName("RemoveGroupAttendee").WithSummary("Remove a person's attendance and its contact.");
    }

    internal static ContactDto Dto(ContactRow c, Guid personId) =>
        new(c.Id, personId, c.ReferralId, c.OccurredAt, c.Mode.ToString(), c.DurationMinutes, c.Addressed, c.Outcome, c.NextContactOn,
            c.StaffName, c.GroupSessionId, c.GroupTitle);

    private static GroupDto Dto(GroupRow g) =>
        new(g.Id, g.Title, g.Kind.ToString(), g.OccurredAt, g.DurationMinutes, g.Location, g.FacilitatorName, g.Attendees);

    private static async Task<Results<Ok<IReadOnlyList<ContactDto>>, NotFound>> ListAsync(Guid personId, OneToOneDb db, ContactQueries queries,
        AuditTrail audit, CancellationToken ct)
    {
        if (!await db.People.AnyAsync(p => p.Id == personId, ct))
        {
            return TypedResults.NotFound();
        }

        var rows = await queries.ForPersonAsync(personId, null, ct);
        await audit.ViewedAsync("Person", personId, personId, ct, "api; contacts");
        return TypedResults.Ok<IReadOnlyList<ContactDto>>([.. rows.Select(r => Dto(r, personId))]);
    }

    private static async Task<Results<Created<ContactDto>, NotFound, ValidationProblem, ProblemHttpResult>> LogAsync(Guid personId,
        ContactRequest request, OneToOneDb db, ContactLog log, ContactQueries queries, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            return TypedResults.NotFound();
        }

        if (await log.ActingStaffIdAsync(ct) is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: ContactLog.NoStaffRecord);
        }

        DateOnly? next = null;
        if (!string.IsNullOrWhiteSpace(request.NextContactOn))
        {
            if (!DateOnly.TryParseExact(request.NextContactOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["nextContactOn"] = ["Enter the next contact date as YYYY-MM-DD"] });
            }

            next = d;
        }

        var input = new ContactInput
        {
            // An absent occurredAt is "missing", reported against the JSON field rather than the form's date parts.
            OccurredAt = request.OccurredAt ?? "",
            Mode = request.Mode,
            DurationMinutes = request.DurationMinutes?.ToString(CultureInfo.InvariantCulture),
            Addressed = request.Addressed,
            Outcome = request.Outcome,
            NextContactOn = next,
        };
        var (contact, errors) = await log.LogAsync(person, input, ct);
        if (contact is null)
        {
            return TypedResults.ValidationProblem(PeopleChoices.ToValidationErrors(errors));
        }

        var row = (await queries.ForPersonAsync(personId, null, ct)).First(r => r.Id == contact.Id);
        return TypedResults.Created($"/api/v1/people/{personId}/contacts", Dto(row, personId));
    }

    private static async Task<Ok<GroupsDto>> GroupsAsync(ContactQueries queries, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var upcoming = await queries.SessionsAsync(now, upcoming: true, GroupListSize, ct);
        var past = await queries.SessionsAsync(now, upcoming: false, GroupListSize, ct);
        return TypedResults.Ok(new GroupsDto([.. upcoming.Select(Dto)], [.. past.Select(Dto)]));
    }

    private static async Task<Results<Created<GroupDto>, ValidationProblem>> CreateGroupAsync(GroupRequest request, ContactLog log,
        CurrentUser user, CancellationToken ct)
    {
        var input = new GroupSessionInput
        {
            Title = request.Title,
            Kind = request.Kind,
            OccurredAt = request.OccurredAt ?? "",
            DurationMinutes = request.DurationMinutes?.ToString(CultureInfo.InvariantCulture),
            Location = request.Location,
            // Facilitated by the caller unless they name someone else.
            FacilitatorStaffId = request.FacilitatorStaffId ?? user.StaffMemberId,
            Description = request.Description,
            Addressed = request.Addressed,
        };
        var (session, errors) = await log.CreateSessionAsync(input, ct);
        if (session is null)
        {
            return TypedResults.ValidationProblem(PeopleChoices.ToValidationErrors(errors));
        }

        return TypedResults.Created($"/api/v1/groups/{session.Id}", new GroupDto(session.Id, session.Title, session.Kind.ToString(), session.OccurredAt,
            session.DurationMinutes, session.Location, "", 0));
    }

    private static async Task<Results<Created<ContactDto>, NotFound, ValidationProblem, ProblemHttpResult>> AddAttendeeAsync(Guid id,
        AttendeeRequest request, OneToOneDb db, ContactLog log, ContactQueries queries, CancellationToken ct)
    {
        // Another organisation's session is not found before the body is validated, so the answer never confirms it.
        if (!await db.Set<GroupSession>().AnyAsync(g => g.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        if (request.PersonId is not { } personId)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["personId"] = ["Enter the id of the person who attended"] });
        }

        var (result, contact) = await log.AddAttendeeAsync(id, personId, null, ct);
        switch (result)
        {
            case AttendanceResult.Added:
                var row = (await queries.ForPersonAsync(personId, null, ct)).First(r => r.Id == contact!.Id);
                return TypedResults.Created($"/api/v1/people/{personId}/contacts", Dto(row, personId));
            case AttendanceResult.Duplicate:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ContactLog.DuplicateAttendee);
            case AttendanceResult.NotStarted:
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["personId"] = [ContactLog.NotStartedMessage] });
            default:
                return TypedResults.NotFound();
        }
    }

    private static async Task<Results<NoContent, NotFound>> RemoveAttendeeAsync(Guid id, Guid personId, ContactLog log, CancellationToken ct) =>
        await log.RemoveAttendeeAsync(id, personId, null, ct) == AttendanceResult.Removed ? TypedResults.NoContent() : TypedResults.NotFound();
}
