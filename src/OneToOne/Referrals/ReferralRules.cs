using System.ComponentModel.DataAnnotations;
using OneToOne.People;

namespace OneToOne.Referrals;

/// <summary>What someone gave about a referral (page form, API body or CSV row), checked by <see cref="ReferralRules"/>.</summary>
internal sealed class ReferralDetails
{
    [Display(Name = "Where the referral came from")]
    public ReferralSource? Source { get; set; }

    [Display(Name = "Referrer's name")]
    public string? ReferrerName { get; set; }

    [Display(Name = "Referrer's team or organisation (optional)")]
    public string? ReferrerOrganisation { get; set; }

    [Display(Name = "Date received")]
    public DateOnly? ReceivedOn { get; set; }

    [Display(Name = "Reason for referral")]
    public string? Reason { get; set; }

    [Display(Name = "End of treatment summary (optional)")]
    public string? EndOfTreatmentSummary { get; set; }

    [Display(Name = "Urgency")]
    public ReferralUrgency Urgency { get; set; }

    [Display(Name = "What the referrer says about the person's situation")]
    public List<NeedIndicators> Needs { get; set; } = [];

    public NeedIndicators CombinedNeeds => Needs.Aggregate(NeedIndicators.None, (all, n) => all | n);
}

/// <summary>Referral rules shared by every way a referral arrives. Pure.</summary>
internal static class ReferralRules
{
    public const int ReferrerMax = 200;
    public const string SelfReferrer = "Self-referral";
    public const string ReceivedInFutureMessage = "The date received must be today or in the past";
    public const string ReceivedTooLongAgoMessage = "The date received must be within the last year";
    public const string DuplicateMessage = "This referral has already been recorded";

    public static readonly IReadOnlyList<(ReferralSource Value, string Text)> Sources =
    [
        (ReferralSource.HospitalTeam, "Hospital team"),
        (ReferralSource.GeneralPractice, "GP"),
        (ReferralSource.SelfReferral, "Self-referral"),
        (ReferralSource.OtherService, "Another service"),
    ];

    public static readonly IReadOnlyList<(ReferralUrgency Value, string Text)> Urgencies =
    [
        (ReferralUrgency.Routine, "Routine"),
        (ReferralUrgency.Soon, "Soon"),
        (ReferralUrgency.Urgent, "Urgent"),
    ];

    public static readonly IReadOnlyList<(NeedIndicators Value, string Text)> Needs =
    [
        (NeedIndicators.AdvancedOrMetastaticDisease, "Advanced or metastatic disease"),
        (NeedIndicators.OngoingTreatment, "Ongoing treatment"),
        (NeedIndicators.UncontrolledSymptoms, "Uncontrolled symptoms"),
        (NeedIndicators.MultipleLongTermConditions, "Multiple long-term conditions"),
        (NeedIndicators.ComplexPsychologicalNeeds, "Complex psychological needs"),
        (NeedIndicators.SafeguardingConcern, "Safeguarding concern"),
        (NeedIndicators.LivesAloneOrLimitedSupport, "Lives alone or has limited support"),
        (NeedIndicators.FinancialOrHousingDifficulty, "Financial or housing difficulty"),
        (NeedIndicators.SideEffectsNeedingClinicalReview, "Side effects needing clinical review"),
        (NeedIndicators.ConcernAboutRecurrence, "Concern about recurrence"),
    ];

    public static string SourceText(ReferralSource s) => Sources.FirstOrDefault(x => x.Value == s).Text ?? s.ToString();

    public static string UrgencyText(ReferralUrgency u) => Urgencies.FirstOrDefault(x => x.Value == u).Text ?? u.ToString();

    public static IEnumerable<string> NeedTexts(NeedIndicators flags) =>
        Needs.Where(n => flags.HasFlag(n.Value)).Select(n => n.Text);

    public static IEnumerable<NeedIndicators> Split(NeedIndicators flags) =>
        Needs.Where(n => flags.HasFlag(n.Value)).Select(n => n.Value);

    public static string StatusText(ReferralStatus s) => s switch
    {
        ReferralStatus.Received => "Waiting for triage",
        ReferralStatus.Accepted => "Accepted, waiting for a key worker",
        ReferralStatus.Declined => "Declined",
        ReferralStatus.Redirected => "Redirected",
        ReferralStatus.Allocated => "Allocated",
        ReferralStatus.Active => "Active",
        ReferralStatus.Discharged => "Discharged",
        ReferralStatus.Linked => "Linked to an open referral",
        _ => s.ToString(),
    };

    public static (ReferralDetails? Normalised, IReadOnlyList<FieldError> Errors) Check(ReferralDetails input, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<FieldError>();
        void Add(string field, string message) => errors.Add(new FieldError(field, message));

        if (input.Source is not { } source || !Enum.IsDefined(source))
        {
            Add(nameof(ReferralDetails.Source), "Select where the referral came from");
        }

        var referrer = input.ReferrerName?.Trim();
        if (string.IsNullOrEmpty(referrer))
        {
            if (input.Source == ReferralSource.SelfReferral)
            {
                referrer = SelfReferrer;
            }
            else
            {
                Add(nameof(ReferralDetails.ReferrerName), "Enter the referrer's name");
            }
        }
        else if (referrer.Length > ReferrerMax)
        {
            Add(nameof(ReferralDetails.ReferrerName), PersonRules.TooLong("Referrer's name", ReferrerMax));
        }

        var organisation = input.ReferrerOrganisation?.Trim();
        if (organisation?.Length > ReferrerMax)
        {
            Add(nameof(ReferralDetails.ReferrerOrganisation), PersonRules.TooLong("Referrer's team or organisation", ReferrerMax));
        }

        if (input.ReceivedOn is not { } received)
        {
            Add(nameof(ReferralDetails.ReceivedOn), "Enter the date the referral was received");
        }
        else if (received > today)
        {
            Add(nameof(ReferralDetails.ReceivedOn), ReceivedInFutureMessage);
        }
        else if (received < today.AddYears(-1))
        {
            Add(nameof(ReferralDetails.ReceivedOn), ReceivedTooLongAgoMessage);
        }

        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            Add(nameof(ReferralDetails.Reason), "Enter the reason for the referral");
        }
        else if (reason.Length > Referral.ReasonMax)
        {
            Add(nameof(ReferralDetails.Reason), PersonRules.TooLong("Reason for referral", Referral.ReasonMax));
        }

        var summary = input.EndOfTreatmentSummary?.Trim();
        if (summary?.Length > Referral.SummaryMax)
        {
            Add(nameof(ReferralDetails.EndOfTreatmentSummary), PersonRules.TooLong("End of treatment summary", Referral.SummaryMax));
        }

        if (!Enum.IsDefined(input.Urgency))
        {
            Add(nameof(ReferralDetails.Urgency), "Select the urgency");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new ReferralDetails
        {
            Source = input.Source,
            ReferrerName = referrer,
            ReferrerOrganisation = string.IsNullOrEmpty(organisation) ? null : organisation,
            ReceivedOn = input.ReceivedOn,
            Reason = reason,
            EndOfTreatmentSummary = string.IsNullOrEmpty(summary) ? null : summary,
            Urgency = input.Urgency,
            Needs = [.. input.Needs.Distinct()],
        }, errors);
    }

    /// <summary>The suggestion for a referral; recomputed on demand because it depends only on what the referrer said.</summary>
    public static StratificationSuggestion Suggest(Referral r) =>
        StratificationSuggester.Suggest(new StratificationInput(r.NeedIndicators, r.Urgency, r.Reason, r.EndOfTreatmentSummary));
}
