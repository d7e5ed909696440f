using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.CarePlans;

public sealed record PlanActionDto(Guid Id, Guid ConcernId, string Description, string OwnerKind, string? OwnerName, Guid? ServiceId, DateOnly DueOn, string Status,
    bool Clinical);

public sealed record PlanConcernDto(Guid Id, string ItemCode, string Concern, int? ScoreAtAssessment, string? Goal, IReadOnlyList<PlanActionDto> Actions);

public sealed record PlanDto(Guid Id, Guid PersonId, string Status, bool Locked, int AgreedVersionNumber, string? SelfManagementInfo,
    string? ContactInHours, string? ContactOutOfHours, DateOnly? ReviewDueOn, Guid Version, IReadOnlyList<PlanConcernDto> Concerns);

/// <summary>ownerKind is one of Person, KeyWorker, OtherProfessional, Service; dueOn is YYYY-MM-DD. version, when
/// given, must be the plan's current version (else 409). clinical marks an action outside a support worker's scope.</summary>
public sealed record PlanActionRequest(Guid? ConcernId, string? Description, string? OwnerKind, string? OwnerName, Guid? ServiceId, string? DueOn, Guid? Version,
    bool? Clinical = null);

public sealed record PlanAgreeRequest(Guid? Version);

internal static class CarePlansApi
{
    public static void MapCarePlansApi(this WebApplication app)
    {
        var people = app.MapGroup("/api/v1/people/{personId:guid}/plan").RequireAuthorization(Policies.Api).WithTags("Care plans");
        people.MapGet("/", GetAsync).RequireAuthorization(Policies.PersonRecords)
            .WithName("GetCarePlan").WithSummary("The person's current care and support plan (audited as a view).");
        people.MapPost("/", CreateAsync).RequireAuthorization(Policies.PersonRecords)
            .WithName("CreateCarePlan").WithSummary("Start the plan from the concerns chosen in the latest submitted assessment.");

        var plans = app.MapGroup("/api/v1/plans/{id:guid}").RequireAuthorization(Policies.Api).WithTags("Care plans");
        plans.MapPost("/actions", AddActionAsync).RequireAuthorization(Policies.PersonRecords)
            .WithName("AddCarePlanAction").WithSummary("Add an action to a concern of the plan. Makes an agreed plan a draft again.");
        plans.MapPost("/agree", AgreeAsync).RequireAuthorization(Policies.PersonRecords)
            .WithName("AgreeCarePlan").WithSummary("Record that the plan is agreed with the person; keeps a copy of it as agreed. "
                + "202 when a support worker agrees a plan with a clinical action: it waits for a registered practitioner's sign-off.");
    }

    private static async Task<PlanDto> DtoAsync(CarePlanner planner, CarePlan plan, CancellationToken ct)
    {
        var v = await planner.ViewAsync(plan, ct);
        return new PlanDto(plan.Id, plan.PersonId, plan.Status.ToString(), plan.Locked, plan.AgreedVersionNumber, plan.SelfManagementInfo,
            plan.ContactInHours, plan.ContactOutOfHours, plan.ReviewDueOn, plan.Version,
            [.. v.Concerns.Select(c => new PlanConcernDto(c.Id, c.ItemCode, Assessments.ConcernCatalogue.ItemText(c.ItemCode), c.ScoreAtAssessment, c.Goal,
                [.. v.ActionsFor(c.Id).Select(a => new PlanActionDto(a.Id, a.ConcernId, a.Description, a.OwnerKind.ToString(), a.OwnerName, a.ServiceId,
                    a.DueOn, a.Status.ToString(), a.Clinical))]))]);
    }

    private static async Task<Results<Ok<PlanDto>, NotFound>> GetAsync(Guid personId, OneToOneDb db, CarePlanner planner, AuditTrail audit, CancellationToken ct)
    {
        if (!await db.People.AnyAsync(p => p.Id == personId, ct) || await planner.CurrentPlanAsync(personId, ct) is not { } plan)
        {
            return TypedResults.NotFound();
        }

        await audit.ViewedAsync("Person", personId, personId, ct, "api; care plan");
        return TypedResults.Ok(await DtoAsync(planner, plan, ct));
    }

