using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Bogus;
using Person = OneToOne.People.Person;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;
using OneToOne.Allocation;
using OneToOne.Assessments;
using OneToOne.CarePlans;
using OneToOne.Contacts;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Data;
using OneToOne.Referrals;
using OneToOne.ServiceDirectory;
using OneToOne.Workforce;

namespace OneToOne.Platform.Seeding;

/// <summary>What the synthetic seed writes besides people and referrals: the demo organisation's people with five years of
/// history (assessments, a care plan with agreed versions, contacts, service referrals) and the programme directory.</summary>
/// <param name="HistoryPeople">How many of the first organisation's people get five years of history (capped at its share);
/// null for the default, a tenth of them up to <see cref="SyntheticPopulation.MaxDefaultHistoryPeople"/>.</param>
/// <param name="DirectoryServices">Synthetic directory services to add.</param>
/// <param name="Instrument">The shipped HNA version the history's assessments answer.</param>
/// <param name="ResponseDueOn">A service referral's response deadline from the UK day it was sent (the app's working-day rule).</param>
/// <param name="ExistingServices">Services already in the directory (with categories and areas), which the history may refer to too.</param>
/// <param name="EvaluationActivity">Every other person supported by a key worker also gets what the evaluation reads: a few
/// contacts and assessments at baseline, follow-up and discharge (<see cref="SyntheticPopulation"/>, AddEvaluationActivity).</param>
internal sealed record SeedExtras(int? HistoryPeople, int DirectoryServices, Instrument Instrument, Func<DateOnly, DateOnly> ResponseDueOn,
    IReadOnlyList<DirectoryService> ExistingServices, bool EvaluationActivity = false);

/// <summary>People and referrals in every state, at national scale (1,000,000 people in well under three minutes), with a
/// sample of people with five years of history and a national-size service directory (<see cref="SeedExtras"/>).
/// The bulk bypasses EF change tracking: binary COPY on PostgreSQL, one transaction of prepared INSERTs on SQLite.
/// Generation runs on its own thread and hands batches to the writer, so both cores work.
/// Deterministic for a given day: Bogus and the generator are seeded, and "now" is the start of the UTC day.</summary>
internal static partial class SyntheticPopulation
{
    private const int Seed = 20261124;
    private const int BatchPeople = 5_000;
    private const int ProgressEvery = 100_000;

    /// <summary>The default sample with five years of history is at most this many people (what 1,000,000 people get).</summary>
    public const int MaxDefaultHistoryPeople = 2000;

    public static async Task<string> SeedAsync(OneToOneDb db, IReadOnlyList<Organisation> organisations, Workforce workforce,
        IReadOnlyList<StaffRole> roles, int people, SeedExtras extras, TextWriter log, CancellationToken ct)
    {
        if (people <= 0 || organisations.Count == 0)
        {
            return "0 people, 0 referrals";
        }

        var evaluationActivity = extras.EvaluationActivity;
        var started = Stopwatch.GetTimestamp();
        var today = DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime);
        var now = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var directory = SyntheticDirectory.Generate(extras.DirectoryServices, Seed, "o2o-synthetic",
            [.. DemoData.Partners.Select(p => p.Area)], now);
        var generator = new Generator(organisations, workforce, roles, people, today, extras, directory);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  generating {people:N0} people ({generator.HistoryPeople:N0} with five years of history) and {directory.Count:N0} directory services as of {today:yyyy-MM-dd} into {(db.Database.IsNpgsql() ? "PostgreSQL (binary COPY)" : "SQLite (prepared INSERTs)")} ({Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s)"));
        await using IBulkSink sink = db.Database.IsNpgsql() ? new PostgresSink(db) : new SqliteSink(db);
        await sink.BeginAsync(ct);
        // The directory first: the history's service referrals and plan actions point at its services.
        await sink.WriteDirectoryAsync(directory, ct);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var channel = Channel.CreateBounded<Batch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var batch in generator.Batches())
                {
                    await channel.Writer.WriteAsync(batch, stop.Token);
                }

