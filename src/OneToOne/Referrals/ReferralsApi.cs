using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;

namespace OneToOne.Referrals;

public sealed record PersonRequest(
    string? NhsNumber, string? GivenName, string? FamilyName, string? DateOfBirth, string? Sex, string? GenderIdentity,
    string? Postcode, string? Phone, string? Email, string? PreferredContactMethod, string? PreferredLanguage,
    bool? InterpreterNeeded, string? AccessibilityNeeds, string? GpPracticeName, string? GpPracticeOdsCode,
    string? TumourSite, string? DiagnosisDate, string? TreatmentEndDate, bool? ConsentToShareWithGp,
    string? NextOfKinName, string? NextOfKinRelationship, string? NextOfKinPhone, string? Ethnicity = null);

public sealed record ReferralRequest(
    string? Source, string? ReferrerName, string? ReferrerOrganisation, string? ReceivedOn, string? Reason,
    string? EndOfTreatmentSummary, string? Urgency, List<string>? NeedIndicators);

/// <summary>Dates as YYYY-MM-DD strings and choices as names, so a bad value gets a field error rather than an unreadable body.</summary>
public sealed record CreateReferralRequest(PersonRequest? Person, ReferralRequest? Referral);

public sealed record TriageApiRequest(string? Decision, string? Level, string? Reason, string? RedirectedTo, Guid? Version);

public sealed record ReferralDto(
    Guid Id, Guid PersonId, string Status, string? Level, string SuggestedLevel, IReadOnlyList<string> SuggestionReasons,
    DateOnly ReceivedOn, DateOnly TriageDueOn, string Source, string ReferrerName, string? ReferrerOrganisation,
    string Urgency, IReadOnlyList<string> NeedIndicators, string Reason, string? EndOfTreatmentSummary,
    Guid? LinkedToReferralId, Guid? KeyWorkerId, string? OutcomeReason, string? RedirectedTo, string Channel, Guid Version,
    string? Message)
{
    internal static ReferralDto From(Referral r, string? message = null)
    {
        var suggestion = ReferralRules.Suggest(r);
        return new ReferralDto(r.Id, r.PersonId, r.Status.ToString(), r.Level?.ToString(), r.SuggestedLevel.ToString(),
            suggestion.Reasons, r.ReceivedOn, r.TriageDueOn, r.Source.ToString(), r.ReferrerName, r.ReferrerOrganisation,
            r.Urgency.ToString(), [.. ReferralRules.Split(r.NeedIndicators).Select(n => n.ToString())], r.Reason,
            r.EndOfTreatmentSummary, r.LinkedToReferralId, r.KeyWorkerId, r.OutcomeReason, r.RedirectedTo, r.Channel, r.Version, message);
    }
}

public sealed record QueueItemDto(Guid Id, Guid PersonId, string PersonName, string Status, string Urgency, string Source,
    DateOnly ReceivedOn, DateOnly TriageDueOn, string? Level, string? Due, bool Overdue);

public sealed record QueuePageDto(string Status, int Page, int PageSize, int Total, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<QueueItemDto> Items);

internal static class ReferralsApi
{
    public const string CreateRoute = "POST /api/v1/referrals";
    private static readonly string[] Readers = [Roles.SupportWorker, Roles.RegisteredPractitioner, Roles.TeamLead, Roles.ApiClient];

