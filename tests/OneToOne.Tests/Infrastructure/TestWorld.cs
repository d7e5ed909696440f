using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Seeding;
using OneToOne.ServiceDirectory;
using OneToOne.Workforce;
using OtpNet;

namespace OneToOne.Tests.Infrastructure;

public sealed record TestAccount(Guid OrganisationId, Guid AccountId, Guid? StaffId, string Email, string Role, string? AuthenticatorKey)
{
    public string CurrentTotp() => AuthenticatorKey is null
        ? throw new InvalidOperationException("This account has no authenticator.")
        : new Totp(Base32Encoding.ToBytes(AuthenticatorKey)).ComputeTotp();
}

/// <summary>Two organisations, "A" and "B", each with a sign-in for every role, support workers without
/// sign-ins to rank, and an API token. Tests add the people and referrals they need.</summary>
public sealed class TestWorld
{
    public const string Password = "Test-password-12345";

    private readonly Dictionary<(string Org, string Role), TestAccount> _accounts = [];
    private readonly Dictionary<string, string> _tokens = [];

    public Dictionary<string, Organisation> Organisations { get; } = [];
    public Dictionary<string, Team> Teams { get; } = [];
    public Dictionary<string, StaffRole> StaffRoles { get; } = [];
    /// <summary>Extra support workers (no sign-in) per organisation, for ranking.</summary>
    public Dictionary<string, List<StaffMember>> ExtraWorkers { get; } = [];

    public TestAccount Account(string organisation, string role) => _accounts[(organisation, role)];

    public string ApiToken(string organisation) => _tokens[organisation];

    public Guid Org(string organisation) => Organisations[organisation].Id;

    public static readonly string[] OrganisationKeys = ["A", "B"];

    public static async Task<TestWorld> CreateAsync(IServiceProvider services)
    {
        var world = new TestWorld();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneToOneDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        // Start-up (migrate) created the reference data: sign-in roles, default staff roles, the HNA instrument.
        await ReferenceData.EnsureAsync(db, CancellationToken.None);
        foreach (var role in await db.StaffRoles.ToListAsync())
        {
            world.StaffRoles[role.Name] = role;
        }

        foreach (var key in OrganisationKeys)
        {
            var suffix = Guid.NewGuid().ToString("N")[..6];
            var org = new Organisation { Name = $"Test partner {key} {suffix}", OdsCode = "T" + suffix[..3].ToUpperInvariant() + key, Nation = Nation.England };
            db.Organisations.Add(org);
            world.Organisations[key] = org;
        }

        await db.SaveChangesAsync();
        await DirectorySeed.EnsureDefaultsAsync(db, CancellationToken.None);
        var hash = new PasswordHasher<StaffAccount>().HashPassword(new StaffAccount(), Password);
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id);
        foreach (var key in OrganisationKeys)
        {
            var org = world.Organisations[key];
            var team = new Team { OrganisationId = org.Id, Name = "One-to-one support team" };
            db.Teams.Add(team);
            world.Teams[key] = team;
            (string Role, string? StaffRole)[] people =
            [
                (Roles.SupportWorker, "Support worker"),
                (Roles.RegisteredPractitioner, "Clinical nurse specialist"),
                (Roles.TeamLead, "Complex case manager"),
                (Roles.Evaluator, null),
                (Roles.Administrator, null),
            ];
            foreach (var (role, staffRole) in people)
            {
                var email = $"{role.ToLowerInvariant()}@{org.OdsCode.ToLowerInvariant()}.test";
                var account = new StaffAccount
                {
                    OrganisationId = org.Id, UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
                    NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, DisplayName = $"{role} {key}",
                    PasswordHash = hash, LockoutEnabled = true,
                };
                db.Users.Add(account);
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = account.Id, RoleId = roleIds[role] });
                StaffMember? staff = null;
                if (staffRole is not null)
                {
                    staff = new StaffMember
                    {
                        OrganisationId = org.Id, TeamId = team.Id, StaffRoleId = world.StaffRoles[staffRole].Id,
                        DisplayName = $"{role} {key}", Email = email, AccountId = account.Id, BaseLocality = "LS6",
                    };
                    db.Staff.Add(staff);
                }

                world._accounts[(key, role)] = new TestAccount(org.Id, account.Id, staff?.Id, email, role, null);
            }

            world.ExtraWorkers[key] =
            [
                new StaffMember { OrganisationId = org.Id, TeamId = team.Id, StaffRoleId = world.StaffRoles["Support worker"].Id, DisplayName = $"Polish Speaker {key}", Email = $"pl@{key}.test", Languages = ["english", "polish"], BaseLocality = "LS6", Skills = ["benefits"] },
                new StaffMember { OrganisationId = org.Id, TeamId = team.Id, StaffRoleId = world.StaffRoles["Support worker"].Id, DisplayName = $"Far Away {key}", Email = $"far@{key}.test", BaseLocality = "BD1" },
            ];
            db.Staff.AddRange(world.ExtraWorkers[key]);
            var token = ApiClient.NewToken();
            db.ApiClients.Add(new ApiClient { OrganisationId = org.Id, Name = "Hospital PAS " + key, TokenPrefix = token[..10], TokenHash = ApiClient.Hash(token), CreatedAt = DateTimeOffset.UtcNow });
            world._tokens[key] = token;
        }

        await db.SaveChangesAsync();

        // Administrators have an authenticator, as they must.
        foreach (var key in OrganisationKeys)
        {
            var admin = world._accounts[(key, Roles.Administrator)];
            var user = await users.FindByIdAsync(admin.AccountId.ToString());
            await users.ResetAuthenticatorKeyAsync(user!);
            await users.SetTwoFactorEnabledAsync(user!, true);
            var authenticatorKey = await users.GetAuthenticatorKeyAsync(user!);
            world._accounts[(key, Roles.Administrator)] = admin with { AuthenticatorKey = authenticatorKey };
        }

        return world;
    }
}
