using System.Globalization;
using OneToOne.People;

namespace OneToOne.Referrals;

/// <summary>Turns text fields (an API body's strings, a CSV row's cells) into the details the rules check, with a
/// clear error for each value that cannot be read. Keys are "Person.X" / "Referral.X", as in <see cref="ReferralIntake"/>.</summary>
internal static class ReferralText
{
    public static (PersonDetails Person, ReferralDetails Referral, List<FieldError> Errors) Read(Func<string, string?> value, IEnumerable<string>? needs)
    {
        var errors = new List<FieldError>();
        const string P = ReferralIntake.PersonPrefix;
        const string R = ReferralIntake.ReferralPrefix;
        string? V(string prefix, string field) => value(prefix + field) is { } s && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;

        var person = new PersonDetails
        {
            NhsNumber = V(P, nameof(PersonDetails.NhsNumber)),
            GivenName = V(P, nameof(PersonDetails.GivenName)),
            FamilyName = V(P, nameof(PersonDetails.FamilyName)),
            DateOfBirth = Date(P, nameof(PersonDetails.DateOfBirth), "Date of birth"),
            Sex = Choice(P, nameof(PersonDetails.Sex), "Sex", PeopleChoices.Sexes, Sex.NotKnown),
            GenderIdentity = V(P, nameof(PersonDetails.GenderIdentity)),
            Ethnicity = Ethnicity(P, nameof(PersonDetails.Ethnicity)),
            Postcode = V(P, nameof(PersonDetails.Postcode)),
            Phone = V(P, nameof(PersonDetails.Phone)),
            Email = V(P, nameof(PersonDetails.Email)),
            PreferredContactMethod = Choice(P, nameof(PersonDetails.PreferredContactMethod), "Preferred contact method", PeopleChoices.ContactMethods, ContactMethod.Phone),
            PreferredLanguage = V(P, nameof(PersonDetails.PreferredLanguage)),
            InterpreterNeeded = Bool(P, nameof(PersonDetails.InterpreterNeeded), "Interpreter needed"),
            AccessibilityNeeds = V(P, nameof(PersonDetails.AccessibilityNeeds)),
            GpPracticeName = V(P, nameof(PersonDetails.GpPracticeName)),
            GpPracticeOdsCode = V(P, nameof(PersonDetails.GpPracticeOdsCode)),
            TumourSite = V(P, nameof(PersonDetails.TumourSite)),
            DiagnosisDate = Date(P, nameof(PersonDetails.DiagnosisDate), "Date of diagnosis"),
            TreatmentEndDate = Date(P, nameof(PersonDetails.TreatmentEndDate), "Treatment end date"),
            ConsentToShareWithGp = Bool(P, nameof(PersonDetails.ConsentToShareWithGp), "Consent to share with GP"),
            NextOfKinName = V(P, nameof(PersonDetails.NextOfKinName)),
            NextOfKinRelationship = V(P, nameof(PersonDetails.NextOfKinRelationship)),
            NextOfKinPhone = V(P, nameof(PersonDetails.NextOfKinPhone)),
        };
        var referral = new ReferralDetails
        {
            Source = V(R, nameof(ReferralDetails.Source)) is null ? null
                : Choice(R, nameof(ReferralDetails.Source), "Source", SourceAliases, ReferralSource.OtherService),
            ReferrerName = V(R, nameof(ReferralDetails.ReferrerName)),
            ReferrerOrganisation = V(R, nameof(ReferralDetails.ReferrerOrganisation)),
            ReceivedOn = Date(R, nameof(ReferralDetails.ReceivedOn), "Date received"),
            Reason = V(R, nameof(ReferralDetails.Reason)),
            EndOfTreatmentSummary = V(R, nameof(ReferralDetails.EndOfTreatmentSummary)),
            Urgency = Choice(R, nameof(ReferralDetails.Urgency), "Urgency", ReferralRules.Urgencies, ReferralUrgency.Routine),
        };
        foreach (var need in (needs ?? []).Where(n => !string.IsNullOrWhiteSpace(n)))
        {
            var match = Match(need, ReferralRules.Needs);
            if (match is { } n)
            {
                referral.Needs.Add(n);
            }
            else
            {
                errors.Add(new FieldError(R + "NeedIndicators", $"\"{need.Trim()}\" is not a known need indicator. Use one of: {string.Join(", ", ReferralRules.Needs.Select(x => x.Value))}"));
            }
        }

        return (person, referral, errors);

        DateOnly? Date(string prefix, string field, string label)
        {
            var text = V(prefix, field);
            if (text is null)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return d;
            }

            errors.Add(new FieldError(prefix + field, $"{label} must be a real date written as YYYY-MM-DD, like 2026-03-15"));
            return null;
        }

        // A code, not a name: an unknown one is named with the codes allowed, and nothing is stored.
        string? Ethnicity(string prefix, string field)
        {
            var code = Ethnicities.Normalise(V(prefix, field));
            if (code is null || Ethnicities.IsKnown(code))
            {
                return code;
            }

            errors.Add(new FieldError(prefix + field, EthnicityCodesMessage));
            return null;
        }

        bool Bool(string prefix, string field, string label)
        {
            var text = V(prefix, field)?.ToLowerInvariant();
            switch (text)
            {
                case null or "false" or "no" or "n" or "0":
                    return false;
                case "true" or "yes" or "y" or "1":
                    return true;
                default:
                    errors.Add(new FieldError(prefix + field, $"{label} must be yes or no"));
                    return false;
            }
        }

        T Choice<T>(string prefix, string field, string label, IReadOnlyList<(T Value, string Text)> options, T fallback)
            where T : struct, Enum
        {
            var text = V(prefix, field);
            if (text is null)
            {
                return fallback;
            }

            if (Match(text, options) is { } found)
            {
                return found;
            }

            errors.Add(new FieldError(prefix + field, $"{label} must be one of: {string.Join(", ", options.Select(o => o.Value.ToString()))}"));
            return fallback;
        }
    }

    public static readonly string EthnicityCodesMessage =
        "Ethnicity must be an NHS ethnic category code: " + string.Join(", ", Ethnicities.All.Select(e => e.Code)) + ", or blank when not recorded";

    /// <summary>Names a CSV or API caller may use for the source, besides the enum names and page labels.</summary>
    private static readonly IReadOnlyList<(ReferralSource Value, string Text)> SourceAliases =
    [
        .. ReferralRules.Sources,
        (ReferralSource.HospitalTeam, "hospital"),
        (ReferralSource.GeneralPractice, "general practice"),
        (ReferralSource.SelfReferral, "self"),
        (ReferralSource.OtherService, "other"),
        (ReferralSource.OtherService, "other service"),
    ];

    /// <summary>Matches an enum name, its number or a label, ignoring case, spaces, hyphens and underscores.</summary>
    private static T? Match<T>(string text, IReadOnlyList<(T Value, string Text)> options)
        where T : struct, Enum
    {
        var key = Simplify(text);
        foreach (var (value, label) in options)
        {
            if (key == Simplify(value.ToString()) || key == Simplify(label)
                || key == Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture))
            {
                return value;
            }
        }

        return null;
    }

    private static string Simplify(string s) => string.Concat(s.Where(char.IsLetterOrDigit)).ToLowerInvariant();
}
