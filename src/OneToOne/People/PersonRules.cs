using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OneToOne.People;

/// <summary>One validation message for one field; <see cref="Field"/> is the property name on the
/// details object (e.g. "NhsNumber"), and each channel maps it to its own key (form field, JSON path, CSV column).</summary>
internal sealed record FieldError(string Field, string Message);

/// <summary>What someone gave about a person: bound by the pages, built from JSON by the API and from a
/// row by the CSV import, then checked by <see cref="PersonRules"/> the same way for all three.</summary>
internal sealed class PersonDetails
{
    [Display(Name = "NHS number")]
    public string? NhsNumber { get; set; }

    [Display(Name = "Given name")]
    public string? GivenName { get; set; }

    [Display(Name = "Family name")]
    public string? FamilyName { get; set; }

    [Display(Name = "Date of birth")]
    public DateOnly? DateOfBirth { get; set; }

    [Display(Name = "Sex")]
    public Sex Sex { get; set; }

    [Display(Name = "Gender identity (optional)")]
    public string? GenderIdentity { get; set; }

    [Display(Name = "Ethnicity (optional)")]
    public string? Ethnicity { get; set; }

    [Display(Name = "Postcode")]
    public string? Postcode { get; set; }

    [Display(Name = "Phone number (optional)")]
    public string? Phone { get; set; }

    [Display(Name = "Email address (optional)")]
    public string? Email { get; set; }

    [Display(Name = "Preferred contact method")]
    public ContactMethod PreferredContactMethod { get; set; }

    [Display(Name = "Preferred language")]
    public string? PreferredLanguage { get; set; }

    [Display(Name = "Needs an interpreter")]
    public bool InterpreterNeeded { get; set; }

    [Display(Name = "Accessibility needs (optional)")]
    public string? AccessibilityNeeds { get; set; }

    [Display(Name = "GP practice (optional)")]
    public string? GpPracticeName { get; set; }

    [Display(Name = "GP practice ODS code (optional)")]
    public string? GpPracticeOdsCode { get; set; }

    [Display(Name = "Tumour site")]
    public string? TumourSite { get; set; }

    [Display(Name = "Date of diagnosis (optional)")]
    public DateOnly? DiagnosisDate { get; set; }

    [Display(Name = "Treatment end date (optional)")]
    public DateOnly? TreatmentEndDate { get; set; }

    [Display(Name = "Consents to share information with their GP")]
    public bool ConsentToShareWithGp { get; set; }

    [Display(Name = "Next of kin name (optional)")]
    public string? NextOfKinName { get; set; }

    [Display(Name = "Next of kin relationship (optional)")]
    public string? NextOfKinRelationship { get; set; }

    [Display(Name = "Next of kin phone number (optional)")]
    public string? NextOfKinPhone { get; set; }

    public static PersonDetails From(Person p) => new()
    {
        NhsNumber = People.NhsNumber.Format(p.NhsNumber),
        GivenName = p.GivenName,
        FamilyName = p.FamilyName,
        DateOfBirth = p.DateOfBirth,
        Sex = p.Sex,
        GenderIdentity = p.GenderIdentity,
        Ethnicity = p.Ethnicity,
        Postcode = p.Postcode,
        Phone = p.Phone,
        Email = p.Email,
        PreferredContactMethod = p.PreferredContactMethod,
        PreferredLanguage = p.PreferredLanguage,
        InterpreterNeeded = p.InterpreterNeeded,
        AccessibilityNeeds = p.AccessibilityNeeds,
        GpPracticeName = p.GpPracticeName,
        GpPracticeOdsCode = p.GpPracticeOdsCode,
        TumourSite = p.TumourSite,
        DiagnosisDate = p.DiagnosisDate,
        TreatmentEndDate = p.TreatmentEndDate,
        ConsentToShareWithGp = p.ConsentToShareWithGp,
        NextOfKinName = p.NextOfKinName,
        NextOfKinRelationship = p.NextOfKinRelationship,
        NextOfKinPhone = p.NextOfKinPhone,
    };
}

