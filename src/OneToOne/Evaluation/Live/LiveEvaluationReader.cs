using System.Collections.Concurrent;
using System.Runtime.InteropServices;
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
using OneToOne.Platform.Time;
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
/// <para>Built for 1,000,000 people: one streamed, projected query per table (no per-person queries), joined in memory by id.
/// The large tables (referrals, people, contacts, responses) are read through <see cref="RawRows"/>: the same LINQ, but each
/// row's columns read by position from the data reader, with no EF materialisation or per-row async step (several times
/// faster on millions of rows; bench/README.md, "Evaluation").</para></summary>
internal sealed class LiveEvaluationReader(OneToOneDb db, Pseudonyms pseudonyms, IOptions<EvaluationOptions> options, IConfiguration configuration,
    IServiceScopeFactory scopes)
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

    private readonly RawValues _raw = RawValues.For(db);

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

        // The contacts and the HNA responses are read on connections of their own while the referrals and people are read on
        // this one: three streams share the two cores, so none waits on another (each row is decoded there; who is in the
        // cohort is decided here, afterwards).
        var contactsReading = Task.Run(() => ReadContacts(windowStart, windowEnd, allOrganisations, scope, ct), ct);
        var hnaReading = Task.Run(() => ReadHna(windowEnd, allOrganisations, scope, ct), ct);

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
        var needed = new EpisodeChains(referrals);
        var referralQuery = db.Referrals.IgnoreQueryFilters().AsNoTracking()
            .Where(r => (allOrganisations || scope.Contains(r.OrganisationId)) && r.ReceivedOn <= filter.To
                && (r.ReceivedOn >= windowFrom
                    || (EpisodeStatuses.Contains(r.Status) && (r.DischargedAt == null || r.DischargedAt >= windowStart))))
            .Select(r => new
            {
                r.Id, r.PersonId, r.OrganisationId, r.ReceivedOn, r.Status, r.Level, r.TriagedAt, r.AllocatedAt, r.ActivatedAt,
                r.DischargedAt, r.KeyWorkerId,
            });
        foreach (var r in RawRows.Stream(db, referralQuery, 11, scan: true))
        {
            var organisationId = _raw.Id(r, 2);
            var referral = new LiveReferral(_raw.Id(r, 0), _raw.Id(r, 1), odsById[organisationId], _raw.Date(r, 3), (ReferralStatus)_raw.Int(r, 4),
                (PathwayLevel?)_raw.IntOrNull(r, 5), UkDate(_raw.UtcTicksOrNull(r, 6)), UkDate(_raw.UtcTicksOrNull(r, 7)),
                UkDate(_raw.UtcTicksOrNull(r, 8)), UkDate(_raw.UtcTicksOrNull(r, 9)), _raw.IdOrNull(r, 10));
            referrals.Add((referral, organisationId));
            needed.Add(referral, EpisodeStatuses.Contains(referral.Status));
            ct.ThrowIfCancellationRequested();
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
            needed.Need(h.PersonId);
        }

        // Each person's cohort: intervention if they have an episode overlapping the period; comparator if (earlier period)
        // they have one overlapping the earlier period only, or (another organisation) they belong to that organisation.
        var sex = filter.Sex is not null && Enum.TryParse<Sex>(filter.Sex, out var s1) ? s1 : (Sex?)null;
        var level = filter.PathwayLevel is not null && Enum.TryParse<PathwayLevel>(filter.PathwayLevel, out var l1) ? l1 : (PathwayLevel?)null;
        var unknownSex = filter.Sex is not null && sex is null;
        var unknownLevel = filter.PathwayLevel is not null && level is null;
        var people = new Dictionary<Guid, LivePerson>(needed.Count);
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

        // The people are read, decoded and given their pseudonyms on one core while the other places them in their cohorts:
        // a million people took 3.5-4 s on one core, with the other idle (the contacts are read by then).
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var batches = new BlockingCollection<List<PersonRow>>(boundedCapacity: 16);
        Task peopleReading;
        if (unknownSex || unknownLevel)
        {
            // A sex or level that does not exist matches no one.
            batches.CompleteAdding();
            peopleReading = Task.CompletedTask;
        }
        else
        {
            peopleReading = Task.Run(() => ReadPeople(personQuery, needed, batches, stopReading.Token), stopReading.Token);
        }

        try
        {
            foreach (var batch in batches.GetConsumingEnumerable(stopReading.Token))
            {
                foreach (var p in batch)
                {
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
                    var (latest, first) = needed.Overlapping(p.Episodes, filter.From, filter.To);
                    var inCohort = cohort is not null && latest is not null;
                    if (cohort == Cohort.Intervention && comparator.Kind == ComparatorKind.EarlierPeriod && latest is null)
                    {
                        // An earlier cohort of the service: episodes in the earlier period and none in this one.
                        (latest, first) = needed.Overlapping(p.Episodes, comparatorFrom, comparatorTo);
                        if (latest is not null)
                        {
                            cohort = Cohort.Comparator;
                            inCohort = true;
                        }
                    }

                    // The level of the latest episode in the cohort's period (or of any episode when none is in it).
                    var personLevel = (latest ?? needed.Overlapping(p.Episodes, DateOnly.MinValue, DateOnly.MaxValue).Latest)?.Level;
                    if (level is not null && personLevel != level)
                    {
                        continue;
                    }

                    people[p.Id] = new LivePerson(p.Id, p.Key, p.OrganisationId, odsById[p.OrganisationId], cohort ?? Cohort.Intervention,
                        personLevel, LiveFilters.TumourSiteText(p.TumourSite), ageBand, LiveFilters.SexText(p.Sex), inCohort,
                        inCohort ? first : null, ethnicity, people.Count);
                }
            }
        }
        catch
        {
            // Stop the reading and let it finish before the context goes: its own failure, if any, is not this one.
            await stopReading.CancelAsync();
            await peopleReading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        await peopleReading;

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

        var (contactsRead, attendees) = await contactsReading;
        var hnaRead = await hnaReading;

        // The contacts are matched to the cohort on one core while the scores are chosen on the other: both only read the
        // people. A staff role filter narrows the people first (below), so then the scores wait for the contacts.
        var matching = Task.Run(() => MatchContacts(contactsRead, attendees, people, staff, filter, comparatorFrom, comparatorTo), ct);
        List<LiveContact>? contacts = null;

        // A staff role filter narrows the evaluation to the people that role worked with.
        if (filter.StaffRole is not null)
        {
            contacts = await matching;
            var seen = contacts.Select(c => c.PersonId).ToHashSet();
            foreach (var person in people.Values.Where(p => p.InCohort && !seen.Contains(p.Id)).ToList())
            {
                people[person.Id] = person with { InCohort = false };
            }

            episodesInCohort.RemoveAll(e => !seen.Contains(e.PersonId));
        }

        var (scores, comments) = ReadScores(people, hnaRead, filter, comparatorTo, windowStart, allOrganisations, scope, ct);
        contacts ??= await matching;

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

    /// <summary>The contacts of cohort people in their cohort's period (and of the staff role filter's role), each with the staff
    /// time it took: a group session's length is shared among everyone who attended it (<paramref name="attendees"/>, counted
    /// over all the window's contacts).</summary>
    private List<LiveContact> MatchContacts(RowChunks<ContactRow> read, Dictionary<Guid, int> attendees, Dictionary<Guid, LivePerson> people,
        Dictionary<Guid, LiveStaff> staff, EvaluationFilter filter, DateOnly comparatorFrom, DateOnly comparatorTo)
    {
        var contacts = new List<LiveContact>(read.Count);
        foreach (ref readonly var c in read)
        {
            if (!people.TryGetValue(c.PersonId, out var person) || !person.InCohort)
            {
                continue;
            }

            var date = UkDate(c.At);
            var (from, to) = person.Cohort == Cohort.Intervention ? (filter.From, filter.To) : (comparatorFrom, comparatorTo);
            if (date < from || date > to)
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
            contacts.Add(new LiveContact(c.PersonId, c.ReferralId, person.Organisation, date, c.Mode, c.Minutes, staffMinutes, role,
                worker?.SupportWorker ?? false, person.Cohort, person.Index));
        }

        return contacts;
    }

    /// <summary>The scores of cohort people: the HNA's number and mean severity of concerns (and its distress score when the
    /// outcome questionnaire has none at that timepoint), the outcome questionnaire's items and the experience items. Per person,
    /// questionnaire and timepoint the earliest baseline and the latest follow-up (Review) and discharge count, from the
    /// person's first episode in the period to the end of their cohort's period. Two streamed queries: the HNA's scores (kept
    /// on the response), and the questionnaires' answers joined to their responses (one row per answer).</summary>
    private (List<LiveScore> Scores, int Comments) ReadScores(Dictionary<Guid, LivePerson> people, RowChunks<HnaRow> rows, EvaluationFilter filter,
        DateOnly comparatorTo, DateTimeOffset windowStart, bool allOrganisations, List<Guid> scope, CancellationToken ct)
    {
        var end = UkMidnightUtc(filter.To.AddDays(1));
        // Years of questionnaires belong to people with no episode in the window: the database leaves their answers out
        // (EXISTS on the referrals' person index), so only the cohort's answers are read.
        var episodes = db.Referrals.IgnoreQueryFilters().AsNoTracking()
            .Where(e => EpisodeStatuses.Contains(e.Status) && e.ReceivedOn <= filter.To && (e.DischargedAt == null || e.DischargedAt >= windowStart));

        // Whether a response at this time may count for the person, and at which timepoint.
        bool Counts(Guid personId, long at, out DateOnly on, out LivePerson person)
        {
            on = default;
            if (!people.TryGetValue(personId, out person!) || !person.InCohort)
            {
                return false;
            }

            on = UkDate(at);
            return on <= (person.Cohort == Cohort.Intervention ? filter.To : comparatorTo) && !(on < person.FirstEpisodeOn);
        }

        static bool Better(EvaluationTimepoint timepoint, long at, long current) =>
            timepoint == EvaluationTimepoint.Baseline ? at < current : at > current;

        // The chosen HNA of each person and timepoint: a slot per person (by index) and timepoint holding 1 + the chosen row's
        // place in the rows read (0: none), so the choice costs 4 bytes a slot; the slots in the order first filled, so the
        // scores come out in the order the rows were read.
        var hna = new int[people.Count * 3];
        var filled = new List<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            ref readonly var r = ref rows[i];
            if (!Counts(r.PersonId, r.At, out _, out var person))
            {
                continue;
            }

            var timepoint = ToEvaluation(r.Timepoint);
            var slot = (person.Index * 3) + (int)timepoint;
            ref var current = ref hna[slot];
            if (current == 0)
            {
                filled.Add(slot);
            }
            else if (!Better(timepoint, r.At, rows[current - 1].At))
            {
                continue;
            }

            current = i + 1;
        }

        // The chosen response of each person, questionnaire and timepoint, with its answers so far. A response's answers all
        // meet the same comparison, so a response that stops being the best simply loses its answers.
        var chosen = new Dictionary<(Guid Person, bool Outcomes, EvaluationTimepoint Timepoint), Chosen>();
        var answers = db.Set<AssessmentResponse>().IgnoreQueryFilters().AsNoTracking()
            .Where(r => (allOrganisations || scope.Contains(r.OrganisationId)) && AnsweredCodes.Contains(r.InstrumentCode)
                && r.Status == ResponseStatus.Submitted && r.SubmittedAt < end && r.Timepoint != Timepoint.Adhoc
                && episodes.Any(e => e.PersonId == r.PersonId))
            // Joined on the organisation too, so the answers' (OrganisationId, ResponseId, ItemCode) index serves the join.
            .Join(db.Set<AssessmentAnswer>().IgnoreQueryFilters().AsNoTracking(), r => new { r.OrganisationId, r.Id },
                a => new { a.OrganisationId, Id = a.ResponseId },
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
        foreach (var a in RawRows.Stream(db, answers, 8))
        {
            var responseId = _raw.Id(a, 0);
            if (responseId != lastResponse)
            {
                lastResponse = responseId;
                target = null;
                var personId = _raw.Id(a, 1);
                if (_raw.UtcTicksOrNull(a, 4) is { } at && Counts(personId, at, out var on, out var person))
                {
                    var key = (personId, _raw.Flag(a, 2), ToEvaluation((Timepoint)_raw.Int(a, 3)));
                    if (!chosen.TryGetValue(key, out var current) || (current.ResponseId != responseId && Better(key.Item3, at, current.At)))
                    {
                        chosen[key] = current = new Chosen(responseId, at, on, person.Index);
                    }

                    target = current.ResponseId == responseId ? current : null;
                }
            }

            var item = _raw.Int(a, 6);
            if (target is not null && item != 0)
            {
                target.Answers.Add((Items[item], _raw.IntOrNull(a, 5), _raw.Flag(a, 7)));
            }

            ct.ThrowIfCancellationRequested();
        }

        var scores = new List<LiveScore>(chosen.Count * 3 + filled.Count * 3);
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
                    scores.Add(new LiveScore(personId, item, timepoint, value, c.On, c.PersonIndex));
                    if (item == EvaluationInstruments.Distress)
                    {
                        outcomeDistress.Add((personId, timepoint));
                    }
                }
            }
        }

        foreach (var slot in filled)
        {
            ref readonly var r = ref rows[hna[slot] - 1];
            var (personId, index, timepoint, on) = (r.PersonId, slot / 3, (EvaluationTimepoint)(slot % 3), UkDate(r.At));
            scores.Add(new LiveScore(personId, EvaluationInstruments.Concerns, timepoint, r.Concerns, on, index));
            if (r.Severity is { } severity)
            {
                scores.Add(new LiveScore(personId, EvaluationInstruments.Severity, timepoint, severity, on, index));
            }

            if (r.Distress is { } distress && !outcomeDistress.Contains((personId, timepoint)))
            {
                scores.Add(new LiveScore(personId, EvaluationInstruments.Distress, timepoint, distress, on, index));
            }
        }

        return (scores, comments);
    }

    /// <summary>A person as read, before their cohort is decided: only people the read needs, each with where their chain of
    /// episodes starts and their pseudonym. The date of birth is read only to place the person in an age band; it is not kept.</summary>
    private readonly record struct PersonRow(Guid Id, string Key, Guid OrganisationId, DateOnly DateOfBirth, Sex Sex, string? TumourSite,
        string? Ethnicity, int Episodes);

    /// <summary>Reads the people the read needs, in batches, on the reader's own context (its caller does not use it meanwhile).</summary>
    private void ReadPeople(IQueryable<Person> query, EpisodeChains needed, BlockingCollection<List<PersonRow>> batches, CancellationToken ct)
    {
        const int BatchSize = 4096;
        try
        {
            using var pseudonymMaker = pseudonyms.Maker();
            var batch = new List<PersonRow>(BatchSize);
            foreach (var p in RawRows.Stream(db, query.Select(p => new { p.Id, p.OrganisationId, p.DateOfBirth, p.Sex, p.TumourSite, p.Ethnicity }), 6))
            {
                var id = _raw.Id(p, 0);
                if (!needed.Contains(id, out var episodes))
                {
                    continue;
                }

                batch.Add(new PersonRow(id, pseudonymMaker.For(id), _raw.Id(p, 1), _raw.Date(p, 2), (Sex)_raw.Int(p, 3), _raw.TextOrNull(p, 4),
                    _raw.TextOrNull(p, 5), episodes));
                if (batch.Count == BatchSize)
                {
                    batches.Add(batch, ct);
                    batch = new List<PersonRow>(BatchSize);
                }
            }

            batches.Add(batch, ct);
        }
        finally
        {
            batches.CompleteAdding();
        }
    }

    private readonly record struct ContactRow(Guid PersonId, Guid? ReferralId, Guid StaffId, long At, ContactMode Mode, int Minutes, Guid? Group);

    private readonly record struct HnaRow(Guid PersonId, Timepoint Timepoint, long At, int? Distress, int Concerns, double? Severity);

    /// <summary>The window's contacts, with how many attended each group session, decoded on a context and connection of their
    /// own (see ReadAsync).</summary>
    private (RowChunks<ContactRow> Contacts, Dictionary<Guid, int> Attendees) ReadContacts(DateTimeOffset windowStart, DateTimeOffset windowEnd,
        bool allOrganisations, List<Guid> scope, CancellationToken ct)
    {
        using var serviceScope = scopes.CreateScope();
        var own = serviceScope.ServiceProvider.GetRequiredService<OneToOneDb>();
        var raw = RawValues.For(own);
        var contacts = new RowChunks<ContactRow>();
        var attendees = new Dictionary<Guid, int>();
        var contactQuery = own.Set<Contact>().IgnoreQueryFilters().AsNoTracking()
            .Where(c => (allOrganisations || scope.Contains(c.OrganisationId)) && c.OccurredAt >= windowStart && c.OccurredAt < windowEnd)
            .Select(c => new { c.PersonId, c.ReferralId, c.StaffMemberId, c.OccurredAt, c.Mode, c.DurationMinutes, c.GroupSessionId });
        foreach (var c in RawRows.Stream(own, contactQuery, 7, scan: true))
        {
            var group = raw.IdOrNull(c, 6);
            if (group is { } g)
            {
                attendees[g] = attendees.GetValueOrDefault(g) + 1;
            }

            contacts.Add(new ContactRow(raw.Id(c, 0), raw.IdOrNull(c, 1), raw.Id(c, 2), raw.UtcTicks(c, 3), (ContactMode)raw.Int(c, 4),
                raw.Int(c, 5), group));
            ct.ThrowIfCancellationRequested();
        }

        return (contacts, attendees);
    }

    /// <summary>The HNA's submitted scores up to the end of the period, decoded on a context and connection of their own (see
    /// ReadAsync). The scores are on the response row itself, which is cheaper to read and pass over than to look up in the
    /// referrals (SQLite: 0.8 s against 2.5 s for 2 million), so all are read.</summary>
    private RowChunks<HnaRow> ReadHna(DateTimeOffset end, bool allOrganisations, List<Guid> scope, CancellationToken ct)
    {
        using var serviceScope = scopes.CreateScope();
        var own = serviceScope.ServiceProvider.GetRequiredService<OneToOneDb>();
        var raw = RawValues.For(own);
        var hna = new RowChunks<HnaRow>();
        var hnaQuery = own.Set<AssessmentResponse>().IgnoreQueryFilters().AsNoTracking()
            .Where(r => (allOrganisations || scope.Contains(r.OrganisationId)) && r.InstrumentCode == AssessmentDefaults.HnaCode
                && r.Status == ResponseStatus.Submitted && r.SubmittedAt < end && r.Timepoint != Timepoint.Adhoc)
            .Select(r => new { r.PersonId, r.Timepoint, r.SubmittedAt, r.DistressScore, r.ConcernCount, r.MeanSeverity });
        foreach (var r in RawRows.Stream(own, hnaQuery, 6, scan: true))
        {
            if (raw.UtcTicksOrNull(r, 2) is { } at)
            {
                hna.Add(new HnaRow(raw.Id(r, 0), (Timepoint)raw.Int(r, 1), at, raw.IntOrNull(r, 3), raw.Int(r, 4), raw.NumberOrNull(r, 5)));
            }

            ct.ThrowIfCancellationRequested();
        }

        return hna;
    }

    private sealed class Chosen(Guid responseId, long at, DateOnly on, int personIndex)
    {
        public Guid ResponseId { get; } = responseId;
        public long At { get; } = at;
        public DateOnly On { get; } = on;
        public int PersonIndex { get; } = personIndex;
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

    /// <summary>The people a read needs (everyone with a referral read, or a request for help) and each one's episodes, as a
    /// chain through the referrals list in the order read: one dictionary entry per person and an int per referral, built as
    /// the referrals stream in (grouping a million referrals afterwards cost seconds).</summary>
    private sealed class EpisodeChains(List<(LiveReferral Referral, Guid OrganisationId)> referrals)
    {
        private readonly Dictionary<Guid, (int First, int Last)> _chains = [];
        private readonly List<int> _next = [];

        /// <summary>Adds the referral just appended to the list: its person is needed, and it joins their chain if an episode.</summary>
        public void Add(LiveReferral referral, bool episode)
        {
            var at = _next.Count;
            _next.Add(-1);
            ref var chain = ref CollectionsMarshal.GetValueRefOrAddDefault(_chains, referral.PersonId, out var exists);
            if (!exists)
            {
                chain = (-1, -1);
            }

            if (episode)
            {
                if (chain.Last >= 0)
                {
                    _next[chain.Last] = at;
                }
                else
                {
                    chain.First = at;
                }

                chain.Last = at;
            }
        }

        public void Need(Guid personId)
        {
            ref var chain = ref CollectionsMarshal.GetValueRefOrAddDefault(_chains, personId, out var exists);
            if (!exists)
            {
                chain = (-1, -1);
            }
        }

        public int Count => _chains.Count;

        /// <summary>Whether the person is needed, and where their chain of episodes starts (-1: none).</summary>
        public bool Contains(Guid personId, out int episodes)
        {
            var found = _chains.TryGetValue(personId, out var chain);
            episodes = chain.First;
            return found;
        }

        /// <summary>Of the chain's episodes overlapping from..to, the latest received and the earliest received date; (null, null)
        /// when none overlaps. No allocation: it runs for each of a million people.</summary>
        public (LiveReferral? Latest, DateOnly? First) Overlapping(int episodes, DateOnly from, DateOnly to)
        {
            LiveReferral? latest = null;
            DateOnly? first = null;
            for (var i = episodes; i >= 0; i = _next[i])
            {
                var e = referrals[i].Referral;
                if (!Overlaps(e, from, to))
                {
                    continue;
                }

                // Ties on the received date go to the later in the list, as OrderBy(ReceivedOn).Last() would.
                if (latest is null || e.ReceivedOn >= latest.ReceivedOn)
                {
                    latest = e;
                }

                if (first is null || e.ReceivedOn < first)
                {
                    first = e.ReceivedOn;
                }
            }

            return (latest, first);
        }
    }

    private static bool Overlaps(LiveReferral episode, DateOnly from, DateOnly to) =>
        episode.ReceivedOn <= to && (episode.DischargedOn is null || episode.DischargedOn >= from);

    private static DateOnly UkDate(DateTimeOffset utc) => UkTime.DateOf(utc.UtcTicks);

    private static DateOnly UkDate(long utcTicks) => UkTime.DateOf(utcTicks);

    private static DateOnly? UkDate(long? utcTicks) => utcTicks is { } t ? UkDate(t) : null;

    internal static DateTimeOffset UkMidnightUtc(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, London.GetUtcOffset(local)).ToUniversalTime();
    }
}
