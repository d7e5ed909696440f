using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneToOne.Assessments;
using OneToOne.Contacts;
using OneToOne.Escalations;
using OneToOne.Evaluation.Costs;
using OneToOne.PatientAccess;
using OneToOne.People;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Referrals;
using OneToOne.ServiceDirectory;

namespace OneToOne.Evaluation.Live;

/// <summary>Reads the evaluation's data from the live database into a <see cref="LiveSnapshot"/>.
/// <para>Why this reads across organisations (IgnoreQueryFilters), the one place a feature does: the evaluation compares
/// partners, and its users (evaluators) belong to no partner's care team. It is safe because it is read-only (AsNoTracking,
/// nothing is saved), because only the columns the measures need are projected (never names, NHS numbers, contact details,
/// full postcodes or free text: a date of birth becomes an age band here and goes no further), because people leave it only
/// as keyed pseudonyms, and because every figure shown from it passes the small-number rules. Pages that use it are for the
/// Evaluator role only and audit each view.</para>
/// <para>Built for 1,000,000 people: one streamed, projected query per table (no per-person queries), joined in memory by id.</para></summary>
internal sealed class LiveEvaluationReader(OneToOneDb db, Pseudonyms pseudonyms, IOptions<EvaluationOptions> options, IConfiguration configuration)
{
    private static readonly ReferralStatus[] EpisodeStatuses =
        [ReferralStatus.Accepted, ReferralStatus.Allocated, ReferralStatus.Active, ReferralStatus.Discharged];

    private static readonly string[] AnsweredCodes = [EvaluationInstruments.OutcomesCode, EvaluationInstruments.ExperienceCode];

    /// <summary>The items the evaluation reads, numbered as the answers query numbers them (0: any other item, skipped).</summary>
    private static readonly string[] Items =
    [
        "", EvaluationInstruments.Distress, EvaluationInstruments.Confidence, EvaluationInstruments.Wellbeing, EvaluationInstruments.Rating,
        EvaluationInstruments.Ease, EvaluationInstruments.Involvement, EvaluationInstruments.Recommend, EvaluationInstruments.Comments,
    ];

    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private readonly Dictionary<long, long> _offsets = [];

    public async Task<LiveSnapshot> ReadAsync(EvaluationFilter filter, Comparator comparator, CancellationToken ct)
    {
        var settings = options.Value;
        var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.OdsCode)
            .Select(o => new { o.Id, o.OdsCode, o.Name }).ToListAsync(ct);
        var odsById = organisations.ToDictionary(o => o.Id, o => o.OdsCode);
        var length = filter.To.DayNumber - filter.From.DayNumber + 1;
        var (comparatorFrom, comparatorTo) = comparator.Kind == ComparatorKind.EarlierPeriod
            ? (filter.From.AddDays(-length), filter.From.AddDays(-1))
            : (filter.From, filter.To);
        var windowFrom = comparator.Kind == ComparatorKind.EarlierPeriod ? comparatorFrom : filter.From;

        // Organisations read: the filter's (or all), plus a comparator organisation.
        var scope = organisations.Where(o => filter.Organisation is null || o.OdsCode == filter.Organisation
                || (comparator.Kind == ComparatorKind.Organisation && o.OdsCode == comparator.Organisation))
            .Select(o => o.Id).ToList();
        var allOrganisations = scope.Count == organisations.Count;
        bool InScope(Guid organisationId) => allOrganisations || scope.Contains(organisationId);
        Cohort? CohortOfOrganisation(Guid organisationId) =>
            comparator.Kind == ComparatorKind.Organisation && odsById[organisationId] == comparator.Organisation ? Cohort.Comparator
            : filter.Organisation is null || odsById[organisationId] == filter.Organisation ? Cohort.Intervention
            : null;

        var windowStart = UkMidnightUtc(windowFrom);
        var windowEnd = UkMidnightUtc(filter.To.AddDays(1));
        var periodStart = UkMidnightUtc(filter.From);

