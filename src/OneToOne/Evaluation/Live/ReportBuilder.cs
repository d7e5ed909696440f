using System.Globalization;
using OneToOne.Contacts;
using OneToOne.Referrals;

namespace OneToOne.Evaluation.Live;

/// <summary>The measures beside the engine's (activity, experience, costs, staff time) and the engine's own results, as tables
/// through disclosure control. Definitions are in Evaluation/Live/README.md; the short form is in each
/// table's note.</summary>
internal static class ReportBuilder
{
    private static readonly ReferralStatus[] AcceptedStatuses =
        [ReferralStatus.Accepted, ReferralStatus.Allocated, ReferralStatus.Active, ReferralStatus.Discharged];

    public static EvaluationReport Build(LiveSnapshot s, EvaluationResult? result, DisclosureRules rules)
    {
        var p = s.ProgrammeLevel;
        var people = s.Intervention.ToList();
        var contacts = s.Contacts.Where(c => c.Cohort == Cohort.Intervention).ToList();
        var episodes = s.Episodes.Where(e => s.People[e.PersonId].Cohort == Cohort.Intervention).ToList();
        var costs = new Costing(s, contacts, episodes);
        var warnings = new List<string>();
        if (costs.UncostedHours > 0)
        {
            warnings.Add("Some contacts were made by staff roles with no unit cost for the end of the period ("
                + string.Join(", ", costs.UncostedRoles.Order(StringComparer.Ordinal))
                + "): their time is counted in hours but not in costs. An administrator can load the missing unit costs.");
        }

        var tables = new List<ReportTable>
        {
            Activity(s, people, contacts, episodes, costs, rules, p),
            ByOrganisation(s, people, contacts, costs, rules),
            ContactModes(contacts, rules, p),
            Caseloads(s, episodes, rules, p),
            Signposting(s, rules, p),
        };
        var (funnelTable, funnel) = EscalationFunnel(s, people, rules);
        tables.Add(funnelTable);
        tables.Add(Outcomes(result, rules, p));
        tables.Add(Experience(s, people, rules, p));
        tables.Add(CostSummary(costs, rules, p));
        tables.Add(Breakdown("by-level", "People and costs by pathway level", "Pathway level", people, p2 => LiveFilters.LevelText(p2.Level), costs, rules));
        tables.Add(Breakdown("by-tumour-site", "People and costs by tumour site", "Tumour site", people, p2 => p2.TumourSite, costs, rules));
        tables.Add(Breakdown("by-age-band", "People and costs by age band", "Age band at the end of the period", people, p2 => p2.AgeBand, costs, rules));
        tables.Add(Breakdown("by-sex", "People and costs by sex", "Sex", people, p2 => p2.Sex, costs, rules));
        tables.Add(Breakdown("by-ethnicity", "People and costs by ethnic group", "Ethnic group", people, p2 => p2.Ethnicity, costs, rules));
        tables.Add(SpecialistTime(s, costs, rules, p));
        tables.Add(UnitCosts(s));
        tables.Add(StaffTime(s, rules, p));
        tables.AddRange(CostEffectiveness(s, result, rules, p));
        return new EvaluationReport(s.Filter, s.Comparator, s.ComparatorFrom, s.ComparatorTo, p, rules, tables, funnel, s.Organisations, warnings);
    }

