using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneToOne.Assessments;
using OneToOne.Contacts;
using OneToOne.Escalations;
using OneToOne.Evaluation;
using OneToOne.Evaluation.Costs;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Referrals;
using OneToOne.Tests.Infrastructure;

namespace OneToOne.Tests.Evaluation.Live;

/// <summary>One arranged person: who they are (to prove it never shows) and what they did.</summary>
internal sealed record ArrangedPerson(Guid Id, string GivenName, string FamilyName, string NhsNumber);

/// <summary>What a group of people in one organisation had: contacts, outcome scores, an experience rating, escalations.</summary>
internal sealed record Arrangement(
    int People,
    int ContactsEach = 2,
    int MinutesEach = 30,
    int? DistressBefore = 7,
    int? DistressAfter = 4,
    int? Rating = null,
    int Escalations = 0,
    string TumourSite = "breast",
    Sex Sex = Sex.Female,
    PathwayLevel Level = PathwayLevel.SharedCare,
    string StaffRole = Roles.SupportWorker,
    string? Ethnicity = null);

/// <summary>Arranges de-identifiable data for the live evaluation tests. Each test takes a period of its own, three years
/// apart from every other (a period, the year before it for the comparator, and a gap), so tests sharing a database never
/// see each other's people.</summary>
internal static class LiveEvaluationKit
{
    public const double SupportWorkerRate = 40;
    public const double SpecialistRate = 80;

    private static int _periods;
    private static long _nhs = Random.Shared.NextInt64(0, 800_000);

    public static (DateOnly From, DateOnly To) NewPeriod()
    {
        var year = 2040 + (3 * Interlocked.Increment(ref _periods));
        return (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
    }

    /// <summary>Everyone arranged is 65 at the end of their period (age band 60-69), born on 12 April of this year.</summary>
    public static int BornIn((DateOnly From, DateOnly To) period) => period.To.Year - 65;

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Query((DateOnly From, DateOnly To) period, string extra = "&Filter.Compare=none") =>
        $"?Filter.From={Iso(period.From)}&Filter.To={Iso(period.To)}{extra}";

    /// <summary>Unit costs effective just before every test period (after any shipped defaults), so costs are known exactly.</summary>
    public static async Task EnsureUnitCostsAsync(OneToOneApp app) => await app.WithDbAsync(null, async db =>
    {
        var from = new DateOnly(2039, 1, 1);
        foreach (var (role, rate) in new[] { ("Support worker", SupportWorkerRate), ("Clinical nurse specialist", SpecialistRate), ("Complex case manager", SpecialistRate) })
        {
            if (!await db.Set<UnitCost>().AnyAsync(u => u.StaffRole == role && u.EffectiveFrom == from))
            {
                var band = await db.StaffRoles.Where(r => r.Name == role).Select(r => r.Band).FirstAsync();
                db.Set<UnitCost>().Add(new UnitCost { StaffRole = role, Band = band, CostPerHour = (decimal)rate, EffectiveFrom = from, LoadedAt = DateTimeOffset.UtcNow, LoadedBy = "test" });
            }
        }

        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Another test added them at the same moment.
        }
    });

    /// <summary>The outcome and experience instruments (the questionnaires' own defaults when they are seeded; otherwise a
    /// stand-in with the same code: the evaluation reads only responses' codes and answers' item codes).</summary>
    public static async Task<Dictionary<string, Instrument>> InstrumentsAsync(OneToOneDb db)
    {
        var result = new Dictionary<string, Instrument>(StringComparer.Ordinal);
        foreach (var (code, kind) in new[] { (EvaluationInstruments.OutcomesCode, InstrumentKind.Outcome), (EvaluationInstruments.ExperienceCode, InstrumentKind.Experience) })
        {
            var instrument = await db.Set<Instrument>().FirstOrDefaultAsync(i => i.Code == code && i.Active);
            if (instrument is null)
            {
                instrument = new Instrument
                {
                    Code = code, Version = 1, Name = code, Kind = kind, DefinitionJson = AssessmentDefaults.HnaV1().ToJson(),
                    PublishedAt = DateTimeOffset.UtcNow, PublishedBy = "test", Active = true,
                };
                db.Add(instrument);
                try
                {
                    await db.SaveChangesAsync();
                }
                catch (DbUpdateException)
                {
                    db.ChangeTracker.Clear();
                    instrument = await db.Set<Instrument>().FirstAsync(i => i.Code == code && i.Active);
                }
            }

            result[code] = instrument;
        }

        return result;
    }

