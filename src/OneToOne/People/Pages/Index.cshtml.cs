using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.People.Pages;

[Authorize(Policy = Policies.PersonRecords)]
internal sealed class IndexModel(OneToOneDb db, AuditTrail audit) : PageModel
{
    public const int MaxResults = 50;

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    public IReadOnlyList<PersonRow> Results { get; private set; } = [];

    public bool Searched { get; private set; }

    public string? Error { get; private set; }

    internal sealed record PersonRow(Guid Id, string GivenName, string FamilyName, string NhsNumber, DateOnly DateOfBirth, string Postcode);

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Search))
        {
            return;
        }

        Searched = true;
        var (results, error) = await SearchAsync(db, Search, ct);
        Error = error;
        if (error is not null)
        {
            ModelState.AddModelError(nameof(Search), error);
            return;
        }

        Results = results;
        // One event for the list: who searched and how many records they were shown, never the terms.
        audit.Record("person.search", "Organisation", db.TenantId, null,
            string.Create(CultureInfo.InvariantCulture, $"{results.Count} people"));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>An NHS number (spaces allowed) finds that person; anything else searches family names that start with it.</summary>
    internal static async Task<(IReadOnlyList<PersonRow> Rows, string? Error)> SearchAsync(OneToOneDb db, string search, CancellationToken ct)
    {
        var term = search.Trim();
        if (term.Any(char.IsAsciiDigit))
        {
            var nhs = NhsNumber.Parse(term);
            if (!nhs.IsValid)
            {
                return ([], nhs.Error);
            }

            var digits = nhs.Value;
            return (await db.People.Where(p => p.NhsNumber == digits)
                .Select(p => new PersonRow(p.Id, p.GivenName, p.FamilyName, p.NhsNumber, p.DateOfBirth, p.Postcode))
                .ToListAsync(ct), null);
        }

        if (term.Length > Person.NameMax)
        {
            return ([], PersonRules.TooLong("Family name", Person.NameMax));
        }

#pragma warning disable CA1304, CA1311, CA1862 // ToLower() is translated to SQL lower(), the same on SQLite and PostgreSQL.
        var lowered = term.ToLower();
        var rows = await db.People
            .Where(p => p.FamilyName.ToLower().StartsWith(lowered))
#pragma warning restore CA1304, CA1311, CA1862
            .OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName).ThenBy(p => p.Id)
            .Take(MaxResults)
            .Select(p => new PersonRow(p.Id, p.GivenName, p.FamilyName, p.NhsNumber, p.DateOfBirth, p.Postcode))
            .ToListAsync(ct);
        return (rows, null);
    }
}