        // Staff and their roles (programme reference data joined to tenant rows: read across organisations, see above).
        var staff = new Dictionary<Guid, LiveStaff>();
        await foreach (var s in db.Staff.IgnoreQueryFilters().AsNoTracking()
                           .Where(s => allOrganisations || scope.Contains(s.OrganisationId))
                           .Select(s => new { s.Id, s.OrganisationId, s.Role!.Name, s.Role.Band, s.Role.Registered, s.Role.SignInRole })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            staff[s.Id] = new LiveStaff(s.Id, odsById[s.OrganisationId], s.Name, s.Band, s.Registered, s.SignInRole == Roles.SupportWorker);
        }

        // Referrals: received in the window, or episodes still open at its start.
        var referrals = new List<(LiveReferral Referral, Guid OrganisationId)>();
        await foreach (var r in db.Referrals.IgnoreQueryFilters().AsNoTracking()
                           .Where(r => (allOrganisations || scope.Contains(r.OrganisationId)) && r.ReceivedOn <= filter.To
                               && (r.ReceivedOn >= windowFrom
                                   || (EpisodeStatuses.Contains(r.Status) && (r.DischargedAt == null || r.DischargedAt >= windowStart))))
                           .Select(r => new
                           {
                               r.Id, r.PersonId, r.OrganisationId, r.ReceivedOn, r.Status, r.Level, r.TriagedAt, r.AllocatedAt, r.ActivatedAt,
                               r.DischargedAt, r.KeyWorkerId,
                           })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            referrals.Add((new LiveReferral(r.Id, r.PersonId, odsById[r.OrganisationId], r.ReceivedOn, r.Status, r.Level, UkDate(r.TriagedAt),
                UkDate(r.AllocatedAt), UkDate(r.ActivatedAt), UkDate(r.DischargedAt), r.KeyWorkerId), r.OrganisationId));
        }

        // Requests for help after discharge in the period: their people are needed for the cohort fields.
        var help = new List<(Guid PersonId, Guid OrganisationId, DateOnly On)>();
        await foreach (var h in db.Set<HelpRequest>().IgnoreQueryFilters().AsNoTracking()
                           .Where(h => (allOrganisations || scope.Contains(h.OrganisationId)) && h.PeriodId != null
                               && h.CreatedAt >= periodStart && h.CreatedAt < windowEnd)
                           .Select(h => new { h.PersonId, h.OrganisationId, h.CreatedAt })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            help.Add((h.PersonId, h.OrganisationId, UkDate(h.CreatedAt)));
        }

        // Each person's cohort: intervention if they have an episode overlapping the period; comparator if (earlier period)
        // they have one overlapping the earlier period only, or (another organisation) they belong to that organisation.
        var episodesByPerson = referrals.Where(r => EpisodeStatuses.Contains(r.Referral.Status))
            .GroupBy(r => r.Referral.PersonId).ToDictionary(g => g.Key, g => g.Select(x => x.Referral).ToList());
        var needed = new HashSet<Guid>(referrals.Select(r => r.Referral.PersonId));
        needed.UnionWith(help.Select(h => h.PersonId));

        var sex = filter.Sex is not null && Enum.TryParse<Sex>(filter.Sex, out var s1) ? s1 : (Sex?)null;
        var level = filter.PathwayLevel is not null && Enum.TryParse<PathwayLevel>(filter.PathwayLevel, out var l1) ? l1 : (PathwayLevel?)null;
        var unknownSex = filter.Sex is not null && sex is null;
        var unknownLevel = filter.PathwayLevel is not null && level is null;
        var people = new Dictionary<Guid, LivePerson>();
        var personQuery = db.People.IgnoreQueryFilters().AsNoTracking()
            .Where(p => allOrganisations || scope.Contains(p.OrganisationId));
        if (filter.TumourSite is not null)
        {
            personQuery = personQuery.Where(p => p.TumourSite == filter.TumourSite);
        }

        if (sex is not null)
        {
            personQuery = personQuery.Where(p => p.Sex == sex);
        }