    /// <summary>Costs of contacts: each contact's staff time (hours) times its role's cost per contact hour.</summary>
    private sealed class Costing
    {
        public Costing(LiveSnapshot s, List<LiveContact> contacts, List<LiveReferral> episodes)
        {
            var episodesByPerson = episodes.GroupBy(e => e.PersonId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.ReceivedOn).ToList());
            var episodeIds = episodes.Select(e => e.Id).ToHashSet();
            foreach (var c in contacts)
            {
                var hours = c.StaffMinutes / 60;
                Hours += hours;
                HoursByPerson[c.PersonId] = HoursByPerson.GetValueOrDefault(c.PersonId) + hours;
                if (s.CostPerContactHour(c.Role) is { } rate)
                {
                    var cost = hours * rate;
                    Total += cost;
                    ByPerson[c.PersonId] = ByPerson.GetValueOrDefault(c.PersonId) + cost;
                }
                else
                {
                    UncostedHours += hours;
                    UncostedRoles.Add(c.Role);
                    ByPerson[c.PersonId] = ByPerson.GetValueOrDefault(c.PersonId);
                }

                // A contact belongs to the episode it was logged against; without one, to the person's latest episode begun by then.
                var episode = c.ReferralId is { } r && episodeIds.Contains(r)
                    ? r
                    : episodesByPerson.TryGetValue(c.PersonId, out var list)
                        ? (list.LastOrDefault(e => e.ReceivedOn <= c.Date) ?? list[0]).Id
                        : (Guid?)null;
                if (episode is { } id)
                {
                    Episodes.Add(id);
                }

                if (c.SupportWorker)
                {
                    SupportWorkerHours += hours;
                    SupportWorkerCost += s.CostPerContactHour(c.Role) * hours ?? 0;
                    SupportWorkerPeople.Add(c.PersonId);
                }
            }

            SpecialistRate = s.CostPerContactHour(s.SpecialistRole);
        }

