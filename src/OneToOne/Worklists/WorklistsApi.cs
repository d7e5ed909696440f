using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Worklists;

internal sealed record CaseloadEntryDto(
    Guid ReferralId,
    Guid PersonId,
    string PersonName,
    string NhsNumber,
    string? Level,
    string Status,
    DateOnly ReceivedOn,
    string TimeSinceReferral,
    DateOnly? NextStepDue,
    bool NextStepOverdue,
    string NextStep,
    IReadOnlyList<string> Flags);

internal sealed record CaseloadDto(
    Guid StaffMemberId,
    string Name,
    string Role,
    decimal Capacity,
    decimal WeightedCaseload,
    decimal PercentUsed,
    string CapacityState,
    IReadOnlyList<CaseloadEntryDto> People);

internal static class WorklistsApi
{
    public static void MapWorklistsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(Policies.Api)
            .WithTags("Caseloads");

        api.MapGet("/caseload", MineAsync)
            .RequireAuthorization(Policies.PersonRecords)
            .WithName("GetMyCaseload")
            .WithSummary("The signed-in key worker's open people (allocated or active), next step due first.");

        api.MapGet("/staff/{id:guid}/caseload", ForStaffAsync)
            .RequireAuthorization(Policies.TeamView)
            .WithName("GetStaffCaseload")
            .WithSummary("A staff member's caseload in the caller's organisation.");
    }

    private static async Task<Results<Ok<CaseloadDto>, NotFound<ProblemDetails>>> MineAsync(
        CurrentUser user, Caseloads caseloads, AuditTrail audit, OneToOneDb db, CancellationToken ct)
    {
        if (user.StaffMemberId is not { } staffId)
        {
            return TypedResults.NotFound(new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "You have no staff record",
                Detail = "Only staff with a staff record hold a caseload. Ask your administrator to link your account to one.",
            });
        }

        var result = await ForStaffAsync(staffId, caseloads, audit, db, ct);
        return result.Result is Ok<CaseloadDto> ok ? ok : TypedResults.NotFound(new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Staff record not found" });
    }

    private static async Task<Results<Ok<CaseloadDto>, NotFound>> ForStaffAsync(
        Guid id, Caseloads caseloads, AuditTrail audit, OneToOneDb db, CancellationToken ct)
    {
        var caseload = await caseloads.ForStaffAsync(id, ct);
        if (caseload is null)
        {
            return TypedResults.NotFound();
        }

        audit.Record("caseload.view", "StaffMember", id, null, string.Create(CultureInfo.InvariantCulture, $"{caseload.Entries.Count} people (api)"));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(caseload));
    }

    internal static CaseloadDto ToDto(WorkerCaseload c) => new(
        c.StaffMemberId, c.Name, c.Role, c.Capacity, c.WeightedCaseload, c.PercentUsed, c.State.ToString(),
        [.. c.Entries.Select(e => new CaseloadEntryDto(
            e.ReferralId, e.PersonId, e.PersonName, e.NhsNumber, e.Level?.ToString(), e.Status.ToString(), e.ReceivedOn,
            e.TimeSinceReferral, e.NextStepDue, e.NextStepOverdue, e.NextStep, e.Flags))]);
}