                channel.Writer.Complete();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                channel.Writer.Complete(e);
            }
        }, stop.Token);

        var totals = new Totals();
        var nextReport = ProgressEvery;
        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(stop.Token))
            {
                await sink.WriteAsync(batch, stop.Token);
                totals.Add(batch);
                if (totals.People >= nextReport || totals.People == people)
                {
                    nextReport += ProgressEvery;
                    await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"  {totals.People,10:N0} people, {totals.Referrals,10:N0} referrals ({Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s)"));
                }
            }

            await producer;
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }

        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  committing and finishing indexes ({Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s)"));
        await sink.CommitAsync(ct);

        // One audit event per organisation, through the normal chain (sequence and hash assigned on save).
        var trail = new AuditTrail(db, db.CurrentUser, db.Clock);
        foreach (var organisation in organisations)
        {
            var counts = generator.CountsFor(organisation.Id);
            var history = organisation.Id == organisations[0].Id && totals.HistoryPeople > 0
                ? string.Create(CultureInfo.InvariantCulture, $" {totals.HistoryPeople} of them with five years of history.")
                : "";
            trail.Record("seed.bulk", "Organisation", organisation.Id, organisationId: organisation.Id, detail: string.Create(CultureInfo.InvariantCulture,
                $"Synthetic population seeded: {counts.People} people, {counts.Referrals} referrals, {counts.Triage} triage decisions, {counts.Assignments} key worker assignments.{history}"));
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  statuses: {string.Join(", ", generator.StatusCounts.Select(kv => $"{kv.Key} {kv.Value:N0}"))}; {generator.Waiting:N0} left Accepted for want of key-worker capacity"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{totals.People:N0} people, {totals.Referrals:N0} referrals, {totals.Triage:N0} triage decisions, {totals.Assignments:N0} key worker assignments; "
            + $"{totals.HistoryPeople:N0} people with five years of history{(evaluationActivity ? " and everyone else supported with evaluation activity" : "")} "
            + $"({totals.Assessments:N0} assessments with {totals.Answers:N0} answers, {totals.PlanVersions:N0} agreed plan versions, {totals.Contacts:N0} contacts, {totals.ServiceReferrals:N0} service referrals); "
            + $"{directory.Count:N0} directory services (bulk {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s)");
    }

    /// <summary>A valid NHS number from the 999 test range (never issued), or null when <paramref name="index"/> lands on a body
    /// whose check digit would be 10. The index is scrambled by a bijection on 0..999,999, so consecutive people do not get
    /// consecutive numbers; indexes below 1,000,000 give distinct numbers.</summary>
    private static string? TestNhsNumber(long index)
    {
        // 7,919 is prime and coprime with 10^6, so this is a permutation of the six-digit bodies.
        var body = (int)(((index % 1_000_000) * 7_919 + 123_457) % 1_000_000);
        Span<int> digits = stackalloc int[9];
        digits[0] = 9;
        digits[1] = 9;
        digits[2] = 9;
        var rest = body;
        for (var i = 8; i >= 3; i--)
        {
            digits[i] = rest % 10;
            rest /= 10;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += digits[i] * (10 - i);
        }

        var check = 11 - (sum % 11);
        if (check == 11)
        {
            check = 0;
        }

        if (check == 10)
        {
            return null;
        }

        return string.Create(CultureInfo.InvariantCulture, $"999{body:D6}{check}");
    }

    private static DateOnly AddWorkingDays(DateOnly date, int days)
    {
        var d = date;
        while (days > 0)
        {
            d = d.AddDays(1);
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days--;
            }
        }

        return d;
    }

    private sealed class Batch
    {
        public List<Person> People { get; } = new(BatchPeople);
        public List<Referral> Referrals { get; } = new(BatchPeople * 6 / 5);
        public List<TriageDecision> Triage { get; } = new(BatchPeople * 6 / 5);
        public List<KeyWorkerAssignment> Assignments { get; } = new(BatchPeople);
        public int HistoryPeople { get; set; }
        public List<AssessmentResponse> Responses { get; } = [];
        public List<AssessmentAnswer> Answers { get; } = [];
        public List<CarePlan> Plans { get; } = [];
        public List<CarePlanConcern> PlanConcerns { get; } = [];
        public List<CarePlanAction> PlanActions { get; } = [];
        public List<CarePlanVersion> PlanVersions { get; } = [];
        public List<Contact> Contacts { get; } = [];
        public List<ServiceReferral> ServiceReferrals { get; } = [];
    }

    private sealed class Totals
    {
        public long People { get; set; }
        public long Referrals { get; set; }
        public long Triage { get; set; }
        public long Assignments { get; set; }
        public long HistoryPeople { get; set; }
        public long Assessments { get; set; }
        public long Answers { get; set; }
        public long Plans { get; set; }
        public long PlanVersions { get; set; }
        public long Contacts { get; set; }
        public long ServiceReferrals { get; set; }

        public void Add(Batch b)
        {
            People += b.People.Count;
            Referrals += b.Referrals.Count;
            Triage += b.Triage.Count;
            Assignments += b.Assignments.Count;
            HistoryPeople += b.HistoryPeople;
            Assessments += b.Responses.Count;
            Answers += b.Answers.Count;
            Plans += b.Plans.Count;
            PlanVersions += b.PlanVersions.Count;
            Contacts += b.Contacts.Count;
            ServiceReferrals += b.ServiceReferrals.Count;
        }
    }

    /// <summary>A staff member with the weighted caseload they hold in this seed.</summary>
    private sealed class Worker(StaffMember staff, StaffRole role)
    {
        public StaffMember Staff { get; } = staff;
        public StaffRole Role { get; } = role;
        public int Capacity { get; } = (int)Math.Floor(staff.CaseloadCapacity);
        public int Load { get; set; }
    }

    /// <summary>Workers who may carry one level, with the ones that still have room kept at the front.</summary>
    private sealed class Pool(List<Worker> workers)
    {
        private readonly List<Worker> all = workers;
        private readonly List<Worker> open = [.. workers];

        public bool IsEmpty => all.Count == 0;

        public Worker Any(Random random) => all[random.Next(all.Count)];

        /// <summary>A random worker with room for <paramref name="weight"/> units, or null when everyone is full.</summary>
        public Worker? WithRoom(Random random, int weight)
        {
            if (open.Count == 0)
            {
                return null;
            }

            var start = random.Next(open.Count);
            for (var n = 0; n < open.Count; n++)
            {
                var i = (start + n) % open.Count;
                var w = open[i];
                if (w.Load + weight <= w.Capacity)
                {
                    return w;
                }
            }

            return null;
        }

        public void Prune()
        {
            open.RemoveAll(w => w.Load >= w.Capacity);
        }
    }

    private sealed class OrganisationPlan
    {
        public required Organisation Organisation { get; init; }
        public required string Area { get; init; }
        public int People { get; init; }
        /// <summary>Support workers first for self-management, so practitioners keep room for the higher levels.</summary>
        public required Pool[] SelfManagement { get; init; }
        public required Pool SharedCare { get; init; }
        public required Pool Complex { get; init; }
        public required List<StaffMember> Practitioners { get; init; }
        /// <summary>How many more of this organisation's people get five years of history.</summary>
        public int HistoryLeft { get; set; }
        public (int People, int Referrals, int Triage, int Assignments) Counts { get; set; }
    }

    private sealed partial class Generator
    {
        // Statuses of each person's latest referral, as shares of people. Chosen so that, with 15% of people having an
        // older discharged referral and ~2.35% a linked one, the share of all referrals is about: Received 6%, Accepted 3%,
        // Declined 3%, Redirected 2%, Allocated 4%, Active 10%, Discharged 70%, Linked 2%.
        private static readonly (ReferralStatus Status, double Share)[] LatestStatus =
        [
            (ReferralStatus.Received, 0.0704),
            (ReferralStatus.Accepted, 0.0352),
            (ReferralStatus.Declined, 0.0352),
            (ReferralStatus.Redirected, 0.0235),
            (ReferralStatus.Allocated, 0.0469),
            (ReferralStatus.Active, 0.1173),
            (ReferralStatus.Discharged, 0.6715),
        ];

        private const double OlderReferralShare = 0.15;
        /// <summary>Of people whose latest referral is open (about 27%), this share also have a linked one: ~2% of referrals.</summary>
        private const double LinkedShare = 0.087;

        private static readonly string[] Languages = ["polish", "urdu", "punjabi", "bengali", "gujarati", "arabic", "romanian", "cantonese", "somali"];
        private static readonly string[] Relationships = ["partner", "wife", "husband", "daughter", "son", "sister", "brother", "friend", "parent", "neighbour"];
        private static readonly string[] AccessNeeds = ["Large print letters", "Hearing loop in face-to-face appointments", "Wheelchair user: step-free access", "British Sign Language interpreter", "Easy read information", "Prefers appointments in the afternoon"];
        private static readonly string[] InwardLetters = ["A", "B", "D", "E", "F", "G", "H", "J", "L", "N", "P", "Q", "R", "S", "T", "U", "W", "X", "Y", "Z"];
        private static readonly string[] Treatments = ["surgery", "chemotherapy", "radiotherapy", "surgery and chemotherapy", "chemoradiotherapy", "hormone therapy", "immunotherapy"];
        private static readonly string[] ReasonTemplates =
        [
            "End of treatment for {0} cancer; would like support with fatigue and returning to work.",
            "Finished {0} cancer treatment; worried about recurrence and struggling to sleep.",
            "Living with {0} cancer; money worries and needs benefits advice.",
            "Completed treatment for {0} cancer; lives alone and feels isolated.",
            "{0} cancer: ongoing side effects; wants help to get back to exercise.",
            "After {0} cancer treatment: anxiety, low mood and concerns about family.",
            "{0} cancer survivor; practical help needed with transport to appointments.",
            "Recently discharged from {0} cancer follow-up; asked for a holistic needs assessment.",
        ];

        private static readonly (NeedIndicators Flag, string Text)[] ComplexNeeds =
        [
            (NeedIndicators.AdvancedOrMetastaticDisease, "Advanced or metastatic disease"),
            (NeedIndicators.UncontrolledSymptoms, "Uncontrolled symptoms"),
            (NeedIndicators.ComplexPsychologicalNeeds, "Complex psychological needs"),
            (NeedIndicators.SafeguardingConcern, "Safeguarding concern"),
        ];

        private static readonly (NeedIndicators Flag, string Text)[] SharedNeeds =
        [
            (NeedIndicators.OngoingTreatment, "Ongoing treatment"),
            (NeedIndicators.MultipleLongTermConditions, "Multiple long-term conditions"),
            (NeedIndicators.SideEffectsNeedingClinicalReview, "Side effects needing clinical review"),
        ];

        private static readonly (NeedIndicators Flag, string Text)[] LowNeeds =
        [
            (NeedIndicators.LivesAloneOrLimitedSupport, "Lives alone or has limited support"),
            (NeedIndicators.FinancialOrHousingDifficulty, "Financial or housing difficulty"),
            (NeedIndicators.ConcernAboutRecurrence, "Concern about recurrence"),
        ];

        private readonly Random random = new(Seed);

        // Ethnicity has its own seeded stream, so adding it left every other seeded value as it was.
        private readonly Random ethnicityRandom = new(Seed + 1);
        private readonly List<OrganisationPlan> plans = [];
        private readonly DateOnly today;
        private readonly DateOnly earliest;
        private readonly string[] femaleNames;
        private readonly string[] maleNames;
        private readonly string[] familyNames;
        private readonly string[] gpPractices;
        private readonly string[] hospitals;
        private readonly string[] services;
        private readonly string[] femaleSites;
        private readonly string[] maleSites;
        private readonly Dictionary<Guid, (int People, int Referrals, int Triage, int Assignments)> counts = [];
        private long nhsCursor;

        public Generator(IReadOnlyList<Organisation> organisations, Workforce workforce, IReadOnlyList<StaffRole> roles, int people, DateOnly today,
            SeedExtras extras, IReadOnlyList<DirectoryService> directory)
        {
            this.today = today;
            earliest = today.AddYears(-5);
            history = new HistoryContext(extras, directory, workforce.Staff);
            evaluationActivity = extras.EvaluationActivity;

            // Bogus (en_GB) supplies realistic pools once; per-row choices come from one seeded Random, which is far
            // cheaper than a Faker call per field at a million rows.
            var faker = new Faker("en_GB") { Random = new Randomizer(Seed) };
            femaleNames = Distinct(600, () => faker.Name.FirstName(Bogus.DataSets.Name.Gender.Female));
            maleNames = Distinct(600, () => faker.Name.FirstName(Bogus.DataSets.Name.Gender.Male));
            familyNames = Distinct(3000, () => faker.Name.LastName());
            gpPractices = Distinct(400, () => faker.Random.Int(0, 2) switch
            {
                0 => faker.Address.StreetName() + " Surgery",
                1 => faker.Name.LastName() + " Medical Centre",
                _ => faker.Address.City() + " Health Centre",
            });
            hospitals = Distinct(60, () => faker.Address.County() + " " + faker.PickRandom("Hospitals NHS Trust", "University Hospitals", "Cancer Centre", "General Hospital"));
            services = ["Community psychology service", "Hospice day services", "Citizens Advice", "Local authority social care", "Physiotherapy", "Dietetics", "Lymphoedema service"];

            // Weighted so the common sites are common (roughly cancer-registry proportions).
            string[] Weighted(params (string Code, int Weight)[] items) => [.. items.SelectMany(i => Enumerable.Repeat(i.Code, i.Weight))];
            femaleSites = Weighted(("breast", 30), ("lung", 12), ("colorectal", 11), ("gynaecological", 10), ("haematological", 8), ("skin", 6),
                ("upper-gi", 5), ("head-and-neck", 3), ("urological", 3), ("brain-cns", 2), ("sarcoma", 1), ("other", 4), ("unknown-primary", 1));
            maleSites = Weighted(("prostate", 26), ("lung", 13), ("colorectal", 13), ("haematological", 9), ("urological", 7), ("skin", 7),
                ("upper-gi", 7), ("head-and-neck", 5), ("brain-cns", 2), ("sarcoma", 1), ("breast", 1), ("other", 4), ("unknown-primary", 1));

            var roleById = roles.ToDictionary(r => r.Id);
            // Small demo runs give the first organisation (where the demo sign-ins are) a bigger share.
            var weights = organisations.Select((_, i) => i == 0 && people < 50_000 ? 2.0 : 1.0).ToArray();
            var totalWeight = weights.Sum();
            var assigned = 0;
            for (var i = 0; i < organisations.Count; i++)
            {
                var organisation = organisations[i];
                var share = i == organisations.Count - 1 ? people - assigned : (int)Math.Round(people * weights[i] / totalWeight);
                assigned += share;
                var staff = workforce.Staff.Where(s => s.OrganisationId == organisation.Id && s.Active)
                    .Select(s => new Worker(s, roleById[s.StaffRoleId])).ToList();
                List<Worker> Carry(PathwayLevel level, bool registered) =>
                    [.. staff.Where(w => w.Role.MayCarry(level) && w.Role.Registered == registered)];
                plans.Add(new OrganisationPlan
                {
                    Organisation = organisation,
                    Area = DemoData.Partners[i % DemoData.Partners.Count].Area,
                    People = share,
                    SelfManagement = [new Pool(Carry(PathwayLevel.SupportedSelfManagement, false)), new Pool(Carry(PathwayLevel.SupportedSelfManagement, true))],
                    SharedCare = new Pool([.. staff.Where(w => w.Role.MayCarry(PathwayLevel.SharedCare))]),
                    Complex = new Pool([.. staff.Where(w => w.Role.MayCarry(PathwayLevel.ComplexCaseManagement))]),
                    Practitioners = [.. staff.Where(w => w.Role.Registered).Select(w => w.Staff)],
                    // The demo sign-ins are in the first organisation: its first people get five years of history.
                    HistoryLeft = i == 0 ? Math.Clamp(extras.HistoryPeople ?? Math.Min(MaxDefaultHistoryPeople, share / 10), 0, share) : 0,
                });
            }

            HistoryPeople = plans.Sum(p => p.HistoryLeft);

            string[] Distinct(int n, Func<string> make)
            {
                var set = new HashSet<string>(StringComparer.Ordinal);
                for (var tries = 0; set.Count < n && tries < n * 20; tries++)
                {
                    set.Add(make());
                }

                return [.. set.Order(StringComparer.Ordinal)];
            }
        }

        public SortedDictionary<ReferralStatus, int> StatusCounts { get; } = [];

        public int HistoryPeople { get; }

        /// <summary>Allocated or Active referrals left waiting (Accepted) because no eligible worker had room.</summary>
        public int Waiting { get; private set; }

        public (int People, int Referrals, int Triage, int Assignments) CountsFor(Guid organisationId) =>
            counts.TryGetValue(organisationId, out var c) ? c : default;

        public IEnumerable<Batch> Batches()
        {
            var batch = new Batch();
            foreach (var plan in plans)
            {
                var (people, referrals, triage, assignments) = (0, 0, 0, 0);
                for (var i = 0; i < plan.People; i++)
                {
                    var r0 = batch.Referrals.Count;
                    var t0 = batch.Triage.Count;
                    var a0 = batch.Assignments.Count;
                    MakePerson(plan, batch);
                    people++;
                    referrals += batch.Referrals.Count - r0;
                    triage += batch.Triage.Count - t0;
                    assignments += batch.Assignments.Count - a0;
                    if (batch.People.Count == BatchPeople)
                    {
                        yield return batch;
                        batch = new Batch();
                    }
                }

                counts[plan.Organisation.Id] = (people, referrals, triage, assignments);
            }

            if (batch.People.Count > 0)
            {
                yield return batch;
            }
        }

        private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

        private bool Chance(double p) => random.NextDouble() < p;

        private DateOnly DaysAgo(int min, int max) => today.AddDays(-random.Next(min, max + 1));

        private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

        private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

        /// <summary>A moment in UK working hours on that day, in UTC, whole seconds.</summary>
        private DateTimeOffset At(DateOnly day) =>
            new(day.Year, day.Month, day.Day, random.Next(8, 18), random.Next(60), random.Next(60), TimeSpan.Zero);

        /// <summary>The day after <paramref name="from"/> plus up to <paramref name="maxDays"/>, never today or later.</summary>
        private DateOnly After(DateOnly from, int minDays, int maxDays) =>
            Min(from.AddDays(random.Next(minDays, maxDays + 1)), today.AddDays(-1));

        private string NextNhsNumber()
        {
            while (true)
            {
                var number = TestNhsNumber(nhsCursor++);
                if (number is not null)
                {
                    return number;
                }
            }
        }

        private PathwayLevel DrawLevel()
        {
            var x = random.NextDouble();
            return x < 0.70 ? PathwayLevel.SupportedSelfManagement : x < 0.90 ? PathwayLevel.SharedCare : PathwayLevel.ComplexCaseManagement;
        }

        private ReferralStatus DrawLatestStatus()
        {
            var x = random.NextDouble();
            foreach (var (status, share) in LatestStatus)
            {
                if (x < share)
                {
                    return status;
                }

                x -= share;
            }

            return ReferralStatus.Discharged;
        }

        /// <summary>NHS ethnic category codes with an England-like mix for people treated for cancer (older, so somewhat more
        /// often White than the whole population): about 79% White, then Asian, Black, Mixed and Other, with some who chose not
        /// to say (Z), some not known (99) and some with nothing recorded (null). Shares add up to 1.</summary>
        private static readonly (string? Code, double Share)[] EthnicityMix =
        [
            ("A", 0.740), ("B", 0.010), ("C", 0.040),
            ("D", 0.004), ("E", 0.002), ("F", 0.004), ("G", 0.003),
            ("H", 0.022), ("J", 0.015), ("K", 0.006), ("L", 0.010),
            ("M", 0.010), ("N", 0.013), ("P", 0.004),
            ("R", 0.005), ("S", 0.007),
            ("Z", 0.030), ("99", 0.025), (null, 0.050),
        ];

        private string? DrawEthnicity()
        {
            var x = ethnicityRandom.NextDouble();
            foreach (var (code, share) in EthnicityMix)
            {
                if (x < share)
                {
                    return code;
                }

                x -= share;
            }

            return null;
        }

        private void MakePerson(OrganisationPlan plan, Batch batch)
        {
            var sexDraw = random.NextDouble();
            var sex = sexDraw < 0.51 ? Sex.Female : sexDraw < 0.99 ? Sex.Male : sexDraw < 0.995 ? Sex.NotKnown : Sex.NotSpecified;
            var given = sex == Sex.Male || (sex != Sex.Female && Chance(0.5)) ? Pick(maleNames) : Pick(femaleNames);
            var family = Pick(familyNames);
            var site = Pick(sex == Sex.Male ? maleSites : sex == Sex.Female ? femaleSites : Chance(0.5) ? maleSites : femaleSites);
            var dob = new DateOnly(1935, 1, 1).AddDays(random.Next(0, new DateOnly(2000, 12, 31).DayNumber - new DateOnly(1935, 1, 1).DayNumber + 1));
            var welsh = plan.Organisation.Nation == Nation.Wales && Chance(0.12);
            var otherLanguage = !welsh && Chance(0.06);
            var language = welsh ? "welsh" : otherLanguage ? Pick(Languages) : "english";
            var person = new Person
            {
                OrganisationId = plan.Organisation.Id,
                NhsNumber = NextNhsNumber(),
                GivenName = given,
                FamilyName = family,
                DateOfBirth = dob,
                Sex = sex,
                GenderIdentity = Chance(0.004) ? "Non-binary" : null,
                Ethnicity = DrawEthnicity(),
                Postcode = string.Create(CultureInfo.InvariantCulture,
                    $"{plan.Area}{random.Next(1, 21)} {random.Next(1, 10)}{Pick(InwardLetters)}{Pick(InwardLetters)}"),
                Phone = Chance(0.92) ? string.Create(CultureInfo.InvariantCulture, $"07700 900{random.Next(1000):D3}") : null,
                PreferredContactMethod = Chance(0.6) ? ContactMethod.Phone : (ContactMethod)random.Next(4),
                PreferredLanguage = language,
                InterpreterNeeded = otherLanguage && Chance(0.55),
                AccessibilityNeeds = Chance(0.05) ? Pick(AccessNeeds) : null,
                TumourSite = site,
                ConsentToShareWithGp = Chance(0.9),
            };
            if (Chance(0.6))
            {
                person.Email = string.Create(CultureInfo.InvariantCulture,
                    $"{Simple(given)}.{Simple(family)}{random.Next(1, 100)}@example.com");
            }

            if (Chance(0.97))
            {
                var practice = random.Next(gpPractices.Length);
                person.GpPracticeName = gpPractices[practice];
                person.GpPracticeOdsCode = string.Create(CultureInfo.InvariantCulture, $"Z{practice:D5}");
            }

            if (Chance(0.7))
            {
                person.NextOfKinName = Pick(Chance(0.5) ? femaleNames : maleNames) + " " + (Chance(0.7) ? family : Pick(familyNames));
                person.NextOfKinRelationship = Pick(Relationships);
                person.NextOfKinPhone = string.Create(CultureInfo.InvariantCulture, $"07700 900{random.Next(1000):D3}");
            }

            batch.People.Add(person);

            // The latest referral decides the person's present; an older discharged episode and a linked duplicate are extras.
            var status = DrawLatestStatus();
            // A person with five years of history had earlier episodes from five years ago (up to a month more), one every 14 to 24 months, each
            // with longer support (they came back because their needs did), and the latest within the last two years.
            var withHistory = plan.HistoryLeft > 0;
            var latestReceived = status switch
            {
                ReferralStatus.Received => DaysAgo(0, 10),
                ReferralStatus.Accepted => DaysAgo(3, 35),
                ReferralStatus.Declined or ReferralStatus.Redirected => DaysAgo(5, withHistory ? 700 : 1400),
                ReferralStatus.Allocated => DaysAgo(7, 40),
                ReferralStatus.Active => DaysAgo(20, 400),
                _ => DaysAgo(45, withHistory ? 700 : 1400),
            };
            var olderStarts = new List<DateOnly>();
            if (withHistory)
            {
                plan.HistoryLeft--;
                for (var d = earliest.AddDays(-random.Next(0, 30)); d < latestReceived.AddDays(-300); d = d.AddDays(random.Next(420, 720)))
                {
                    olderStarts.Add(d);
                }
            }
            else if (Chance(OlderReferralShare) && latestReceived.DayNumber - earliest.DayNumber > 300)
            {
                olderStarts.Add(Max(earliest, latestReceived.AddDays(-random.Next(250, 1460))));
            }

            var firstReceived = olderStarts.Count > 0 ? olderStarts[0] : latestReceived;

            // Treatment ends shortly before the first referral (people are referred at the end of treatment), within the
            // last four years unless the person's history goes back further.
            var treatmentEnd = firstReceived.AddDays(-random.Next(0, 120));
            treatmentEnd = withHistory ? treatmentEnd : Max(today.AddYears(-4), treatmentEnd);
            treatmentEnd = Min(treatmentEnd, today.AddDays(-1));
            person.TreatmentEndDate = treatmentEnd;
            person.DiagnosisDate = treatmentEnd.AddDays(-random.Next(60, 540));

            // Each earlier episode is discharged at least a fortnight before the next one arrived.
            var episodes = new List<Referral>(olderStarts.Count + 1);
            for (var i = 0; i < olderStarts.Count; i++)
            {
                var next = i + 1 < olderStarts.Count ? olderStarts[i + 1] : latestReceived;
                episodes.Add(AddReferral(plan, batch, person, ReferralStatus.Discharged, olderStarts[i], next.AddDays(-14), withHistory));
            }

            var latest = AddReferral(plan, batch, person, status, latestReceived, today.AddDays(-1), withHistory);
            episodes.Add(latest);
            var firstReferral = episodes[0];
            if (latest.IsOpen && Chance(LinkedShare))
            {
                // Arrives after the open referral (the day after at the earliest); a referral received yesterday links the same day.
                var linked = NewReferral(plan, person, Max(latest.ReceivedOn, After(latest.ReceivedOn, 1, 30)));
                linked.Status = ReferralStatus.Linked;
                linked.LinkedToReferralId = latest.Id;
                linked.OutcomeReason = "Linked to the open referral already in progress for this person.";
                batch.Referrals.Add(linked);
                Count(ReferralStatus.Linked);
            }

            person.CreatedAt = firstReferral.CreatedAt;
            person.UpdatedAt = latest.DischargedAt ?? latest.ActivatedAt ?? latest.AllocatedAt ?? latest.TriagedAt ?? latest.CreatedAt;
            if (withHistory)
            {
                AddHistory(plan, batch, person, episodes);
                batch.HistoryPeople++;
            }
            else if (evaluationActivity)
            {
                AddEvaluationActivity(plan, batch, person, latest);
            }
        }

        private static string Sentence(string text) => string.Concat(text[..1].ToUpperInvariant(), text[1..]);

        private static string Simple(string name) =>
            new([.. name.Where(char.IsAsciiLetter).Select(char.ToLowerInvariant)]);

        private void Count(ReferralStatus status) =>
            StatusCounts[status] = StatusCounts.GetValueOrDefault(status) + 1;

        private Referral NewReferral(OrganisationPlan plan, Person person, DateOnly received)
        {
            var sourceDraw = random.NextDouble();
            var source = sourceDraw < 0.6 ? ReferralSource.HospitalTeam : sourceDraw < 0.75 ? ReferralSource.GeneralPractice
                : sourceDraw < 0.9 ? ReferralSource.SelfReferral : ReferralSource.OtherService;
            var siteName = TumourSites.NameOf(person.TumourSite);
            var channelDraw = random.NextDouble();
            var referral = new Referral
            {
                OrganisationId = plan.Organisation.Id,
                PersonId = person.Id,
                Source = source,
                ReferrerName = source switch
                {
                    ReferralSource.SelfReferral => person.FullName,
                    ReferralSource.GeneralPractice => "Dr " + Pick(familyNames),
                    ReferralSource.HospitalTeam => Chance(0.5) ? "Dr " + Pick(familyNames) : Pick(femaleNames) + " " + Pick(familyNames) + ", clinical nurse specialist",
                    _ => Pick(femaleNames) + " " + Pick(familyNames),
                },
                ReferrerOrganisation = source switch
                {
                    ReferralSource.HospitalTeam => Pick(hospitals),
                    ReferralSource.GeneralPractice => person.GpPracticeName,
                    ReferralSource.OtherService => Pick(services),
                    _ => null,
                },
                ReceivedOn = received,
                TriageDueOn = AddWorkingDays(received, 5),
                Reason = Sentence(string.Format(CultureInfo.InvariantCulture, Pick(ReasonTemplates), siteName.ToLowerInvariant())),
                EndOfTreatmentSummary = source == ReferralSource.HospitalTeam && Chance(0.6)
                    ? string.Create(CultureInfo.InvariantCulture, $"{siteName} cancer. Treatment: {Pick(Treatments)}, completed {person.TreatmentEndDate:d MMMM yyyy}. Follow-up with the clinical team in {random.Next(3, 13)} months.")
                    : null,
                Urgency = Chance(0.8) ? ReferralUrgency.Routine : Chance(0.75) ? ReferralUrgency.Soon : ReferralUrgency.Urgent,
                Status = ReferralStatus.Received,
                Channel = channelDraw < 0.6 ? "page" : channelDraw < 0.85 ? "csv" : "api",
                CreatedAt = At(received),
            };
            var (suggested, needs, _) = Suggest(DrawLevel());
            referral.SuggestedLevel = suggested;
            referral.NeedIndicators = needs;
            return referral;
        }

        /// <summary>Need indicators that point at a level, and the suggestion (with its reasons) they produce.</summary>
        private (PathwayLevel Level, NeedIndicators Needs, List<string> Reasons) Suggest(PathwayLevel level)
        {
            var needs = NeedIndicators.None;
            var reasons = new List<string>(2);
            void Take((NeedIndicators Flag, string Text)[] from)
            {
                var (flag, text) = Pick(from);
                if (!needs.HasFlag(flag))
                {
                    needs |= flag;
                    reasons.Add(text);
                }
            }

            switch (level)
            {
                case PathwayLevel.ComplexCaseManagement:
                    Take(ComplexNeeds);
                    if (Chance(0.5))
                    {
                        Take(SharedNeeds);
                    }

                    break;
                case PathwayLevel.SharedCare:
                    Take(SharedNeeds);
                    break;
                default:
                    if (Chance(0.6))
                    {
                        Take(LowNeeds);
                    }

                    if (reasons.Count == 0)
                    {
                        reasons.Add("No indicators of higher need");
                    }

                    break;
            }

            if (Chance(0.3))
            {
                var (flag, _) = Pick(LowNeeds);
                needs |= flag;
            }

            return (level, needs, reasons);
        }

        private Referral AddReferral(OrganisationPlan plan, Batch batch, Person person, ReferralStatus status, DateOnly received, DateOnly latestEnd,
            bool longSupport = false)
        {
            var referral = NewReferral(plan, person, received);
            batch.Referrals.Add(referral);
            if (status == ReferralStatus.Received)
            {
                Count(status);
                return referral;
            }

            // Triaged: the practitioner usually agrees with the suggestion.
            var level = DrawLevel();
            var (suggested, needs, reasons) = Suggest(Chance(0.85) ? level : DrawLevel());
            referral.SuggestedLevel = suggested;
            referral.NeedIndicators = needs;
            var triageDay = Min(After(received, 0, 5), Max(received, latestEnd));
            referral.TriagedAt = At(triageDay);
            var triager = Pick(plan.Practitioners);

            DateOnly allocatedDay = default;
            Worker? worker = null;
            if (status is ReferralStatus.Allocated or ReferralStatus.Active or ReferralStatus.Discharged)
            {
                allocatedDay = Min(After(triageDay, 1, 10), Max(triageDay, latestEnd));
                worker = status == ReferralStatus.Discharged ? AnyCarrier(plan, level) : WithRoom(plan, level);
                if (worker is null)
                {
                    // Nobody eligible has room: the episode waits for a key worker, as it would in the service.
                    status = ReferralStatus.Accepted;
                    Waiting++;
                }
            }

            referral.Status = status;
            Count(status);
            switch (status)
            {
                case ReferralStatus.Declined:
                    referral.OutcomeReason = Pick<string>(["Needs met by the clinical team already.", "Person declined support when contacted.", "Outside the service's criteria: no cancer diagnosis confirmed."]);
                    break;
                case ReferralStatus.Redirected:
                    referral.RedirectedTo = Pick(services);
                    referral.OutcomeReason = "Needs are better met by " + referral.RedirectedTo + ".";
                    break;
                default:
                    referral.Level = level;
                    break;
            }

            batch.Triage.Add(new TriageDecision
            {
                OrganisationId = plan.Organisation.Id,
                ReferralId = referral.Id,
                Outcome = status is ReferralStatus.Declined or ReferralStatus.Redirected ? status : ReferralStatus.Accepted,
                Level = referral.Level,
                SuggestedLevel = suggested,
                SuggestionReasons = reasons,
                Reason = referral.Level is { } l
                    ? (l == suggested ? "Agree with the suggested level." : "Level set on clinical judgement after speaking to the person.")
                    : referral.OutcomeReason ?? "",
                DecidedById = triager.Id,
                DecidedByName = triager.DisplayName,
                DecidedAt = referral.TriagedAt.Value,
            });

            if (worker is null)
            {
                return referral;
            }

            referral.KeyWorkerId = worker.Staff.Id;
            referral.AllocatedAt = At(allocatedDay);
            if (status is ReferralStatus.Active or ReferralStatus.Discharged)
            {
                var activatedDay = Min(After(allocatedDay, 1, 14), Max(allocatedDay, latestEnd));
                referral.ActivatedAt = At(activatedDay);
                if (status == ReferralStatus.Discharged)
                {
                    referral.DischargedAt = At(Min(longSupport ? After(activatedDay, 150, 420) : After(activatedDay, 30, 270), Max(activatedDay, latestEnd)));
                }
            }

            var allocator = Pick(plan.Practitioners);
            var rank = Chance(0.8) ? 1 : random.Next(2, 4);
            batch.Assignments.Add(new KeyWorkerAssignment
            {
                OrganisationId = plan.Organisation.Id,
                ReferralId = referral.Id,
                PersonId = person.Id,
                StaffMemberId = worker.Staff.Id,
                Level = level,
                Rank = rank,
                Score = Math.Round((decimal)(95 - (rank * 8) + (random.NextDouble() * 10)), 2),
                Reason = rank == 1 ? "Top-ranked: right role for the level, capacity left, close to home." : "Chosen for continuity with a worker the person already knows.",
                AssignedById = allocator.Id,
                AssignedByName = allocator.DisplayName,
                AssignedAt = referral.AllocatedAt.Value,
                EndedAt = referral.DischargedAt,
            });
            return referral;
        }

        private Worker? AnyCarrier(OrganisationPlan plan, PathwayLevel level)
        {
            var pool = level switch
            {
                PathwayLevel.SupportedSelfManagement => plan.SelfManagement[plan.SelfManagement[0].IsEmpty || Chance(0.1) ? 1 : 0],
                PathwayLevel.SharedCare => plan.SharedCare,
                _ => plan.Complex,
            };
            return pool.IsEmpty ? null : pool.Any(random);
        }

        private Worker? WithRoom(OrganisationPlan plan, PathwayLevel level)
        {
            var weight = (int)level;
            Pool[] pools = level switch
            {
                PathwayLevel.SupportedSelfManagement => plan.SelfManagement,
                PathwayLevel.SharedCare => [plan.SharedCare],
                _ => [plan.Complex],
            };
            foreach (var pool in pools)
            {
                var w = pool.WithRoom(random, weight);
                if (w is not null)
                {
                    w.Load += weight;
                    if (w.Load >= w.Capacity)
                    {
                        foreach (var p in plan.SelfManagement.Append(plan.SharedCare).Append(plan.Complex))
                        {
                            p.Prune();
                        }
                    }

                    return w;
                }
            }

            return null;
        }
    }

    /// <summary>The history's tables in foreign-key order, each with its rows in a batch.</summary>
    private static (BulkTable Table, Func<Batch, System.Collections.IList> Rows)[] HistoryTables(DbContext db) =>
    [
        (BulkTable.For<AssessmentResponse>(db), b => b.Responses),
        (BulkTable.For<AssessmentAnswer>(db), b => b.Answers),
        (BulkTable.For<CarePlan>(db), b => b.Plans),
        (BulkTable.For<CarePlanConcern>(db), b => b.PlanConcerns),
        (BulkTable.For<CarePlanAction>(db), b => b.PlanActions),
        (BulkTable.For<CarePlanVersion>(db), b => b.PlanVersions),
        (BulkTable.For<Contact>(db), b => b.Contacts),
        (BulkTable.For<ServiceReferral>(db), b => b.ServiceReferrals),
    ];

    /// <summary>The directory's tables in foreign-key order, each with its rows.</summary>
    private static (BulkTable Table, System.Collections.IEnumerable Rows)[] DirectoryTables(DbContext db, IReadOnlyList<DirectoryService> services) =>
    [
        (BulkTable.For<DirectoryService>(db), services),
        (BulkTable.For<DirectoryServiceCategory>(db), services.SelectMany(s => s.Categories)),
        (BulkTable.For<DirectoryServiceArea>(db), services.SelectMany(s => s.Areas)),
    ];

    /// <summary>Tables whose planner statistics are refreshed after the bulk.</summary>
    private static readonly string[] AnalyzedTables =
    [
        "People", "Referrals", "TriageDecisions", "KeyWorkerAssignments", "AssessmentResponse", "AssessmentAnswer", "CarePlans", "CarePlanConcerns",
        "CarePlanActions", "CarePlanVersions", "Contact", "ServiceReferrals", "DirectoryServices", "DirectoryServiceCategories", "DirectoryServiceAreas",
    ];

    private interface IBulkSink : IAsyncDisposable
    {
        Task BeginAsync(CancellationToken ct);

        Task WriteDirectoryAsync(IReadOnlyList<DirectoryService> services, CancellationToken ct);

        Task WriteAsync(Batch batch, CancellationToken ct);

        Task CommitAsync(CancellationToken ct);
    }

    /// <summary>SQLite: one transaction, prepared INSERTs reused for every row, synchronous off and a large page cache while it runs.
    /// Values are written exactly as EF writes them: Guids as upper-case text, dates as yyyy-MM-dd, DateTimeOffset as
    /// DateTimeOffsetToBinaryConverter's long, decimal as REAL, string lists as JSON.</summary>
    private sealed class SqliteSink(OneToOneDb db) : IBulkSink
    {
        private static readonly Func<DateTimeOffset, long> Binary = new DateTimeOffsetToBinaryConverter().ConvertToProviderTyped;
        private IDbContextTransaction? transaction;
        private SqliteConnection? connection;
        private SqliteCommand? people;
        private SqliteCommand? referrals;
        private SqliteCommand? triage;
        private SqliteCommand? assignments;
        private (BulkTable Table, Func<Batch, System.Collections.IList> Rows, SqliteCommand Command)[] history = [];
        private long synchronous = 1;
        private long cacheSize = -2000;

        public async Task BeginAsync(CancellationToken ct)
        {
            await db.Database.OpenConnectionAsync(ct);
            connection = (SqliteConnection)db.Database.GetDbConnection();
            synchronous = await ScalarAsync("PRAGMA synchronous", ct);
            cacheSize = await ScalarAsync("PRAGMA cache_size", ct);
            await ExecAsync("PRAGMA journal_mode=WAL", ct);
            await ExecAsync("PRAGMA synchronous=OFF", ct);
            await ExecAsync("PRAGMA cache_size=-262144", ct);
            transaction = await db.Database.BeginTransactionAsync(ct);
            people = Prepare("People", PeopleColumns);
            referrals = Prepare("Referrals", ReferralColumns);
            triage = Prepare("TriageDecisions", TriageColumns);
            assignments = Prepare("KeyWorkerAssignments", AssignmentColumns);
            var sqliteTransaction = (SqliteTransaction)transaction.GetDbTransaction();
            history = [.. HistoryTables(db).Select(t => (t.Table, t.Rows, t.Table.PrepareSqlite(connection, sqliteTransaction)))];
        }

        public Task WriteDirectoryAsync(IReadOnlyList<DirectoryService> services, CancellationToken ct)
        {
            var sqliteTransaction = (SqliteTransaction)transaction!.GetDbTransaction();
            foreach (var (table, rows) in DirectoryTables(db, services))
            {
                using var command = table.PrepareSqlite(connection!, sqliteTransaction);
                table.InsertSqlite(command, rows);
            }

            ct.ThrowIfCancellationRequested();
            return Task.CompletedTask;
        }

        public Task WriteAsync(Batch batch, CancellationToken ct)
        {
            foreach (var p in batch.People)
            {
                Run(people!, G(p.Id), G(p.OrganisationId), p.NhsNumber, p.GivenName, p.FamilyName, D(p.DateOfBirth), (int)p.Sex, p.GenderIdentity, p.Ethnicity,
                    p.Postcode, p.Phone, p.Email, (int)p.PreferredContactMethod, p.PreferredLanguage, p.InterpreterNeeded, p.AccessibilityNeeds,
                    p.GpPracticeName, p.GpPracticeOdsCode, p.TumourSite, D(p.DiagnosisDate), D(p.TreatmentEndDate), p.ConsentToShareWithGp,
                    p.NextOfKinName, p.NextOfKinRelationship, p.NextOfKinPhone, Binary(p.CreatedAt), Binary(p.UpdatedAt), G(p.Version));
            }

            foreach (var r in batch.Referrals)
            {
                Run(referrals!, G(r.Id), G(r.OrganisationId), G(r.PersonId), (int)r.Source, r.ReferrerName, r.ReferrerOrganisation, D(r.ReceivedOn),
                    r.Reason, r.EndOfTreatmentSummary, (int)r.Urgency, (int)r.NeedIndicators, (int)r.Status, D(r.TriageDueOn), (int)r.SuggestedLevel,
                    (int?)r.Level, T(r.TriagedAt), r.OutcomeReason, r.RedirectedTo, G(r.KeyWorkerId), T(r.AllocatedAt), T(r.ActivatedAt),
                    T(r.DischargedAt), G(r.LinkedToReferralId), r.Channel, Binary(r.CreatedAt), G(r.Version));
            }

            foreach (var t in batch.Triage)
            {
                Run(triage!, G(t.Id), G(t.OrganisationId), G(t.ReferralId), (int)t.Outcome, (int?)t.Level, (int)t.SuggestedLevel,
                    JsonSerializer.Serialize(t.SuggestionReasons), t.Reason, G(t.DecidedById), t.DecidedByName, Binary(t.DecidedAt));
            }

            foreach (var a in batch.Assignments)
            {
                Run(assignments!, G(a.Id), G(a.OrganisationId), G(a.ReferralId), G(a.PersonId), G(a.StaffMemberId), (int)a.Level, a.Rank,
                    (double)a.Score, a.Reason, G(a.AssignedById), a.AssignedByName, Binary(a.AssignedAt), T(a.EndedAt));
            }

            foreach (var (table, rows, command) in history)
            {
                table.InsertSqlite(command, rows(batch));
            }

            ct.ThrowIfCancellationRequested();
            return Task.CompletedTask;
        }

        public async Task CommitAsync(CancellationToken ct)
        {
            await transaction!.CommitAsync(ct);
            await transaction.DisposeAsync();
            transaction = null;
            await RestoreAsync(ct);
            // Statistics for the planner, as PostgreSQL gets below: without them SQLite guesses, and for the grouped
            // caseload count it guesses the index that makes it read every row (about 15 ms against 2 ms an organisation).
            await ExecAsync(string.Join("; ", AnalyzedTables.Select(t => $"ANALYZE \"{t}\"")), ct);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var c in new[] { people, referrals, triage, assignments }.Concat(history.Select(h => h.Command)))
            {
                if (c is not null)
                {
                    await c.DisposeAsync();
                }
            }

            if (transaction is not null)
            {
                await transaction.DisposeAsync();
                await RestoreAsync(CancellationToken.None);
            }

            await db.Database.CloseConnectionAsync();
        }

        private async Task RestoreAsync(CancellationToken ct)
        {
            await ExecAsync(string.Create(CultureInfo.InvariantCulture, $"PRAGMA synchronous={synchronous}"), ct);
            await ExecAsync(string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size={cacheSize}"), ct);
        }

        private static string G(Guid g) => g.ToString("D").ToUpperInvariant();

        private static object G(Guid? g) => g is { } v ? G(v) : DBNull.Value;

        private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        private static object D(DateOnly? d) => d is { } v ? D(v) : DBNull.Value;

        private static object T(DateTimeOffset? t) => t is { } v ? Binary(v) : DBNull.Value;

        private static void Run(SqliteCommand command, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }

        private SqliteCommand Prepare(string table, string[] columns)
        {
            var command = connection!.CreateCommand();
            command.Transaction = (SqliteTransaction)transaction!.GetDbTransaction();
#pragma warning disable CA2100 // Table and column names are constants of this class, not input.
            command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => "\"" + c + "\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
#pragma warning restore CA2100
            for (var i = 0; i < columns.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), DBNull.Value));
            }

            command.Prepare();
            return command;
        }

        private async Task<long> ScalarAsync(string sql, CancellationToken ct)
        {
            await using var command = connection!.CreateCommand();
#pragma warning disable CA2100 // Constant PRAGMA text.
            command.CommandText = sql;
#pragma warning restore CA2100
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }

        private async Task ExecAsync(string sql, CancellationToken ct)
        {
            await using var command = connection!.CreateCommand();
#pragma warning disable CA2100 // Constant PRAGMA text.
            command.CommandText = sql;
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>PostgreSQL: binary COPY per table per batch, all inside one transaction (parents before children, so the
    /// foreign keys hold at the end of each COPY). ANALYZE afterwards so the planner knows the tables' new size.</summary>
    private sealed class PostgresSink(OneToOneDb db) : IBulkSink
    {
        private readonly (BulkTable Table, Func<Batch, System.Collections.IList> Rows)[] history = HistoryTables(db);
        private IDbContextTransaction? transaction;
        private NpgsqlConnection? connection;

        public async Task BeginAsync(CancellationToken ct)
        {
            await db.Database.OpenConnectionAsync(ct);
            connection = (NpgsqlConnection)db.Database.GetDbConnection();
            transaction = await db.Database.BeginTransactionAsync(ct);
            // Only this transaction's commit waits less for the WAL flush; the data is still crash-safe once the server flushes.
            await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit = off", ct);
        }

        public Task WriteDirectoryAsync(IReadOnlyList<DirectoryService> services, CancellationToken ct)
        {
            if (services.Count > 0)
            {
                foreach (var (table, rows) in DirectoryTables(db, services))
                {
                    table.CopyPostgres(connection!, rows);
                }
            }

            ct.ThrowIfCancellationRequested();
            return Task.CompletedTask;
        }

        public Task WriteAsync(Batch batch, CancellationToken ct)
        {
            using (var w = connection!.BeginBinaryImport(CopyCommand("People", PeopleColumns)))
            {
                foreach (var p in batch.People)
                {
                    w.StartRow();
                    w.Write(p.Id, NpgsqlDbType.Uuid);
                    w.Write(p.OrganisationId, NpgsqlDbType.Uuid);
                    w.Write(p.NhsNumber, NpgsqlDbType.Varchar);
                    w.Write(p.GivenName, NpgsqlDbType.Varchar);
                    w.Write(p.FamilyName, NpgsqlDbType.Varchar);
                    w.Write(p.DateOfBirth, NpgsqlDbType.Date);
                    w.Write((int)p.Sex, NpgsqlDbType.Integer);
                    Text(w, p.GenderIdentity);
                    Text(w, p.Ethnicity);
                    w.Write(p.Postcode, NpgsqlDbType.Varchar);
                    Text(w, p.Phone);
                    Text(w, p.Email);
                    w.Write((int)p.PreferredContactMethod, NpgsqlDbType.Integer);
                    w.Write(p.PreferredLanguage, NpgsqlDbType.Varchar);
                    w.Write(p.InterpreterNeeded, NpgsqlDbType.Boolean);
                    Text(w, p.AccessibilityNeeds);
                    Text(w, p.GpPracticeName);
                    Text(w, p.GpPracticeOdsCode);
                    w.Write(p.TumourSite, NpgsqlDbType.Varchar);
                    Date(w, p.DiagnosisDate);
                    Date(w, p.TreatmentEndDate);
                    w.Write(p.ConsentToShareWithGp, NpgsqlDbType.Boolean);
                    Text(w, p.NextOfKinName);
                    Text(w, p.NextOfKinRelationship);
                    Text(w, p.NextOfKinPhone);
                    w.Write(p.CreatedAt, NpgsqlDbType.TimestampTz);
                    w.Write(p.UpdatedAt, NpgsqlDbType.TimestampTz);
                    w.Write(p.Version, NpgsqlDbType.Uuid);
                }

                w.Complete();
            }

            using (var w = connection.BeginBinaryImport(CopyCommand("Referrals", ReferralColumns)))
            {
                foreach (var r in batch.Referrals)
                {
                    w.StartRow();
                    w.Write(r.Id, NpgsqlDbType.Uuid);
                    w.Write(r.OrganisationId, NpgsqlDbType.Uuid);
                    w.Write(r.PersonId, NpgsqlDbType.Uuid);
                    w.Write((int)r.Source, NpgsqlDbType.Integer);
                    w.Write(r.ReferrerName, NpgsqlDbType.Varchar);
                    Text(w, r.ReferrerOrganisation);
                    w.Write(r.ReceivedOn, NpgsqlDbType.Date);
                    w.Write(r.Reason, NpgsqlDbType.Varchar);
                    Text(w, r.EndOfTreatmentSummary);
                    w.Write((int)r.Urgency, NpgsqlDbType.Integer);
                    w.Write((int)r.NeedIndicators, NpgsqlDbType.Integer);
                    w.Write((int)r.Status, NpgsqlDbType.Integer);
                    w.Write(r.TriageDueOn, NpgsqlDbType.Date);
                    w.Write((int)r.SuggestedLevel, NpgsqlDbType.Integer);
                    Int(w, (int?)r.Level);
                    Time(w, r.TriagedAt);
                    Text(w, r.OutcomeReason);
                    Text(w, r.RedirectedTo);
                    Uuid(w, r.KeyWorkerId);
                    Time(w, r.AllocatedAt);
                    Time(w, r.ActivatedAt);
                    Time(w, r.DischargedAt);
                    Uuid(w, r.LinkedToReferralId);
                    w.Write(r.Channel, NpgsqlDbType.Varchar);
                    w.Write(r.CreatedAt, NpgsqlDbType.TimestampTz);
                    w.Write(r.Version, NpgsqlDbType.Uuid);
                }

                w.Complete();
            }

            using (var w = connection.BeginBinaryImport(CopyCommand("TriageDecisions", TriageColumns)))
            {
                foreach (var t in batch.Triage)
                {
                    w.StartRow();
                    w.Write(t.Id, NpgsqlDbType.Uuid);
                    w.Write(t.OrganisationId, NpgsqlDbType.Uuid);
                    w.Write(t.ReferralId, NpgsqlDbType.Uuid);
                    w.Write((int)t.Outcome, NpgsqlDbType.Integer);
                    Int(w, (int?)t.Level);
                    w.Write((int)t.SuggestedLevel, NpgsqlDbType.Integer);
                    w.Write(t.SuggestionReasons, NpgsqlDbType.Array | NpgsqlDbType.Text);
                    w.Write(t.Reason, NpgsqlDbType.Varchar);
                    w.Write(t.DecidedById, NpgsqlDbType.Uuid);
                    w.Write(t.DecidedByName, NpgsqlDbType.Varchar);
                    w.Write(t.DecidedAt, NpgsqlDbType.TimestampTz);
                }

                w.Complete();
            }

            using (var w = connection.BeginBinaryImport(CopyCommand("KeyWorkerAssignments", AssignmentColumns)))
            {
                foreach (var a in batch.Assignments)
                {
                    w.StartRow();
                    w.Write(a.Id, NpgsqlDbType.Uuid);
                    w.Write(a.OrganisationId, NpgsqlDbType.Uuid);
                    w.Write(a.ReferralId, NpgsqlDbType.Uuid);
                    w.Write(a.PersonId, NpgsqlDbType.Uuid);
                    w.Write(a.StaffMemberId, NpgsqlDbType.Uuid);
                    w.Write((int)a.Level, NpgsqlDbType.Integer);
                    w.Write(a.Rank, NpgsqlDbType.Integer);
                    w.Write(a.Score, NpgsqlDbType.Numeric);
                    w.Write(a.Reason, NpgsqlDbType.Varchar);
                    w.Write(a.AssignedById, NpgsqlDbType.Uuid);
                    w.Write(a.AssignedByName, NpgsqlDbType.Varchar);
                    w.Write(a.AssignedAt, NpgsqlDbType.TimestampTz);
                    Time(w, a.EndedAt);
                }

                w.Complete();
            }

            foreach (var (table, rows) in history)
            {
                var list = rows(batch);
                if (list.Count > 0)
                {
                    table.CopyPostgres(connection, list);
                }
            }

            ct.ThrowIfCancellationRequested();
            return Task.CompletedTask;
        }

        public async Task CommitAsync(CancellationToken ct)
        {
            await transaction!.CommitAsync(ct);
            await transaction.DisposeAsync();
            transaction = null;
            // VACUUM as well as ANALYZE: it sets the visibility map, without which PostgreSQL cannot answer the grouped
            // counts (queue tabs, caseloads) from the index alone and visits the table for every row it counts. Autovacuum
            // would get there eventually; a freshly seeded database is measured at once.
#pragma warning disable EF1003 // Table names are constants of this class, not input.
            await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE) " + string.Join(", ", AnalyzedTables.Select(t => $"\"{t}\"")), ct);
