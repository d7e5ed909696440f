using System.Globalization;
using System.Text;
using System.Text.Json;
using OneToOne.ServiceDirectory;

namespace OneToOne.Platform.Seeding;

/// <summary>A national-size synthetic service directory: services of every kind a support worker signposts or refers to,
/// spread over the UK's postcode areas and districts (the partners' areas denser), a few percent nationwide. The same
/// services can be written to the database by the seed or to an Open Referral UK (HSDS) file for the import benchmark.
/// Invented, never real: names say "(example)", phones are Ofcom's drama range, addresses and sites are example.org.
/// Deterministic for a seed.</summary>
internal static class SyntheticDirectory
{
    /// <summary>One kind of service: the seed stores <see cref="Codes"/> (concern items or whole domains, so every concern
    /// finds something); an HSDS file carries <see cref="Term"/>, which the import maps with TaxonomyMapping (some kinds
    /// map to nothing, as in real files, and land in the lifestyle domain with a warning).</summary>
    internal sealed record Kind(string Noun, string Term, string[] Codes, HowToUse How, string Description);

    internal static readonly Kind[] Kinds =
    [
        new("Cancer benefits advice", "Benefits advice", ["money"], HowToUse.Referral, "Benefits checks, applications and appeals for people affected by cancer."),
        new("Debt and money advice", "Debt advice", ["money"], HowToUse.Referral, "Free, confidential advice on debts, bills and budgeting."),
        new("Housing support", "Housing support", ["money"], HowToUse.Referral, "Help to stay in a home, adapt it or find another."),
        new("Carers centre", "Carers support", ["caring"], HowToUse.Referral, "Advice, breaks and peer support for people who care for someone."),
        new("Talking therapies", "Counselling", ["worry", "sadness", "anger"], HowToUse.Referral, "Talking therapies for anxiety, low mood and anger after cancer."),
        new("Emotional support group", "Mental health support", ["emotional"], HowToUse.SignpostOnly, "A friendly group to talk about living with and after cancer."),
        new("Move more programme", "Physical activity", ["exercise", "fatigue"], HowToUse.Referral, "A twelve-week physical activity programme after cancer treatment."),
        new("Walking group", "Walking groups", ["exercise", "getting-around", "loneliness"], HowToUse.SignpostOnly, "Gentle weekly walks of about an hour, all paces welcome."),
        new("Community transport", "Community transport", ["transport", "getting-around"], HowToUse.Referral, "Door-to-door transport to hospital and GP appointments."),
        new("Work and cancer advice", "Employment support", ["work"], HowToUse.SignpostOnly, "Advice on returning to work, talking to employers and reasonable adjustments."),
        new("Bereavement support", "Bereavement support", ["meaning", "sadness"], HowToUse.SignpostOnly, "Phone and face-to-face support after a death."),
        new("Chaplaincy and spiritual care", "Chaplaincy and spiritual care", ["spiritual"], HowToUse.SignpostOnly, "Spiritual and pastoral care for people of all faiths and none."),
        new("Eating well clinic", "Nutrition and diet advice", ["diet", "eating"], HowToUse.Referral, "Dietitian-led advice on eating well during and after treatment."),
        new("Stop smoking service", "Stop smoking", ["smoking"], HowToUse.Referral, "Free support and medicines to stop smoking."),
        new("Befriending service", "Befriending", ["loneliness"], HowToUse.Referral, "Weekly visits or calls from a volunteer befriender."),
        new("Fatigue and sleep course", "Fatigue management", ["fatigue", "sleep"], HowToUse.Referral, "A six-week course on managing cancer-related fatigue and sleep."),
        new("Pain self-management programme", "Pain management", ["pain"], HowToUse.Referral, "A group programme for living with persistent pain."),
        new("Cancer information and support centre", "Information and advice", ["information", "lifestyle"], HowToUse.SignpostOnly, "Drop-in information and support about cancer and its treatment."),
        new("Family and relationship support", "Family support", ["family", "partner", "children"], HowToUse.Referral, "Support for couples, children and families affected by cancer."),
        new("Cancer rehabilitation service", "Rehabilitation", ["physical", "breathing", "memory"], HowToUse.Referral, "Physiotherapy and occupational therapy after cancer treatment."),
        new("Lymphoedema service", "Lymphoedema", ["physical"], HowToUse.Referral, "Assessment and treatment of swelling after cancer treatment."),
    ];