    public static void MapReferralsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/referrals").RequireAuthorization(Policies.Api).WithTags("Referrals");
        api.MapPost("/", CreateAsync).RequireAuthorization(Policies.RecordReferrals)
            .WithName("CreateReferral").WithSummary("Record a referral (finds or creates the person; links to an open episode). Supports Idempotency-Key.");
        api.MapGet("/{id:guid}", GetAsync).RequireAuthorization(p => p.RequireRole(Readers))
            .WithName("GetReferral").WithSummary("One referral (audited as a view).");
        api.MapGet("/", QueueAsync).RequireAuthorization(p => p.RequireRole(Readers))
            .WithName("ReferralQueue").WithSummary("The referral queue for one status, 50 a page, nearest deadline first while waiting.");
        api.MapPost("/{id:guid}/triage", TriageAsync).RequireAuthorization(Policies.Triage)
            .WithName("TriageReferral").WithSummary("Accept at a level, decline or redirect; or change the level of an accepted episode. Registered practitioners only.");
    }

    private static async Task<Results<Created<ReferralDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateReferralRequest request, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        OneToOneDb db, ReferralIntake intake, TimeProvider clock, CancellationToken ct)
    {
        var idempotency = Idempotency.For(CreateRoute, idempotencyKey, request, out var badKey);
        if (badKey is not null)
        {
            return badKey;
        }

        if (idempotency is not null && await idempotency.ReplayAsync<ReferralDto>(db, ct) is { } replay)
        {
            return replay.Created is { } again ? again : replay.Refused!;
        }

        var p = request.Person;
        var r = request.Referral;
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Person.NhsNumber"] = p?.NhsNumber, ["Person.GivenName"] = p?.GivenName, ["Person.FamilyName"] = p?.FamilyName,
            ["Person.DateOfBirth"] = p?.DateOfBirth, ["Person.Sex"] = p?.Sex, ["Person.GenderIdentity"] = p?.GenderIdentity,
            ["Person.Ethnicity"] = p?.Ethnicity,
            ["Person.Postcode"] = p?.Postcode, ["Person.Phone"] = p?.Phone, ["Person.Email"] = p?.Email,
            ["Person.PreferredContactMethod"] = p?.PreferredContactMethod, ["Person.PreferredLanguage"] = p?.PreferredLanguage,
            ["Person.InterpreterNeeded"] = p?.InterpreterNeeded?.ToString(), ["Person.AccessibilityNeeds"] = p?.AccessibilityNeeds,
            ["Person.GpPracticeName"] = p?.GpPracticeName, ["Person.GpPracticeOdsCode"] = p?.GpPracticeOdsCode,
            ["Person.TumourSite"] = p?.TumourSite, ["Person.DiagnosisDate"] = p?.DiagnosisDate,
            ["Person.TreatmentEndDate"] = p?.TreatmentEndDate, ["Person.ConsentToShareWithGp"] = p?.ConsentToShareWithGp?.ToString(),
            ["Person.NextOfKinName"] = p?.NextOfKinName, ["Person.NextOfKinRelationship"] = p?.NextOfKinRelationship,
            ["Person.NextOfKinPhone"] = p?.NextOfKinPhone,
            ["Referral.Source"] = r?.Source, ["Referral.ReferrerName"] = r?.ReferrerName,
            ["Referral.ReferrerOrganisation"] = r?.ReferrerOrganisation, ["Referral.ReceivedOn"] = r?.ReceivedOn,
            ["Referral.Reason"] = r?.Reason, ["Referral.EndOfTreatmentSummary"] = r?.EndOfTreatmentSummary,
            ["Referral.Urgency"] = r?.Urgency,
        };
        var (person, referral, readErrors) = ReferralText.Read(fields.GetValueOrDefault, r?.NeedIndicators);
        var result = await intake.StageAsync(person, referral, IntakeChannel.Api, ct, readErrors);
        switch (result.Outcome)
        {
            case IntakeOutcome.Invalid:
                return TypedResults.ValidationProblem(PeopleChoices.ToValidationErrors(result.Errors));
            case IntakeOutcome.Duplicate:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ReferralRules.DuplicateMessage,
                    detail: result.Errors[0].Message);
            default:
                break;
        }

        var dto = ReferralDto.From(result.Referral!, result.Message);
        var location = $"/api/v1/referrals/{dto.Id}";
        idempotency?.Remember(db, location, dto, clock.GetUtcNow());
        if (await Idempotency.SaveAsync<ReferralDto>(idempotency, db, ct) is { } raced)
        {
            // Another request with the same key won the race: answer as it did.
            return raced.Created is { } first ? first : raced.Refused!;
        }

        return TypedResults.Created(location, dto);
    }

    private static async Task<Results<Ok<ReferralDto>, NotFound>> GetAsync(Guid id, OneToOneDb db, AuditTrail audit, CancellationToken ct)
    {
        var referral = await db.Referrals.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null)
        {
            return TypedResults.NotFound();
        }

        await audit.ViewedAsync("Referral", referral.Id, referral.PersonId, ct, "api");
        return TypedResults.Ok(ReferralDto.From(referral));
    }

    private static async Task<Results<Ok<QueuePageDto>, ValidationProblem>> QueueAsync(string? status, int? page, OneToOneDb db, AuditTrail audit,
        TimeProvider clock, WorkingDayCalendar calendar, CancellationToken ct)
    {
        var s = ReferralStatus.Received;
        if (status is not null && (!Enum.TryParse(status, ignoreCase: true, out s) || !Enum.IsDefined(s)))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["status"] = [$"Status must be one of: {string.Join(", ", Enum.GetNames<ReferralStatus>())}"],
            });
        }

        var pageNumber = Math.Max(1, page ?? 1);
        var counts = await ReferralQueue.CountsAsync(db, s, ct);
        var rows = await ReferralQueue.PageAsync(db, s, pageNumber, ct);
        var today = UkTime.Today(clock);
        var items = rows.Select(r =>
        {
            var due = r.Status == ReferralStatus.Received ? TriageDeadline.Describe(today, r.TriageDueOn, calendar) : null;
            return new QueueItemDto(r.Id, r.PersonId, $"{r.GivenName} {r.FamilyName}", r.Status.ToString(), r.Urgency.ToString(),
                r.Source.ToString(), r.ReceivedOn, r.TriageDueOn, r.Level?.ToString(), due?.Text, due?.Overdue ?? false);
        }).ToList();
        audit.Record("referral.queue.view", "Organisation", db.TenantId, null, $"api; {s}; page {pageNumber}; {items.Count} referrals");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new QueuePageDto(s.ToString(), pageNumber, ReferralQueue.PageSize, counts.GetValueOrDefault(s),
            counts.ToDictionary(c => c.Key.ToString(), c => c.Value, StringComparer.Ordinal), items));
    }

    private static async Task<Results<Ok<ReferralDto>, NotFound, ValidationProblem>> TriageAsync(Guid id, TriageApiRequest request,
        OneToOneDb db, ReferralActions actions, CancellationToken ct)
    {
        var referral = await db.Referrals.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null)
        {
            return TypedResults.NotFound();
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        TriageChoice? decision = null;
        if (request.Decision is not null)
        {
            if (Enum.TryParse<TriageChoice>(request.Decision, ignoreCase: true, out var d) && Enum.IsDefined(d))
            {
                decision = d;
            }
            else
            {
                errors["decision"] = ["Decision must be one of: Accept, Decline, Redirect"];
            }
        }

        PathwayLevel? level = null;
        if (request.Level is not null)
        {
            if (Enum.TryParse<PathwayLevel>(request.Level, ignoreCase: true, out var l) && Enum.IsDefined(l))
            {
                level = l;
            }
            else
            {
                errors["level"] = [$"Level must be one of: {string.Join(", ", Enum.GetNames<PathwayLevel>())}"];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // For an accepted episode the only decision is a level change.
        var choice = TriageRules.IsDecision(referral.Status) ? decision : TriageChoice.Accept;
        var ruleErrors = await actions.TriageAsync(referral, new TriageRequest(choice, level, request.Reason, request.RedirectedTo), request.Version, ct);
        if (ruleErrors.Count > 0)
        {
            return TypedResults.ValidationProblem(PeopleChoices.ToValidationErrors(ruleErrors));
        }

        return TypedResults.Ok(ReferralDto.From(referral));
    }
}
