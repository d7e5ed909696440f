using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Referrals;

namespace OneToOne.Allocation;

internal sealed record CandidateDto(
    Guid StaffMemberId,
    string Name,
    string Role,
    int? Rank,
    bool Eligible,
    decimal Score,
    decimal CaseloadCapacity,
    decimal WeightedCaseload,
    decimal CapacityLeftAfter,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Exclusions);

/// <summary>A referral's ranked candidates. Ready is false when the referral cannot take a key worker now; Message says why.</summary>
internal sealed record CandidatesResponse(
    Guid ReferralId,
    string Status,
    string? Level,
    decimal WeightForLevel,
    Guid Version,
    Guid? KeyWorkerId,
    bool Ready,
    string? Message,
    IReadOnlyList<CandidateDto> Candidates);

/// <param name="StaffMemberId">The chosen key worker.</param>
/// <param name="Reason">Optional: why this person (kept with the assignment).</param>
/// <param name="Version">Optional: the referral version the choice was made against; a newer one gives 409.</param>
internal sealed record AllocationRequest(Guid? StaffMemberId, string? Reason, Guid? Version);

internal sealed record AssignmentDto(
    Guid Id,
    Guid ReferralId,
    Guid PersonId,
    Guid StaffMemberId,
    string KeyWorkerName,
    string Level,
    int Rank,
    decimal Score,
    string Reason,
    string AssignedBy,
    DateTimeOffset AssignedAt);

internal static class AllocationApi
{
    public static RouteGroupBuilder MapAllocationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/referrals")
            .RequireAuthorization(Policies.Api)
            .WithTags("Allocation");

        api.MapGet("/{id:guid}/candidates", GetCandidatesAsync)
            .RequireAuthorization(Policies.Allocate)
            .WithName("GetReferralCandidates")
            .WithSummary("Ranks the organisation's staff as key worker for an accepted referral, with reasons and exclusions.");

        api.MapPost("/{id:guid}/allocation", AllocateAsync)
            .RequireAuthorization(Policies.Allocate)
            .WithName("AllocateKeyWorker")
            .WithSummary("Names the key worker for an accepted (or re-assigns an allocated) referral.");

        return api;
    }

    private static async Task<Results<Ok<CandidatesResponse>, NotFound>> GetCandidatesAsync(Guid id, Candidates candidates, CancellationToken ct)
    {
        var list = await candidates.ForReferralAsync(id, ct);
        if (list is null)
        {
            return TypedResults.NotFound();
        }

        var r = list.Referral;
        return TypedResults.Ok(new CandidatesResponse(
            r.Id,
            r.Status.ToString(),
            r.Level?.ToString(),
            list.WeightForReferral,
            r.Version,
            r.KeyWorkerId,
            r.ReadyForAllocation,
            r.NotReadyMessage,
            [.. list.Ranked.Select(c => new CandidateDto(
                c.Staff.StaffId,
                c.Staff.DisplayName,
                c.Staff.RoleName,
                c.Eligible ? list.RankOf(c.Staff.StaffId) : null,
                c.Eligible,
                Math.Round(c.Score, 2),
                c.Staff.CaseloadCapacity,
                c.Staff.WeightedCaseload,
                c.CapacityLeftAfter,
                c.Reasons,
                c.Exclusions))]));
    }

    private static async Task<Results<Ok<AssignmentDto>, NotFound, ValidationProblem, Conflict<Microsoft.AspNetCore.Mvc.ProblemDetails>>> AllocateAsync(
        Guid id, AllocationRequest request, KeyWorkerAllocator allocator, OneToOneDb db, CancellationToken ct)
    {
        // Another organisation's referral is not found whatever the body says: never a hint that it exists.
        if (!await db.Referrals.AnyAsync(r => r.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.StaffMemberId is null || request.StaffMemberId == Guid.Empty)
        {
            errors["staffMemberId"] = ["Choose a key worker"];
        }

        if (request.Reason?.Trim().Length > Referral.ReasonMax)
        {
            errors["reason"] = [$"Reason must be {Referral.ReasonMax} characters or fewer"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var outcome = await allocator.AllocateAsync(id, request.StaffMemberId!.Value, request.Reason, request.Version, ct);
        return outcome.Result switch
        {
            AllocationResult.NotFound => TypedResults.NotFound(),
            AllocationResult.NotEligible => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["staffMemberId"] = [outcome.Message!] }),
            AllocationResult.NotReady => TypedResults.Conflict(Problem("The referral is not ready for allocation", outcome.Message)),
            AllocationResult.Conflict => TypedResults.Conflict(Problem("Someone else changed this referral", outcome.Message)),
            _ => TypedResults.Ok(ToDto(outcome.Assignment!, outcome.KeyWorkerName!)),
        };
    }

    private static Microsoft.AspNetCore.Mvc.ProblemDetails Problem(string title, string? detail) =>
        new() { Status = StatusCodes.Status409Conflict, Title = title, Detail = detail };

    private static AssignmentDto ToDto(KeyWorkerAssignment a, string name) => new(
        a.Id, a.ReferralId, a.PersonId, a.StaffMemberId, name, a.Level.ToString(), a.Rank, a.Score, a.Reason, a.AssignedByName, a.AssignedAt);
}
