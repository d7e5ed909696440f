using OneToOne.Contacts;
using OneToOne.Evaluation.Engine;

namespace OneToOne.Evaluation.Live;

/// <summary>Turns a snapshot into the engine's de-identified <see cref="EvaluationDataset"/>: pseudonyms only, one score per
/// person, instrument and timepoint, and unit costs per contact hour.</summary>
internal static class LiveDataset
{
    public static EvaluationDataset From(LiveSnapshot snapshot)
    {
        var members = snapshot.People.Values.Where(p => p.InCohort).ToDictionary(p => p.Id);
        var data = new EvaluationDataset
        {
            People = members.Values.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new EvaluationPerson(p.Key, p.Organisation, p.Cohort, LiveFilters.LevelText(p.Level), p.TumourSite, p.AgeBand, p.Sex))
                .ToList(),
            // The engine prices a contact at its length times its role's rate, so the length given is the staff time it took
            // (a group session shared among its attendees).
            Contacts = snapshot.Contacts.Where(c => members.ContainsKey(c.PersonId))
                .Select(c => new EvaluationContact(members[c.PersonId].Key, c.Date, ModeCode(c.Mode), c.StaffMinutes, c.Role))
                .ToList(),
            Responses = snapshot.Scores.Where(s => members.ContainsKey(s.PersonId))
                .Select(s => new EvaluationResponse(members[s.PersonId].Key, s.Instrument, s.Timepoint, s.Score))
                .ToList(),
            // Cost per contact hour: the hourly cost scaled by 1 + the non-contact ratio, so each contact carries its share of
            // the notes, liaison and travel time around it.
            UnitCosts = snapshot.UnitCosts.ToDictionary(u => u.Key, u => u.Value * (1 + snapshot.NonContactToContactRatio), StringComparer.Ordinal),
            Instruments = [.. snapshot.Instruments],
        };
        return data;
    }

    public static string ModeCode(ContactMode mode) => mode switch
    {
        ContactMode.FaceToFace => "face-to-face",
        ContactMode.Phone => "phone",
        ContactMode.Video => "video",
        ContactMode.Message => "message",
        ContactMode.HomeVisit => "home-visit",
        _ => "group",
    };

    public static EvaluationSettings Settings(EvaluationOptions options, string? effect = null) => new()
    {
        EffectInstrument = effect ?? EvaluationSettings.DefaultEffectInstrument,
        BootstrapResamples = options.BootstrapResamples,
        Seed = options.BootstrapSeed,
    };
}

/// <summary>The live database as the engine's data source (`evaluate --from DATE --to DATE`): the default comparator, the same
/// length of time just before the period.</summary>
internal sealed class LiveDatasetSource(LiveEvaluationReader reader) : IEvaluationDatasetSource
{
    public async Task<EvaluationDataset> LoadAsync(EvaluationFilter filter, CancellationToken ct) =>
        LiveDataset.From(await reader.ReadAsync(filter, Comparator.Default, ct));
}
