using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;

namespace OneToOne.Referrals;

internal sealed class ReferralOptions
{
    public const string Section = "Referrals";
    public int TriageDeadlineWorkingDays { get; set; } = 5;
}

internal static class IntakeChannel
{
    public const string Page = "page";
    public const string Api = "api";
    public const string Csv = "csv";
}

internal enum IntakeOutcome
{
    Created,
    Linked,
    Invalid,
    Duplicate,
}

/// <summary>The result of recording a referral. Errors carry "Person.X" or "Referral.X" field names.</summary>
internal sealed record IntakeResult(
    IntakeOutcome Outcome,
    Referral? Referral,
    IReadOnlyList<FieldError> Errors,
    string? Message,
    bool PersonCreated = false,
    bool PersonDetailsDiffer = false)
{
    public bool Succeeded => Outcome is IntakeOutcome.Created or IntakeOutcome.Linked;
}

/// <summary>The one way a referral is recorded, whether from the page, the API or a CSV row: same rules,
/// same person matching, same linking and duplicate checks, one transaction (person, referral, audit).</summary>
internal sealed class ReferralIntake(OneToOneDb db, AuditTrail audit, TimeProvider clock, WorkingDayCalendar calendar, ReferralOptions options)
{
    public const string PersonPrefix = "Person.";
    public const string ReferralPrefix = "Referral.";

    /// <summary>Validates without touching the database (used before anything is staged).</summary>
    public (PersonDetails? Person, ReferralDetails? Referral, List<FieldError> Errors) Check(PersonDetails person, ReferralDetails referral)
    {
        var today = UkTime.Today(clock);
        var (p, personErrors) = PersonRules.Check(person, today);
        var (r, referralErrors) = ReferralRules.Check(referral, today);
        var errors = personErrors.Select(e => e with { Field = PersonPrefix + e.Field })
            .Concat(referralErrors.Select(e => e with { Field = ReferralPrefix + e.Field }))
            .ToList();
        return (p, r, errors);
    }

    /// <summary>Stages the referral (and a new person) with their audit events, without saving, so a caller can
    /// add more to the same transaction (an idempotency record) before saving.</summary>
    public async Task<IntakeResult> StageAsync(PersonDetails personInput, ReferralDetails referralInput, string channel, CancellationToken ct,
        IReadOnlyList<FieldError>? readErrors = null)
    {
        var (details, referralDetails, errors) = Check(personInput, referralInput);
        if (readErrors is { Count: > 0 })
        {
            // A value that could not be read says so; "enter the date" on top of it would only confuse.
            var unreadable = readErrors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
            errors = [.. readErrors, .. errors.Where(e => !unreadable.Contains(e.Field))];
        }

        if (errors.Count > 0)
        {
            return new IntakeResult(IntakeOutcome.Invalid, null, errors, null);
        }

        var d = details!;
        var rd = referralDetails!;
        var now = clock.GetUtcNow();
        var person = await db.People.FirstOrDefaultAsync(p => p.NhsNumber == d.NhsNumber, ct);
        var personCreated = person is null;
        var differs = false;
        Referral? open = null;
        if (person is null)
        {
            person = PersonRules.NewPerson(d);
            person.CreatedAt = now;
            person.UpdatedAt = now;
            db.People.Add(person);
            audit.Record("person.create", "Person", person.Id, person.Id, "from a referral (" + channel + ")");
        }
        else
        {
            var received = rd.ReceivedOn!.Value;
            var source = rd.Source!.Value;
            var referrer = rd.ReferrerName!;
            var personId = person.Id;
            if (await db.Referrals.AnyAsync(r => r.PersonId == personId && r.ReceivedOn == received && r.Source == source && r.ReferrerName == referrer, ct))
            {
                return new IntakeResult(IntakeOutcome.Duplicate, null,
                    [new FieldError("", string.Create(CultureInfo.InvariantCulture,
                        $"{ReferralRules.DuplicateMessage}: same person, received {UkTime.Format(received)}, from {ReferralRules.SourceText(source)} ({referrer})."))],
                    ReferralRules.DuplicateMessage);
            }

            open = await db.Referrals
                .Where(r => r.PersonId == personId && Referral.OpenStatuses.Contains(r.Status))
                .OrderBy(r => r.ReceivedOn).ThenBy(r => r.Id)
                .FirstOrDefaultAsync(ct);
            differs = PersonRules.IdentityDiffers(person, d);
            if (PersonRules.FillBlanks(person, d) > 0)
            {
                person.UpdatedAt = now;
                audit.Record("person.update", "Person", person.Id, person.Id, "blank fields filled from a referral (" + channel + ")");
            }
        }

        var suggestion = StratificationSuggester.Suggest(new StratificationInput(rd.CombinedNeeds, rd.Urgency, rd.Reason, rd.EndOfTreatmentSummary));
        var referral = new Referral
        {
            PersonId = person.Id,
            Source = rd.Source!.Value,
            ReferrerName = rd.ReferrerName!,
            ReferrerOrganisation = rd.ReferrerOrganisation,
            ReceivedOn = rd.ReceivedOn!.Value,
            Reason = rd.Reason!,
            EndOfTreatmentSummary = rd.EndOfTreatmentSummary,
            Urgency = rd.Urgency,
            NeedIndicators = rd.CombinedNeeds,
            SuggestedLevel = suggestion.Level,
            Channel = channel,
            CreatedAt = now,
        };
        string? message = null;
        if (open is null)
        {
            referral.Status = ReferralStatus.Received;
            referral.TriageDueOn = calendar.AddWorkingDays(referral.ReceivedOn, options.TriageDeadlineWorkingDays);
        }
        else
        {
            // No second triage clock: the open episode already has one (or is past triage).
            referral.Status = ReferralStatus.Linked;
            referral.LinkedToReferralId = open.Id;
            referral.TriageDueOn = open.TriageDueOn;
            message = LinkedMessage(open.ReceivedOn);
        }

        db.Referrals.Add(referral);
        audit.Record("referral.create", "Referral", referral.Id, person.Id,
            referral.Status == ReferralStatus.Linked ? $"{channel}; linked to {open!.Id}" : channel);
        return new IntakeResult(open is null ? IntakeOutcome.Created : IntakeOutcome.Linked, referral, [], message, personCreated, differs);
    }

    /// <summary>Stages and saves in one transaction. On a lost race for the same new person (two referrals for
    /// one new NHS number at once) nothing is stored and the caller gets a clear error to retry.</summary>
    public async Task<IntakeResult> RecordAsync(PersonDetails person, ReferralDetails referral, string channel, CancellationToken ct,
        IReadOnlyList<FieldError>? readErrors = null)
    {
        var result = await StageAsync(person, referral, channel, ct, readErrors);
        if (!result.Succeeded)
        {
            return result;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (result.PersonCreated)
        {
            db.ChangeTracker.Clear();
            return new IntakeResult(IntakeOutcome.Invalid, null,
                [new FieldError(PersonPrefix + nameof(PersonDetails.NhsNumber),
                    "Another referral for this NHS number was recorded at the same moment. Submit this one again.")], null);
        }

        return result;
    }

    public static string LinkedMessage(DateOnly openReceivedOn) =>
        $"This person already has an open referral, received {UkTime.Format(openReceivedOn)}. This referral has been linked to it.";
}