    private static async Task<Results<Created<PlanDto>, NotFound, ProblemHttpResult>> CreateAsync(Guid personId, OneToOneDb db, CarePlanner planner,
        CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            return TypedResults.NotFound();
        }

        var (plan, error) = await planner.CreateFromAssessmentAsync(person, ct);
        return plan is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: error)
            : TypedResults.Created($"/api/v1/people/{personId}/plan", await DtoAsync(planner, plan, ct));
    }

    private static async Task<Results<Created<PlanActionDto>, NotFound, ValidationProblem, ProblemHttpResult>> AddActionAsync(Guid id,
        PlanActionRequest request, CarePlanner planner, CancellationToken ct)
    {
        if (await planner.LoadAsync(id, ct) is not var (plan, _))
        {
            return TypedResults.NotFound();
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        ActionOwnerKind? owner = null;
        if (!string.IsNullOrWhiteSpace(request.OwnerKind))
        {
            if (Enum.TryParse<ActionOwnerKind>(request.OwnerKind.Trim(), ignoreCase: true, out var k) && Enum.IsDefined(k) && !int.TryParse(request.OwnerKind, out _))
            {
                owner = k;
            }
            else
            {
                errors["ownerKind"] = ["Owner kind must be Person, KeyWorker, OtherProfessional or Service"];
            }
        }

        DateOnly? due = null;
        if (!string.IsNullOrWhiteSpace(request.DueOn))
        {
            if (DateOnly.TryParseExact(request.DueOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                due = d;
            }
            else
            {
                errors["dueOn"] = ["Enter the due date as YYYY-MM-DD"];
            }
        }

        if (request.ConcernId is null)
        {
            errors["concernId"] = ["Choose a concern from the plan"];
        }

        var input = new CarePlanRules.ActionInput(request.Description, owner, request.OwnerName, request.ServiceId, due, request.Clinical ?? false);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (action, change) = await planner.AddActionAsync(plan, request.Version ?? plan.Version, request.ConcernId!.Value, input, ct);
        if (action is null || !change.Done)
        {
            return Refusal(change);
        }

        return TypedResults.Created($"/api/v1/people/{plan.PersonId}/plan", new PlanActionDto(action.Id, action.ConcernId, action.Description,
            action.OwnerKind.ToString(), action.OwnerName, action.ServiceId, action.DueOn, action.Status.ToString(), action.Clinical));
    }

    private static async Task<Results<Ok<PlanDto>, Accepted<PlanDto>, NotFound, ProblemHttpResult>> AgreeAsync(Guid id, PlanAgreeRequest? request,
        CarePlanner planner, CancellationToken ct)
    {
        if (await planner.LoadAsync(id, ct) is not var (plan, _))
        {
            return TypedResults.NotFound();
        }

        var change = await planner.AgreeAsync(plan, request?.Version ?? plan.Version, ct);
        if (change.SentForSignOff)
        {
            return TypedResults.Accepted($"/api/v1/people/{plan.PersonId}/plan", await DtoAsync(planner, plan, ct));
        }

        return change.Done
            ? TypedResults.Ok(await DtoAsync(planner, plan, ct))
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: change.Errors[0].Message);
    }

    /// <summary>A refusal of the whole plan (locked, not ready to agree) is a 409; field problems are a validation problem.</summary>
    private static Results<Created<PlanActionDto>, NotFound, ValidationProblem, ProblemHttpResult> Refusal(PlanChange change) =>
        change.Errors.FirstOrDefault(e => e.Field.Length == 0) is { } whole
            ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: whole.Message)
            : TypedResults.ValidationProblem(PeopleChoices.ToValidationErrors(change.Errors));
}