        public double Hours { get; }
        public double Total { get; }
        public double UncostedHours { get; }
        public HashSet<string> UncostedRoles { get; } = new(StringComparer.Ordinal);
        public Dictionary<Guid, double> ByPerson { get; } = [];
        public Dictionary<Guid, double> HoursByPerson { get; } = [];
        public HashSet<Guid> Episodes { get; } = [];
        public double SupportWorkerHours { get; }
        public double SupportWorkerCost { get; }
        public HashSet<Guid> SupportWorkerPeople { get; } = [];
        public double? SpecialistRate { get; }
    }

    private static Cell Days(double? median, int n, DisclosureRules rules, bool p) => rules.Average(median, n, p, 1);

    private static ReportTable Activity(LiveSnapshot s, List<LivePerson> people, List<LiveContact> contacts, List<LiveReferral> episodes,
        Costing costs, DisclosureRules rules, bool p)
    {
        var referrals = s.Referrals;
        var accepted = referrals.Count(r => AcceptedStatuses.Contains(r.Status));
        var decided = accepted + referrals.Count(r => r.Status is ReferralStatus.Declined or ReferralStatus.Redirected);
        var toTriage = referrals.Where(r => r.TriagedOn is not null).Select(r => (double)(r.TriagedOn!.Value.DayNumber - r.ReceivedOn.DayNumber)).ToList();
        var toContact = referrals.Where(r => r.FirstContactOn is not null).Select(r => (double)(r.FirstContactOn!.Value.DayNumber - r.ReceivedOn.DayNumber)).ToList();
        var discharges = episodes.Count(e => e.DischargedOn is { } d && d >= s.Filter.From && d <= s.Filter.To);
        var escalations = s.Escalations.Count;
        var signposted = s.ServiceReferrals.Count;
        var closed = s.ServiceReferrals.Count(r => r.Closed);
        var supported = people.Count(x => costs.HoursByPerson.ContainsKey(x.Id));
        ReportRow Row(string label, Cell value) => new(label, [value]);
        return new ReportTable("activity", "Activity", "Measure", ["Value"],
        [
            Row("People with an episode in the period", rules.Count(people.Count, p)),
            Row("People supported (at least one contact)", rules.Count(supported, p)),
            Row("Referrals received", rules.Count(referrals.Count, p)),
            Row("Referrals accepted", rules.Count(accepted, p)),
            Row("Referrals declined or redirected", rules.Count(decided - accepted, p)),
            Row("Referrals awaiting triage", rules.Count(referrals.Count(r => r.Status == ReferralStatus.Received), p)),
            Row("Acceptance rate (% of decided referrals)", rules.Share(accepted, decided, p)),
            Row("Median days from referral to triage", Days(Descriptive.Median(toTriage), toTriage.Count, rules, p)),
            Row("Median days from referral to first contact", Days(Descriptive.Median(toContact), toContact.Count, rules, p)),
            Row("Contacts", rules.Count(contacts.Count, p)),
            Row("Contacts per person supported", rules.Average(supported == 0 ? null : (double)contacts.Count / supported, supported, p)),
            Row("Escalations", rules.Count(escalations, p)),
            Row("Escalations per 100 people", rules.Rate(escalations, people.Count, 100, p)),
            Row("Referrals to other services (signposting)", rules.Count(signposted, p)),
            Row("Signposting loops closed (outcome known)", rules.Count(closed, p)),
            Row("Signposting loops closed (%)", rules.Share(closed, signposted, p)),
            Row("Discharges", rules.Count(discharges, p)),
            Row("Requests for help after discharge", rules.Count(s.HelpAfterDischarge.Count, p)),
        ],
        "Referrals are those received in the period; people are those with an accepted episode that overlaps it. Waits are in calendar days "
        + "(first contact: the day the episode became active). Acceptance counts accepted referrals among those accepted, declined or redirected.");
    }

    private static ReportTable ByOrganisation(LiveSnapshot s, List<LivePerson> people, List<LiveContact> contacts, Costing costs, DisclosureRules rules)
    {
        // A split below programme level: every cell is suppressed as needed, whatever the filter.
        const bool p = false;
        var rows = new List<ReportRow>();
        var byOrg = people.GroupBy(x => x.Organisation).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var contactsByOrg = contacts.GroupBy(c => c.Organisation).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var referralsByOrg = s.Referrals.GroupBy(r => r.Organisation).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var ratings = LatestExperience(s, EvaluationInstruments.Rating);
        foreach (var (ods, name) in s.Organisations)
        {
            if (s.Comparator is { Kind: ComparatorKind.Organisation } c && c.Organisation == ods)
            {
                continue;
            }

            var group = byOrg.GetValueOrDefault(ods) ?? [];
            var supported = group.Count(x => costs.HoursByPerson.ContainsKey(x.Id));
            var orgContacts = contactsByOrg.GetValueOrDefault(ods);
            var waits = (referralsByOrg.GetValueOrDefault(ods) ?? []).Where(r => r.FirstContactOn is not null)
                .Select(r => (double)(r.FirstContactOn!.Value.DayNumber - r.ReceivedOn.DayNumber)).ToList();
            var cost = group.Sum(x => costs.ByPerson.GetValueOrDefault(x.Id));
            var orgRatings = group.Where(x => ratings.ContainsKey(x.Id)).Select(x => ratings[x.Id]).ToList();
            rows.Add(new ReportRow($"{name} ({ods})",
            [
                rules.Count(group.Count, p),
                rules.Count(referralsByOrg.GetValueOrDefault(ods)?.Count ?? 0, p),
                rules.Count(orgContacts, p),
                rules.Average(supported == 0 ? null : (double)orgContacts / supported, supported, p),
                rules.Average(Descriptive.Median(waits), waits.Count, p),
                rules.Average(supported == 0 ? null : cost / supported, supported, p, 0),
                rules.Share(orgRatings.Count(r => r >= LiveInstruments.PositiveAtOrAbove(EvaluationInstruments.Rating)), orgRatings.Count, p),
            ], ods));
        }

        return new ReportTable("by-organisation", "Organisations compared", "Organisation",
            ["People", "Referrals", "Contacts", "Contacts per person supported", "Median days to first contact", "Cost per person supported (£)", "Rated care 8 or more (%)"],
            rows, "Each organisation is a split below programme level, so small numbers are suppressed.", ChartKind.Bars, 0, "people");
    }

    private static ReportTable ContactModes(List<LiveContact> contacts, DisclosureRules rules, bool p)
    {
        var rows = Enum.GetValues<ContactMode>().Select(mode =>
        {
            var these = contacts.Where(c => c.Mode == mode).ToList();
            return new ReportRow(ContactRules.ModeText(mode),
            [
                rules.Count(these.Count, p),
                rules.Share(these.Count, contacts.Count, p),
                rules.Total(these.Sum(c => c.StaffMinutes) / 60, these.Select(c => c.PersonId).Distinct().Count(), p, 1),
            ]);
        }).ToList();
        return new ReportTable("modes", "Contacts by mode", "Mode", ["Contacts", "Share of contacts (%)", "Staff hours"], rows,
            "Staff hours share a group session's length among those who attended.", ChartKind.Bars, 0, "contacts");
    }

    private static ReportTable Caseloads(LiveSnapshot s, List<LiveReferral> episodes, DisclosureRules rules, bool p)
    {
        var end = s.Filter.To;
        var onCaseload = episodes.Where(e => e.KeyWorkerId is not null && e.AllocatedOn is { } a && a <= end
                && (e.DischargedOn is null || e.DischargedOn > end)
                && e.Status is ReferralStatus.Allocated or ReferralStatus.Active or ReferralStatus.Discharged)
            .GroupBy(e => e.KeyWorkerId!.Value)
            .Select(g => (Worker: g.Key, People: g.Select(e => e.PersonId).Distinct().Count()))
            .ToList();
        var rows = onCaseload.GroupBy(w => s.Staff.GetValueOrDefault(w.Worker)?.Role ?? LiveFilters.NotRecorded)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var sizes = g.Select(w => (double)w.People).ToList();
                var peopleCount = (int)sizes.Sum();
                var workers = rules.Count(sizes.Count, p);
                // A caseload average describes staff as well as people: hidden when either number is small.
                var hide = !p && (workers.State == CellState.Suppressed || peopleCount < rules.MinimumPeopleForAverages);
                return new ReportRow(g.Key,
                [
                    workers,
                    rules.Count(peopleCount, p),
                    hide ? Cell.Suppressed : rules.Average(Descriptive.Mean(sizes), peopleCount, p),
                    hide ? Cell.Suppressed : rules.Average(Descriptive.Median(sizes), peopleCount, p),
                ]);
            }).ToList();
        return new ReportTable("caseloads", "Caseload sizes at the end of the period", "Key worker's role",
            ["Key workers", "People on caseloads", "Mean caseload", "Median caseload"], rows,
            "People allocated to a key worker and not discharged on the last day of the period, counted per key worker.", ChartKind.Bars, 2, "people");
    }

    private static ReportTable Signposting(LiveSnapshot s, DisclosureRules rules, bool p)
    {
        var rows = s.ServiceReferrals.GroupBy(r => r.Category).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var sent = g.Count();
            var closed = g.Count(r => r.Closed);
            return new ReportRow(g.Key, [rules.Count(sent, p), rules.Count(closed, p), rules.Share(closed, sent, p)]);
        }).ToList();
        return new ReportTable("signposting", "Signposting to other services", "Concern area",
            ["Referrals sent", "Loops closed", "Loops closed (%)"], rows,
            "Referrals to directory services sent in the period; a loop is closed when the service's outcome is recorded.", ChartKind.Bars, 0, "referrals");
    }

    private static (ReportTable, FunnelData?) EscalationFunnel(LiveSnapshot s, List<LivePerson> people, DisclosureRules rules)
    {
        const bool p = false;
        var totalPeople = people.Count;
        var totalEvents = s.Escalations.Count;
        var overall = totalPeople == 0 ? 0 : (double)totalEvents / totalPeople;
        var peopleByOrg = people.GroupBy(x => x.Organisation).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var eventsByOrg = s.Escalations.GroupBy(e => e.Organisation).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var rows = new List<ReportRow>();
        var points = new List<(string, double, double)>();
        foreach (var (ods, name) in s.Organisations)
        {
            if (s.Comparator is { Kind: ComparatorKind.Organisation } c && c.Organisation == ods)
            {
                continue;
            }

            var n = peopleByOrg.GetValueOrDefault(ods);
            var e = eventsByOrg.GetValueOrDefault(ods);
            var peopleCell = rules.Count(n, p);
            var rate = rules.Rate(e, n, 100, p);
            if (peopleCell.Value is not { } shownPeople || rate.Value is not { } shownRate || shownPeople <= 0)
            {
                rows.Add(new ReportRow($"{name} ({ods})", [peopleCell, rules.Count(e, p), rate, Cell.Suppressed, Cell.Suppressed, Cell.Suppressed, Cell.Suppressed,
                    n == 0 ? Cell.NotComputable : Cell.Suppressed], ods));
                continue;
            }

            // Limits at the people count as shown (rounded), so they cannot give the exact count away.
            var (l95, u95) = FunnelLimits.Limits(overall, shownPeople, FunnelLimits.Z95);
            var (l998, u998) = FunnelLimits.Limits(overall, shownPeople, FunnelLimits.Z998);
            rows.Add(new ReportRow($"{name} ({ods})",
            [
                peopleCell, rules.Count(e, p), rate,
                Cell.Number(l95 * 100, 1), Cell.Number(u95 * 100, 1), Cell.Number(l998 * 100, 1), Cell.Number(u998 * 100, 1),
                Cell.Label(FunnelLimits.Position(shownRate / 100, overall, shownPeople)),
            ], ods));
            points.Add((ods, shownPeople, shownRate));
        }

        var table = new ReportTable("escalation-funnel", "Escalations per 100 people: organisations against the programme", "Organisation",
            ["People", "Escalations", "Escalations per 100 people", "95% lower limit", "95% upper limit", "99.8% lower limit", "99.8% upper limit", "Position"],
            rows,
            string.Create(CultureInfo.InvariantCulture,
                $"Programme rate {overall * 100:0.0} per 100 people. Limits: programme rate ± z·√(rate/people) (normal approximation to Poisson), z = 1.96 (95%) and 3.09 (99.8%). Organisations with suppressed numbers are not plotted."),
            ChartKind.Funnel, 2, "per 100 people");
        var funnel = totalPeople == 0 ? null
            : new FunnelData("Escalations per 100 people by number of people", "Escalations per 100 people", 100, overall, points,
                Math.Max(10, points.Count == 0 ? 10 : points.Max(x => x.Item2)));
        return (table, funnel);
    }

    private static ReportTable Outcomes(EvaluationResult? result, DisclosureRules rules, bool p)
    {
        var rows = new List<ReportRow>();
        // Experience items have their own table; an instrument the table does not know is listed after the known ones.
        var order = LiveInstruments.Outcomes.ToList();
        // Baseline to discharge only where someone has both (most people's outcomes are followed up at the review).
        foreach (var o in (result?.Outcomes ?? []).Where(o => !LiveInstruments.Experience.Contains(o.Instrument) && (o.Pairs > 0 || o.To != "discharge"))
                     .OrderBy(o => order.IndexOf(o.Instrument) is var i && i < 0 ? int.MaxValue : i)
                     .ThenBy(o => o.To, StringComparer.Ordinal))
        {
            Cell Avg(double? v, int decimals = 2) => rules.Average(v, o.Pairs, p, decimals);
            Cell Pv(double? v) => Avg(v, 3) is { State: CellState.Shown } && v is { } x ? Cell.P(x) : Avg(v, 3);
            var improved = o.ImprovedShare is { } share ? Math.Round(share * o.Pairs) : (double?)null;
            rows.Add(new ReportRow($"{LiveInstruments.ShortName(o.Instrument)}: {Timepoint(o.From)} to {Timepoint(o.To)}",
            [
                rules.Count(o.Pairs, p),
                Avg(o.MeanBefore), Avg(o.MeanAfter), Avg(o.MeanChange), Avg(o.Ci95Lower), Avg(o.Ci95Upper),
                Pv(o.TTestP), Pv(o.WilcoxonP), Avg(o.EffectSize),
                improved is { } k ? rules.Share(k, o.Pairs, p) : Avg(null),
            ]));
        }

        return new ReportTable("outcomes", "Outcomes: paired change from baseline", "Score and timepoints",
            ["Pairs", "Mean before", "Mean after", "Mean change", "95% CI lower", "95% CI upper", "Paired t-test p", "Wilcoxon p", "Effect size", "Improved by at least the MID (%)"],
            rows,
            "Distress, confidence and wellbeing are scored 0-10; concerns is the number of concerns in the holistic needs assessment and "
            + "severity their mean score (0-10); lower distress, concerns and severity are better. "
            + "People of the intervention cohort with both timepoints. Change is after minus before; effect size is mean change / SD of change; "
            + "'improved' counts changes in the better direction of at least the minimal important difference (MID). – cannot be computed.",
            ChartKind.PairedBars, 1, "mean score");
    }

    private static string Timepoint(string name) => name == "followup" ? "follow-up" : name;

    /// <summary>Each person's latest answer to an experience item in the period.</summary>
    private static Dictionary<Guid, double> LatestExperience(LiveSnapshot s, string item) =>
        s.Scores.Where(x => x.Instrument == item && x.SubmittedOn >= s.Filter.From
                && s.People.TryGetValue(x.PersonId, out var person) && person.InCohort && person.Cohort == Cohort.Intervention)
            .GroupBy(x => x.PersonId)
            .ToDictionary(g => g.Key, g => g.OrderBy(x => x.SubmittedOn).Last().Score);

    private static ReportTable Experience(LiveSnapshot s, List<LivePerson> people, DisclosureRules rules, bool p)
    {
        _ = people;
        var rows = LiveInstruments.Experience.Select(item =>
        {
            var answers = LatestExperience(s, item).Values.ToList();
            var positive = answers.Count(a => a >= LiveInstruments.PositiveAtOrAbove(item));
            return new ReportRow(LiveInstruments.DisplayName(item),
            [
                rules.Count(answers.Count, p),
                rules.Share(positive, answers.Count, p),
                rules.Average(Descriptive.Mean(answers), answers.Count, p),
            ]);
        }).ToList();
        rows.Add(new ReportRow("Free-text comments written", [rules.Count(s.Comments, p), Cell.NotComputable, Cell.NotComputable]));
        return new ReportTable("experience", "Experience of care", "Question",
            ["People answering", "Positive (%)", "Mean score"], rows,
            "Each person's latest answer in the period. Positive: 8 or more out of 10 for the overall rating; 4 or 5 on the five-point items. "
            + "Comments are counted, never shown.",
            ChartKind.Bars, 1, "% positive");
    }

    private static ReportTable CostSummary(Costing costs, DisclosureRules rules, bool p)
    {
        var supported = costs.ByPerson.Count;
        var episodes = costs.Episodes.Count;
        ReportRow Row(string label, Cell value) => new(label, [value]);
        return new ReportTable("costs", "Costs of staff time", "Measure", ["Value"],
        [
            Row("Contact hours (staff time)", rules.Total(costs.Hours, supported, p, 1)),
            Row("Cost of contacts (£)", rules.Total(costs.Total, supported, p)),
            Row("People supported", rules.Count(supported, p)),
            Row("Cost per person supported (£)", rules.Average(supported == 0 ? null : costs.Total / supported, supported, p, 0)),
            Row("Episodes with a contact", rules.Count(episodes, p)),
            Row("Cost per episode (£)", rules.Average(episodes == 0 ? null : costs.Total / episodes, episodes, p, 0)),
            Row("Contact hours with no unit cost", rules.Total(costs.UncostedHours, supported, p, 1)),
        ],
        "A contact costs its staff time in hours times its role's cost per hour (on-costs and overheads) effective on the last day of the "
        + "period, times 1 + the non-contact to contact time ratio.");
    }

    private static ReportTable Breakdown(string id, string title, string header, List<LivePerson> people, Func<LivePerson, string> key,
        Costing costs, DisclosureRules rules)
    {
        const bool p = false;
        var rows = people.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var supported = g.Where(x => costs.ByPerson.ContainsKey(x.Id)).ToList();
            var cost = supported.Sum(x => costs.ByPerson[x.Id]);
            var hours = supported.Sum(x => costs.HoursByPerson[x.Id]);
            return new ReportRow(g.Key,
            [
                rules.Count(g.Count(), p),
                rules.Count(supported.Count, p),
                rules.Average(supported.Count == 0 ? null : hours / supported.Count, supported.Count, p),
                rules.Average(supported.Count == 0 ? null : cost / supported.Count, supported.Count, p, 0),
            ]);
        }).ToList();
        return new ReportTable(id, title, header, ["People", "People supported", "Contact hours per person supported", "Cost per person supported (£)"],
            rows, null, ChartKind.Bars, 0, "people");
    }

    private static ReportTable SpecialistTime(LiveSnapshot s, Costing costs, DisclosureRules rules, bool p)
    {
        var n = costs.SupportWorkerPeople.Count;
        var atSpecialistRate = costs.SpecialistRate is { } rate ? costs.SupportWorkerHours * rate : (double?)null;
        ReportRow Row(string label, Cell value) => new(label, [value]);
        Cell Money(double? v) => v is { } x ? rules.Total(x, n, p) : Cell.NotComputable;
        return new ReportTable("specialist-time", "Specialist time released", "Measure", ["Value"],
        [
            Row("Support workers' contact hours", rules.Total(costs.SupportWorkerHours, n, p, 1)),
            Row("Their cost at support workers' rates (£)", Money(costs.SupportWorkerCost)),
            Row($"The same contacts at the {s.SpecialistRole.ToLowerInvariant()} rate (£)", Money(atSpecialistRate)),
            Row("Difference (£)", Money(atSpecialistRate - costs.SupportWorkerCost)),
        ],
        $"Specialist time released: what the support workers' contacts would have cost had a {s.SpecialistRole.ToLowerInvariant()} made them "
        + "(their contact hours times the specialist's cost per contact hour). – no unit cost is loaded for the specialist role.");
    }

    private static ReportTable UnitCosts(LiveSnapshot s)
    {
        // Programme reference data, not about people: shown exactly.
        var rows = s.UnitCosts.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => new ReportRow(u.Key,
            [Cell.Number(u.Value, 2), Cell.Number(u.Value * (1 + s.NonContactToContactRatio), 2)])).ToList();
        return new ReportTable("unit-costs", "Unit costs used", "Staff role", ["Cost per hour (£)", "Cost per contact hour (£)"], rows,
            string.Create(CultureInfo.InvariantCulture,
                $"Effective on {s.Filter.To:d MMM yyyy}; cost per contact hour = cost per hour × (1 + {s.NonContactToContactRatio:0.##}) for non-contact time."));
    }

    private static ReportTable StaffTime(LiveSnapshot s, DisclosureRules rules, bool p)
    {
        var rows = s.StaffTime.GroupBy(t => t.Role).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var staff = g.Select(t => t.StaffMemberId).Distinct().Count();
            var worked = g.Sum(t => t.DaysWorked);
            var lost = g.Sum(t => t.DaysLost);
            var staffCell = rules.Count(staff, p);
            // One worker's days lost is about that worker: hidden with the staff count.
            var hide = staffCell.State == CellState.Suppressed;
            return new ReportRow(g.Key,
            [
                staffCell,
                hide ? Cell.Suppressed : Cell.Number(worked, 1),
                hide ? Cell.Suppressed : Cell.Number(lost, 1),
                hide ? Cell.Suppressed : worked + lost <= 0 ? Cell.NotComputable : Cell.Number(lost / (worked + lost) * 100, 0),
            ]);
        }).ToList();
        return new ReportTable("staff-time", "Staff days worked and lost", "Staff role", ["Staff", "Days worked", "Days lost", "Days lost (%)"],
            rows, "From the monthly staff time records of months in the period.", ChartKind.Bars, 1, "days");
    }

    private static IEnumerable<ReportTable> CostEffectiveness(LiveSnapshot s, EvaluationResult? result, DisclosureRules rules, bool p)
    {
        var ce = result?.CostEffectiveness;
        var ni = ce?.InterventionPeople ?? 0;
        var nc = ce?.ComparatorPeople ?? 0;
        var both = Math.Min(ni, nc);
        Cell I(double? v, int d = 2) => rules.Average(v, ni, p, d);
        Cell C(double? v, int d = 2) => rules.Average(v, nc, p, d);
        Cell B(double? v, int d = 2) => rules.Average(v, both, p, d);
        var comparator = s.Comparator.Kind switch
        {
            ComparatorKind.Organisation => $"another organisation ({s.Comparator.Organisation}) over the same period",
            ComparatorKind.None => "none",
            _ => string.Create(CultureInfo.InvariantCulture, $"the service's earlier cohort, {s.ComparatorFrom:d MMM yyyy} to {s.ComparatorTo:d MMM yyyy}"),
        };
        var instrument = LiveInstruments.DisplayName(ce?.Instrument ?? EvaluationSettings.DefaultEffectInstrument);
        yield return new ReportTable("cost-effectiveness", "Cost-effectiveness against the comparator", "Measure", ["Value", "95% interval lower", "95% interval upper"],
        [
            new("People with both timepoints: intervention", [rules.Count(ni, p), Cell.NotComputable, Cell.NotComputable]),
            new("People with both timepoints: comparator", [rules.Count(nc, p), Cell.NotComputable, Cell.NotComputable]),
            new("Mean cost per person: intervention (£)", [I(ce?.MeanCostIntervention, 0), Cell.NotComputable, Cell.NotComputable]),
            new("Mean cost per person: comparator (£)", [C(ce?.MeanCostComparator, 0), Cell.NotComputable, Cell.NotComputable]),
            new("Mean improvement: intervention", [I(ce?.MeanEffectIntervention), Cell.NotComputable, Cell.NotComputable]),
            new("Mean improvement: comparator", [C(ce?.MeanEffectComparator), Cell.NotComputable, Cell.NotComputable]),
            new("Incremental cost (£)", [B(ce?.IncrementalCost, 0), B(ce?.IncrementalCostCi95Lower, 0), B(ce?.IncrementalCostCi95Upper, 0)]),
            new("Incremental effect", [B(ce?.IncrementalEffect), B(ce?.IncrementalEffectCi95Lower), B(ce?.IncrementalEffectCi95Upper)]),
            new("ICER (£ per point of improvement)", [B(ce?.Icer, 0), B(ce?.IcerCi95Lower, 0), B(ce?.IcerCi95Upper, 0)]),
        ],
        $"Effect: improvement in {instrument.ToLowerInvariant()} from baseline to follow-up, signed so that positive is better. Comparator: {comparator}. "
        + "Intervals are seeded bootstrap percentiles.");

        var curve = (ce?.Acceptability ?? []).Select(a => new ReportRow(
            string.Create(CultureInfo.GetCultureInfo("en-GB"), $"£{a.WillingnessToPay:N0}"),
            [a.Probability is { } prob ? B(prob * 100, 0) : Cell.NotComputable])).ToList();
        yield return new ReportTable("acceptability", "Cost-effectiveness acceptability curve", "Willingness to pay per point of improvement",
            ["Probability cost-effective (%)"], curve, "The share of bootstrap resamples in which the service is cost-effective at each willingness to pay.",
            ChartKind.Line, 0, "%");
    }
}
