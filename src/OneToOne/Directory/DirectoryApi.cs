using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneToOne.Assessments;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.ServiceDirectory;

public sealed record ServiceSummaryDto(Guid Id, string Name, string ProviderOrganisationName, string? Description, string HowToUse,
    bool Nationwide, string? Phone, string? Email, string? Website, string Match);

public sealed record ServiceSearchDto(string Concern, string? District, int Page, int PageSize, int Total, IReadOnlyList<ServiceSummaryDto> Items);

public sealed record DirectoryServiceDto(Guid Id, string? ExternalId, string Name, string ProviderOrganisationName, string? Description,
    string? Eligibility, bool Nationwide, IReadOnlyList<string> Areas, IReadOnlyList<string> Categories, string? Phone, string? Email,
    string? Website, string? Address, string HowToUse, bool Active, DateTimeOffset UpdatedAt, Guid Version)
{
    internal static DirectoryServiceDto From(DirectoryService s) => new(s.Id, s.ExternalId, s.Name, s.ProviderOrganisationName,
        s.Description, s.Eligibility, s.Nationwide, [.. s.Areas.Select(a => a.District).Where(d => d != DirectoryServiceArea.NationwideKey).Order(StringComparer.Ordinal)],
        [.. s.Categories.Select(c => c.Code).Order(StringComparer.Ordinal)], s.Phone, s.Email, s.Website, s.Address,
        s.HowToUse.ToString(), s.Active, s.UpdatedAt, s.Version);
}

public sealed record ServiceReferralDto(Guid Id, Guid PersonId, Guid ServiceId, string ServiceName, string ConcernItemCode,
    Guid? CarePlanActionId, string Status, string? Note, DateTimeOffset SentAt, string SentByName, DateOnly ResponseDueOn, bool Overdue,
    DateTimeOffset? RespondedAt, string? DeclineReason, string? Outcome, DateTimeOffset? OutcomeAt, int? RescoreScore,
    DateTimeOffset? RescoredAt, Guid Version)
{
    internal static ServiceReferralDto From(ServiceReferral r, string serviceName, DateOnly today) => new(r.Id, r.PersonId, r.ServiceId,
        serviceName, r.ConcernItemCode, r.CarePlanActionId, r.Status.ToString(), r.Note, r.SentAt, r.SentByName, r.ResponseDueOn,
        DirectoryRules.IsOverdue(r.Status, r.ResponseDueOn, today), r.RespondedAt, r.DeclineReason, r.Outcome, r.OutcomeAt,
        r.RescoreScore, r.RescoredAt, r.Version);
}

public sealed record SendServiceReferralRequest(Guid? ServiceId, string? ConcernItemCode, string? Note, Guid? CarePlanActionId);

public sealed record ServiceReferralResponseRequest(bool? Accepted, string? Reason, Guid? Version);

public sealed record ServiceReferralOutcomeRequest(string? Outcome, int? Rescore, Guid? Version);

internal static class DirectoryApi
{
    private static readonly string[] ReferralRoles = [Roles.SupportWorker, Roles.RegisteredPractitioner, Roles.TeamLead, Roles.ApiClient];

    public static void MapDirectoryApi(this WebApplication app)
    {
        // The directory is reference data with no personal data: any signed-in staff member or API client may search it.
        var services = app.MapGroup("/api/v1/services").RequireAuthorization(Policies.Api).WithTags("Service directory");
        services.MapGet("/", SearchAsync).WithName("SearchServices")
            .WithSummary("Services for a concern (ConcernCatalogue item code) near a postcode district: item matches first, then local before nationwide, then by name; 20 a page.");
        services.MapGet("/{id:guid}", GetServiceAsync).WithName("GetService").WithSummary("One directory service.");
        services.MapPost("/import", ImportAsync).RequireAuthorization(Policies.Admin).WithName("ImportServices")
            .WithSummary("Import Open Referral UK (HSDS) JSON (max 20 MB): upserts services by id; answers the validation report.")
            .Accepts<object>("application/json");

        var people = app.MapGroup("/api/v1/people/{personId:guid}/service-referrals").RequireAuthorization(Policies.Api)
            .RequireAuthorization(p => p.RequireRole(ReferralRoles)).WithTags("Service referrals");
        people.MapGet("/", ListAsync).WithName("ListServiceReferrals").WithSummary("A person's referrals to services, newest first.");
        people.MapPost("/", SendAsync).WithName("SendServiceReferral")
            .WithSummary("Refer a person to a service that takes referrals, for one concern, optionally from an action on their care plan "
                + "(carePlanActionId: the action must be on this person's plan and done by that service; it fills in serviceId and concernItemCode when left out). "
                + "The response is due in Directory:ResponseWorkingDays working days.");

        var referrals = app.MapGroup("/api/v1/service-referrals").RequireAuthorization(Policies.Api)
            .RequireAuthorization(p => p.RequireRole(ReferralRoles)).WithTags("Service referrals");
        referrals.MapPost("/{id:guid}/response", RespondAsync).WithName("RecordServiceReferralResponse")
            .WithSummary("The service accepted or declined (a reason is required to decline).");
        referrals.MapPost("/{id:guid}/outcome", OutcomeAsync).WithName("RecordServiceReferralOutcome")
            .WithSummary("What came of an accepted referral, with the concern's new score (0-10) if known.");
    }

