using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Assessments;

public sealed record InstrumentDto(string Code, int Version, string Name, string Kind, DateTimeOffset PublishedAt, InstrumentDefinition Definition);

public sealed record AssessmentSummaryDto(
    Guid Id, Guid PersonId, string InstrumentCode, int InstrumentVersion, string Timepoint, string Mode, string Status,
    DateTimeOffset StartedAt, DateTimeOffset? SubmittedAt, int? DistressScore, int ConcernCount, decimal? MeanSeverity,
    List<string> TopConcerns, List<string> Flags, List<string> RedFlags, Guid Version)
{
    internal static AssessmentSummaryDto From(AssessmentResponse r) => new(
        r.Id, r.PersonId, r.InstrumentCode, r.InstrumentVersion, r.Timepoint.ToString(), r.Mode.ToString(), r.Status.ToString(),
        r.StartedAt, r.SubmittedAt, r.DistressScore, r.ConcernCount, r.MeanSeverity, r.TopConcerns, r.Flags, r.RedFlags, r.Version);
}

public sealed record AnswerDto(string ItemCode, string? DomainCode, int? Score, string? Text);

public sealed record AssessmentDto(AssessmentSummaryDto Summary, List<AnswerDto> Answers, List<string> ChangesSinceLast);

public sealed record StartAssessmentRequest(string? InstrumentCode, string? Timepoint, Guid? ReferralId);

/// <summary>Partial answers: item code to score (null clears it); text answers by item code; optional top concerns.</summary>
public sealed record AnswersRequest(Dictionary<string, int?>? Answers, Dictionary<string, string?>? TextAnswers, List<string>? TopConcerns);

internal static class AssessmentsApi
{
    public const string StartRoute = "POST /api/v1/people/{personId}/assessments";
    private static readonly string[] Workers = [Roles.SupportWorker, Roles.RegisteredPractitioner, Roles.TeamLead];

