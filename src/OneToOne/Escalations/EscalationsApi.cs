using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Escalations;

/// <param name="PersonId">The person it is about.</param>
/// <param name="Reason">RedFlagSymptom, HighDistress, Safeguarding, ConcernAboutRecurrence, OutsideScope or Other.</param>
/// <param name="ReasonDetail">Required when the reason is Other (200 characters at most).</param>
/// <param name="Description">What the worker has seen or heard (4000 characters at most).</param>
/// <param name="Urgency">SameDay (end of today, UK time), Soon (2 working days) or Routine (5 working days), as configured.</param>
/// <param name="PractitionerId">A named registered practitioner; or give TeamId instead (exactly one of the two).</param>
/// <param name="TeamId">A team whose registered practitioners share the queue.</param>
/// <param name="AssessmentResponseId">Optional: the assessment it is raised from.</param>
/// <param name="ContactId">Optional: the contact it is raised from.</param>
internal sealed record RaiseEscalationRequest(Guid? PersonId, string? Reason, string? ReasonDetail, string? Description, string? Urgency,
    Guid? PractitionerId, Guid? TeamId, Guid? AssessmentResponseId, Guid? ContactId);

/// <param name="Version">Optional: the version the caller saw; a newer one gives 409.</param>
internal sealed record EscalationStepRequest(Guid? Version);

/// <param name="Outcome">AdviceGiven, ClinicalReviewBooked, LevelChanged or ReferredOn.</param>
/// <param name="Note">Required: what was done or advised.</param>
/// <param name="Version">Optional: the version the caller saw; a newer one gives 409.</param>
internal sealed record EscalationOutcomeRequest(string? Outcome, string? Note, Guid? Version);

internal sealed record EscalationDto(
    Guid Id, Guid PersonId, Guid? ReferralId, string Source, Guid? SourceId, bool Automatic,
    string Reason, string? ReasonDetail, string Description, string Urgency, DateTimeOffset DueAt,
    Guid? PractitionerId, Guid? TeamId, string SentTo, string Status,
    string RaisedBy, DateTimeOffset RaisedAt, string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt,
    string? Outcome, string? OutcomeNote, string? OutcomeBy, DateTimeOffset? OutcomeAt, string? ClosedBy, DateTimeOffset? ClosedAt,
    bool Overdue, DateTimeOffset? BreachedAt, Guid Version)
{
    public static EscalationDto From(EscalationView v, DateTimeOffset now)
    {
        var e = v.Escalation;
        return new EscalationDto(e.Id, e.PersonId, e.ReferralId, e.Source.ToString(), e.SourceId, e.AutomaticForResponseId is not null,
            e.Reason.ToString(), e.ReasonDetail, e.Description, e.Urgency.ToString(), e.DueAt,
            e.AssignedToStaffId, e.AssignedToTeamId, v.SentTo, e.Status.ToString(),
            e.RaisedByName, e.RaisedAt, e.AcknowledgedByName, e.AcknowledgedAt,
            e.Outcome?.ToString(), e.OutcomeNote, e.OutcomeByName, e.OutcomeAt, e.ClosedByName, e.ClosedAt,
            e.IsOpen && e.DueAt < now, v.Task?.BreachedAt, e.Version);
    }
}