    private static async Task<Results<Ok<ServiceSearchDto>, ValidationProblem>> SearchAsync(string? concern, string? district, int? page,
        OneToOneDb db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (ConcernCatalogue.FindItem(concern ?? "") is null)
        {
            errors["concern"] = ["Concern must be a concern item code, for example \"money\" or \"worry\""];
        }

        if (!string.IsNullOrWhiteSpace(district) && DirectoryRules.NormaliseDistrict(district) is null)
        {
            errors["district"] = ["District must be a postcode district such as LS6, or a postcode"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = (await DirectorySearch.SearchAsync(db, concern, district, page ?? 1, ct))!;
        return TypedResults.Ok(new ServiceSearchDto(result.Concern, result.District, result.Page, result.PageSize, result.Total,
            [.. result.Items.Select(h => new ServiceSummaryDto(h.Id, h.Name, h.ProviderOrganisationName, h.Description, h.HowToUse.ToString(),
                h.Nationwide, h.Phone, h.Email, h.Website, (h.ItemMatch ? "concern" : "domain") + (h.Local ? ", local" : ", nationwide")))]));
    }

    private static async Task<Results<Ok<DirectoryServiceDto>, NotFound>> GetServiceAsync(Guid id, OneToOneDb db, CancellationToken ct)
    {
        var service = await db.Set<DirectoryService>().AsNoTracking().Include(s => s.Categories).Include(s => s.Areas)
            .AsSplitQuery().FirstOrDefaultAsync(s => s.Id == id, ct);
        return service is null ? TypedResults.NotFound() : TypedResults.Ok(DirectoryServiceDto.From(service));
    }

    private static async Task<Results<Ok<HsdsImportReport>, ProblemHttpResult>> ImportAsync(HttpRequest request, HsdsImport import, CancellationToken ct)
    {
        var report = await import.ImportAsync(request.Body, request.ContentLength, ct);
        return report.FileError is null
            ? TypedResults.Ok(report)
            : TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The file could not be imported", detail: report.FileError);
    }

    private static async Task<Results<Ok<List<ServiceReferralDto>>, NotFound>> ListAsync(Guid personId, OneToOneDb db, AuditTrail audit,
        TimeProvider clock, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            return TypedResults.NotFound();
        }

        var rows = await db.Set<ServiceReferral>().AsNoTracking().Include(r => r.Service)
            .Where(r => r.PersonId == personId).OrderByDescending(r => r.SentAt).ToListAsync(ct);
        await audit.ViewedAsync("Person", person.Id, person.Id, ct, $"api; service referrals; {rows.Count}");
        var today = Platform.Time.UkTime.Today(clock);
        return TypedResults.Ok(rows.Select(r => ServiceReferralDto.From(r, r.Service!.Name, today)).ToList());
    }

    private static async Task<Results<Created<ServiceReferralDto>, NotFound, ValidationProblem>> SendAsync(Guid personId,
        SendServiceReferralRequest request, OneToOneDb db, ServiceReferrals actions, TimeProvider clock, CancellationToken ct)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            return TypedResults.NotFound();
        }

        var (referral, errors) = await actions.SendAsync(person, request.ServiceId, request.ConcernItemCode, request.Note, request.CarePlanActionId, ct);
        if (referral is null)
        {
            return TypedResults.ValidationProblem(PeopleChoices.ToValidationErrors(errors));
        }

        var name = await db.Set<DirectoryService>().Where(s => s.Id == referral.ServiceId).Select(s => s.Name).FirstAsync(ct);
        return TypedResults.Created($"/api/v1/service-referrals/{referral.Id}", ServiceReferralDto.From(referral, name, Platform.Time.UkTime.Today(clock)));
    }

    private static async Task<Results<Ok<ServiceReferralDto>, NotFound, ValidationProblem>> RespondAsync(Guid id, ServiceReferralResponseRequest request,
        OneToOneDb db, ServiceReferrals actions, TimeProvider clock, CancellationToken ct)
    {
        var referral = await db.Set<ServiceReferral>().Include(r => r.Service).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null)
        {
            return TypedResults.NotFound();
        }

        var errors = await actions.RespondAsync(referral, request.Accepted, request.Reason, request.Version, ct);
        return errors.Count > 0
            ? TypedResults.ValidationProblem(PeopleChoices.ToValidationErrors(errors))
            : TypedResults.Ok(ServiceReferralDto.From(referral, referral.Service!.Name, Platform.Time.UkTime.Today(clock)));
    }

    private static async Task<Results<Ok<ServiceReferralDto>, NotFound, ValidationProblem>> OutcomeAsync(Guid id, ServiceReferralOutcomeRequest request,
        OneToOneDb db, ServiceReferrals actions, TimeProvider clock, CancellationToken ct)
    {
        var referral = await db.Set<ServiceReferral>().Include(r => r.Service).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null)
        {
            return TypedResults.NotFound();
        }

        var errors = await actions.RecordOutcomeAsync(referral, request.Outcome, request.Rescore, request.Version, ct);
        return errors.Count > 0
            ? TypedResults.ValidationProblem(PeopleChoices.ToValidationErrors(errors))
            : TypedResults.Ok(ServiceReferralDto.From(referral, referral.Service!.Name, Platform.Time.UkTime.Today(clock)));
    }
}
