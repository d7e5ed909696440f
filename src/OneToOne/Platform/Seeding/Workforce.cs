using System.Globalization;
using Bogus;
using OneToOne.People;
using OneToOne.Workforce;

namespace OneToOne.Platform.Seeding;

/// <summary>The synthetic workforce: teams and staff with skills, languages and localities for every organisation.</summary>
internal sealed record Workforce(List<Team> Teams, List<StaffMember> Staff)
{
    private static readonly string[] SkillPool = ["benefits", "work", "housing", "carers", "physical-activity", "psychological-support", "transport"];
    private static readonly string[] TeamNames = ["One-to-one support team", "Acute oncology liaison team"];
    private static readonly string[] LanguagePool = ["polish", "urdu", "punjabi", "bengali", "welsh", "gujarati", "arabic", "romanian", "cantonese", "somali"];

    /// <summary>About one support worker for every 35 open episodes, at least six per organisation.</summary>
    public static Workforce Build(IReadOnlyList<Organisation> organisations, IReadOnlyList<StaffRole> roles, int people)
    {
        var faker = new Faker("en_GB") { Random = new Randomizer(20261124) };
        var teams = new List<Team>();
        var staff = new List<StaffMember>();
        var perOrganisation = people / Math.Max(1, organisations.Count);
        var supportWorkers = Math.Max(6, (int)Math.Ceiling(perOrganisation * 0.12 / 35.0));
        var worker = roles.Single(r => r.Name == "Support worker");
        var cns = roles.Single(r => r.Name == "Clinical nurse specialist");
        var ccm = roles.Single(r => r.Name == "Complex case manager");
        var csp = roles.Single(r => r.Name == "Community specialist practitioner");
        foreach (var (organisation, index) in organisations.Select((o, i) => (o, i)))
        {
            var area = DemoData.Partners[index % DemoData.Partners.Count].Area;
            var orgTeams = TeamNames.Select(n => new Team { OrganisationId = organisation.Id, Name = n }).ToList();
            teams.AddRange(orgTeams);
            var practitioners = Math.Max(2, supportWorkers / 4);
            StaffMember Make(StaffRole role, decimal capacity, int n)
            {
                var name = faker.Name.FullName();
                var email = string.Create(CultureInfo.InvariantCulture,
                    $"{role.Name.Split(' ')[0].ToLowerInvariant()}{n}@{organisation.OdsCode.ToLowerInvariant()}.{DemoData.DemoDomain}");
                var languages = new List<string> { "english" };
                if (faker.Random.Bool(0.2f))
                {
                    languages.Add(faker.PickRandom(LanguagePool));
                }

                if (organisation.Nation == Nation.Wales && faker.Random.Bool(0.5f))
                {
                    languages.Add("welsh");
                }

                return new StaffMember
                {
                    OrganisationId = organisation.Id,
                    TeamId = role == ccm ? orgTeams[1].Id : orgTeams[0].Id,
                    StaffRoleId = role.Id,
                    DisplayName = name,
                    Email = email,
                    Skills = faker.Random.ListItems(SkillPool, faker.Random.Int(0, 2)).ToList(),
                    TumourSites = faker.Random.ListItems(TumourSites.All.Select(t => t.Code).Take(12).ToList(), faker.Random.Int(0, 2)).ToList(),
                    Languages = languages.Distinct().ToList(),
                    BaseLocality = area + faker.Random.Int(1, 20).ToString(CultureInfo.InvariantCulture),
                    HoursPerWeek = faker.PickRandom(37.5m, 30m, 22.5m),
                    CaseloadCapacity = capacity,
                };
            }

            for (var i = 1; i <= supportWorkers; i++)
            {
                staff.Add(Make(worker, 40, i));
            }

            for (var i = 1; i <= practitioners; i++)
            {
                staff.Add(Make(i % 3 == 0 ? csp : cns, 30, i));
            }

            for (var i = 1; i <= Math.Max(1, practitioners / 2); i++)
            {
                staff.Add(Make(ccm, 24, i));
            }
        }

        return new Workforce(teams, staff);
    }
}