        // The date of birth is read only to place the person in an age band at the end of the period; it is not kept.
        await foreach (var p in personQuery.Select(p => new { p.Id, p.OrganisationId, p.DateOfBirth, p.Sex, p.TumourSite, p.Ethnicity })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!needed.Contains(p.Id) || unknownSex || unknownLevel)
            {
                continue;
            }

            var ageBand = LiveFilters.AgeBand(p.DateOfBirth, filter.To);
            if (filter.AgeBand is not null && ageBand != filter.AgeBand)
            {
                continue;
            }

            var ethnicity = LiveFilters.EthnicityText(p.Ethnicity);
            if (filter.Ethnicity is not null && ethnicity != filter.Ethnicity)
            {
                continue;
            }

            var cohort = CohortOfOrganisation(p.OrganisationId);
            var episodes = episodesByPerson.GetValueOrDefault(p.Id) ?? [];
            var inPeriod = episodes.Where(e => Overlaps(e, filter.From, filter.To)).ToList();
            var inCohort = cohort is not null && inPeriod.Count > 0;
            if (cohort == Cohort.Intervention && comparator.Kind == ComparatorKind.EarlierPeriod && inPeriod.Count == 0)
            {
                // An earlier cohort of the service: episodes in the earlier period and none in this one.
                inPeriod = episodes.Where(e => Overlaps(e, comparatorFrom, comparatorTo)).ToList();
                if (inPeriod.Count > 0)
                {
                    cohort = Cohort.Comparator;
                    inCohort = true;
                }
            }

            var personLevel = (inPeriod.Count > 0 ? inPeriod : episodes).OrderBy(e => e.ReceivedOn).LastOrDefault()?.Level;
            if (level is not null && personLevel != level)
            {
                continue;
            }

