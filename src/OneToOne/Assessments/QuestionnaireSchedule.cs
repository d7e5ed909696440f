using OneToOne.Evaluation;
using OneToOne.Platform.Time;

namespace OneToOne.Assessments;

/// <summary>Where one questionnaire stands at one timepoint of an episode.</summary>
public enum OfferState
{
    /// <summary>Submitted (On is the UK date).</summary>
    Done,

    /// <summary>Started or sent to the person, not yet submitted.</summary>
    Started,

    /// <summary>Due now (On is when it fell due, if it has a date).</summary>
    Due,

    /// <summary>Not due yet (On is when it falls due, if known).</summary>
    Later,

    /// <summary>Before discharge: offered with the discharge.</summary>
    AtDischarge,

    /// <summary>This questionnaire is not asked at this timepoint.</summary>
    NotAsked,
}

public sealed record TimepointOffer(Timepoint Timepoint, OfferState State, DateOnly? On);

/// <summary>A response as the schedule needs it: when it was started and submitted (null while in progress).</summary>
public sealed record OfferedResponse(string InstrumentCode, Timepoint Timepoint, DateTimeOffset StartedAt, DateTimeOffset? SubmittedAt);

/// <summary>The pure rules of when the outcome and experience questionnaires are offered (issue 5): the outcome
/// questionnaire at baseline (the first assessment), at follow-up (a configurable number of months after the baseline,
/// 3 by default) and before discharge; the experience questionnaire at follow-up and before discharge only, because at
/// the start of support there is no experience of it to rate.</summary>
public static class QuestionnaireSchedule
{
    public static readonly IReadOnlyList<Timepoint> Timepoints = [Timepoint.Baseline, Timepoint.Review, Timepoint.Discharge];

    public const string ExperienceNotAtBaseline =
        "The experience questionnaire asks about the support so far: offer it at follow-up or before discharge";

    public static bool IsAsked(string instrumentCode, Timepoint timepoint) =>
        timepoint != Timepoint.Adhoc && !(timepoint == Timepoint.Baseline && string.Equals(instrumentCode, EvaluationInstruments.ExperienceCode, StringComparison.Ordinal));

    public static string TimepointText(Timepoint timepoint) => timepoint switch
    {
        Timepoint.Baseline => "Baseline (start of support)",
        Timepoint.Review => "Follow-up",
        Timepoint.Discharge => "Before discharge",
        _ => "Another time",
    };

    /// <summary>The UK date the follow-up falls due: the given months after the baseline's UK date (end of month clamps).</summary>
    public static DateOnly FollowUpDue(DateTimeOffset baselineSubmittedAt, int followUpMonths) =>
        UkDate(baselineSubmittedAt).AddMonths(followUpMonths);

    /// <summary>Each timepoint's state for one questionnaire, from the episode's responses (any instrument; only
    /// <paramref name="instrumentCode"/>'s count, and the outcome questionnaire's baseline times the follow-up of both).</summary>
    public static IReadOnlyList<TimepointOffer> Plan(string instrumentCode, IReadOnlyCollection<OfferedResponse> responses, int followUpMonths, DateOnly today)
    {
        var mine = responses.Where(r => string.Equals(r.InstrumentCode, instrumentCode, StringComparison.Ordinal)).ToList();
        var baseline = responses
            .Where(r => string.Equals(r.InstrumentCode, EvaluationInstruments.OutcomesCode, StringComparison.Ordinal) && r.Timepoint == Timepoint.Baseline && r.SubmittedAt is not null)
            .OrderBy(r => r.SubmittedAt).FirstOrDefault();
        var offers = new List<TimepointOffer>();
        foreach (var timepoint in Timepoints)
        {
            if (!IsAsked(instrumentCode, timepoint))
            {
                offers.Add(new TimepointOffer(timepoint, OfferState.NotAsked, null));
                continue;
            }

            var at = mine.Where(r => r.Timepoint == timepoint).ToList();
            if (at.Where(r => r.SubmittedAt is not null).OrderBy(r => r.SubmittedAt).FirstOrDefault() is { } done)
            {
                offers.Add(new TimepointOffer(timepoint, OfferState.Done, UkDate(done.SubmittedAt!.Value)));
                continue;
            }

            if (at.Count > 0)
            {
                offers.Add(new TimepointOffer(timepoint, OfferState.Started, UkDate(at.Max(r => r.StartedAt))));
                continue;
            }

            DateOnly? followUp = baseline is null ? null : FollowUpDue(baseline.SubmittedAt!.Value, followUpMonths);
            offers.Add(timepoint switch
            {
                Timepoint.Baseline => new TimepointOffer(timepoint, OfferState.Due, null),
                Timepoint.Review => new TimepointOffer(timepoint, followUp <= today ? OfferState.Due : OfferState.Later, followUp),
                _ => new TimepointOffer(timepoint, OfferState.AtDischarge, null),
            });
        }

        return offers;
    }

    /// <summary>The timepoint to suggest: the first asked one not done or started, in order; else before discharge.</summary>
    public static Timepoint Suggest(IReadOnlyList<TimepointOffer> plan) =>
        plan.FirstOrDefault(o => o.State is OfferState.Due or OfferState.Later or OfferState.AtDischarge)?.Timepoint ?? Timepoint.Discharge;

    public static string Describe(TimepointOffer offer) => offer.State switch
    {
        OfferState.Done => "Completed " + UkTime.Format(offer.On),
        OfferState.Started => "Started or sent " + UkTime.Format(offer.On) + ", not completed yet",
        OfferState.Due when offer.On is { } on => "Due since " + UkTime.Format(on),
        OfferState.Due => "Due now",
        OfferState.Later when offer.On is { } on => "Due from " + UkTime.Format(on),
        OfferState.Later => "After the baseline outcome questionnaire",
        OfferState.AtDischarge => "Before discharge",
        _ => "Not asked",
    };

    private static DateOnly UkDate(DateTimeOffset at) => DateOnly.FromDateTime(UkTime.ToUk(at).DateTime);
}