/// <summary>The one place that decides whether details about a person are acceptable, and how they are
/// normalised (NHS number digits, postcode spacing, trimmed text). Pure: pages, API and CSV import all call it.</summary>
internal static partial class PersonRules
{
    public const int GenderIdentityMax = 50;
    public const int PostcodeMax = 8;
    public const int PhoneMax = 20;
    public const int EmailMax = 256;
    public const int LanguageMax = 50;
    public const int GpPracticeNameMax = 200;
    public const int OdsCodeMax = 10;
    public const int NextOfKinNameMax = 200;
    public const int RelationshipMax = 50;
    public static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);

    public const string BirthInFutureMessage = "Date of birth must be in the past";
    public const string TreatmentBeforeDiagnosisMessage = "Treatment end date must be the same as or after the date of diagnosis";
    public const string PostcodeFormatMessage = "Enter a real postcode, like LS1 4AP";
    public const string EmailFormatMessage = "Enter an email address in the correct format, like name@example.com";
    public const string PhoneFormatMessage = "Enter a phone number, like 01632 960 001 or 07700 900 982";
    public const string EthnicityMessage = "Select the person's ethnicity from the list";

    /// <summary>Checks <paramref name="input"/> and returns the errors (empty when acceptable) and a
    /// normalised copy ready to store (null when there are errors).</summary>
    public static (PersonDetails? Normalised, IReadOnlyList<FieldError> Errors) Check(PersonDetails input, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<FieldError>();
        void Add(string field, string message) => errors.Add(new FieldError(field, message));

        var nhs = NhsNumber.Parse(input.NhsNumber);
        if (!nhs.IsValid)
        {
            Add(nameof(PersonDetails.NhsNumber), nhs.Error);
        }

        var given = Required(input.GivenName, nameof(PersonDetails.GivenName), "Enter the person's given name", "Given name", Person.NameMax, Add);
        var family = Required(input.FamilyName, nameof(PersonDetails.FamilyName), "Enter the person's family name", "Family name", Person.NameMax, Add);

        if (input.DateOfBirth is not { } dob)
        {
            Add(nameof(PersonDetails.DateOfBirth), "Enter the person's date of birth");
        }
        else if (dob > today)
        {
            Add(nameof(PersonDetails.DateOfBirth), BirthInFutureMessage);
        }
        else if (dob < EarliestBirthDate)
        {
            Add(nameof(PersonDetails.DateOfBirth), "Date of birth must be after 1 January 1900");
        }

        string? postcode = null;
        if (string.IsNullOrWhiteSpace(input.Postcode))
        {
            Add(nameof(PersonDetails.Postcode), "Enter the person's postcode");
        }
        else
        {
            postcode = NormalisePostcode(input.Postcode);
            if (postcode is null)
            {
                Add(nameof(PersonDetails.Postcode), PostcodeFormatMessage);
            }
        }

        var phone = Phone(input.Phone, nameof(PersonDetails.Phone), Add);
        var email = Optional(input.Email, nameof(PersonDetails.Email), "Email address", EmailMax, Add);
        if (email is not null && !EmailPattern().IsMatch(email))
        {
            Add(nameof(PersonDetails.Email), EmailFormatMessage);
        }

        var gender = Optional(input.GenderIdentity, nameof(PersonDetails.GenderIdentity), "Gender identity", GenderIdentityMax, Add);
        var language = Optional(input.PreferredLanguage, nameof(PersonDetails.PreferredLanguage), "Preferred language", LanguageMax, Add)
            ?.ToLowerInvariant() ?? "english";
        var accessibility = Optional(input.AccessibilityNeeds, nameof(PersonDetails.AccessibilityNeeds), "Accessibility needs", Person.NotesMax, Add);
        var gpName = Optional(input.GpPracticeName, nameof(PersonDetails.GpPracticeName), "GP practice", GpPracticeNameMax, Add);
        var ods = Optional(input.GpPracticeOdsCode, nameof(PersonDetails.GpPracticeOdsCode), "GP practice ODS code", OdsCodeMax, Add)
            ?.ToUpperInvariant();
        if (ods is not null && !OdsPattern().IsMatch(ods))
        {
            Add(nameof(PersonDetails.GpPracticeOdsCode), "GP practice ODS code must contain only letters and numbers");
        }

        var ethnicity = Ethnicities.Normalise(input.Ethnicity);
        if (ethnicity is not null && !Ethnicities.IsKnown(ethnicity))
        {
            Add(nameof(PersonDetails.Ethnicity), EthnicityMessage);
        }

        var site = input.TumourSite?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(site))
        {
            Add(nameof(PersonDetails.TumourSite), "Select the tumour site");
        }
        else if (!TumourSites.IsKnown(site))
        {
            Add(nameof(PersonDetails.TumourSite), "Select a tumour site from the list");
        }

        if (input.DiagnosisDate is { } diagnosed)
        {
            if (diagnosed > today)
            {
                Add(nameof(PersonDetails.DiagnosisDate), "Date of diagnosis must be today or in the past");
            }
            else if (input.DateOfBirth is { } born && diagnosed < born)
            {
                Add(nameof(PersonDetails.DiagnosisDate), "Date of diagnosis must be the same as or after the date of birth");
            }
        }

        if (input.TreatmentEndDate is { } ended)
        {
            if (input.DiagnosisDate is { } diagnosis && ended < diagnosis)
            {
                Add(nameof(PersonDetails.TreatmentEndDate), TreatmentBeforeDiagnosisMessage);
            }
            else if (input.DateOfBirth is { } born && ended < born)
            {
                Add(nameof(PersonDetails.TreatmentEndDate), "Treatment end date must be after the date of birth");
            }
        }

        var kinName = Optional(input.NextOfKinName, nameof(PersonDetails.NextOfKinName), "Next of kin name", NextOfKinNameMax, Add);
        var kinRelationship = Optional(input.NextOfKinRelationship, nameof(PersonDetails.NextOfKinRelationship), "Next of kin relationship", RelationshipMax, Add);
        var kinPhone = Phone(input.NextOfKinPhone, nameof(PersonDetails.NextOfKinPhone), Add);

        if (!Enum.IsDefined(input.Sex))
        {
            Add(nameof(PersonDetails.Sex), "Select the person's sex");
        }

        if (!Enum.IsDefined(input.PreferredContactMethod))
        {
            Add(nameof(PersonDetails.PreferredContactMethod), "Select a preferred contact method");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new PersonDetails
        {
            NhsNumber = nhs.Value,
            GivenName = given,
            FamilyName = family,
            DateOfBirth = input.DateOfBirth,
            Sex = input.Sex,
            GenderIdentity = gender,
            Ethnicity = ethnicity,
            Postcode = postcode,
            Phone = phone,
            Email = email,
            PreferredContactMethod = input.PreferredContactMethod,
            PreferredLanguage = language,
            InterpreterNeeded = input.InterpreterNeeded,
            AccessibilityNeeds = accessibility,
            GpPracticeName = gpName,
            GpPracticeOdsCode = ods,
            TumourSite = site,
            DiagnosisDate = input.DiagnosisDate,
            TreatmentEndDate = input.TreatmentEndDate,
            ConsentToShareWithGp = input.ConsentToShareWithGp,
            NextOfKinName = kinName,
            NextOfKinRelationship = kinRelationship,
            NextOfKinPhone = kinPhone,
        }, errors);
    }

    /// <summary>A UK postcode in upper case with one space before the inward code ("ls62ab" -> "LS6 2AB"),
    /// or null when it is not shaped like one.</summary>
    public static string? NormalisePostcode(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var compact = string.Concat(input.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        if (!PostcodePattern().IsMatch(compact))
        {
            return null;
        }

        return string.Concat(compact.AsSpan(0, compact.Length - 3), " ", compact.AsSpan(compact.Length - 3));
    }

    /// <summary>Writes checked, normalised details onto a person (a new one or an edit).</summary>
    public static void ApplyTo(Person person, PersonDetails d)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(d);
        person.NhsNumber = d.NhsNumber!;
        person.GivenName = d.GivenName!;
        person.FamilyName = d.FamilyName!;
        person.DateOfBirth = d.DateOfBirth!.Value;
        person.Sex = d.Sex;
        person.GenderIdentity = d.GenderIdentity;
        person.Ethnicity = d.Ethnicity;
        person.Postcode = d.Postcode!;
        person.Phone = d.Phone;
        person.Email = d.Email;
        person.PreferredContactMethod = d.PreferredContactMethod;
        person.PreferredLanguage = d.PreferredLanguage ?? "english";
        person.InterpreterNeeded = d.InterpreterNeeded;
        person.AccessibilityNeeds = d.AccessibilityNeeds;
        person.GpPracticeName = d.GpPracticeName;
        person.GpPracticeOdsCode = d.GpPracticeOdsCode;
        person.TumourSite = d.TumourSite!;
        person.DiagnosisDate = d.DiagnosisDate;
        person.TreatmentEndDate = d.TreatmentEndDate;
        person.ConsentToShareWithGp = d.ConsentToShareWithGp;
        person.NextOfKinName = d.NextOfKinName;
        person.NextOfKinRelationship = d.NextOfKinRelationship;
        person.NextOfKinPhone = d.NextOfKinPhone;
    }

    public static Person NewPerson(PersonDetails d)
    {
        var person = new Person { NhsNumber = "", GivenName = "", FamilyName = "", Postcode = "", TumourSite = "" };
        ApplyTo(person, d);
        return person;
    }

    /// <summary>A new referral never silently overwrites an existing record: only fields the record
    /// leaves blank are filled. Returns how many fields were filled.</summary>
    public static int FillBlanks(Person person, PersonDetails d)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(d);
        var filled = 0;
        string? Fill(string? current, string? given)
        {
            if (string.IsNullOrWhiteSpace(current) && !string.IsNullOrWhiteSpace(given))
            {
                filled++;
                return given;
            }

            return current;
        }

        person.GenderIdentity = Fill(person.GenderIdentity, d.GenderIdentity);
        person.Ethnicity = Fill(person.Ethnicity, d.Ethnicity);
        person.Phone = Fill(person.Phone, d.Phone);
        person.Email = Fill(person.Email, d.Email);
        person.AccessibilityNeeds = Fill(person.AccessibilityNeeds, d.AccessibilityNeeds);
        person.GpPracticeName = Fill(person.GpPracticeName, d.GpPracticeName);
        person.GpPracticeOdsCode = Fill(person.GpPracticeOdsCode, d.GpPracticeOdsCode);
        person.NextOfKinName = Fill(person.NextOfKinName, d.NextOfKinName);
        person.NextOfKinRelationship = Fill(person.NextOfKinRelationship, d.NextOfKinRelationship);
        person.NextOfKinPhone = Fill(person.NextOfKinPhone, d.NextOfKinPhone);
        if (person.DiagnosisDate is null && d.DiagnosisDate is not null
            && (person.TreatmentEndDate is null || d.DiagnosisDate <= person.TreatmentEndDate))
        {
            person.DiagnosisDate = d.DiagnosisDate;
            filled++;
        }

        if (person.TreatmentEndDate is null && d.TreatmentEndDate is not null
            && (person.DiagnosisDate is null || d.TreatmentEndDate >= person.DiagnosisDate))
        {
            person.TreatmentEndDate = d.TreatmentEndDate;
            filled++;
        }

        return filled;
    }

    /// <summary>True when the identifying details given differ from the record: worth telling the user,
    /// as a mismatch can mean the wrong NHS number (a wrong-person hazard).</summary>
    public static bool IdentityDiffers(Person person, PersonDetails d) =>
        !string.Equals(person.FamilyName, d.FamilyName, StringComparison.OrdinalIgnoreCase)
        || !string.Equals(person.GivenName, d.GivenName, StringComparison.OrdinalIgnoreCase)
        || person.DateOfBirth != d.DateOfBirth;

    private static string? Required(string? value, string field, string emptyMessage, string label, int max, Action<string, string> add)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            add(field, emptyMessage);
            return null;
        }

        if (trimmed.Length > max)
        {
            add(field, TooLong(label, max));
            return null;
        }

        return trimmed;
    }

    private static string? Optional(string? value, string field, string label, int max, Action<string, string> add)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > max)
        {
            add(field, TooLong(label, max));
            return null;
        }

        return trimmed;
    }

    private static string? Phone(string? value, string field, Action<string, string> add)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        var digits = trimmed.Count(char.IsAsciiDigit);
        if (trimmed.Length > PhoneMax || !PhonePattern().IsMatch(trimmed) || digits is < 10 or > 15)
        {
            add(field, PhoneFormatMessage);
            return null;
        }

        return trimmed;
    }

    public static string TooLong(string label, int max) =>
        string.Create(CultureInfo.InvariantCulture, $"{label} must be {max} characters or fewer");

    // Outward code (area, district, optional sub-district) then inward code; spaces removed first.
    [GeneratedRegex("^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex PostcodePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9 ()\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex("^[A-Z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex OdsPattern();
}
