using System.Globalization;
using OneToOne.Assessments;
using OneToOne.CarePlans;
using OneToOne.Contacts;
using OneToOne.People;
using OneToOne.Referrals;
using OneToOne.ServiceDirectory;
using OneToOne.Workforce;

namespace OneToOne.Platform.Seeding;

/// <summary>Five years of support for a sample of people, made the way the app makes it: in each episode with a key
/// worker, a baseline assessment, reviews every three to five months and one at discharge (answers scored by the
/// AssessmentScorer, top concerns chosen from what the person scored); one care and support plan built from the first
/// baseline's top concerns, re-agreed at later assessments (each agreed version's snapshot as CarePlanner writes it) with
/// owned, dated actions; contacts about once a fortnight; and referrals to directory services from the plan's actions,
/// answered and with outcomes and a re-score once the loop has closed.</summary>
internal static partial class SyntheticPopulation
{
    /// <summary>What the history needs besides the generator's own state: the instrument, the directory and the staff.</summary>
    private sealed class HistoryContext
    {
        private readonly Dictionary<(string Area, string Code), List<DirectoryService>> referralServices = [];
        private readonly Dictionary<string, List<DirectoryService>> anywhere = new(StringComparer.Ordinal);

        public HistoryContext(SeedExtras extras, IEnumerable<DirectoryService> directory, IReadOnlyList<StaffMember> staff)
        {
            Instrument = extras.Instrument;
            Definition = extras.Instrument.Definition;
            ResponseDueOn = extras.ResponseDueOn;
            Concerns = [.. Definition.ConcernItems.Where(i => !i.RedFlag)];
            RedFlagItems = [.. Definition.ConcernItems.Where(i => i.RedFlag)];
            Staff = staff.ToDictionary(s => s.Id);
            foreach (var service in directory.Concat(extras.ExistingServices).Where(s => s.HowToUse == HowToUse.Referral && s.Active))
            {
                foreach (var code in service.Categories.Select(c => c.Code))
                {
                    foreach (var area in service.Areas.Select(a => a.District))
                    {
                        Add(referralServices, (area, code), service);
                    }

                    Add(anywhere, code, service);
                }
            }
        }

        public Instrument Instrument { get; }
        public InstrumentDefinition Definition { get; }
        public Func<DateOnly, DateOnly> ResponseDueOn { get; }
        public List<InstrumentItem> Concerns { get; }
        public List<InstrumentItem> RedFlagItems { get; }
        public Dictionary<Guid, StaffMember> Staff { get; }

        /// <summary>A service that takes referrals for the concern (its item or its domain): local to the person's district,
        /// then their postcode area, then nationwide, then anywhere; null when the directory has none.</summary>
        public DirectoryService? ReferralService(Random random, string district, string itemCode)
        {
            var domain = ConcernCatalogue.FindItem(itemCode)?.DomainCode ?? itemCode;
            foreach (var area in new[] { district, DirectoryRules.AreaOf(district), DirectoryServiceArea.NationwideKey })
            {
                foreach (var code in new[] { itemCode, domain })
                {
                    if (referralServices.TryGetValue((area, code), out var list))
                    {
                        return list[random.Next(list.Count)];
                    }
                }
            }

            return anywhere.TryGetValue(itemCode, out var any) || anywhere.TryGetValue(domain, out any) ? any[random.Next(any.Count)] : null;
        }

        private static void Add<TKey>(Dictionary<TKey, List<DirectoryService>> map, TKey key, DirectoryService service)
            where TKey : notnull
        {
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = [];
            }

