using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Data;

namespace OneToOne.ServiceDirectory;

/// <summary>Synthetic directory services across the concern areas, so a new installation's directory search shows
/// something. Names, numbers (0300 000 0xxx) and addresses (example.org) are invented.</summary>
internal static class DirectorySeed
{
    private sealed record Seed(string Id, string Name, string Provider, string Description, string Areas, HowToUse How, params string[] Codes);

    private static readonly Seed[] Services =
    [
        new("o2o-seed-01", "Macmillan Support Line", "Macmillan Cancer Support (example)", "Free, confidential phone line for information, emotional and practical support.", "nationwide", HowToUse.SignpostOnly, "information", "emotional", "money"),
        new("o2o-seed-02", "Cancer Benefits Advice Leeds", "Leeds Welfare Rights (example)", "Benefits checks, applications and appeals for people affected by cancer.", "LS", HowToUse.Referral, "money"),
        new("o2o-seed-03", "Bradford Money Matters", "Bradford Advice Network (example)", "Debt, benefits and grants advice with home visits.", "BD1, BD2, BD3, BD5, BD7", HowToUse.Referral, "money"),
        new("o2o-seed-04", "National Cancer Grants Line", "Cancer Grants Trust (example)", "One-off grants towards heating, travel and household costs.", "nationwide", HowToUse.SignpostOnly, "money"),
        new("o2o-seed-05", "Headingley Walking Group", "Moving On After Cancer (example)", "Gentle weekly walks of about an hour, all paces welcome.", "LS6, LS16, LS4", HowToUse.SignpostOnly, "exercise", "getting-around", "loneliness"),
        new("o2o-seed-06", "Move More Bradford", "Bradford Active Lives (example)", "Twelve-week physical activity programme after cancer treatment.", "BD", HowToUse.Referral, "exercise", "fatigue"),
        new("o2o-seed-07", "Leeds Carers Centre", "Carers Leeds (example)", "Support, breaks and advice for people who care for someone.", "LS", HowToUse.Referral, "caring"),
        new("o2o-seed-08", "Carers Support Line", "Carers Together (example)", "Phone advice for unpaid carers.", "nationwide", HowToUse.SignpostOnly, "caring"),
        new("o2o-seed-09", "Psychological Support After Cancer", "Leeds Teaching Hospitals Psycho-oncology (example)", "Assessment and talking therapies for anxiety and low mood after cancer.", "LS, WF", HowToUse.Referral, "worry", "sadness", "anger"),
        new("o2o-seed-10", "Talking Therapies Bradford", "Bradford Wellbeing (example)", "NHS talking therapies: self-referral or referral by a professional.", "BD", HowToUse.Referral, "worry", "sadness"),
        new("o2o-seed-11", "Cancer Counselling Online", "Counselling Connect (example)", "Short-term online counselling for people living with cancer.", "nationwide", HowToUse.Referral, "emotional"),
        new("o2o-seed-12", "Back to Work After Cancer", "Working With Cancer (example)", "Advice on returning to work, talking to employers and reasonable adjustments.", "nationwide", HowToUse.SignpostOnly, "work"),
        new("o2o-seed-13", "Leeds Employment Hub", "Leeds City Jobs (example)", "Employment support and coaching.", "LS", HowToUse.Referral, "work"),
        new("o2o-seed-14", "Community Transport Leeds", "Access Bus Leeds (example)", "Door-to-door transport to hospital appointments.", "LS", HowToUse.Referral, "transport", "getting-around"),
        new("o2o-seed-15", "Hospital Travel Costs Scheme", "NHS Travel Help (example)", "Help with travel costs to NHS appointments for people on low incomes.", "nationwide", HowToUse.SignpostOnly, "transport", "money"),
        new("o2o-seed-16", "Housing Advice Bradford", "Bradford Housing Options (example)", "Help to stay in or find a home.", "BD", HowToUse.Referral, "money"),
        new("o2o-seed-17", "Hospital Chaplaincy", "Leeds Teaching Hospitals Chaplaincy (example)", "Spiritual and pastoral care for people of all faiths and none.", "LS", HowToUse.SignpostOnly, "spiritual", "meaning", "faith"),
        new("o2o-seed-18", "Bereavement Support Line", "Grief Matters (example)", "Phone and online support after a death.", "nationwide", HowToUse.SignpostOnly, "meaning", "sadness"),
        new("o2o-seed-19", "Eating Well After Cancer", "Dietetics Outreach (example)", "Dietitian-led sessions on eating well during and after treatment.", "LS, BD", HowToUse.Referral, "diet", "eating"),
        new("o2o-seed-20", "Stop Smoking Service", "Yorkshire Smokefree (example)", "Free support and medicines to stop smoking.", "LS, BD, WF, HX", HowToUse.Referral, "smoking"),
        new("o2o-seed-21", "Smokefree National Helpline", "Smokefree Helpline (example)", "Phone support to stop smoking.", "nationwide", HowToUse.SignpostOnly, "smoking"),
        new("o2o-seed-22", "Fatigue Management Course", "Living Well Leeds (example)", "Six-week course on managing cancer-related fatigue.", "LS", HowToUse.Referral, "fatigue", "sleep"),
        new("o2o-seed-23", "Pain Clinic Self-Management Programme", "Bradford Pain Service (example)", "Group programme for living with persistent pain.", "BD", HowToUse.Referral, "pain"),
        new("o2o-seed-24", "Macmillan Information Centre, St James's", "Leeds Cancer Centre (example)", "Drop-in information and support at the hospital.", "LS", HowToUse.SignpostOnly, "information", "lifestyle"),
        new("o2o-seed-25", "Befriending Bradford", "Bradford Good Neighbours (example)", "Weekly visits or calls from a volunteer befriender.", "BD", HowToUse.Referral, "loneliness"),
        new("o2o-seed-26", "Couples Counselling", "Relate Together (example)", "Counselling for couples and families affected by illness.", "nationwide", HowToUse.SignpostOnly, "family", "partner"),
        new("o2o-seed-27", "Young Carers and Children's Support", "Family Cancer Support (example)", "Support for children when a parent has cancer.", "LS, BD", HowToUse.Referral, "children", "caring"),
        new("o2o-seed-28", "Memory and Concentration Workshop", "Cancer Rehabilitation Leeds (example)", "Strategies for memory problems after cancer treatment ('chemo brain').", "LS", HowToUse.SignpostOnly, "memory"),
        new("o2o-seed-29", "Breathlessness Clinic", "Respiratory Therapies Bradford (example)", "Physiotherapist-led breathlessness management.", "BD", HowToUse.Referral, "breathing"),
        new("o2o-seed-30", "Health and Wellbeing Events", "Aire Valley Cancer Support (example)", "Half-day events on life after treatment: talks, stalls and peer support.", "LS, BD, WF", HowToUse.SignpostOnly, "lifestyle", "information"),
    ];