    public static void MapAssessmentsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(Policies.Api)
            .WithTags("Assessments");
        api.MapGet("/instruments/{code}", GetInstrumentAsync).WithName("GetInstrument")
            .WithSummary("The active version of an instrument's definition.");
        var records = api.MapGroup("").RequireAuthorization(p => p.RequireRole(Workers));
        records.MapGet("/people/{personId:guid}/assessments", ListAsync).WithName("ListAssessments")
            .WithSummary("A person's assessments, newest first.");
        records.MapPost("/people/{personId:guid}/assessments", StartAsync).WithName("StartAssessment")
            .WithSummary("Start an assessment with the worker (the active instrument version). Supports Idempotency-Key.");
        records.MapGet("/assessments/{id:guid}", GetAsync).WithName("GetAssessment")
            .WithSummary("One assessment with its answers and the change since the last one (audited as a view).");
        records.MapPut("/assessments/{id:guid}/answers", SaveAnswersAsync).WithName("SaveAssessmentAnswers")
            .WithSummary("Save some answers; an unknown item or a score out of range refuses them all.");
        records.MapPost("/assessments/{id:guid}/submit", SubmitAsync).WithName("SubmitAssessment")
            .WithSummary("Score and submit; flags and red flags show at once.");
    }

    private static async Task<Results<Ok<InstrumentDto>, NotFound>> GetInstrumentAsync(string code, AssessmentEngine engine, CancellationToken ct) =>
        await engine.ActiveInstrumentAsync(code, ct) is { } i
            ? TypedResults.Ok(new InstrumentDto(i.Code, i.Version, i.Name, i.Kind.ToString(), i.PublishedAt, i.Definition))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<List<AssessmentSummaryDto>>, NotFound>> ListAsync(Guid personId, OneToOneDb db, AuditTrail audit, CancellationToken ct)
    {
        if (!await db.People.AnyAsync(p => p.Id == personId, ct))
        {
            return TypedResults.NotFound();
        }

        var list = await db.Set<AssessmentResponse>().AsNoTracking().Where(r => r.PersonId == personId)
            .OrderByDescending(r => r.StartedAt).ToListAsync(ct);
        await audit.ViewedAsync("Person", personId, personId, ct, "assessments");
        return TypedResults.Ok(list.Select(AssessmentSummaryDto.From).ToList());
    }

    private static async Task<Results<Created<AssessmentSummaryDto>, NotFound, ValidationProblem, ProblemHttpResult>> StartAsync(
        Guid personId, StartAssessmentRequest? request, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        OneToOneDb db, AssessmentEngine engine, AuditTrail audit, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        // The body does not name the person: the same key for another person is a different request.
        var idempotency = Idempotency.For(StartRoute, idempotencyKey, new { personId, request }, out var badKey);
        if (badKey is not null)
        {
            return badKey;
        }

        if (!await db.People.AnyAsync(p => p.Id == personId, ct))
        {
            return TypedResults.NotFound();
        }

        if (idempotency is not null && await idempotency.ReplayAsync<AssessmentSummaryDto>(db, ct) is { } replay)
        {
            return replay.Created is { } again ? again : replay.Refused!;
        }

        var timepoint = Timepoint.Adhoc;
        if (request?.Timepoint is { Length: > 0 } tp && (!Enum.TryParse(tp, ignoreCase: true, out timepoint) || !Enum.IsDefined(timepoint)))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["timepoint"] = ["Timepoint must be Baseline, Review, Discharge or Adhoc"] });
        }

        var instrument = await engine.ActiveInstrumentAsync(request?.InstrumentCode ?? AssessmentDefaults.HnaCode, ct);
        if (instrument is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["instrumentCode"] = ["There is no published instrument with this code"] });
        }

        if (request?.ReferralId is { } rid && !await db.Referrals.AnyAsync(r => r.Id == rid && r.PersonId == personId, ct))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["referralId"] = ["The referral is not this person's"] });
        }

        var response = engine.Start(personId, instrument, timepoint, CompletionMode.WithWorker, user.StaffMemberId, request?.ReferralId);
        audit.Record("assessment.start", "AssessmentResponse", response.Id, personId, $"{instrument.Code} v{instrument.Version}");
        var location = $"/api/v1/assessments/{response.Id}";
        var dto = AssessmentSummaryDto.From(response);
        idempotency?.Remember(db, location, dto, clock.GetUtcNow());
        if (await Idempotency.SaveAsync<AssessmentSummaryDto>(idempotency, db, ct) is { } raced)
        {
            // Another request with the same key won the race: answer as it did.
            return raced.Created is { } first ? first : raced.Refused!;
        }

        return TypedResults.Created(location, dto);
    }

    private static async Task<Results<Ok<AssessmentDto>, NotFound>> GetAsync(Guid id, AssessmentEngine engine, AuditTrail audit, CancellationToken ct)
    {
        var loaded = await engine.LoadAsync(id, ct, track: false);
        if (loaded is null)
        {
            return TypedResults.NotFound();
        }

        var (_, changes) = await engine.ChangesSinceLastAsync(loaded, ct);
        await audit.ViewedAsync("AssessmentResponse", id, loaded.Response.PersonId, ct);
        return TypedResults.Ok(ToDto(loaded, changes));
    }

    private static AssessmentDto ToDto(LoadedResponse loaded, List<ConcernChange> changes) => new(
        AssessmentSummaryDto.From(loaded.Response),
        loaded.Answers.Values.OrderBy(a => a.ItemCode, StringComparer.Ordinal).Select(a => new AnswerDto(a.ItemCode, a.DomainCode, a.Score, a.Text)).ToList(),
        changes.Select(c => c.Describe()).ToList());

    private static async Task<Results<Ok<AssessmentSummaryDto>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> SaveAnswersAsync(
        Guid id, AnswersRequest request, OneToOneDb db, AssessmentEngine engine, AuditTrail audit, CancellationToken ct)
    {
        var loaded = await engine.LoadAsync(id, ct);
        if (loaded is null)
        {
            return TypedResults.NotFound();
        }

        var changes = new Dictionary<string, AnswerValue>(StringComparer.Ordinal);
        foreach (var (code, score) in request.Answers ?? [])
        {
            changes[code] = new AnswerValue(score);
        }

        foreach (var (code, text) in request.TextAnswers ?? [])
        {
            changes[code] = new AnswerValue(null, text);
        }

        if (Refused(engine.Apply(loaded, changes, request.TopConcerns), "answers.") is { } problem)
        {
            return problem.Conflict is { } c ? c : problem.Validation!;
        }

        audit.Record("assessment.answer", "AssessmentResponse", id, loaded.Response.PersonId, $"{changes.Count} answers");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(AssessmentSummaryDto.From(loaded.Response));
    }

    private static async Task<Results<Ok<AssessmentSummaryDto>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> SubmitAsync(
        Guid id, OneToOneDb db, AssessmentEngine engine, CancellationToken ct)
    {
        var loaded = await engine.LoadAsync(id, ct);
        if (loaded is null)
        {
            return TypedResults.NotFound();
        }

        if (Refused(engine.Submit(loaded), "answers.") is { } problem)
        {
            return problem.Conflict is { } c ? c : problem.Validation!;
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(AssessmentSummaryDto.From(loaded.Response));
    }

    private sealed record Refusal(ValidationProblem? Validation, Conflict<ProblemDetails>? Conflict);

    private static Refusal? Refused(AnswerErrors? errors, string prefix)
    {
        if (errors is null)
        {
            return null;
        }

        if (errors.Errors.TryGetValue("", out var message))
        {
            return new Refusal(null, TypedResults.Conflict(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = message,
            }));
        }

        return new Refusal(TypedResults.ValidationProblem(errors.Errors.ToDictionary(
            e => e.Key == AnswerErrors.TopConcernsKey ? e.Key : prefix + e.Key, e => new[] { e.Value }, StringComparer.Ordinal)), null);
    }
}
