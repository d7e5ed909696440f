using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OneToOne.Assessments;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;
using OneToOne.ServiceDirectory;
using OneToOne.Workforce;

namespace OneToOne.Platform.Seeding;

/// <summary>Synthetic, never real: 16 partner organisations across the four nations, the four default
/// roles, staff in every role, demo sign-ins, and a population of people and referrals in every state.</summary>
internal static class DemoData
{
    public const string DefaultPassword = "Demo-OneToOne-2026";
    public const string DemoDomain = "demo.onetoone.test";

    /// <summary>The sign-ins a newcomer uses, all in the first organisation (listed in README).</summary>
    public static readonly IReadOnlyList<(string Email, string Name, string Role, string StaffRole)> DemoAccounts =
    [
        ("lead@" + DemoDomain, "Tessa Lead", Roles.TeamLead, "Complex case manager"),
        ("nurse@" + DemoDomain, "Priya Nurse", Roles.RegisteredPractitioner, "Clinical nurse specialist"),
        ("worker@" + DemoDomain, "Sam Worker", Roles.SupportWorker, "Support worker"),
        ("worker2@" + DemoDomain, "Alex Worker", Roles.SupportWorker, "Support worker"),
        ("evaluator@" + DemoDomain, "Evan Evaluator", Roles.Evaluator, ""),
        ("admin@" + DemoDomain, "Ada Admin", Roles.Administrator, ""),
    ];

    public static readonly IReadOnlyList<(string Name, string Ods, Nation Nation, string Area)> Partners =
    [
        ("Aire Valley Cancer Support Service", "Y0A01", Nation.England, "LS"),
        ("Pennine Macmillan One-to-One", "Y0A02", Nation.England, "BD"),
        ("Thames Gateway Living With Cancer", "Y0A03", Nation.England, "SS"),
        ("Wessex After Treatment Service", "Y0A04", Nation.England, "SO"),
        ("Mersey Cancer Care Coordination", "Y0A05", Nation.England, "L"),
        ("Black Country Support Workers", "Y0A06", Nation.England, "WV"),
        ("Fenland Cancer Recovery Service", "Y0A07", Nation.England, "PE"),
        ("Tyne and Wear Survivorship Team", "Y0A08", Nation.England, "NE"),
        ("Severn Vale One-to-One Support", "Y0A09", Nation.England, "GL"),
        ("Kent Coast Cancer Navigators", "Y0A10", Nation.England, "CT"),
        ("Cwm Taf Cancer Support", "Y0W01", Nation.Wales, "CF"),
        ("Gwynedd Living Well After Cancer", "Y0W02", Nation.Wales, "LL"),
        ("Lothian Cancer Key Workers", "Y0S01", Nation.Scotland, "EH"),
        ("Tayside Transforming Care After Treatment", "Y0S02", Nation.Scotland, "DD"),
        ("Belfast Cancer Support Workers", "Y0N01", Nation.NorthernIreland, "BT"),
        ("Southern Trust Survivorship Service", "Y0N02", Nation.NorthernIreland, "BT"),
    ];

    /// <summary>DOMAIN.md's sensible defaults.</summary>
    public static IReadOnlyList<StaffRole> DefaultRoles() =>
    [
        new() { Name = "Support worker", Band = 4, Registered = false, MayCarrySelfManagement = true, SignInRole = Roles.SupportWorker },
        new() { Name = "Clinical nurse specialist", Band = 7, Registered = true, MayCarrySelfManagement = true, MayCarrySharedCare = true, MayCarryComplex = true, MaySupervise = true, SignInRole = Roles.RegisteredPractitioner },
        new() { Name = "Complex case manager", Band = 7, Registered = true, MayCarrySharedCare = true, MayCarryComplex = true, MaySupervise = true, SignInRole = Roles.RegisteredPractitioner },
        new() { Name = "Community specialist practitioner", Band = 6, Registered = true, MayCarrySelfManagement = true, MayCarrySharedCare = true, MaySupervise = true, SignInRole = Roles.RegisteredPractitioner },
    ];

    public static string SignInHelp(IConfiguration configuration)
    {
        var password = configuration["Demo:Password"] ?? DefaultPassword;
        var text = new StringBuilder();
        text.AppendLine("Demo sign-ins (synthetic data only), password for all: " + password);
        foreach (var (email, _, role, _) in DemoAccounts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {Roles.DisplayName(role),-24} {email}");
        }

        text.Append("The administrator sets up an authenticator app (TOTP) at first sign-in.");
        return text.ToString();
    }