#pragma warning restore EF1003
        }

        public async ValueTask DisposeAsync()
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            await db.Database.CloseConnectionAsync();
        }

        private static string CopyCommand(string table, string[] columns) =>
            $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => "\"" + c + "\""))}) FROM STDIN (FORMAT BINARY)";

        private static void Text(NpgsqlBinaryImporter w, string? value)
        {
            if (value is null)
            {
                w.WriteNull();
            }
            else
            {
                w.Write(value, NpgsqlDbType.Varchar);
            }
        }

        private static void Date(NpgsqlBinaryImporter w, DateOnly? value) => Nullable(w, value, NpgsqlDbType.Date);

        private static void Int(NpgsqlBinaryImporter w, int? value) => Nullable(w, value, NpgsqlDbType.Integer);

        private static void Uuid(NpgsqlBinaryImporter w, Guid? value) => Nullable(w, value, NpgsqlDbType.Uuid);

        private static void Time(NpgsqlBinaryImporter w, DateTimeOffset? value) => Nullable(w, value, NpgsqlDbType.TimestampTz);

        private static void Nullable<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type)
            where T : struct
        {
            if (value is { } v)
            {
                w.Write(v, type);
            }
            else
            {
                w.WriteNull();
            }
        }
    }

    private static readonly string[] PeopleColumns =
    [
        "Id", "OrganisationId", "NhsNumber", "GivenName", "FamilyName", "DateOfBirth", "Sex", "GenderIdentity", "Ethnicity", "Postcode", "Phone", "Email",
        "PreferredContactMethod", "PreferredLanguage", "InterpreterNeeded", "AccessibilityNeeds", "GpPracticeName", "GpPracticeOdsCode",
        "TumourSite", "DiagnosisDate", "TreatmentEndDate", "ConsentToShareWithGp", "NextOfKinName", "NextOfKinRelationship", "NextOfKinPhone",
        "CreatedAt", "UpdatedAt", "Version",
    ];

    private static readonly string[] ReferralColumns =
    [
        "Id", "OrganisationId", "PersonId", "Source", "ReferrerName", "ReferrerOrganisation", "ReceivedOn", "Reason", "EndOfTreatmentSummary",
        "Urgency", "NeedIndicators", "Status", "TriageDueOn", "SuggestedLevel", "Level", "TriagedAt", "OutcomeReason", "RedirectedTo",
        "KeyWorkerId", "AllocatedAt", "ActivatedAt", "DischargedAt", "LinkedToReferralId", "Channel", "CreatedAt", "Version",
    ];

    private static readonly string[] TriageColumns =
    [
        "Id", "OrganisationId", "ReferralId", "Outcome", "Level", "SuggestedLevel", "SuggestionReasons", "Reason", "DecidedById", "DecidedByName", "DecidedAt",
    ];

    private static readonly string[] AssignmentColumns =
    [
        "Id", "OrganisationId", "ReferralId", "PersonId", "StaffMemberId", "Level", "Rank", "Score", "Reason", "AssignedById", "AssignedByName",
        "AssignedAt", "EndedAt",
    ];
}
