using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneToOne.Assessments;
using OneToOne.Notifications;
using OneToOne.People;
using OneToOne.Platform.Data;

namespace OneToOne.PatientAccess;

/// <summary>Questionnaire links for any published instrument and timepoint (the HNA before discharge, outcome and
/// experience questionnaires), built on the single-use assessment links: the person completes them through the same
/// /a/{token} pages. Everything is staged in the caller's unit of work.</summary>
internal sealed class QuestionnaireLinks(
    OneToOneDb db, AssessmentEngine engine, Notifier notifier, TimeProvider clock, PatientAccessOptions linkOptions, PersonAccessOptions options,
    IHttpContextAccessor http)
{
    public const string Template = "questionnaire-link";

    /// <summary>Where a link can go: the email address, else a UK mobile; null when the record has neither.</summary>
    public static (string To, string Channel)? Destination(string? email, string? phone) =>
        !string.IsNullOrWhiteSpace(email) ? (email.Trim(), NotificationChannels.Email)
        : PersonAccessRules.NormaliseMobile(phone) is { } mobile ? (mobile, NotificationChannels.Sms)
        : null;

    public static (string To, string Channel)? Destination(Person person) => Destination(person.Email, person.Phone);

    /// <summary>Published questionnaires of a kind (outcome: PROMs; experience: PREMs), the active version of each.</summary>
    public Task<List<Instrument>> ActiveAsync(InstrumentKind[] kinds, CancellationToken ct) =>
        db.Set<Instrument>().AsNoTracking().Where(i => i.Active && kinds.Contains(i.Kind)).OrderBy(i => i.Name).ToListAsync(ct);

    /// <summary>Starts a response the person completes online and queues the link to them.</summary>
    public AssessmentResponse Send(Guid personId, Instrument instrument, Timepoint timepoint, Guid? referralId, (string To, string Channel) destination, Guid? staffId)
    {
        var response = engine.Start(personId, instrument, timepoint, CompletionMode.PersonOnline, staffId, referralId);
        var token = AddLink(personId, response.Id, staffId, TimeSpan.FromHours(linkOptions.LinkValidHours));
        notifier.Queue(new NotificationRequest(Template, destination.Channel, destination.To, new Dictionary<string, string>
        {
            ["name"] = instrument.Name,
            ["url"] = BaseUrl() + "/a/" + token,
            ["hours"] = linkOptions.LinkValidHours.ToString(CultureInfo.InvariantCulture),
        }, personId));
        return response;
    }

    /// <summary>A short-lived link to an in-progress response, for a person already signed in to their own pages: they have
    /// proven who they are, so the link's date-of-birth step is marked as done for this browser.</summary>
    public string LinkForSignedInPerson(Guid personId, Guid responseId) =>
        AddLink(personId, responseId, null, TimeSpan.FromMinutes(options.SessionMinutes));

    private string AddLink(Guid personId, Guid responseId, Guid? staffId, TimeSpan validFor)
    {
        var now = clock.GetUtcNow();
        var token = PatientLinks.NewToken(db.TenantId, out var hash);
        db.Set<AssessmentLink>().Add(new AssessmentLink
        {
            PersonId = personId,
            ResponseId = responseId,
            TokenHash = hash,
            CreatedAt = now,
            ExpiresAt = now.Add(validFor),
            CreatedByStaffId = staffId,
        });
        return token;
    }

    public Guid LinkIdFor(string token) =>
        db.ChangeTracker.Entries<AssessmentLink>().Select(e => e.Entity)
            .First(l => PatientLinks.ParseToken(token) is { } parsed && l.TokenHash.AsSpan().SequenceEqual(parsed.Hash)).Id;

    private string BaseUrl() =>
        linkOptions.BaseUrl?.TrimEnd('/')
        ?? (http.HttpContext?.Request is { } request ? $"{request.Scheme}://{request.Host}" : "");
}
