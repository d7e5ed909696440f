namespace OneToOne.PatientAccess;

/// <summary>Settings for the person's own access (sign-in with a one-time code, their pages) and for easy access
/// back after discharge (the open-access period and requests for help). Section "PersonAccess".</summary>
public sealed class PersonAccessOptions
{
    public const string Section = "PersonAccess";

    /// <summary>How people prove who they are: "code" (a one-time code by email or SMS). "nhs-login" is the seam for
    /// NHS login (OpenID Connect) once the service is sponsored: it must end in <see cref="PersonSessions.SignInAsync"/>.</summary>
    public string SignInMethod { get; set; } = "code";

    public int CodeValidMinutes { get; set; } = 10;

    /// <summary>Wrong codes allowed before the code stops working.</summary>
    public int CodeAttempts { get; set; } = 5;

    /// <summary>Codes sent to one person per hour; further requests look the same on screen but send nothing.</summary>
    public int CodesPerPersonPerHour { get; set; } = 5;

    /// <summary>Sign-in and code posts per minute from one IP address.</summary>
    public int SignInAttemptsPerMinutePerIp { get; set; } = 10;

    /// <summary>A person's session is short and ends when they are idle this long.</summary>
    public int SessionMinutes { get; set; } = 20;

    /// <summary>Whether "Who has looked at my record" names staff. Off by default: NHS practice (e.g. the NHS App) shows
    /// the organisation and role; the names are available to the person through a subject access request.</summary>
    public bool ShowStaffNamesInAccessLog { get; set; }

    /// <summary>How long after discharge a person may ask for help without a new referral.</summary>
    public int OpenAccessMonths { get; set; } = 12;

    /// <summary>Working days the team has to answer a request for help.</summary>
    public int HelpRequestWorkingDays { get; set; } = 2;

    /// <summary>Working days a registered practitioner has to answer a request that reports a red flag (0: the same working day).</summary>
    public int RedFlagWorkingDays { get; set; }

    /// <summary>Working days to send the GP the letter when an open-access period ends.</summary>
    public int GpLetterWorkingDays { get; set; } = 5;

    /// <summary>Working days to review a before-discharge assessment sent to the person.</summary>
    public int DischargeAssessmentReviewWorkingDays { get; set; } = 10;
}
