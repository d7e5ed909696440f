using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Worklists;

internal sealed record WorkItemDto(Guid Id, string Kind, string Title, string Link, DateTimeOffset DueAt, string Due, bool Breached, Guid? PersonId, string? PersonName);

internal sealed record WorkGroupDto(string Group, int Total, IReadOnlyList<WorkItemDto> Items);

internal sealed record WorkListDto(int Total, IReadOnlyList<WorkGroupDto> Groups, int DueLater);

internal sealed record MyWorkDto(Guid StaffMemberId, string Name, int UpcomingDays, WorkListDto Mine, Guid? TeamId, string? TeamName, WorkListDto? TeamQueue, int? TeamBreaches);

internal sealed record BreachDto(
    Guid Id, string Kind, string Title, string Link, DateTimeOffset DueAt, DateTimeOffset BreachedAt, string Late,
    Guid? PersonId, string? PersonName, Guid? OwnerStaffId, Guid? OwnerTeamId, string Owner);

internal sealed record TeamBreachesDto(string? TeamName, int Total, IReadOnlyList<BreachDto> Breaches);

internal sealed record LostPersonDto(Guid PersonId, string PersonName, Guid ReferralId, string Status, string? KeyWorker, DateTimeOffset? LastContactAt, DateTimeOffset? AllocatedAt, string Since);

internal sealed record PastTriageDto(Guid ReferralId, Guid PersonId, string PersonName, DateOnly ReceivedOn, DateOnly TriageDueOn, string Late);

internal sealed record SafetyDto(
    int PeriodDays, int NoContactTotal, IReadOnlyList<LostPersonDto> NoContact, int PastTriageTotal, IReadOnlyList<PastTriageDto> PastTriage,
    int UnroutedBreachesTotal, IReadOnlyList<BreachDto> UnroutedBreaches);

/// <summary>My work, the team's breaches and the safety report as JSON, for the same users as the pages.</summary>
internal static class WorkApi
{
    public static void MapWorkApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(Policies.Api)
            .WithTags("Work");

        api.MapGet("/my-work", MyWorkAsync)
            .RequireAuthorization(Policies.PersonRecords)
            .WithName("GetMyWork")
            .WithSummary("The signed-in staff member's open tasks and their team's queue: overdue, due today and upcoming.");

        api.MapGet("/team/breaches", BreachesAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.TeamLead))
            .WithName("GetTeamBreaches")
            .WithSummary("Open tasks of the team lead's team that passed their deadline, most overdue first, with owner and how late.");

        api.MapGet("/reports/safety", SafetyAsync)
            .RequireAuthorization(Policies.TeamView)
            .WithName("GetSafetyReport")
            .WithSummary("Active people with no contact and nothing scheduled for longer than the configured period; referrals past their triage deadline.");
    }

    private static ProblemDetails NoStaffRecord() => new()
    {
        Status = StatusCodes.Status404NotFound,
        Title = "You have no staff record",
        Detail = "Work is held by staff members. Ask your administrator to link your account to a staff record.",
    };

    private static async Task<Results<Ok<MyWorkDto>, NotFound<ProblemDetails>>> MyWorkAsync(
        CurrentUser user, WorkViews views, AuditTrail audit, OneToOneDb db, CancellationToken ct)
    {
        if (user.StaffMemberId is not { } staffId || await views.MyWorkAsync(staffId, user.Role, ct) is not { } work)
        {
            return TypedResults.NotFound(NoStaffRecord());
        }

        audit.Record("mywork.view", "StaffMember", staffId, null,
            string.Create(CultureInfo.InvariantCulture, $"{work.Mine.Total} tasks, team queue {work.Team?.Total ?? 0} (api)"));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new MyWorkDto(work.StaffId, work.StaffName, work.UpcomingDays, ToDto(work.Mine), work.TeamId, work.TeamName,
            work.Team is null ? null : ToDto(work.Team), work.TeamBreaches));
    }

    private static async Task<Results<Ok<TeamBreachesDto>, NotFound<ProblemDetails>>> BreachesAsync(
        CurrentUser user, WorkViews views, AuditTrail audit, OneToOneDb db, CancellationToken ct)
    {
        if (user.StaffMemberId is not { } staffId || await views.TeamBreachesAsync(staffId, ct) is not { } breaches)
        {
            return TypedResults.NotFound(NoStaffRecord());
        }

        audit.Record("team.breaches.view", "StaffMember", staffId, null, string.Create(CultureInfo.InvariantCulture, $"{breaches.Total} breaches (api)"));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new TeamBreachesDto(breaches.TeamName, breaches.Total, [.. breaches.Items.Select(ToDto)]));
    }

    private static async Task<Ok<SafetyDto>> SafetyAsync(CurrentUser user, WorkViews views, AuditTrail audit, OneToOneDb db, CancellationToken ct)
    {
        var report = await views.SafetyAsync(ct);
        audit.Record("report.safety.view", "Organisation", user.OrganisationId ?? Guid.Empty, null,
            string.Create(CultureInfo.InvariantCulture, $"{report.LostTotal} without contact, {report.PastTriageTotal} past triage (api)"));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new SafetyDto(
            report.PeriodDays,
            report.LostTotal,
            [.. report.Lost.Select(l => new LostPersonDto(l.PersonId, l.PersonName, l.ReferralId, l.Status.ToString(), l.KeyWorker, l.LastContactAt, l.AllocatedAt, l.Since))],
            report.PastTriageTotal,
            [.. report.PastTriage.Select(p => new PastTriageDto(p.ReferralId, p.PersonId, p.PersonName, p.ReceivedOn, p.TriageDueOn, p.Late))],
            report.UnroutedTotal,
            [.. report.Unrouted.Select(ToDto)]));
    }

    private static WorkListDto ToDto(WorkList list) => new(
        list.Total,
        [.. list.Groups.Select(g => new WorkGroupDto(g.Bucket.ToString(), g.Total,
            [.. g.Items.Select(i => new WorkItemDto(i.Id, i.Kind.ToString(), i.Title, i.Link, i.DueAt, i.DueText, i.Breached, i.PersonId, i.PersonName))]))],
        list.Later);

    private static BreachDto ToDto(BreachItem b) => new(
        b.Id, b.Kind.ToString(), b.Title, b.Link, b.DueAt, b.BreachedAt, b.Late, b.PersonId, b.PersonName, b.OwnerStaffId, b.OwnerTeamId, b.Owner);
}
