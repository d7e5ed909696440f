using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.People;

/// <summary>A person's record. <c>Ethnicity</c> is the NHS ethnic category code (A to S, Z not stated, 99 not known), null when not recorded.</summary>
public sealed record PersonDto(
    Guid Id, string NhsNumber, string GivenName, string FamilyName, DateOnly DateOfBirth, string Sex, string? GenderIdentity,
    string? Ethnicity, string Postcode, string? Phone, string? Email, string PreferredContactMethod, string PreferredLanguage, bool InterpreterNeeded,
    string? AccessibilityNeeds, string? GpPracticeName, string? GpPracticeOdsCode, string TumourSite, DateOnly? DiagnosisDate,
    DateOnly? TreatmentEndDate, bool ConsentToShareWithGp, string? NextOfKinName, string? NextOfKinRelationship,
    string? NextOfKinPhone, Guid Version)
{
    internal static PersonDto From(Person p) => new(
        p.Id, p.NhsNumber, p.GivenName, p.FamilyName, p.DateOfBirth, p.Sex.ToString(), p.GenderIdentity, p.Ethnicity, p.Postcode, p.Phone,
        p.Email, p.PreferredContactMethod.ToString(), p.PreferredLanguage, p.InterpreterNeeded, p.AccessibilityNeeds,
        p.GpPracticeName, p.GpPracticeOdsCode, p.TumourSite, p.DiagnosisDate, p.TreatmentEndDate, p.ConsentToShareWithGp,
        p.NextOfKinName, p.NextOfKinRelationship, p.NextOfKinPhone, p.Version);
}

internal static class PeopleApi
{
    /// <summary>The roles that may read people over the API: the person-record roles and a partner's own systems.</summary>
    private static readonly string[] Readers = [Roles.SupportWorker, Roles.RegisteredPractitioner, Roles.TeamLead, Roles.ApiClient];

    public static void MapPeopleApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/people")
            .RequireAuthorization(Policies.Api)
            .RequireAuthorization(p => p.RequireRole(Readers))
            .WithTags("People");

        api.MapGet("/{id:guid}", GetAsync).WithName("GetPerson").WithSummary("One person's record (audited as a view).");
        api.MapGet("/", FindAsync).WithName("FindPeople").WithSummary("Find a person by NHS number (spaces allowed).");
    }

    private static async Task<Results<Ok<PersonDto>, NotFound>> GetAsync(Guid id, OneToOneDb db, AuditTrail audit, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return TypedResults.NotFound();
        }

        await audit.ViewedAsync("Person", person.Id, person.Id, ct, "api");
        return TypedResults.Ok(PersonDto.From(person));
    }

    private static async Task<Results<Ok<List<PersonDto>>, ValidationProblem>> FindAsync(string? nhsNumber, OneToOneDb db, AuditTrail audit, CancellationToken ct)
    {
        var parsed = NhsNumber.Parse(nhsNumber);
        if (!parsed.IsValid)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["nhsNumber"] = [parsed.Error] });
        }

        var digits = parsed.Value;
        var people = await db.People.AsNoTracking().Where(p => p.NhsNumber == digits).ToListAsync(ct);
        audit.Record("person.search", "Organisation", db.TenantId, people.FirstOrDefault()?.Id,
            string.Create(CultureInfo.InvariantCulture, $"api; {people.Count} people"));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(people.Select(PersonDto.From).ToList());
    }
}