            people[p.Id] = new LivePerson(p.Id, pseudonyms.For(p.Id), p.OrganisationId, odsById[p.OrganisationId], cohort ?? Cohort.Intervention,
                personLevel, LiveFilters.TumourSiteText(p.TumourSite), ageBand, LiveFilters.SexText(p.Sex), inCohort,
                inCohort ? inPeriod.Min(e => e.ReceivedOn) : null, ethnicity);
        }

        bool IsMember(Guid personId, out LivePerson person) =>
            people.TryGetValue(personId, out person!) && person.InCohort;

        var referralsInPeriod = referrals
            .Where(r => r.Referral.ReceivedOn >= filter.From && CohortOfOrganisation(r.OrganisationId) == Cohort.Intervention
                && people.ContainsKey(r.Referral.PersonId) && (level is null || r.Referral.Level == level))
            .Select(r => r.Referral).ToList();
        var episodesInCohort = referrals.Select(r => r.Referral)
            .Where(r => EpisodeStatuses.Contains(r.Status) && IsMember(r.PersonId, out var person)
                && (person.Cohort == Cohort.Intervention ? Overlaps(r, filter.From, filter.To) : Overlaps(r, comparatorFrom, comparatorTo)))
            .ToList();

        // Contacts in the window; a group session's staff time is shared among everyone who attended it.
        var contactRows = new List<(Guid PersonId, Guid? ReferralId, Guid StaffId, DateOnly Date, ContactMode Mode, int Minutes, Guid? Group)>();
        var attendees = new Dictionary<Guid, int>();
        await foreach (var c in db.Set<Contact>().IgnoreQueryFilters().AsNoTracking()
                           .Where(c => (allOrganisations || scope.Contains(c.OrganisationId)) && c.OccurredAt >= windowStart && c.OccurredAt < windowEnd)
                           .Select(c => new { c.PersonId, c.ReferralId, c.StaffMemberId, c.OccurredAt, c.Mode, c.DurationMinutes, c.GroupSessionId })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            if (c.GroupSessionId is { } g)
            {
                attendees[g] = attendees.GetValueOrDefault(g) + 1;
            }

            if (people.TryGetValue(c.PersonId, out var person) && person.InCohort)
            {
                contactRows.Add((c.PersonId, c.ReferralId, c.StaffMemberId, UkDate(c.OccurredAt), c.Mode, c.DurationMinutes, c.GroupSessionId));
            }
        }

        var contacts = new List<LiveContact>(contactRows.Count);
        foreach (var c in contactRows)
        {
            var person = people[c.PersonId];
            var (from, to) = person.Cohort == Cohort.Intervention ? (filter.From, filter.To) : (comparatorFrom, comparatorTo);
            if (c.Date < from || c.Date > to)
            {
                continue;
            }

            var worker = staff.GetValueOrDefault(c.StaffId);
            var role = worker?.Role ?? LiveFilters.NotRecorded;
            if (filter.StaffRole is not null && role != filter.StaffRole)
            {
                continue;
            }

            var staffMinutes = c.Group is { } group ? (double)c.Minutes / Math.Max(1, attendees.GetValueOrDefault(group)) : c.Minutes;
            contacts.Add(new LiveContact(c.PersonId, c.ReferralId, person.Organisation, c.Date, c.Mode, c.Minutes, staffMinutes, role,
                worker?.SupportWorker ?? false, person.Cohort));
        }

        // A staff role filter narrows the evaluation to the people that role worked with.
        if (filter.StaffRole is not null)
        {
            var seen = contacts.Select(c => c.PersonId).ToHashSet();
            foreach (var person in people.Values.Where(p => p.InCohort && !seen.Contains(p.Id)).ToList())
            {
                people[person.Id] = person with { InCohort = false };
            }

            episodesInCohort.RemoveAll(e => !seen.Contains(e.PersonId));
        }

        var (scores, comments) = await ReadScoresAsync(people, filter, comparatorTo, windowStart, allOrganisations, scope, ct);

        var escalations = new List<LiveEvent>();
        await foreach (var e in db.Set<Escalation>().IgnoreQueryFilters().AsNoTracking()
                           .Where(e => (allOrganisations || scope.Contains(e.OrganisationId)) && e.RaisedAt >= periodStart && e.RaisedAt < windowEnd)
                           .Select(e => new { e.PersonId, e.RaisedAt })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            if (IsMember(e.PersonId, out var person) && person.Cohort == Cohort.Intervention)
            {
                escalations.Add(new LiveEvent(e.PersonId, person.Organisation, UkDate(e.RaisedAt)));
            }
        }

        var serviceReferrals = new List<LiveEvent>();
        await foreach (var r in db.Set<ServiceReferral>().IgnoreQueryFilters().AsNoTracking()
                           .Where(r => (allOrganisations || scope.Contains(r.OrganisationId)) && r.SentAt >= periodStart && r.SentAt < windowEnd)
                           .Select(r => new { r.PersonId, r.SentAt, r.ConcernItemCode, r.Status })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            if (IsMember(r.PersonId, out var person) && person.Cohort == Cohort.Intervention)
            {
                var domain = ConcernCatalogue.FindItem(r.ConcernItemCode)?.DomainCode ?? r.ConcernItemCode;
                serviceReferrals.Add(new LiveEvent(r.PersonId, person.Organisation, UkDate(r.SentAt), ConcernCatalogue.DomainName(domain),
                    r.Status == ServiceReferralStatus.OutcomeRecorded));
            }
        }

        var helpAfterDischarge = help
            .Where(h => people.TryGetValue(h.PersonId, out var p) && CohortOfOrganisation(h.OrganisationId) == Cohort.Intervention
                && (level is null || p.Level == level))
            .Select(h => new LiveEvent(h.PersonId, odsById[h.OrganisationId], h.On)).ToList();

        var staffTime = new List<LiveStaffTime>();
        var firstMonth = new DateOnly(filter.From.Year, filter.From.Month, 1);
        await foreach (var t in db.Set<StaffTimeRecord>().IgnoreQueryFilters().AsNoTracking()
                           .Where(t => (allOrganisations || scope.Contains(t.OrganisationId)) && t.Month >= firstMonth && t.Month <= filter.To)
                           .Select(t => new { t.StaffMemberId, t.OrganisationId, t.Month, t.DaysWorked, t.DaysLost })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            var role = staff.GetValueOrDefault(t.StaffMemberId)?.Role ?? LiveFilters.NotRecorded;
            if (CohortOfOrganisation(t.OrganisationId) == Cohort.Intervention && (filter.StaffRole is null || role == filter.StaffRole))
            {
                staffTime.Add(new LiveStaffTime(t.StaffMemberId, odsById[t.OrganisationId], role, t.Month, (double)t.DaysWorked, (double)t.DaysLost));
            }
        }

        return new LiveSnapshot
        {
            Filter = filter,
            Comparator = comparator,
            ComparatorFrom = comparatorFrom,
            ComparatorTo = comparatorTo,
            Organisations = organisations.Where(o => InScope(o.Id)).ToDictionary(o => o.OdsCode, o => o.Name, StringComparer.Ordinal),
            People = people,
            Referrals = referralsInPeriod,
            Episodes = episodesInCohort,
            Contacts = contacts,
            Scores = scores,
            Comments = comments,
            Escalations = escalations,
            ServiceReferrals = serviceReferrals,
            HelpAfterDischarge = helpAfterDischarge,
            StaffTime = staffTime,
            Staff = staff,
            UnitCosts = await UnitCostsAsync(filter.To, ct),
            NonContactToContactRatio = settings.NonContactToContactRatio,
            SpecialistRole = settings.SpecialistRole,
            Instruments = LiveInstruments.From(configuration),
        };
    }

    /// <summary>The scores of cohort people: the HNA's number and mean severity of concerns (and its distress score when the
    /// outcome questionnaire has none at that timepoint), the outcome questionnaire's items and the experience items. Per person,
    /// questionnaire and timepoint the earliest baseline and the latest follow-up (Review) and discharge count, from the
    /// person's first episode in the period to the end of their cohort's period. Two streamed queries: the HNA's scores (kept
    /// on the response), and the questionnaires' answers joined to their responses (one row per answer).</summary>
    private async Task<(List<LiveScore> Scores, int Comments)> ReadScoresAsync(Dictionary<Guid, LivePerson> people, EvaluationFilter filter,
        DateOnly comparatorTo, DateTimeOffset windowStart, bool allOrganisations, List<Guid> scope, CancellationToken ct)
    {
        var end = UkMidnightUtc(filter.To.AddDays(1));
        // Years of questionnaires belong to people with no episode in the window: the database leaves them out (EXISTS on the
        // referrals' person index), so only the cohort's responses are read.
        var episodes = db.Referrals.IgnoreQueryFilters().AsNoTracking()
            .Where(e => EpisodeStatuses.Contains(e.Status) && e.ReceivedOn <= filter.To && (e.DischargedAt == null || e.DischargedAt >= windowStart));

        // Whether a response at this time may count for the person, and at which timepoint.
        bool Counts(Guid personId, DateTimeOffset at, out DateOnly on)
        {
            on = default;
            if (!people.TryGetValue(personId, out var person) || !person.InCohort)
            {
                return false;
            }

            on = UkDate(at);
            return on <= (person.Cohort == Cohort.Intervention ? filter.To : comparatorTo) && !(on < person.FirstEpisodeOn);
        }

        static bool Better(EvaluationTimepoint timepoint, DateTimeOffset at, DateTimeOffset current) =>
            timepoint == EvaluationTimepoint.Baseline ? at < current : at > current;

        var hna = new Dictionary<(Guid Person, EvaluationTimepoint Timepoint), (DateTimeOffset At, DateOnly On, int? Distress, int Concerns, decimal? Severity)>();
        await foreach (var r in db.Set<AssessmentResponse>().IgnoreQueryFilters().AsNoTracking()
                           .Where(r => (allOrganisations || scope.Contains(r.OrganisationId)) && r.InstrumentCode == AssessmentDefaults.HnaCode
                               && r.Status == ResponseStatus.Submitted && r.SubmittedAt < end && r.Timepoint != Timepoint.Adhoc
                               && episodes.Any(e => e.PersonId == r.PersonId))
                           .Select(r => new { r.PersonId, r.Timepoint, r.SubmittedAt, r.DistressScore, r.ConcernCount, r.MeanSeverity })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            if (r.SubmittedAt is not { } at || !Counts(r.PersonId, at, out var on))
            {
                continue;
            }

            var key = (r.PersonId, ToEvaluation(r.Timepoint));
            if (!hna.TryGetValue(key, out var current) || Better(key.Item2, at, current.At))
            {
                hna[key] = (at, on, r.DistressScore, r.ConcernCount, r.MeanSeverity);
            }
        }

        // The chosen response of each person, questionnaire and timepoint, with its answers so far. A response's answers all
        // meet the same comparison, so a response that stops being the best simply loses its answers.
        var chosen = new Dictionary<(Guid Person, bool Outcomes, EvaluationTimepoint Timepoint), Chosen>();
        var answers = db.Set<AssessmentResponse>().IgnoreQueryFilters().AsNoTracking()
            .Where(r => (allOrganisations || scope.Contains(r.OrganisationId)) && AnsweredCodes.Contains(r.InstrumentCode)
                && r.Status == ResponseStatus.Submitted && r.SubmittedAt < end && r.Timepoint != Timepoint.Adhoc
                && episodes.Any(e => e.PersonId == r.PersonId))
            .Join(db.Set<AssessmentAnswer>().IgnoreQueryFilters().AsNoTracking(), r => r.Id, a => a.ResponseId,
                // Codes become small numbers in SQL (no string per row); of a comment only whether one was written is read, never its text.
                (r, a) => new
                {
                    r.Id, r.PersonId, Outcomes = r.InstrumentCode == EvaluationInstruments.OutcomesCode, r.Timepoint, r.SubmittedAt, a.Score,
                    Item = a.ItemCode == EvaluationInstruments.Distress ? 1
                        : a.ItemCode == EvaluationInstruments.Confidence ? 2
                        : a.ItemCode == EvaluationInstruments.Wellbeing ? 3
                        : a.ItemCode == EvaluationInstruments.Rating ? 4
                        : a.ItemCode == EvaluationInstruments.Ease ? 5
                        : a.ItemCode == EvaluationInstruments.Involvement ? 6
                        : a.ItemCode == EvaluationInstruments.Recommend ? 7
                        : a.ItemCode == EvaluationInstruments.Comments ? 8 : 0,
                    HasText = a.Text != null && a.Text != "",
                });
        // A response's answers arrive together, so the decision for its first answer serves the rest.
        var lastResponse = Guid.Empty;
        Chosen? target = null;
        await foreach (var a in answers.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (a.Id != lastResponse)
            {
                lastResponse = a.Id;
                target = null;
                if (a.SubmittedAt is { } at && Counts(a.PersonId, at, out var on))
                {
                    var key = (a.PersonId, a.Outcomes, ToEvaluation(a.Timepoint));
                    if (!chosen.TryGetValue(key, out var current) || (current.ResponseId != a.Id && Better(key.Item3, at, current.At)))
                    {
                        chosen[key] = current = new Chosen(a.Id, at, on);
                    }

                    target = current.ResponseId == a.Id ? current : null;
                }
            }

            if (target is not null && a.Item != 0)
            {
                target.Answers.Add((Items[a.Item], a.Score, a.HasText));
            }
        }

        var scores = new List<LiveScore>(chosen.Count * 3 + hna.Count * 3);
        var outcomeDistress = new HashSet<(Guid, EvaluationTimepoint)>();
        var comments = 0;
        foreach (var ((personId, outcomes, timepoint), c) in chosen)
        {
            foreach (var (item, score, hasText) in c.Answers)
            {
                if (item == EvaluationInstruments.Comments)
                {
                    comments += hasText ? 1 : 0;
                }
                else if (score is { } value && IsScoredItem(outcomes, item))
                {
                    scores.Add(new LiveScore(personId, item, timepoint, value, c.On));
                    if (item == EvaluationInstruments.Distress)
                    {
                        outcomeDistress.Add((personId, timepoint));
                    }
                }
            }
        }

        foreach (var ((personId, timepoint), r) in hna)
        {
            scores.Add(new LiveScore(personId, EvaluationInstruments.Concerns, timepoint, r.Concerns, r.On));
            if (r.Severity is { } severity)
            {
                scores.Add(new LiveScore(personId, EvaluationInstruments.Severity, timepoint, (double)severity, r.On));
            }

            if (r.Distress is { } distress && !outcomeDistress.Contains((personId, timepoint)))
            {
                scores.Add(new LiveScore(personId, EvaluationInstruments.Distress, timepoint, distress, r.On));
            }
        }

        return (scores, comments);
    }

    private sealed class Chosen(Guid responseId, DateTimeOffset at, DateOnly on)
    {
        public Guid ResponseId { get; } = responseId;
        public DateTimeOffset At { get; } = at;
        public DateOnly On { get; } = on;
        public List<(string Item, int? Score, bool HasText)> Answers { get; } = new(5);
    }

    private static EvaluationTimepoint ToEvaluation(Timepoint timepoint) => timepoint switch
    {
        Timepoint.Baseline => EvaluationTimepoint.Baseline,
        Timepoint.Review => EvaluationTimepoint.Followup,
        _ => EvaluationTimepoint.Discharge,
    };

    private static bool IsScoredItem(bool outcomes, string item) => outcomes
        ? item is EvaluationInstruments.Distress or EvaluationInstruments.Confidence or EvaluationInstruments.Wellbeing
        : item is EvaluationInstruments.Rating or EvaluationInstruments.Ease or EvaluationInstruments.Involvement or EvaluationInstruments.Recommend;

    /// <summary>Cost per hour of each role effective on the last day of the period: the row whose band is the role's own band if
    /// there is one, else a row without a band, else the latest row for the role.</summary>
    private async Task<Dictionary<string, double>> UnitCostsAsync(DateOnly on, CancellationToken ct)
    {
        var rows = await db.Set<UnitCost>().AsNoTracking()
            .Where(u => u.EffectiveFrom <= on && (u.EffectiveTo == null || u.EffectiveTo >= on))
            .Select(u => new { u.StaffRole, u.Band, u.CostPerHour, u.EffectiveFrom })
            .ToListAsync(ct);
        var bands = await db.StaffRoles.AsNoTracking().Select(r => new { r.Name, r.Band }).ToDictionaryAsync(r => r.Name, r => r.Band, ct);
        var costs = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var role in rows.GroupBy(r => r.StaffRole))
        {
            var band = bands.GetValueOrDefault(role.Key);
            var best = role.Where(r => r.Band == band).OrderByDescending(r => r.EffectiveFrom).FirstOrDefault()
                ?? role.Where(r => r.Band == null).OrderByDescending(r => r.EffectiveFrom).FirstOrDefault()
                ?? role.OrderByDescending(r => r.EffectiveFrom).First();
            costs[role.Key] = (double)best.CostPerHour;
        }

        return costs;
    }

    private static bool Overlaps(LiveReferral episode, DateOnly from, DateOnly to) =>
        episode.ReceivedOn <= to && (episode.DischargedOn is null || episode.DischargedOn >= from);

    /// <summary>The UK date of a UTC time. The UK's offset changes only on the hour (01:00 UTC), so it is looked up once per
    /// UTC hour: millions of rows, a few thousand time-zone conversions.</summary>
    private DateOnly UkDate(DateTimeOffset utc)
    {
        var hour = utc.UtcTicks / TimeSpan.TicksPerHour;
        if (!_offsets.TryGetValue(hour, out var offset))
        {
            _offsets[hour] = offset = London.GetUtcOffset(utc.UtcDateTime).Ticks;
        }

        return DateOnly.FromDateTime(new DateTime(utc.UtcTicks + offset, DateTimeKind.Unspecified));
    }

    private DateOnly? UkDate(DateTimeOffset? utc) => utc is { } t ? UkDate(t) : null;

    internal static DateTimeOffset UkMidnightUtc(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, London.GetUtcOffset(local)).ToUniversalTime();
    }
}
