using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Supervision;

public sealed record SignOffListItemDto(Guid Id, string Kind, string KindName, string Summary, Guid PersonId, string PersonName,
    string RequestedByName, DateTimeOffset RequestedAt, Guid? SupervisorStaffId, string? SupervisorName, string Status,
    string? DecidedByName, DateTimeOffset? DecidedAt, DateTimeOffset? DueAt);

public sealed record SignOffDto(Guid Id, string Kind, string KindName, string Summary, Guid SubjectId, Guid PersonId, string PersonName,
    string RequestedByName, DateTimeOffset RequestedAt, Guid? SupervisorStaffId, string? SupervisorName, Guid? TeamId, string Status,
    string? DecidedByName, DateTimeOffset? DecidedAt, string? Comment, DateTimeOffset? DueAt, bool MayDecide, Guid Version);

/// <summary>version: the request's version as last read (optimistic concurrency).</summary>
public sealed record ApproveSignOffBody(Guid? Version);

/// <summary>comment is required: why it is returned and what to do next.</summary>
public sealed record ReturnSignOffBody(Guid? Version, string? Comment);

internal static class SupervisionApi
{
    public const int ListSize = 200;

    public static void MapSupervisionApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/sign-offs").RequireAuthorization(Policies.Api).WithTags("Sign-offs");
        api.MapGet("/", QueueAsync).RequireAuthorization(Policies.TeamView)
            .WithName("ListSignOffQueue")
            .WithSummary("The caller's sign-off queue: requests named to them, their team's queue (registered practitioners) or their team's requests (team leads). status=Pending (default) or Decided.");
        api.MapGet("/mine", MineAsync).RequireAuthorization(Policies.PersonRecords)
            .WithName("ListMySignOffRequests")
            .WithSummary("The caller's own sign-off requests and their status, newest first.");
        api.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Policies.PersonRecords)
            .WithName("GetSignOffRequest")
            .WithSummary("One sign-off request, for its requester or someone who may decide it.");
        api.MapPost("/{id:guid}/approve", ApproveAsync).RequireAuthorization(Policies.TeamView)
            .WithName("ApproveSignOffRequest")
            .WithSummary("Approve: the action is carried out in the same transaction. 409 when already decided or stale, 422 when the action cannot be done (nothing is stored).");
        api.MapPost("/{id:guid}/return", ReturnAsync).RequireAuthorization(Policies.TeamView)
            .WithName("ReturnSignOffRequest")
            .WithSummary("Return with a comment (required); the requester is notified.");
    }

    private static async Task<Results<Ok<IReadOnlyList<SignOffListItemDto>>, ValidationProblem>> QueueAsync(string? status, SignOffDecisions decisions,
        CurrentUser user, AuditTrail audit, OneToOneDb db, CancellationToken ct)
    {
        var decided = string.Equals(status, "Decided", StringComparison.OrdinalIgnoreCase);
        if (!decided && !string.IsNullOrEmpty(status) && !string.Equals(status, "Pending", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["Status must be Pending or Decided"] });
        }

        var rows = await decisions.QueueAsync(decided, ListSize, ct);
        await AuditListAsync(user, audit, db, "signoff.queue.view", rows.Count, ct);
        return TypedResults.Ok<IReadOnlyList<SignOffListItemDto>>([.. rows.Select(Dto)]);
    }

    private static async Task<Ok<IReadOnlyList<SignOffListItemDto>>> MineAsync(SignOffDecisions decisions, CurrentUser user, AuditTrail audit,
        OneToOneDb db, CancellationToken ct)
    {
        var rows = await decisions.MineAsync(ListSize, ct);
        await AuditListAsync(user, audit, db, "signoff.mine.view", rows.Count, ct);
        return TypedResults.Ok<IReadOnlyList<SignOffListItemDto>>([.. rows.Select(Dto)]);
    }

    private static async Task<Results<Ok<SignOffDto>, NotFound>> GetAsync(Guid id, SignOffDecisions decisions, AuditTrail audit, CancellationToken ct)
    {
        var view = await decisions.FindAsync(id, ct);
        if (view is null)
        {
            return TypedResults.NotFound();
        }

        await audit.ViewedAsync("SignOffRequest", id, view.Request.PersonId, ct, "api");
        return TypedResults.Ok(Dto(view));
    }

    private static async Task<Results<Ok<SignOffDto>, NotFound, ValidationProblem, ProblemHttpResult>> ApproveAsync(Guid id, ApproveSignOffBody? body,
        SignOffDecisions decisions, CancellationToken ct)
    {
        // Another organisation's request (or one the caller may not see) is not found before the body is read.
        var view = await decisions.FindAsync(id, ct);
        if (view is null)
        {
            return TypedResults.NotFound();
        }

        if (body?.Version is not { } version)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["version"] = ["Give the request's version as last read"] });
        }

        return await AnswerAsync(await decisions.ApproveAsync(view.Request, version, ct), id, decisions, ct);
    }

    private static async Task<Results<Ok<SignOffDto>, NotFound, ValidationProblem, ProblemHttpResult>> ReturnAsync(Guid id, ReturnSignOffBody? body,
        SignOffDecisions decisions, CancellationToken ct)
    {
        var view = await decisions.FindAsync(id, ct);
        if (view is null)
        {
            return TypedResults.NotFound();
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body?.Version is null)
        {
            errors["version"] = ["Give the request's version as last read"];
        }

        if (SupervisionRules.CheckReturnComment(body?.Comment) is { Count: > 0 } commentErrors && view.MayDecide)
        {
            errors["comment"] = [.. commentErrors.Select(e => e.Message)];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await AnswerAsync(await decisions.ReturnAsync(view.Request, body!.Version!.Value, body.Comment, ct), id, decisions, ct);
    }

    private static async Task<Results<Ok<SignOffDto>, NotFound, ValidationProblem, ProblemHttpResult>> AnswerAsync(DecisionResult result, Guid id,
        SignOffDecisions decisions, CancellationToken ct)
    {
        switch (result.Outcome)
        {
            case DecisionOutcome.Done:
                var view = await decisions.FindAsync(id, ct);
                return view is null ? TypedResults.NotFound() : TypedResults.Ok(Dto(view));
            case DecisionOutcome.Invalid:
                return TypedResults.ValidationProblem(PeopleChoices.ToValidationErrors(result.Errors));
            case DecisionOutcome.NotAllowed:
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "You cannot decide this request", detail: result.Message);
            case DecisionOutcome.AlreadyDone:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already decided", detail: result.Message);
            case DecisionOutcome.Conflict:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Someone else changed this request", detail: result.Message);
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The action could not be carried out", detail: result.Message);
        }
    }

    private static async Task AuditListAsync(CurrentUser user, AuditTrail audit, OneToOneDb db, string action, int count, CancellationToken ct)
    {
        if (user.StaffMemberId is { } me && count > 0)
        {
            audit.Record(action, "StaffMember", me, null, string.Create(CultureInfo.InvariantCulture, $"{count} requests (api)"));
            await db.SaveChangesAsync(ct);
        }
    }

    internal static SignOffListItemDto Dto(SignOffRow r) => new(
        r.Id, r.Kind, SignOffKinds.DisplayName(r.Kind), r.Summary, r.PersonId, r.PersonName, r.RequestedByName, r.RequestedAt,
        r.SupervisorStaffId, r.SupervisorName, r.Status.ToString(), r.DecidedByName, r.DecidedAt, r.DueAt);

    internal static SignOffDto Dto(SignOffView v)
    {
        var r = v.Request;
        return new SignOffDto(r.Id, r.Kind, SignOffKinds.DisplayName(r.Kind), r.Summary, r.SubjectId, r.PersonId, v.PersonName, r.RequestedByName,
            r.RequestedAt, r.SupervisorStaffId, v.SupervisorName, r.TeamId, r.Status.ToString(), r.DecidedByName, r.DecidedAt, r.Comment, v.DueAt,
            v.MayDecide, r.Version);
    }
}