    /// <summary>Adds any of the synthetic services not yet present (by ExternalId), so it can run on every start.</summary>
    public static async Task EnsureDefaultsAsync(OneToOneDb db, CancellationToken ct)
    {
        var ids = Services.Select(s => s.Id).ToList();
        var present = await db.Set<DirectoryService>().Where(s => s.ExternalId != null && ids.Contains(s.ExternalId))
            .Select(s => s.ExternalId!).ToListAsync(ct);
        var now = db.Clock.GetUtcNow();
        var number = 0;
        foreach (var seed in Services)
        {
            number++;
            if (present.Contains(seed.Id, StringComparer.Ordinal))
            {
                continue;
            }

            var areas = DirectoryRules.ParseAreas(seed.Areas);
            var slug = seed.Id.Replace("o2o-seed-", "service", StringComparison.Ordinal);
            db.Set<DirectoryService>().Add(new DirectoryService
            {
                ExternalId = seed.Id,
                Name = seed.Name,
                ProviderOrganisationName = seed.Provider,
                Description = seed.Description,
                Eligibility = "Adults affected by cancer" + (areas.Nationwide ? " anywhere in the UK" : " living in the area served"),
                Nationwide = areas.Nationwide,
                Phone = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"0300 000 {number:0000}"),
                Email = $"{slug}@example.org",
                Website = $"https://example.org/{slug}",
                HowToUse = seed.How,
                UpdatedAt = now,
                Categories = [.. seed.Codes.Select(c => new DirectoryServiceCategory { Code = c })],
                Areas = [.. DirectoryRules.AreaRows(areas.Nationwide, areas.Districts).Select(d => new DirectoryServiceArea { District = d })],
            });
        }

        await db.SaveChangesAsync(ct);
    }
}