internal static class EscalationsApi
{
    public const string RaiseRoute = "POST /api/v1/escalations";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapEscalationsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/escalations").RequireAuthorization(Policies.Api).WithTags("Escalations");
        api.MapPost("/", RaiseAsync).RequireAuthorization(Policies.PersonRecords)
            .WithName("RaiseEscalation")
            .WithSummary("Escalate a concern about a person to a named registered practitioner or a team's queue, with a deadline. Supports Idempotency-Key.");
        api.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Policies.PersonRecords)
            .WithName("GetEscalation").WithSummary("One escalation (audited as a view).");
        api.MapPost("/{id:guid}/acknowledge", AcknowledgeAsync).RequireAuthorization(Policies.PersonRecords)
            .WithName("AcknowledgeEscalation")
            .WithSummary("Acknowledge: the named practitioner, a registered practitioner of the queue's team, or a team lead (else 403).");
        api.MapPost("/{id:guid}/outcome", OutcomeAsync).RequireAuthorization(Policies.PersonRecords)
            .WithName("RecordEscalationOutcome").WithSummary("Record the outcome of an acknowledged escalation, with a note.");
        api.MapPost("/{id:guid}/close", CloseAsync).RequireAuthorization(Policies.PersonRecords)
            .WithName("CloseEscalation").WithSummary("Close an escalation whose outcome is recorded; completes its work task.");
    }

    private static async Task<Results<Created<EscalationDto>, NotFound, ValidationProblem, ProblemHttpResult>> RaiseAsync(
        RaiseEscalationRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        OneToOneDb db, EscalationActions actions, TimeProvider clock, CancellationToken ct)
    {
        string? hash = null;
        if (idempotencyKey is not null)
        {
            if (idempotencyKey.Length is 0 or > 100)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["Idempotency-Key"] = ["The Idempotency-Key header must be 1 to 100 characters"] });
            }

            hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, Json))));
            if (await ReplayAsync(db, actions, clock, idempotencyKey, hash, ct) is { } replay)
            {
                return replay;
            }
        }

        if (request.PersonId is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["personId"] = ["Give the person's id"] });
        }

        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == request.PersonId, ct);
        if (person is null)
        {
            return TypedResults.NotFound();
        }

        if (request.AssessmentResponseId is not null && request.ContactId is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["contactId"] = ["Give an assessment or a contact, not both"] });
        }

        var (source, sourceId) = request.AssessmentResponseId is { } r ? (EscalationSource.Assessment, (Guid?)r)
            : request.ContactId is { } c ? (EscalationSource.Contact, c)
            : (EscalationSource.Record, null);
        if (!await actions.SourceBelongsAsync(person.Id, source, sourceId, ct))
        {
            var field = source == EscalationSource.Assessment ? "assessmentResponseId" : "contactId";
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = ["No such assessment or contact for this person"] });
        }

        var input = new RaiseInput(request.Reason, request.ReasonDetail, request.Description, request.Urgency, request.PractitionerId, request.TeamId);
        if (idempotencyKey is not null)
        {
            // Staged before the save so the record commits with the escalation; its body is filled in below.
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                Key = idempotencyKey, Route = RaiseRoute, RequestHash = hash!, StatusCode = StatusCodes.Status201Created, ResponseBody = "",
                CreatedAt = clock.GetUtcNow(),
            });
        }

        (Escalation? escalation, IReadOnlyList<FieldError> errors) raised;
        try
        {
            raised = await actions.RaiseAsync(person, source, sourceId, input, ct, beforeSave: e => FillIdempotency(db, idempotencyKey, e));
        }
        catch (DbUpdateException) when (idempotencyKey is not null)
        {
            // Another request with the same key won the race: answer as it did.
            db.ChangeTracker.Clear();
            return await ReplayAsync(db, actions, clock, idempotencyKey, hash!, ct) ?? throw new InvalidOperationException("Idempotency record missing after a conflict.");
        }

        if (raised.escalation is null)
        {
            return TypedResults.ValidationProblem(PeopleChoices.ToValidationErrors(raised.errors));
        }

        var view = await actions.ViewAsync(raised.escalation.Id, ct);
        return TypedResults.Created(EscalationStaging.ApiLink(raised.escalation.Id), EscalationDto.From(view!, clock.GetUtcNow()));
    }

    /// <summary>The first answer, kept for a retry with the same key: the escalation as raised.</summary>
    private static void FillIdempotency(OneToOneDb db, string? key, Escalation e)
    {
        if (key is null)
        {
            return;
        }

        var record = db.IdempotencyRecords.Local.Single(r => r.Key == key && r.Route == RaiseRoute);
        record.Location = EscalationStaging.ApiLink(e.Id);
        record.ResponseBody = JsonSerializer.Serialize(new { id = e.Id }, Json);
    }

    private static async Task<Results<Created<EscalationDto>, NotFound, ValidationProblem, ProblemHttpResult>?> ReplayAsync(
        OneToOneDb db, EscalationActions actions, TimeProvider clock, string key, string hash, CancellationToken ct)
    {
        var stored = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(k => k.Route == RaiseRoute && k.Key == key, ct);
        if (stored is null)
        {
            return null;
        }

        if (!string.Equals(stored.RequestHash, hash, StringComparison.Ordinal))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "This Idempotency-Key was already used with a different request",
                detail: "Use a new Idempotency-Key for a different escalation, or resend exactly the same request to get its original answer.");
        }

        var id = JsonSerializer.Deserialize<JsonElement>(stored.ResponseBody, Json).GetProperty("id").GetGuid();
        var view = await actions.ViewAsync(id, ct) ?? throw new InvalidOperationException("The escalation of an idempotency record is missing.");
        return TypedResults.Created(stored.Location, EscalationDto.From(view, clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<EscalationDto>, NotFound>> GetAsync(Guid id, EscalationActions actions, AuditTrail audit, TimeProvider clock,
        CancellationToken ct)
    {
        var view = await actions.ViewAsync(id, ct);
        if (view is null)
        {
            return TypedResults.NotFound();
        }

        await audit.ViewedAsync("Escalation", id, view.Escalation.PersonId, ct, "api");
        return TypedResults.Ok(EscalationDto.From(view, clock.GetUtcNow()));
    }

    private static Task<Results<Ok<EscalationDto>, NotFound, ValidationProblem, ProblemHttpResult>> AcknowledgeAsync(
        Guid id, EscalationStepRequest? request, EscalationActions actions, TimeProvider clock, CancellationToken ct) =>
        StepAsync(id, actions, clock, (e, c) => actions.AcknowledgeAsync(e, request?.Version, c), ct);

    private static Task<Results<Ok<EscalationDto>, NotFound, ValidationProblem, ProblemHttpResult>> OutcomeAsync(
        Guid id, EscalationOutcomeRequest? request, EscalationActions actions, TimeProvider clock, CancellationToken ct) =>
        StepAsync(id, actions, clock, (e, c) => actions.RecordOutcomeAsync(e, request?.Outcome, request?.Note, request?.Version, c), ct);

    private static Task<Results<Ok<EscalationDto>, NotFound, ValidationProblem, ProblemHttpResult>> CloseAsync(
        Guid id, EscalationStepRequest? request, EscalationActions actions, TimeProvider clock, CancellationToken ct) =>
        StepAsync(id, actions, clock, (e, c) => actions.CloseAsync(e, request?.Version, c), ct);

    /// <summary>Not found (another organisation's too) is 404; not allowed is 403; the wrong state is 409; bad input 400.
    /// A stale version throws DbUpdateConcurrencyException, which the exception handler answers with 409.</summary>
    private static async Task<Results<Ok<EscalationDto>, NotFound, ValidationProblem, ProblemHttpResult>> StepAsync(
        Guid id, EscalationActions actions, TimeProvider clock, Func<Escalation, CancellationToken, Task<StepOutcome>> step, CancellationToken ct)
    {
        var e = await actions.FindAsync(id, ct);
        if (e is null)
        {
            return TypedResults.NotFound();
        }

        var outcome = await step(e, ct);
        switch (outcome.Result)
        {
            case StepResult.Forbidden:
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "You cannot do this to this escalation", detail: outcome.Message);
            case StepResult.WrongState:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: outcome.Message);
            case StepResult.Invalid:
                return TypedResults.ValidationProblem(PeopleChoices.ToValidationErrors(outcome.Errors));
            default:
                var view = await actions.ViewAsync(id, ct);
                return TypedResults.Ok(EscalationDto.From(view!, clock.GetUtcNow()));
        }
    }
}
