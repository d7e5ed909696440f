using System.Globalization;
using System.Text;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Data;

namespace OneToOne.Referrals;

internal sealed record CsvRowError(int Row, string Column, string Message);

internal sealed record CsvImportResult(int Rows, int Recorded, int Linked, IReadOnlyList<CsvRowError> Errors, string? FileError)
{
    public static CsvImportResult Refused(string message) => new(0, 0, 0, [], message);
}

/// <summary>Referrals from a CSV file: each row is checked by the same rules as the page and the API and recorded
/// in its own transaction, so good rows are kept and bad ones are reported (row, column, message).</summary>
internal sealed class ReferralCsvImport(ReferralIntake intake, OneToOneDb db, AuditTrail audit)
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 10_000;
    public const string TooBigMessage = "The file must be smaller than 5 MB. Split it into smaller files.";
    public const string TooManyRowsMessage = "The file must have 10,000 rows or fewer. Split it into smaller files.";
    private const string NeedsColumn = "need_indicators";

    /// <summary>The documented columns and the field each fills, in template order.</summary>
    public static readonly IReadOnlyList<(string Column, string Field, bool Required, string Help)> Columns =
    [
        ("nhs_number", "Person.NhsNumber", true, "10 digits; spaces allowed"),
        ("given_name", "Person.GivenName", true, "Up to 100 characters"),
        ("family_name", "Person.FamilyName", true, "Up to 100 characters"),
        ("date_of_birth", "Person.DateOfBirth", true, "YYYY-MM-DD"),
        ("sex", "Person.Sex", false, "Female, Male, NotKnown or NotSpecified"),
        ("ethnicity", "Person.Ethnicity", false, "An NHS ethnic category code: " + string.Join(", ", People.Ethnicities.All.Select(e => e.Code)) + " (Z: the person chose not to say; 99: not known); blank if not recorded"),
        ("postcode", "Person.Postcode", true, "A UK postcode, like LS1 4AP"),
        ("tumour_site", "Person.TumourSite", true, "A code: " + string.Join(", ", People.TumourSites.All.Select(t => t.Code))),
        ("diagnosis_date", "Person.DiagnosisDate", false, "YYYY-MM-DD"),
        ("treatment_end_date", "Person.TreatmentEndDate", false, "YYYY-MM-DD, not before the diagnosis date"),
        ("phone", "Person.Phone", false, "For example 07700 900982"),
        ("email", "Person.Email", false, "name@example.com"),
        ("preferred_language", "Person.PreferredLanguage", false, "For example English; English if blank"),
        ("interpreter_needed", "Person.InterpreterNeeded", false, "yes or no"),
        ("gp_practice", "Person.GpPracticeName", false, "The GP practice's name"),
        ("consent_to_share_with_gp", "Person.ConsentToShareWithGp", false, "yes or no"),
        ("source", "Referral.Source", true, "HospitalTeam, GeneralPractice, SelfReferral or OtherService"),
        ("referrer_name", "Referral.ReferrerName", true, "Up to 200 characters; may be blank for a self-referral"),
        ("referrer_organisation", "Referral.ReferrerOrganisation", false, "Up to 200 characters"),
        ("received_on", "Referral.ReceivedOn", true, "YYYY-MM-DD, within the last year"),
        ("reason", "Referral.Reason", true, "Up to 2000 characters"),
        ("end_of_treatment_summary", "Referral.EndOfTreatmentSummary", false, "Up to 8000 characters"),
        ("urgency", "Referral.Urgency", false, "Routine, Soon or Urgent; Routine if blank"),
        (NeedsColumn, "Referral.NeedIndicators", false, "Names separated by semicolons, e.g. OngoingTreatment;LivesAloneOrLimitedSupport"),
    ];

    private static readonly Dictionary<string, string> ColumnByField =
        Columns.ToDictionary(c => c.Field, c => c.Column, StringComparer.Ordinal);

    public static string Template(DateOnly today)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', Columns.Select(c => c.Column)).Append("\r\n");
        sb.Append("999 000 0018,Alex,Example,1960-04-01,Female,A,LS6 2AB,breast,2025-09-01,2026-03-20,07700 900982,alex@example.com,English,no,Hyde Park Surgery,yes,HospitalTeam,Dr Jo Smith,Leeds Teaching Hospitals,");
        sb.Append(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(",\"End of treatment, worried about going back to work\",\"Completed chemotherapy; no evidence of metastatic disease\",Routine,OngoingTreatment;FinancialOrHousingDifficulty\r\n");
        return sb.ToString();
    }

    public async Task<CsvImportResult> ImportAsync(Stream content, long length, CancellationToken ct)
    {
        if (length > MaxBytes)
        {
            return CsvImportResult.Refused(TooBigMessage);
        }

        if (length == 0)
        {
            return CsvImportResult.Refused("The file is empty");
        }

        var (header, rows, readError) = await CsvUpload.ReadAsync(content, MaxRows, ct);
        if (readError is not null)
        {
            return CsvImportResult.Refused(readError);
        }

        if (rows.Count > MaxRows)
        {
            return CsvImportResult.Refused(TooManyRowsMessage);
        }

        var columns = header!.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var known = Columns.Select(c => c.Column).ToHashSet(StringComparer.Ordinal);
        var unknown = columns.Where(c => !known.Contains(c)).ToList();
        var missing = Columns.Where(c => c.Required && !columns.Contains(c.Column)).Select(c => c.Column).ToList();
        if (unknown.Count > 0 || missing.Count > 0 || columns.Distinct(StringComparer.Ordinal).Count() != columns.Count)
        {
            var parts = new List<string>();
            if (missing.Count > 0)
            {
                parts.Add("missing columns: " + string.Join(", ", missing));
            }

            if (unknown.Count > 0)
            {
                parts.Add("unknown columns: " + string.Join(", ", unknown));
            }

            if (parts.Count == 0)
            {
                parts.Add("a column appears twice");
            }

            return CsvImportResult.Refused("The header row does not match the template (" + string.Join("; ", parts) + "). Download the template to see the columns.");
        }

        var errors = new List<CsvRowError>();
        var recorded = 0;
        var linked = 0;
        foreach (var (rowNumber, cells, problem) in rows)
        {
            if (problem is not null)
            {
                errors.Add(new CsvRowError(rowNumber, "", problem));
                continue;
            }

            if (cells.Length != columns.Count)
            {
                errors.Add(new CsvRowError(rowNumber, "", string.Create(CultureInfo.InvariantCulture,
                    $"This row has {cells.Length} values but the header has {columns.Count} columns. Check for a missing or extra comma, or a comma inside text that is not in quotes.")));
                continue;
            }

            var byColumn = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Count; i++)
            {
                byColumn[columns[i]] = cells[i];
            }

            if (byColumn.Values.All(string.IsNullOrWhiteSpace))
            {
                continue; // A blank line at the end of a spreadsheet export is not an error.
            }

            var byField = Columns.Where(c => byColumn.ContainsKey(c.Column))
                .ToDictionary(c => c.Field, c => (string?)byColumn[c.Column], StringComparer.Ordinal);
            var needs = byColumn.GetValueOrDefault(NeedsColumn)?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var (person, referral, readErrors) = ReferralText.Read(byField.GetValueOrDefault, needs);
            var result = await intake.RecordAsync(person, referral, IntakeChannel.Csv, ct, readErrors);
            db.ChangeTracker.Clear();
            switch (result.Outcome)
            {
                case IntakeOutcome.Created:
                    recorded++;
                    break;
                case IntakeOutcome.Linked:
                    recorded++;
                    linked++;
                    break;
                case IntakeOutcome.Duplicate:
                    errors.Add(new CsvRowError(rowNumber, "", result.Errors[0].Message));
                    break;
                default:
                    errors.AddRange(result.Errors.Select(e => new CsvRowError(rowNumber, ColumnByField.GetValueOrDefault(e.Field, e.Field), e.Message)));
                    break;
            }
        }

        audit.Record("referral.upload", "Organisation", db.TenantId, null,
            string.Create(CultureInfo.InvariantCulture, $"{rows.Count} rows; {recorded} recorded; {linked} linked; {errors.Select(e => e.Row).Distinct().Count()} rows with errors"));
        await db.SaveChangesAsync(ct);
        return new CsvImportResult(rows.Count, recorded, linked, errors, null);
    }
}