    /// <summary>People of one organisation with a discharged episode inside the period (so it overlaps no other test's period),
    /// each with what <paramref name="a"/> says.</summary>
    public static async Task<List<ArrangedPerson>> ArrangeAsync(OneToOneApp app, string organisation, (DateOnly From, DateOnly To) period, Arrangement a)
    {
        var org = app.World.Org(organisation);
        var staffId = app.World.Account(organisation, a.StaffRole).StaffId!.Value;
        var arranged = new List<ArrangedPerson>();
        await app.WithDbAsync(org, async db =>
        {
            var instruments = await InstrumentsAsync(db);
            var received = period.From.AddDays(10);
            DateTimeOffset At(DateOnly day, int hour = 12) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
            for (var i = 0; i < a.People; i++)
            {
                var suffix = Guid.NewGuid().ToString("N")[..10];
                var person = new Person
                {
                    NhsNumber = NhsNumber.CreateTestNumber(Interlocked.Increment(ref _nhs) % NhsNumber.TestNumberCapacity),
                    GivenName = "Qzgiven" + suffix, FamilyName = "Qzfamily" + suffix, DateOfBirth = new DateOnly(BornIn(period), 4, 12), Sex = a.Sex,
                    Ethnicity = a.Ethnicity, Postcode = "LS6 2AB", TumourSite = a.TumourSite, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
                };
                db.People.Add(person);
                var referral = new Referral
                {
                    PersonId = person.Id, ReferrerName = "Dr Test", Reason = "End of treatment", ReceivedOn = received, TriageDueOn = received.AddDays(7),
                    Status = ReferralStatus.Discharged, Level = a.Level, TriagedAt = At(received.AddDays(2)), AllocatedAt = At(received.AddDays(3)),
                    ActivatedAt = At(received.AddDays(5)), DischargedAt = At(period.To.AddDays(-10)), KeyWorkerId = staffId, Channel = "page",
                    CreatedAt = At(received),
                };
                db.Referrals.Add(referral);
                for (var c = 0; c < a.ContactsEach; c++)
                {
                    db.Add(new Contact
                    {
                        PersonId = person.Id, ReferralId = referral.Id, StaffMemberId = staffId, OccurredAt = At(received.AddDays(20 + c)),
                        Mode = ContactMode.Phone, DurationMinutes = a.MinutesEach, Outcome = "Talked it through", CreatedAt = At(received.AddDays(20 + c)),
                    });
                }

                if (a.DistressBefore is { } before)
                {
                    Respond(db, instruments[EvaluationInstruments.OutcomesCode], person.Id, referral.Id, Timepoint.Baseline, At(received.AddDays(6)),
                        [(EvaluationInstruments.Distress, before, null), (EvaluationInstruments.Confidence, 4, null), (EvaluationInstruments.Wellbeing, 5, null)]);
                }

                if (a.DistressAfter is { } after)
                {
                    Respond(db, instruments[EvaluationInstruments.OutcomesCode], person.Id, referral.Id, Timepoint.Review, At(received.AddDays(100)),
                        [(EvaluationInstruments.Distress, after, null), (EvaluationInstruments.Confidence, 6, null), (EvaluationInstruments.Wellbeing, 7, null)]);
                }

                if (a.Rating is { } rating)
                {
                    Respond(db, instruments[EvaluationInstruments.ExperienceCode], person.Id, referral.Id, Timepoint.Discharge, At(period.To.AddDays(-10)),
                        [(EvaluationInstruments.Rating, rating, null), (EvaluationInstruments.Ease, 5, null), (EvaluationInstruments.Involvement, 3, null),
                         (EvaluationInstruments.Recommend, 4, null), (EvaluationInstruments.Comments, null, "Secretcomment " + person.FamilyName)]);
                }

                if (i < a.Escalations)
                {
                    db.Add(new Escalation
                    {
                        PersonId = person.Id, ReferralId = referral.Id, Description = "Worried", RaisedByName = "Worker", RaisedAt = At(received.AddDays(30)),
                        DueAt = At(received.AddDays(32)), AssignedToTeamId = app.World.Teams[organisation].Id, Status = EscalationStatus.Closed,
                        ClosedAt = At(received.AddDays(31)),
                    });
                }

                arranged.Add(new ArrangedPerson(person.Id, person.GivenName, person.FamilyName, person.NhsNumber));
            }

            await db.SaveChangesAsync();
        });
        return arranged;
    }

    private static void Respond(OneToOneDb db, Instrument instrument, Guid personId, Guid referralId, Timepoint timepoint, DateTimeOffset at,
        (string Item, int? Score, string? Text)[] answers)
    {
        var response = new AssessmentResponse
        {
            PersonId = personId, ReferralId = referralId, InstrumentId = instrument.Id, InstrumentCode = instrument.Code, InstrumentVersion = instrument.Version,
            Timepoint = timepoint, Status = ResponseStatus.Submitted, StartedAt = at, SubmittedAt = at,
            DistressScore = answers.FirstOrDefault(x => x.Item == EvaluationInstruments.Distress).Score,
        };
        db.Add(response);
        foreach (var (item, score, text) in answers)
        {
            db.Add(new AssessmentAnswer { ResponseId = response.Id, ItemCode = item, Score = score, Text = text });
        }
    }
}
