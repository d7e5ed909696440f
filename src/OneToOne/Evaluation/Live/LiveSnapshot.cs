using OneToOne.Contacts;
using OneToOne.Referrals;

namespace OneToOne.Evaluation.Live;

/// <summary>What the comparison group of the cost-effectiveness analysis is. The live database holds only people the service
/// supported, so a comparator is either an earlier cohort of the service (the same length of time just before the period:
/// "before", the default) or another organisation over the same period ("another site"); None leaves cost-effectiveness
/// not computable.</summary>
public enum ComparatorKind
{
    EarlierPeriod = 0,
    Organisation = 1,
    None = 2,
}

/// <summary>The comparison: its kind and, for another organisation, that organisation's ODS code.</summary>
public sealed record Comparator(ComparatorKind Kind, string? Organisation = null)
{
    public static readonly Comparator Default = new(ComparatorKind.EarlierPeriod);
}

/// <summary>One de-identified person of the evaluation: internal id only for joining in memory (never shown or exported),
/// the keyed pseudonym and the cohort fields. Index is the person's place in the snapshot (0, 1, 2... in the order read), which
/// the person's contacts and scores carry too, so that they can be gathered by position rather than looked up by id.</summary>
internal sealed record LivePerson(
    Guid Id,
    string Key,
    Guid OrganisationId,
    string Organisation,
    Cohort Cohort,
    PathwayLevel? Level,
    string TumourSite,
    string AgeBand,
    string Sex,
    bool InCohort,
    DateOnly? FirstEpisodeOn,
    string Ethnicity,
    int Index);

/// <summary>A referral as the evaluation needs it (UK dates only).</summary>
internal sealed record LiveReferral(
    Guid Id,
    Guid PersonId,
    string Organisation,
    DateOnly ReceivedOn,
    ReferralStatus Status,
    PathwayLevel? Level,
    DateOnly? TriagedOn,
    DateOnly? AllocatedOn,
    DateOnly? FirstContactOn,
    DateOnly? DischargedOn,
    Guid? KeyWorkerId);

/// <summary>A contact as the evaluation needs it. Minutes is its recorded length; StaffMinutes the staff time it took: the
/// length, or for a group session the length shared among those who attended (a 60-minute group of six is 10 minutes of
/// staff time per attendee).</summary>
internal readonly record struct LiveContact(
    Guid PersonId,
    Guid? ReferralId,
    string Organisation,
    DateOnly Date,
    ContactMode Mode,
    double Minutes,
    double StaffMinutes,
    string Role,
    bool SupportWorker,
    Cohort Cohort,
    int PersonIndex);

internal readonly record struct LiveScore(Guid PersonId, string Instrument, EvaluationTimepoint Timepoint, double Score, DateOnly SubmittedOn, int PersonIndex);

internal sealed record LiveEvent(Guid PersonId, string Organisation, DateOnly On, string Category = "", bool Closed = false);

internal sealed record LiveStaffTime(Guid StaffMemberId, string Organisation, string Role, DateOnly Month, double DaysWorked, double DaysLost);

internal sealed record LiveStaff(Guid Id, string Organisation, string Role, int Band, bool Registered, bool SupportWorker);

/// <summary>Everything the dashboards, the report and the downloads compute from, read once per view from the database
/// (see <see cref="LiveEvaluationReader"/>). Intervention people are those the measures describe; comparator people take
/// part only in cost-effectiveness.</summary>
internal sealed class LiveSnapshot
{
    public required EvaluationFilter Filter { get; init; }
    public required Comparator Comparator { get; init; }

    /// <summary>The comparator cohort's period (the earlier period, or the same period for another organisation).</summary>
    public DateOnly ComparatorFrom { get; init; }
    public DateOnly ComparatorTo { get; init; }

    /// <summary>Organisations in scope (ODS code → name), in ODS order.</summary>
    public required IReadOnlyDictionary<string, string> Organisations { get; init; }

    /// <summary>Every person the snapshot needed, by internal id: cohort members (InCohort) and people who only made a
    /// referral or asked for help after discharge.</summary>
    public required Dictionary<Guid, LivePerson> People { get; init; }

    /// <summary>Referrals received in the period, of people who match the filter.</summary>
    public required List<LiveReferral> Referrals { get; init; }

    /// <summary>Episodes (accepted referrals) of cohort people that overlap their cohort's period.</summary>
    public required List<LiveReferral> Episodes { get; init; }

    /// <summary>Contacts of cohort people in their cohort's period (narrowed to the staff role filter, if any).</summary>
    public required List<LiveContact> Contacts { get; init; }

    public required List<LiveScore> Scores { get; init; }

    /// <summary>Experience comments in the period: how many (their text is never read below programme level).</summary>
    public int Comments { get; init; }

    public required List<LiveEvent> Escalations { get; init; }
    public required List<LiveEvent> ServiceReferrals { get; init; }
    public required List<LiveEvent> HelpAfterDischarge { get; init; }
    public required List<LiveStaffTime> StaffTime { get; init; }

    /// <summary>Key workers (with their organisation and role) for caseload sizes.</summary>
    public required Dictionary<Guid, LiveStaff> Staff { get; init; }

    /// <summary>Cost per hour of each role (on-costs and overheads) effective at the end of the period, before the non-contact ratio.</summary>
    public required Dictionary<string, double> UnitCosts { get; init; }

    public required double NonContactToContactRatio { get; init; }
    public required string SpecialistRole { get; init; }
    public required IReadOnlyList<EvaluationInstrument> Instruments { get; init; }

    /// <summary>True when nothing narrows the people below the whole programme (period apart): every figure may be exact.
    /// Another organisation as the comparator takes it out of the intervention, and "everyone but one organisation" next to
    /// the programme's own totals would give that organisation's figures away, so that is below programme level too.</summary>
    public bool ProgrammeLevel => LiveFilters.IsProgrammeLevel(Filter) && Comparator.Kind != ComparatorKind.Organisation;

    public IEnumerable<LivePerson> Intervention => People.Values.Where(p => p.InCohort && p.Cohort == Cohort.Intervention);

    /// <summary>The cost of one contact hour of a role, non-contact time included; null when no unit cost is loaded for the role.</summary>
    public double? CostPerContactHour(string role) =>
        UnitCosts.TryGetValue(role, out var perHour) ? perHour * (1 + NonContactToContactRatio) : null;
}
