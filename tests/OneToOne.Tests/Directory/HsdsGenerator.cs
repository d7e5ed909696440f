using System.Globalization;
using System.Text;

namespace OneToOne.Tests.ServiceDirectory;

/// <summary>Synthetic Open Referral UK files of any size, for the import and search measurements (bench/README.md).
/// Deterministic for a seed. About 3% of services are nationwide; the rest serve one to three postcode districts
/// out of about 3,600; each has one to three taxonomy terms, some of which map to no concern.</summary>
public static class HsdsGenerator
{
    private static readonly string[] Areas =
    [
        "AB", "AL", "B", "BA", "BB", "BD", "BH", "BL", "BN", "BR", "BS", "BT", "CA", "CB", "CF", "CH", "CM", "CO", "CR", "CT",
        "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT", "DY", "E", "EC", "EH", "EN", "EX", "FK", "FY", "G", "GL",
        "GU", "HA", "HD", "HG", "HP", "HR", "HS", "HU", "HX", "IG", "IP", "IV", "KA", "KT", "KW", "KY", "L", "LA", "LD", "LE",
        "LL", "LN", "LS", "LU", "M", "ME", "MK", "ML", "N", "NE", "NG", "NN", "NP", "NR", "NW", "OL", "OX", "PA", "PE", "PH",
        "PL", "PO", "PR", "RG", "RH", "RM", "S", "SA", "SE", "SG", "SK", "SL", "SM", "SN", "SO", "SP", "SR", "SS", "ST", "SW",
        "SY", "TA", "TD", "TF", "TN", "TQ", "TR", "TS", "TW", "UB", "W", "WA", "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO",
    ];

    private static readonly string[] Terms =
    [
        "Benefits advice", "Debt advice", "Money management", "Housing support", "Carers support", "Mental health", "Counselling",
        "Physical activity", "Exercise classes", "Community transport", "Employment support", "Bereavement", "Chaplaincy",
        "Nutrition", "Stop smoking", "Befriending", "Fatigue management", "Pain management", "Information and advice",
        "Gardening", "Arts and crafts", "Library services",
    ];

    public static string Generate(int count, int seed = 42, string idPrefix = "gen")
    {
        var random = new Random(seed);
        var sb = new StringBuilder(count * 700);
        sb.Append("[\n");
        for (var i = 0; i < count; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"{idPrefix}-{i:000000}");
            var nationwide = random.NextDouble() < 0.03;
            var areas = nationwide ? "[{\"service_area\":\"National\"}]"
                : "[" + string.Join(",", Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
                    string.Create(CultureInfo.InvariantCulture, $"\"{Areas[random.Next(Areas.Length)]}{random.Next(1, 31)}\""))) + "]";
            var terms = string.Join(",", Enumerable.Range(0, random.Next(1, 4)).Select(_ => Terms[random.Next(Terms.Length)])
                .Distinct().Select((t, n) => string.Create(CultureInfo.InvariantCulture, $"{{\"id\":\"t{n}-{t.Length}\",\"name\":\"{t}\"}}")));
            var postcode = string.Create(CultureInfo.InvariantCulture, $"{Areas[random.Next(Areas.Length)]}{random.Next(1, 31)} {random.Next(1, 10)}AB");
            sb.Append(CultureInfo.InvariantCulture, $$$"""
                {"id":"{{{id}}}","name":"Synthetic service {{{i}}}","description":"A synthetic service for measurement, number {{{i}}}.",
                 "email":"service{{{i}}}@example.org","url":"https://example.org/services/{{{i}}}",
                 "application_process":"{{{(random.Next(2) == 0 ? "Referral by a professional" : "Drop in")}}}",
                 "organization":{"id":"org-{{{i % 500}}}","name":"Synthetic provider {{{i % 500}}}"},
                 "service_areas":{{{areas}}},
                 "service_at_locations":[{"location":{"postal_address":[{"address_1":"{{{i}}} Example Road","city":"Example","postal_code":"{{{postcode}}}"}]}}],
                 "taxonomies":[{{{terms}}}],
                 "contacts":[{"phones":[{"number":"0300 000 {{{i % 10000:0000}}}"}]}]}
                """);
            sb.Append(i + 1 < count ? ",\n" : "\n");
        }

        sb.Append(']');
        return sb.ToString();
    }
}
