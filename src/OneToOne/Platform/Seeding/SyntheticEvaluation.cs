using OneToOne.Assessments;
using OneToOne.People;
using OneToOne.Referrals;

namespace OneToOne.Platform.Seeding;

/// <summary>What the evaluation reads for everyone else supported by a key worker (SeedExtras.EvaluationActivity): a few
/// contacts over the latest episode (four on average, the pilot's figure) and the holistic needs assessment at baseline,
/// at the three-month follow-up and at discharge, with distress and concerns easing as support goes on. Each assessment
/// answers distress and the person's own few concerns, scored by the app's scorer (no red flags, no low-scored
/// other concerns), so a national-size seed stays quick.</summary>
internal static partial class SyntheticPopulation
{
    private sealed partial class Generator
    {
        private readonly bool evaluationActivity;

        private void AddEvaluationActivity(OrganisationPlan plan, Batch batch, Person person, Referral episode)
        {
            if (episode.ActivatedAt is not { } activated || episode.KeyWorkerId is not { } keyWorkerId
                || !history.Staff.TryGetValue(keyWorkerId, out var worker))
            {
                return;
            }

            var start = DateOnly.FromDateTime(activated.UtcDateTime);
            var end = episode.DischargedAt is { } discharged ? DateOnly.FromDateTime(discharged.UtcDateTime) : today.AddDays(-1);
            var length = Math.Max(1, end.DayNumber - start.DayNumber);
            var profile = history.Concerns.OrderBy(_ => random.Next()).Take(random.Next(2, 5)).ToList();

            var contacts = random.Next(2, 7);
            for (var i = 0; i < contacts; i++)
            {
                var day = start.AddDays(length * i / contacts);
                DateOnly? next = i + 1 < contacts ? start.AddDays(length * (i + 1) / contacts) : null;
                batch.Contacts.Add(MakeContact(plan, person, episode, worker, day, next, profile));
            }

            var distress = random.Next(3, 10);
            var baseline = Min(start.AddDays(random.Next(0, 8)), end);
            AddScores(plan, batch, person, episode, worker, baseline, Timepoint.Baseline, profile, distress, 1.0);
            var followUp = baseline.AddDays(random.Next(84, 101));
            if (followUp < end)
            {
                // Most people improve a little by three months; some stay the same or get worse.
                AddScores(plan, batch, person, episode, worker, followUp, Timepoint.Review, profile, distress - random.Next(-1, 4), 0.6 + (random.NextDouble() * 0.5));
            }

            if (episode.DischargedAt is not null && length > 30)
            {
                AddScores(plan, batch, person, episode, worker, end.AddDays(-random.Next(0, 6)), Timepoint.Discharge, profile,
                    distress - random.Next(0, 5), 0.4 + (random.NextDouble() * 0.5));
            }
        }

        /// <summary>An HNA answered for distress and the person's own concerns only, scored by the app's scorer.</summary>
        private void AddScores(OrganisationPlan plan, Batch batch, Person person, Referral episode, OneToOne.Workforce.StaffMember worker, DateOnly day,
            Timepoint point, List<InstrumentItem> profile, int distress, double ease)
        {
            var definition = history.Definition;
            var scores = new Dictionary<string, int>(StringComparer.Ordinal) { [definition.Scoring.DistressItemCode!] = Math.Clamp(distress, 0, 10) };
            foreach (var item in profile)
            {
                scores[item.Code] = Math.Clamp((int)Math.Round(random.Next(3, 10) * ease), 0, 10);
            }

            var result = AssessmentScorer.Score(definition, scores.ToDictionary(kv => kv.Key, kv => new AnswerValue(kv.Value), StringComparer.Ordinal));
            var top = scores.Where(kv => kv.Key != definition.Scoring.DistressItemCode && kv.Value > 0)
                .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Take(Math.Min(definition.Scoring.TopConcernsMax, random.Next(1, 4))).Select(kv => kv.Key).ToList();
            var startedAt = At(day);
            var response = new AssessmentResponse
            {
                OrganisationId = plan.Organisation.Id,
                PersonId = person.Id,
                ReferralId = episode.Id,
                InstrumentId = history.Instrument.Id,
                InstrumentCode = history.Instrument.Code,
                InstrumentVersion = history.Instrument.Version,
                Timepoint = point,
                Mode = Chance(0.25) ? CompletionMode.PersonOnline : CompletionMode.WithWorker,
                Status = ResponseStatus.Submitted,
                StartedAt = startedAt,
                SubmittedAt = startedAt.AddMinutes(random.Next(8, 35)),
                StaffMemberId = worker.Id,
                DistressScore = result.Distress,
                ConcernCount = result.ConcernCount,
                MeanSeverity = result.MeanSeverity,
                TopConcerns = top,
                Flags = result.Flags,
                RedFlags = result.RedFlags,
                HasRedFlags = result.RedFlags.Count > 0,
            };
            batch.Responses.Add(response);
            foreach (var (code, score) in scores)
            {
                batch.Answers.Add(new AssessmentAnswer
                {
                    OrganisationId = plan.Organisation.Id,
                    ResponseId = response.Id,
                    ItemCode = code,
                    DomainCode = definition.FindItem(code)!.DomainCode,
                    Score = score,
                });
            }
        }
    }
}
