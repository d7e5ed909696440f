using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneToOne.Assessments;
using OneToOne.Contacts;
using OneToOne.Escalations;
using OneToOne.Evaluation.Costs;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Referrals;
using OneToOne.Workforce;

namespace OneToOne.Evaluation.Live;

/// <summary>Demo data for the evaluation, so an evaluator signing in to a demo sees every dashboard filled: illustrative unit
/// costs, and in each organisation (for up to <see cref="PeoplePerOrganisation"/> people with an episode) contacts, outcome
/// questionnaires at baseline and follow-up, an experience questionnaire, a few closed escalations and a year of staff time.
/// Synthetic and deterministic; idempotent (an organisation that already has outcome questionnaires is left alone, unit costs
/// only when there are none). The outcome and experience answers need their instruments published (the questionnaires'
/// defaults): without them only costs, contacts, escalations and staff time are seeded.</summary>
internal static class DemoEvaluationSeed
{
    public const int PeoplePerOrganisation = 150;

    private static readonly string[] Comments =
    [
        "Having one person to call made all the difference.",
        "Help with the benefits forms took a weight off.",
        "I would have liked evening appointments.",
        "The group sessions helped me meet people in the same position.",
    ];

    public static async Task EnsureAsync(IServiceProvider services, CancellationToken ct)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OneToOneDb>();
            await EnsureUnitCostsAsync(db, ct);
        }

        List<Guid> organisations;
        await using (var scope = services.CreateAsyncScope())
        {
            organisations = await scope.ServiceProvider.GetRequiredService<OneToOneDb>().Organisations.AsNoTracking()
                .OrderBy(o => o.OdsCode).Select(o => o.Id).ToListAsync(ct);
        }

        for (var i = 0; i < organisations.Count; i++)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActFor(organisations[i]);
            await SeedOrganisationAsync(scope.ServiceProvider, organisations[i], i, ct);
        }
    }

    /// <summary>The illustrative demo rates (<see cref="UnitCostDefaults"/>), when there are no unit costs at all.</summary>
    public static Task EnsureUnitCostsAsync(OneToOneDb db, CancellationToken ct) => UnitCostDefaults.EnsureDefaultsAsync(db, ct);

    private static async Task SeedOrganisationAsync(IServiceProvider services, Guid organisationId, int index, CancellationToken ct)
    {
        var db = services.GetRequiredService<OneToOneDb>();
        if (await db.Set<AssessmentResponse>().AnyAsync(r => r.InstrumentCode == EvaluationInstruments.OutcomesCode, ct))
        {
            return;
        }

        var now = db.Clock.GetUtcNow();
        var followUpMonths = services.GetRequiredService<IOptions<EvaluationOptions>>().Value.FollowUpMonths;
        var instruments = await db.Set<Instrument>().AsNoTracking()
            .Where(i => i.Active && (i.Code == EvaluationInstruments.OutcomesCode || i.Code == EvaluationInstruments.ExperienceCode))
            .ToDictionaryAsync(i => i.Code, ct);
        var staff = await db.Staff.AsNoTracking().Include(s => s.Role).Where(s => s.Active).OrderBy(s => s.Id).ToListAsync(ct);
        var team = await db.Teams.AsNoTracking().OrderBy(t => t.Id).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);
        var episodes = await db.Referrals.AsNoTracking()
            .Where(r => r.Status == ReferralStatus.Allocated || r.Status == ReferralStatus.Active || r.Status == ReferralStatus.Discharged)
            .OrderBy(r => r.Id).Take(PeoplePerOrganisation).ToListAsync(ct);
        if (staff.Count == 0 || episodes.Count == 0)
        {
            return;
        }

        var withContacts = (await db.Set<Contact>().AsNoTracking().Where(c => c.ReferralId != null).Select(c => c.ReferralId!.Value).Distinct().ToListAsync(ct)).ToHashSet();
        var random = new Random(20_260_101 + index);
        // Organisations differ a little (so the funnel plot and the comparisons have something to show).
        var escalationRate = 0.03 + (0.02 * (index % 4));
        var improvement = 1.0 + (0.3 * (index % 3));
        var contacts = 0;
        var responses = 0;
        foreach (var episode in episodes)
        {
            var start = episode.ActivatedAt ?? episode.AllocatedAt ?? new DateTimeOffset(episode.ReceivedOn.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
            var end = episode.DischargedAt ?? now;
            if (end <= start)
            {
                end = start.AddDays(1);
            }

            var worker = staff.FirstOrDefault(s => s.Id == episode.KeyWorkerId) ?? staff[random.Next(staff.Count)];
            if (!withContacts.Contains(episode.Id))
            {
                var count = random.Next(2, 7);
                for (var c = 0; c < count; c++)
                {
                    var at = start.AddMinutes(random.NextDouble() * (end - start).TotalMinutes);
                    var mode = (ContactMode)random.Next(0, 5);
                    db.Add(new Contact
                    {
                        OrganisationId = organisationId, PersonId = episode.PersonId, ReferralId = episode.Id,
                        StaffMemberId = (random.NextDouble() < 0.8 ? worker : staff[random.Next(staff.Count)]).Id,
                        OccurredAt = at, Mode = mode, DurationMinutes = mode == ContactMode.HomeVisit ? random.Next(45, 91) : random.Next(15, 61),
                        Addressed = ["emotional"], Outcome = "Support given (synthetic demo contact).", CreatedAt = at,
                    });
                    contacts++;
                }
            }

            if (random.NextDouble() < escalationRate)
            {
                var raised = start.AddDays(random.Next(1, 30));
                db.Add(new Escalation
                {
                    OrganisationId = organisationId, PersonId = episode.PersonId, ReferralId = episode.Id, Reason = EscalationReason.HighDistress,
                    Description = "Synthetic demo escalation.", Urgency = EscalationUrgency.Soon, DueAt = raised.AddDays(2),
                    AssignedToTeamId = team, Status = EscalationStatus.Closed, RaisedByStaffId = worker.Id, RaisedByName = "Demo worker",
                    RaisedAt = raised, AcknowledgedAt = raised.AddHours(3), AcknowledgedByName = "Demo practitioner",
                    Outcome = EscalationOutcome.AdviceGiven, OutcomeAt = raised.AddDays(1), OutcomeByName = "Demo practitioner",
                    OutcomeNote = "Advice given (synthetic).", ClosedAt = raised.AddDays(1), ClosedByName = "Demo practitioner",
                });
            }

            if (!instruments.TryGetValue(EvaluationInstruments.OutcomesCode, out var outcomes))
            {
                continue;
            }

            var baselineAt = start.AddDays(random.Next(0, 14));
            var distress = Clamp(Normal(random, 6, 2));
            var confidence = Clamp(Normal(random, 5, 2));
            var wellbeing = Clamp(Normal(random, 5, 2));
            Respond(db, organisationId, episode, outcomes, Timepoint.Baseline, baselineAt, worker.Id,
                [(EvaluationInstruments.Distress, distress, null), (EvaluationInstruments.Confidence, confidence, null), (EvaluationInstruments.Wellbeing, wellbeing, null)]);
            responses++;
            var reviewAt = baselineAt.AddMonths(followUpMonths);
            DateTimeOffset? experienceAt = episode.DischargedAt;
            if (reviewAt < now && (episode.DischargedAt is null || reviewAt <= episode.DischargedAt) && random.NextDouble() < 0.85)
            {
                Respond(db, organisationId, episode, outcomes, Timepoint.Review, reviewAt, worker.Id,
                [
                    (EvaluationInstruments.Distress, Clamp(distress - Normal(random, improvement * 1.5, 2)), null),
                    (EvaluationInstruments.Confidence, Clamp(confidence + Normal(random, improvement, 2)), null),
                    (EvaluationInstruments.Wellbeing, Clamp(wellbeing + Normal(random, improvement, 2)), null),
                ]);
                responses++;
                experienceAt ??= reviewAt;
            }

            if (experienceAt is { } when && instruments.TryGetValue(EvaluationInstruments.ExperienceCode, out var experience) && random.NextDouble() < 0.8)
            {
                var rating = Math.Min(10, 6 + random.Next(0, 5));
                Respond(db, organisationId, episode, experience, Timepoint.Discharge, when, worker.Id,
                [
                    (EvaluationInstruments.Rating, rating, null),
                    (EvaluationInstruments.Ease, random.Next(3, 6), null),
                    (EvaluationInstruments.Involvement, random.Next(2, 6), null),
                    (EvaluationInstruments.Recommend, random.Next(3, 6), null),
                    (EvaluationInstruments.Comments, null, random.NextDouble() < 0.3 ? Comments[random.Next(Comments.Length)] : null),
                ]);
                responses++;
            }
        }

        var timeRows = await SeedStaffTimeAsync(db, organisationId, staff, now, random, ct);
        services.GetRequiredService<AuditTrail>().Record("seed.evaluation", "Organisation", organisationId, organisationId: organisationId,
            detail: string.Create(CultureInfo.InvariantCulture, $"Synthetic evaluation demo data: {contacts} contacts, {responses} questionnaires, {timeRows} staff time months."));
        await db.SaveChangesAsync(ct);
    }

    private static async Task<int> SeedStaffTimeAsync(OneToOneDb db, Guid organisationId, List<StaffMember> staff, DateTimeOffset now, Random random, CancellationToken ct)
    {
        if (await db.Set<StaffTimeRecord>().AnyAsync(ct))
        {
            return 0;
        }

        var thisMonth = new DateOnly(now.Year, now.Month, 1);
        var rows = 0;
        foreach (var member in staff)
        {
            for (var m = 1; m <= 12; m++)
            {
                var lost = random.NextDouble() < 0.2 ? random.Next(1, 6) : 0;
                db.Add(new StaffTimeRecord
                {
                    OrganisationId = organisationId, StaffMemberId = member.Id, Month = thisMonth.AddMonths(-m),
                    DaysWorked = Math.Round((member.HoursPerWeek / 37.5m * 20) - lost, 1), DaysLost = lost,
                    LostReason = lost > 0 ? "Sickness" : null, UpdatedAt = now,
                });
                rows++;
            }
        }

        return rows;
    }

    private static void Respond(OneToOneDb db, Guid organisationId, Referral episode, Instrument instrument, Timepoint timepoint, DateTimeOffset at,
        Guid staffId, (string Item, int? Score, string? Text)[] answers)
    {
        var response = new AssessmentResponse
        {
            OrganisationId = organisationId, PersonId = episode.PersonId, ReferralId = episode.Id, InstrumentId = instrument.Id,
            InstrumentCode = instrument.Code, InstrumentVersion = instrument.Version, Timepoint = timepoint, Mode = CompletionMode.WithWorker,
            Status = ResponseStatus.Submitted, StartedAt = at.AddMinutes(-10), SubmittedAt = at, StaffMemberId = staffId,
            DistressScore = answers.FirstOrDefault(a => a.Item == EvaluationInstruments.Distress).Score,
        };
        db.Add(response);
        foreach (var (item, score, text) in answers.Where(a => a.Score is not null || a.Text is not null))
        {
            db.Add(new AssessmentAnswer { OrganisationId = organisationId, ResponseId = response.Id, ItemCode = item, Score = score, Text = text });
        }
    }

    private static double Normal(Random random, double mean, double sd) =>
        mean + (sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

    private static int Clamp(double value) => (int)Math.Clamp(Math.Round(value, MidpointRounding.AwayFromZero), 0, 10);
}