    /// <summary>UK postcode areas (outside London's central sectors, whose districts carry letters).</summary>
    internal static readonly string[] PostcodeAreas =
    [
        "AB", "AL", "B", "BA", "BB", "BD", "BH", "BL", "BN", "BR", "BS", "BT", "CA", "CB", "CF", "CH", "CM", "CO", "CR", "CT",
        "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT", "DY", "E", "EH", "EN", "EX", "FK", "FY", "G", "GL",
        "GU", "HA", "HD", "HG", "HP", "HR", "HS", "HU", "HX", "IG", "IP", "IV", "KA", "KT", "KW", "KY", "L", "LA", "LD", "LE",
        "LL", "LN", "LS", "LU", "M", "ME", "MK", "ML", "N", "NE", "NG", "NN", "NP", "NR", "NW", "OL", "OX", "PA", "PE", "PH",
        "PL", "PO", "PR", "RG", "RH", "RM", "S", "SA", "SE", "SG", "SK", "SL", "SM", "SN", "SO", "SP", "SR", "SS", "ST", "SW",
        "SY", "TA", "TD", "TF", "TN", "TQ", "TR", "TS", "TW", "UB", "W", "WA", "WD", "WF", "WN", "WR", "WS", "WV", "YO",
    ];

    /// <summary>Districts 1..20 of each area: the synthetic population's postcodes use the same range.</summary>
    public const int DistrictsPerArea = 20;

    public const double NationwideShare = 0.03;
    public const double AreaWideShare = 0.12;

    private static readonly string[] ProviderWords = ["Community Trust", "Advice Network", "Wellbeing Service", "Health Partnership", "Support Centre", "Foundation", "Care Collective"];
    private static readonly string[] ProviderPlaces =
    [
        "Northgate", "Riverside", "Hillside", "Oakfield", "Westbrook", "Eastleigh", "Millbank", "Ashcroft", "Brookvale", "Fairview",
        "Greenhill", "Kingsmead", "Larchwood", "Moorside", "Parkview", "Queensway", "Redbridge", "Stonegate", "Thornbury", "Willowdale",
    ];

    /// <summary><paramref name="count"/> services, deterministic for <paramref name="seed"/>; ExternalIds are
    /// <paramref name="idPrefix"/>-000001 onwards. <paramref name="denseAreas"/> (the partners' areas) get three times the weight.</summary>
    public static List<DirectoryService> Generate(int count, int seed, string idPrefix, IReadOnlyCollection<string> denseAreas, DateTimeOffset updatedAt)
    {
        var random = new Random(seed);
        var weighted = PostcodeAreas.SelectMany(a => Enumerable.Repeat(a, denseAreas.Contains(a) ? 3 : 1)).ToArray();
        var services = new List<DirectoryService>(count);
        for (var i = 0; i < count; i++)
        {
            var kind = Kinds[i % Kinds.Length];
            var n = i + 1;
            var draw = random.NextDouble();
            // The first service of each kind is nationwide, so every concern has somewhere to go from anywhere.
            var nationwide = i < Kinds.Length || draw < NationwideShare;
            var area = weighted[random.Next(weighted.Length)];
            List<string> districts;
            if (nationwide)
            {
                districts = [];
            }
            else if (draw < NationwideShare + AreaWideShare)
            {
                districts = [area];
            }
            else
            {
                var first = random.Next(1, DistrictsPerArea + 1);
                districts = [.. Enumerable.Range(0, random.Next(1, 4))
                    .Select(k => area + (((first - 1 + k) % DistrictsPerArea) + 1).ToString(CultureInfo.InvariantCulture))];
            }

            var place = ProviderPlaces[random.Next(ProviderPlaces.Length)];
            var provider = $"{place} {ProviderWords[random.Next(ProviderWords.Length)]} (example)";
            var where = nationwide ? "UK-wide" : string.Join(", ", districts);
            var postcodeDistrict = nationwide ? null : districts[0].Any(char.IsAsciiDigit) ? districts[0] : districts[0] + "1";
            var service = new DirectoryService
            {
                ExternalId = string.Create(CultureInfo.InvariantCulture, $"{idPrefix}-{n:000000}"),
                Name = Clip($"{kind.Noun}, {where} (example {n})", DirectoryService.NameMax),
                ProviderOrganisationName = provider,
                Description = kind.Description + " Synthetic: invented for testing and demonstration.",
                Eligibility = "Adults affected by cancer" + (nationwide ? " anywhere in the UK" : " living in " + where),
                Nationwide = nationwide,
                Phone = string.Create(CultureInfo.InvariantCulture, $"03069 990{n % 1000:000}"),
                Email = string.Create(CultureInfo.InvariantCulture, $"service{n}@example.org"),
                Website = string.Create(CultureInfo.InvariantCulture, $"https://example.org/services/{n}"),
                Address = postcodeDistrict is null ? null
                    : string.Create(CultureInfo.InvariantCulture, $"{n % 200 + 1} Example Road, {place}, {postcodeDistrict} {random.Next(1, 10)}AB"),
                HowToUse = kind.How,
                UpdatedAt = updatedAt,
            };
            service.Categories = [.. kind.Codes.Select(c => new DirectoryServiceCategory { ServiceId = service.Id, Code = c })];
            service.Areas = [.. DirectoryRules.AreaRows(nationwide, districts).Select(d => new DirectoryServiceArea { ServiceId = service.Id, District = d })];
            services.Add(service);
        }

        return services;
    }

