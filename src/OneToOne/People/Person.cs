using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneToOne.Platform.Data;
using OneToOne.Workforce;

namespace OneToOne.People;

public enum Sex
{
    NotKnown = 0,
    Female = 1,
    Male = 2,
    NotSpecified = 9,
}

public enum ContactMethod
{
    Phone = 0,
    Email = 1,
    Text = 2,
    Letter = 3,
}

/// <summary>A person living with and beyond cancer, as known to one partner organisation.</summary>
public sealed class Person : ITenantOwned, IVersioned
{
    public const int NameMax = 100;
    public const int NotesMax = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    /// <summary>Ten digits, no spaces.</summary>
    public required string NhsNumber { get; set; }
    public required string GivenName { get; set; }
    public required string FamilyName { get; set; }
    public DateOnly DateOfBirth { get; set; }
    public Sex Sex { get; set; }
    public string? GenderIdentity { get; set; }
    /// <summary>The NHS ethnic category code (<see cref="Ethnicities"/>), as the person describes it; null when not recorded.</summary>
    public string? Ethnicity { get; set; }
    public required string Postcode { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public ContactMethod PreferredContactMethod { get; set; }
    public string PreferredLanguage { get; set; } = "english";
    public bool InterpreterNeeded { get; set; }
    public string? AccessibilityNeeds { get; set; }
    public string? GpPracticeName { get; set; }
    public string? GpPracticeOdsCode { get; set; }
    public required string TumourSite { get; set; }
    public DateOnly? DiagnosisDate { get; set; }
    public DateOnly? TreatmentEndDate { get; set; }
    public bool ConsentToShareWithGp { get; set; }
    public string? NextOfKinName { get; set; }
    public string? NextOfKinRelationship { get; set; }
    public string? NextOfKinPhone { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public string FullName => $"{GivenName} {FamilyName}";

    /// <summary>The outward code of the postcode, e.g. "LS6" from "LS6 2AB".</summary>
    public string PostcodeDistrict => PostcodeDistrictOf(Postcode);

    public static string PostcodeDistrictOf(string? postcode)
    {
        if (string.IsNullOrWhiteSpace(postcode))
        {
            return "";
        }

        var compact = postcode.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        return compact.Length > 3 ? compact[..^3] : compact;
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.Property(x => x.NhsNumber).HasMaxLength(10).IsFixedLength(false);
        b.Property(x => x.GivenName).HasMaxLength(Person.NameMax);
        b.Property(x => x.FamilyName).HasMaxLength(Person.NameMax);
        b.Property(x => x.GenderIdentity).HasMaxLength(50);
        b.Property(x => x.Ethnicity).HasMaxLength(Ethnicities.CodeMax);
        b.Property(x => x.Postcode).HasMaxLength(8);
        b.Property(x => x.Phone).HasMaxLength(20);
        b.Property(x => x.Email).HasMaxLength(256);
        b.Property(x => x.PreferredLanguage).HasMaxLength(50);
        b.Property(x => x.AccessibilityNeeds).HasMaxLength(Person.NotesMax);
        b.Property(x => x.GpPracticeName).HasMaxLength(200);
        b.Property(x => x.GpPracticeOdsCode).HasMaxLength(10);
        b.Property(x => x.TumourSite).HasMaxLength(30);
        b.Property(x => x.NextOfKinName).HasMaxLength(200);
        b.Property(x => x.NextOfKinRelationship).HasMaxLength(50);
        b.Property(x => x.NextOfKinPhone).HasMaxLength(20);
        b.Ignore(x => x.FullName);
        b.Ignore(x => x.PostcodeDistrict);
        b.HasIndex(x => new { x.OrganisationId, x.NhsNumber }).IsUnique();
        b.HasIndex(x => new { x.OrganisationId, x.FamilyName, x.GivenName });
        // The person's own sign-in finds them by date of birth (then contact details) in each organisation.
        b.HasIndex(x => new { x.OrganisationId, x.DateOfBirth });
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}