            list.Add(service);
        }
    }

    private sealed partial class Generator
    {
        private static readonly (ContactMode Mode, double Share, int Min, int Max)[] ContactModes =
        [
            (ContactMode.Phone, 0.45, 10, 40),
            (ContactMode.FaceToFace, 0.25, 30, 75),
            (ContactMode.Video, 0.1, 20, 50),
            (ContactMode.Message, 0.1, 5, 15),
            (ContactMode.HomeVisit, 0.1, 45, 90),
        ];

        private static readonly string[] ContactOutcomes =
        [
            "Talked through how the week has gone; agreed to keep to the plan.",
            "Went through the benefits form together; person will post it this week.",
            "Person feeling more settled; fatigue diary shows a better pattern.",
            "Discussed worries about the next scan; gave information on who to call.",
            "Checked progress on the plan's actions; one done, one in hand.",
            "Signposted to the local walking group; person keen to try it.",
            "Person reports poorer sleep; agreed to try the sleep routine again and review next time.",
            "Follow-up after the service referral; person has a first appointment booked.",
            "Short check-in by message; no new concerns.",
            "Home visit: talked with the person and their partner about support at home.",
        ];

        private static readonly string[] Goals =
        [
            "Feel more in control of {0} day to day",
            "Get back to doing the things I enjoy despite {0}",
            "Know where to get help with {0}",
            "Have a plan for {0} that works for me and my family",
        ];

        private static readonly string[] PersonActions =
        [
            "Keep a short diary for two weeks and bring it to the next contact",
            "Try the self-help booklet and note what helps",
            "Talk to my family about how they can help",
            "Plan one enjoyable activity each week",
        ];

        private static readonly string[] WorkerActions =
        [
            "Check in by phone every fortnight",
            "Send information on local support",
            "Go through the options together at the next visit",
        ];

        private static readonly string[] ProfessionalOwners = ["GP", "Clinical nurse specialist", "Practice nurse", "Physiotherapist"];

        private readonly HistoryContext history;

        private sealed record Assessed(AssessmentResponse Response, Dictionary<string, int> Scores);

        /// <summary>The person's episodes (oldest first), each with a key worker once allocated, become five years of history.</summary>
        private void AddHistory(OrganisationPlan plan, Batch batch, Person person, List<Referral> episodes)
        {
            var district = person.Postcode.Split(' ')[0];
            // The concerns this person lives with: a few that come back, at a severity that eases in each episode.
            var profile = history.Concerns.OrderBy(_ => random.Next()).Take(random.Next(3, 8)).ToList();
            var baseDistress = random.Next(3, 9);
            var assessed = new List<Assessed>();
            var contacts = new List<Contact>();
            foreach (var episode in episodes)
            {
                if (episode.ActivatedAt is not { } activated || episode.KeyWorkerId is not { } keyWorkerId)
                {
                    continue;
                }

                var worker = history.Staff[keyWorkerId];
                var start = DateOnly.FromDateTime(activated.UtcDateTime);
                var end = episode.DischargedAt is { } discharged ? DateOnly.FromDateTime(discharged.UtcDateTime) : today.AddDays(-1);
                var length = Math.Max(1, end.DayNumber - start.DayNumber);

                // Assessments: baseline soon after support starts, reviews every three to five months, one at discharge.
                var days = new List<(DateOnly Day, Timepoint Point)> { (Min(start.AddDays(random.Next(0, 8)), end), Timepoint.Baseline) };
                for (var d = days[0].Day.AddDays(random.Next(100, 151)); d < end.AddDays(-30); d = d.AddDays(random.Next(100, 151)))
                {
                    days.Add((d, Timepoint.Review));
                }

                if (episode.DischargedAt is not null && length > 30)
                {
                    days.Add((end.AddDays(-random.Next(0, 6)), Timepoint.Discharge));
                }

                for (var i = 0; i < days.Count; i++)
                {
                    // Severity falls through an episode: 1 at the start, about 0.5 by the end.
                    var ease = 1.0 - (0.5 * i / Math.Max(1, days.Count - 1));
                    assessed.Add(Assess(plan, batch, person, episode, worker, days[i].Day, days[i].Point, profile, baseDistress, ease));
                }

                // Contacts about once a fortnight while supported (from six days to three and a half weeks apart).
                var next = start;
                while (next <= end)
                {
                    var day = next;
                    next = day.AddDays(random.Next(6, 25));
                    contacts.Add(MakeContact(plan, person, episode, worker, day, next <= end ? next : null, profile));
                }
            }

            batch.Contacts.AddRange(contacts);
            if (assessed.Count > 0)
            {
                AddPlan(plan, batch, person, episodes, assessed, district);
            }
        }

        private Assessed Assess(OrganisationPlan plan, Batch batch, Person person, Referral episode, StaffMember worker, DateOnly day,
            Timepoint point, List<InstrumentItem> profile, int baseDistress, double ease)
        {
            var definition = history.Definition;
            var scores = new Dictionary<string, int>(StringComparer.Ordinal)
            {
                [definition.Scoring.DistressItemCode!] = Math.Clamp((int)Math.Round(baseDistress * ease) + random.Next(-1, 2), 0, 10),
            };
            foreach (var item in profile)
            {
                scores[item.Code] = Math.Clamp((int)Math.Round(random.Next(4, 10) * ease), 0, 10);
            }

            // Some other concerns answered low or 0; the rest left blank ("leave any that do not apply").
            foreach (var item in history.Concerns.Where(i => !scores.ContainsKey(i.Code)).OrderBy(_ => random.Next()).Take(random.Next(2, 7)))
            {
                scores[item.Code] = random.Next(0, 3);
            }

            if (Chance(0.01) && history.RedFlagItems.Count > 0)
            {
                scores[Pick(history.RedFlagItems).Code] = random.Next(1, 6);
            }

            var values = scores.ToDictionary(kv => kv.Key, kv => new AnswerValue(kv.Value), StringComparer.Ordinal);
            var result = AssessmentScorer.Score(definition, values);
            var concernCodes = history.Concerns.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
            var top = scores.Where(kv => concernCodes.Contains(kv.Key) && kv.Value > 0).OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Take(Math.Min(definition.Scoring.TopConcernsMax, random.Next(1, 4))).Select(kv => kv.Key).ToList();
            var online = Chance(0.25);
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
                Mode = online ? CompletionMode.PersonOnline : CompletionMode.WithWorker,
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

            return new Assessed(response, scores);
        }

        private Contact MakeContact(OrganisationPlan plan, Person person, Referral episode, StaffMember worker, DateOnly day, DateOnly? next,
            List<InstrumentItem> profile)
        {
            var x = random.NextDouble();
            var (mode, _, min, max) = ContactModes[^1];
            foreach (var m in ContactModes)
            {
                if (x < m.Share)
                {
                    (mode, _, min, max) = m;
                    break;
                }

                x -= m.Share;
            }

            var occurredAt = At(day);
            var addressed = profile.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).Select(i => i.DomainCode!)
                .Distinct(StringComparer.Ordinal).ToList();
            return new Contact
            {
                OrganisationId = plan.Organisation.Id,
                PersonId = person.Id,
                ReferralId = episode.Id,
                StaffMemberId = worker.Id,
                OccurredAt = occurredAt,
                Mode = mode,
                DurationMinutes = random.Next(min, max + 1),
                Addressed = addressed,
                Outcome = Pick(ContactOutcomes),
                NextContactOn = next,
                CreatedAt = occurredAt.AddMinutes(random.Next(mode == ContactMode.HomeVisit ? 60 : 5, 240)),
                CreatedByUserId = worker.AccountId,
            };
        }

        /// <summary>One plan from the first baseline's top concerns, agreed then and re-agreed at about every other later
        /// assessment (up to five versions). Each agreement may add an action; an action a service owns comes with the
        /// referral to that service, whose loop has closed unless it is recent.</summary>
        private void AddPlan(OrganisationPlan plan, Batch batch, Person person, List<Referral> episodes, List<Assessed> assessed, string district)
        {
            var first = assessed.FirstOrDefault(a => a.Response.TopConcerns.Count > 0);
            if (first is null)
            {
                return;
            }

            var orgId = plan.Organisation.Id;
            var created = first.Response.SubmittedAt!.Value.AddMinutes(random.Next(20, 120));
            var episodeOf = episodes.ToDictionary(e => e.Id);
            var carePlan = new CarePlan
            {
                OrganisationId = orgId,
                PersonId = person.Id,
                ReferralId = first.Response.ReferralId,
                AssessmentResponseId = first.Response.Id,
                SelfManagementInfo = "Your treatment summary and the Macmillan booklets you chose are in your folder. Keep a note of anything new and tell us.",
                ContactInHours = "Call the team on 0113 496 0000, Monday to Friday 9am to 5pm, or message us through the service.",
                ContactOutOfHours = "Call NHS 111, or your hospital's acute oncology line if you are having treatment. In an emergency call 999.",
                CreatedAt = created,
            };
            var concerns = first.Response.TopConcerns.Select((code, i) => new CarePlanConcern
            {
                OrganisationId = orgId,
                PlanId = carePlan.Id,
                ItemCode = code,
                ScoreAtAssessment = first.Scores.GetValueOrDefault(code),
                Goal = string.Format(CultureInfo.InvariantCulture, Pick(Goals), ConcernCatalogue.ItemText(code).ToLowerInvariant()),
                Order = i,
            }).ToList();
            var actions = new List<CarePlanAction>();
            var referralFor = new Dictionary<Guid, ServiceReferral>();

            // Agreed at creation, then at up to four later assessments spread over the years: five versions at most.
            var later = assessed.Where(a => a.Response.SubmittedAt > created && a.Response.Timepoint != Timepoint.Discharge).ToList();
            var picked = later.Count <= 4 ? later : [.. Enumerable.Range(0, 4).Select(i => later[(i * (later.Count - 1) + 1) / 3])];
            var moments = new List<DateTimeOffset> { created };
            moments.AddRange(picked.Distinct().Select(a => a.Response.SubmittedAt!.Value.AddMinutes(random.Next(20, 120))));
            var versions = new List<CarePlanVersion>();
            for (var v = 0; v < moments.Count; v++)
            {
                var at = moments[v];
                var episode = episodes.Where(e => e.ActivatedAt <= at).LastOrDefault() ?? episodes[0];
                var worker = episode.KeyWorkerId is { } k ? history.Staff[k] : null;
                var concern = concerns[v % concerns.Count];
                if (v == 0)
                {
                    foreach (var c in concerns)
                    {
                        actions.Add(NewAction(orgId, carePlan, c, at, ActionOwnerKind.Person, null, null, Pick(PersonActions)));
                        actions.Add(NewAction(orgId, carePlan, c, at, ActionOwnerKind.KeyWorker, worker?.DisplayName, null, Pick(WorkerActions)));
                    }
                }
                else if (Chance(0.3))
                {
                    actions.Add(NewAction(orgId, carePlan, concern, at, ActionOwnerKind.OtherProfessional, Pick(ProfessionalOwners), null,
                        "Review " + ConcernCatalogue.ItemText(concern.ItemCode).ToLowerInvariant() + " at the next appointment"));
                }

                // A referral to a service for one concern at each agreement (the next concern that some service takes
                // referrals for), from the action the service owns.
                var referred = concerns.Select((_, i) => concerns[(v + i) % concerns.Count])
                    .Select(c => (Concern: c, Service: history.ReferralService(random, district, c.ItemCode)))
                    .FirstOrDefault(x => x.Service is not null);
                if (referred.Service is { } service && worker is not null)
                {
                    concern = referred.Concern;
                    var action = NewAction(orgId, carePlan, concern, at, ActionOwnerKind.Service, service.Name, service.Id,
                        "Referral to " + service.Name);
                    actions.Add(action);
                    var referral = MakeServiceReferral(orgId, person, service, concern.ItemCode, action.Id, worker, at);
                    referralFor[action.Id] = referral;
                    batch.ServiceReferrals.Add(referral);
                }

                carePlan.AgreedVersionNumber = v + 1;
                carePlan.UpdatedAt = at;
                carePlan.ReviewDueOn = DateOnly.FromDateTime(at.UtcDateTime).AddMonths(3);
                versions.Add(new CarePlanVersion
                {
                    OrganisationId = orgId,
                    PlanId = carePlan.Id,
                    Number = v + 1,
                    AgreedAt = at,
                    AgreedByName = worker?.DisplayName ?? "Key worker",
                    // The plan as it stood: each action with its status at that moment.
                    SnapshotJson = CarePlanner.Snapshot(new PlanView(carePlan, concerns,
                        [.. actions.OrderBy(a => a.DueOn).ThenBy(a => a.CreatedAt).Select(a => Copy(a, StatusAt(a, referralFor, at)))])),
                });
            }

            var now = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            foreach (var a in actions)
            {
                a.Status = StatusAt(a, referralFor, now);
            }

            // A plan whose person has been discharged was reviewed at the end; otherwise it stands as last agreed.
            carePlan.Status = episodes[^1].Status == ReferralStatus.Discharged ? CarePlanStatus.Reviewed : CarePlanStatus.Agreed;
            batch.Plans.Add(carePlan);
            batch.PlanConcerns.AddRange(concerns);
            batch.PlanActions.AddRange(actions);
            batch.PlanVersions.AddRange(versions);
        }

        /// <summary>An action a service owns follows its referral's loop; any other is done once its due date has passed.</summary>
        private static ActionStatus StatusAt(CarePlanAction a, Dictionary<Guid, ServiceReferral> referralFor, DateTimeOffset at)
        {
            if (referralFor.TryGetValue(a.Id, out var r))
            {
                return r.OutcomeAt <= at ? ActionStatus.Done
                    : r.Status == ServiceReferralStatus.Declined && r.RespondedAt <= at ? ActionStatus.Cancelled
                    : r.RespondedAt <= at ? ActionStatus.InProgress
                    : ActionStatus.NotStarted;
            }

            return a.DueOn < DateOnly.FromDateTime(at.UtcDateTime) ? ActionStatus.Done : ActionStatus.NotStarted;
        }

        private static CarePlanAction Copy(CarePlanAction a, ActionStatus status) => new()
        {
            Id = a.Id,
            OrganisationId = a.OrganisationId,
            PlanId = a.PlanId,
            ConcernId = a.ConcernId,
            Description = a.Description,
            OwnerKind = a.OwnerKind,
            OwnerName = a.OwnerName,
            ServiceId = a.ServiceId,
            DueOn = a.DueOn,
            Status = status,
            CreatedAt = a.CreatedAt,
        };

        /// <summary>Due two to ten weeks after it was added, as the app requires a due date not in the past.</summary>
        private CarePlanAction NewAction(Guid orgId, CarePlan plan, CarePlanConcern concern, DateTimeOffset at, ActionOwnerKind owner,
            string? ownerName, Guid? serviceId, string description) => new()
            {
                OrganisationId = orgId,
                PlanId = plan.Id,
                ConcernId = concern.Id,
                Description = description,
                OwnerKind = owner,
                OwnerName = owner == ActionOwnerKind.Person ? null : ownerName,
                ServiceId = serviceId,
                DueOn = DateOnly.FromDateTime(at.UtcDateTime).AddDays(random.Next(14, 71)),
                Status = ActionStatus.NotStarted,
                CreatedAt = at,
            };

        /// <summary>Sent when agreed; answered within a fortnight (one in eight declined), the outcome a few weeks later and the
        /// concern re-scored, unless all that lies in the future: then it is still waiting or accepted.</summary>
        private ServiceReferral MakeServiceReferral(Guid orgId, Person person, DirectoryService service, string concern, Guid actionId,
            StaffMember worker, DateTimeOffset sentAt)
        {
            var now = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var referral = new ServiceReferral
            {
                OrganisationId = orgId,
                PersonId = person.Id,
                ServiceId = service.Id,
                ConcernItemCode = concern,
                CarePlanActionId = actionId,
                Status = ServiceReferralStatus.Sent,
                Note = "Agreed with the person in their care and support plan.",
                SentAt = sentAt,
                SentByStaffId = worker.Id,
                SentByName = worker.DisplayName,
                ResponseDueOn = history.ResponseDueOn(DateOnly.FromDateTime(sentAt.UtcDateTime)),
            };
            var respondedAt = sentAt.AddDays(random.Next(1, 14)).AddHours(random.Next(0, 6));
            if (respondedAt >= now)
            {
                return referral;
            }

            referral.RespondedAt = respondedAt;
            if (Chance(0.125))
            {
                referral.Status = ServiceReferralStatus.Declined;
                referral.DeclineReason = "The person's needs are outside what this service offers; suggested another local service.";
                return referral;
            }

            referral.Status = ServiceReferralStatus.Accepted;
            var outcomeAt = respondedAt.AddDays(random.Next(20, 80));
            if (outcomeAt >= now)
            {
                return referral;
            }

            referral.Status = ServiceReferralStatus.OutcomeRecorded;
            referral.Outcome = "Attended the service; the person says it helped.";
            referral.OutcomeAt = outcomeAt;
            referral.RescoreScore = random.Next(0, 6);
            var rescoredAt = outcomeAt.AddDays(random.Next(0, 10));
            referral.RescoredAt = rescoredAt < now ? rescoredAt : outcomeAt;
            return referral;
        }
    }
}