    /// <summary><see cref="Generate"/>'s services as an Open Referral UK file in its table form: services, organizations, taxonomies,
    /// service_taxonomies, locations, physical_addresses, service_at_locations and phones, joined by id, the shape an
    /// ORUK API export has. Each service's taxonomy term is its kind's; its areas are service_areas ("National" when nationwide).</summary>
    public static void WriteHsds(Stream stream, int count, int seed, string idPrefix)
    {
        var services = Generate(count, seed, idPrefix, [], DateTimeOffset.UnixEpoch);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        // Generate gives service i the kind i % Kinds.Length.
        Kind KindOf(int n) => Kinds[(n - 1) % Kinds.Length];
        static string Slug(string text) => new([.. text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
        var organisations = services.Select(s => s.ProviderOrganisationName).Distinct(StringComparer.Ordinal)
            .Select((name, i) => (name, id: string.Create(CultureInfo.InvariantCulture, $"org-{i + 1}")))
            .ToDictionary(o => o.name, o => o.id, StringComparer.Ordinal);

        w.WriteStartObject();
        w.WriteStartArray("organizations");
        foreach (var (name, id) in organisations)
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("name", name);
            w.WriteString("description", "A synthetic provider of services (example).");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("taxonomies");
        foreach (var kind in Kinds.DistinctBy(k => k.Term))
        {
            w.WriteStartObject();
            w.WriteString("id", "oruk-synthetic:" + Slug(kind.Term));
            w.WriteString("name", kind.Term);
            w.WriteString("vocabulary", "oruk-synthetic");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("services");
        foreach (var s in services)
        {
            w.WriteStartObject();
            w.WriteString("id", s.ExternalId);
            w.WriteString("organization_id", organisations[s.ProviderOrganisationName]);
            w.WriteString("name", s.Name);
            w.WriteString("description", s.Description);
            w.WriteString("url", s.Website);
            w.WriteString("email", s.Email);
            w.WriteString("status", "active");
            w.WriteString("eligibility", s.Eligibility);
            w.WriteString("application_process", s.HowToUse == HowToUse.Referral ? "Referral by a professional" : "Drop in, phone or email");
            w.WriteStartArray("service_areas");
            foreach (var area in s.Nationwide ? ["National"] : s.Areas.Select(a => a.District))
            {
                w.WriteStartObject();
                w.WriteString("service_area", area);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        Table("service_taxonomies", (s, n) =>
        {
            w.WriteString("service_id", s.ExternalId);
            w.WriteString("taxonomy_id", "oruk-synthetic:" + Slug(KindOf(n).Term));
        });
        Table("locations", (s, n) =>
        {
            w.WriteString("name", s.ProviderOrganisationName);
        }, s => s.Address is not null);
        Table("physical_addresses", (s, n) =>
        {
            var parts = s.Address!.Split(", ");
            w.WriteString("location_id", string.Create(CultureInfo.InvariantCulture, $"loc-{n}"));
            w.WriteString("address_1", parts[0]);
            w.WriteString("city", parts[1]);
            w.WriteString("postal_code", parts[2]);
            w.WriteString("country", "GB");
        }, s => s.Address is not null);
        Table("service_at_locations", (s, n) =>
        {
            w.WriteString("service_id", s.ExternalId);
            w.WriteString("location_id", string.Create(CultureInfo.InvariantCulture, $"loc-{n}"));
        }, s => s.Address is not null);
        Table("phones", (s, n) =>
        {
            w.WriteString("service_id", s.ExternalId);
            w.WriteString("number", s.Phone);
        });
        w.WriteEndObject();
        w.Flush();

        // One row per service (n is the service's 1-based position, so the tables' ids line up); ids are "<table>-n".
        void Table(string name, Action<DirectoryService, int> write, Func<DirectoryService, bool>? include = null)
        {
            w.WriteStartArray(name);
            var prefix = name == "locations" ? "loc" : name;
            for (var i = 0; i < services.Count; i++)
            {
                if (include is not null && !include(services[i]))
                {
                    continue;
                }

                w.WriteStartObject();
                w.WriteString("id", string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i + 1}"));
                write(services[i], i + 1);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }
    }

    /// <summary>An HSDS file of <paramref name="count"/> synthetic services as a string (tests and small samples).</summary>
    public static string HsdsText(int count, int seed, string idPrefix)
    {
        using var stream = new MemoryStream();
        WriteHsds(stream, count, seed, idPrefix);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}