    /// <summary>Seeds an empty database. <paramref name="historyPeople"/>: how many of the first organisation's people get five
    /// years of history (default Demo:HistoryPeople, else a tenth of that organisation's people up to 2,000);
    /// <paramref name="directoryServices"/>: synthetic services added to the directory (default Demo:DirectoryServices, else none);
    /// <paramref name="evaluationActivity"/>: contacts and assessments at baseline, follow-up and discharge for everyone else
    /// supported, for the evaluation (default Demo:EvaluationActivity, else on for demo sizes up to 50,000 people).</summary>
    public static async Task<string> SeedAsync(IServiceProvider services, int people, TextWriter log, CancellationToken ct,
        int? historyPeople = null, int? directoryServices = null, bool? evaluationActivity = null)
    {
        var clock = Stopwatch.StartNew();
        var db = services.GetRequiredService<OneToOneDb>();
        var configuration = services.GetRequiredService<IConfiguration>();
        if (await db.Organisations.AnyAsync(ct))
        {
            return "The database already has organisations: nothing seeded.";
        }

        await ReferenceData.EnsureAsync(db, ct);
        var staffRoles = await db.StaffRoles.ToListAsync(ct);
        var organisations = Partners.Select(p => new Organisation { Name = p.Name, OdsCode = p.Ods, Nation = p.Nation }).ToList();
        db.Organisations.AddRange(organisations);
        await db.SaveChangesAsync(ct);
        await DirectorySeed.EnsureDefaultsAsync(db, ct);
        await Evaluation.Costs.UnitCostDefaults.EnsureDefaultsAsync(db, ct);

        var password = configuration["Demo:Password"] ?? DefaultPassword;
        var hash = new PasswordHasher<StaffAccount>().HashPassword(new StaffAccount(), password);
        var workforce = Workforce.Build(organisations, staffRoles, people);
        db.Teams.AddRange(workforce.Teams);
        db.Staff.AddRange(workforce.Staff);
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var first = organisations[0];
        foreach (var (email, name, role, staffRoleName) in DemoAccounts)
        {
            var account = NewAccount(first.Id, email, name, hash);
            db.Users.Add(account);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = account.Id, RoleId = roleIds[role] });
            if (staffRoleName.Length > 0)
            {
                var staff = workforce.Staff.First(s => s.OrganisationId == first.Id && s.AccountId is null
                    && s.StaffRoleId == staffRoles.Single(r => r.Name == staffRoleName).Id);
                staff.AccountId = account.Id;
                staff.DisplayName = name;
                staff.Email = email;
            }
        }

        // A second organisation's sign-ins, to see tenancy at work.
        var second = organisations[1];
        foreach (var (email, name, role, staffRoleName) in DemoAccounts.Where(a => a.Role is Roles.TeamLead or Roles.SupportWorker).Take(2))
        {
            var otherEmail = email.Replace("@", "@" + second.OdsCode.ToLowerInvariant() + ".", StringComparison.Ordinal);
            var account = NewAccount(second.Id, otherEmail, name + " (" + second.OdsCode + ")", hash);
            db.Users.Add(account);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = account.Id, RoleId = roleIds[role] });
            var staff = workforce.Staff.First(s => s.OrganisationId == second.Id && s.AccountId is null
                && s.StaffRoleId == staffRoles.Single(r => r.Name == staffRoleName).Id);
            staff.AccountId = account.Id;
            staff.Email = otherEmail;
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var instrument = await db.Set<Instrument>().AsNoTracking().SingleAsync(i => i.Code == AssessmentDefaults.HnaCode && i.Active, ct);
        var calendar = services.GetRequiredService<WorkingDayCalendar>();
        var directoryOptions = services.GetRequiredService<DirectoryOptions>();
        var existing = await db.Set<DirectoryService>().AsNoTracking().Include(s => s.Categories).Include(s => s.Areas).AsSplitQuery().ToListAsync(ct);
        var extras = new SeedExtras(
            historyPeople ?? configuration.GetValue<int?>("Demo:HistoryPeople"),
            Math.Max(0, directoryServices ?? configuration.GetValue("Demo:DirectoryServices", 0)),
            instrument,
            day => calendar.AddWorkingDays(day, directoryOptions.ResponseWorkingDays),
            existing,
            evaluationActivity ?? configuration.GetValue("Demo:EvaluationActivity", people <= 50_000));
        var population = await SyntheticPopulation.SeedAsync(db, organisations, workforce, staffRoles, people, extras, log, ct);
        return string.Create(CultureInfo.InvariantCulture,
            $"Seeded {organisations.Count} organisations, {workforce.Staff.Count} staff, {population} in {clock.Elapsed.TotalSeconds:F1} s.");
    }

    private static StaffAccount NewAccount(Guid organisationId, string email, string name, string passwordHash) => new()
    {
        OrganisationId = organisationId,
        UserName = email,
        NormalizedUserName = email.ToUpperInvariant(),
        Email = email,
        NormalizedEmail = email.ToUpperInvariant(),
        EmailConfirmed = true,
        DisplayName = name,
        PasswordHash = passwordHash,
        LockoutEnabled = true,
    };
}
