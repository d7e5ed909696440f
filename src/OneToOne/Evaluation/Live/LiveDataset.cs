using System.Text;
using OneToOne.Contacts;
using OneToOne.Evaluation.Engine;

namespace OneToOne.Evaluation.Live;

/// <summary>Turns a snapshot into the engine's de-identified <see cref="EvaluationDataset"/>: pseudonyms only, one score per
/// person, instrument and timepoint, and unit costs per contact hour.</summary>
internal static class LiveDataset
{
    /// <summary>The dataset as it is: the engine refuses it (naming the role or score) if a contact's role has no unit cost or
    /// a score is outside its instrument's range, so `evaluate --from --to` never gives a silently skewed result.</summary>
    public static EvaluationDataset From(LiveSnapshot snapshot) => Build(snapshot, dashboard: false, out _, out _);

    /// <summary>For the dashboards, which must show the rest even then: contacts by roles without a unit cost and scores outside
    /// their range are left out of the engine's data, and the page says how many (the activity tables still count them).</summary>
    public static EvaluationDataset ForDashboard(LiveSnapshot snapshot, out int uncostedContacts, out int outOfRangeScores) =>
        Build(snapshot, dashboard: true, out uncostedContacts, out outOfRangeScores);

    private static EvaluationDataset Build(LiveSnapshot snapshot, bool dashboard, out int uncostedContacts, out int outOfRangeScores)
    {
        var members = snapshot.People.Values.Where(p => p.InCohort).ToDictionary(p => p.Id);
        var instruments = snapshot.Instruments.ToDictionary(i => i.Code, StringComparer.Ordinal);
        bool Costed(in LiveContact c) => !dashboard || snapshot.UnitCosts.ContainsKey(c.Role);
        bool InRange(in LiveScore s) => !dashboard || (instruments.TryGetValue(s.Instrument, out var i) && s.Score >= i.Min && s.Score <= i.Max);

        // One pass and one look-up of the person per row: millions of rows.
        uncostedContacts = 0;
        var contacts = new List<EvaluationContact>(snapshot.Contacts.Count);
        foreach (var c in snapshot.Contacts)
        {
            if (!members.TryGetValue(c.PersonId, out var person))
            {
                continue;
            }

            if (!Costed(c))
            {
                uncostedContacts++;
                continue;
            }

            // The engine prices a contact at its length times its role's rate, so the length given is the staff time it took
            // (a group session shared among its attendees).
            contacts.Add(new EvaluationContact(person.Key, c.Date, ModeCode(c.Mode), c.StaffMinutes, c.Role));
        }

        outOfRangeScores = 0;
        var responses = new List<EvaluationResponse>(snapshot.Scores.Count);
        foreach (var s in snapshot.Scores)
        {
            if (!members.TryGetValue(s.PersonId, out var person))
            {
                continue;
            }

            if (!InRange(s))
            {
                outOfRangeScores++;
                continue;
            }

            responses.Add(new EvaluationResponse(person.Key, s.Instrument, s.Timepoint, s.Score));
        }

        var data = new EvaluationDataset
        {
            People = members.Values.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new EvaluationPerson(p.Key, p.Organisation, p.Cohort, LiveFilters.LevelText(p.Level), p.TumourSite, p.AgeBand, p.Sex, p.Ethnicity))
                .ToList(),
            Contacts = contacts,
            Responses = responses,
            UnitCosts = ContactHourCosts(snapshot),
            Instruments = [.. snapshot.Instruments],
        };
        return data;
    }

    /// <summary>The engine's frame straight from a snapshot, for `evaluate --from --to` without --export: the frame
    /// <c>EvaluationFrameBuilder.FromDataset(From(snapshot))</c> gives, with the same checks and problem reports (item numbers
    /// included), without building the dataset's millions of rows or looking each row's person up by pseudonym.</summary>
    public static EvaluationFrame Frame(LiveSnapshot snapshot)
    {
        var problems = new EvaluationProblems();
        var builder = EvaluationFrameBuilder.Start(snapshot.Instruments, ContactHourCosts(snapshot), problems);

        // People in pseudonym order, as the dataset lists them (the bootstrap resamples by position).
        var members = snapshot.People.Values.Where(p => p.InCohort).ToArray();
        SortByKey(members);
        // Each snapshot person's place in the frame: NotMember, Refused (the frame is then refused too) or its position.
        const int NotMember = -2, Refused = -1;
        builder.ExpectPeopleInKeyOrder(members.Length);
        var position = new int[snapshot.People.Count];
        Array.Fill(position, NotMember);
        for (var i = 0; i < members.Length; i++)
        {
            var p = members[i];
            var problem = builder.AddPerson(p.Key, p.Organisation, p.Cohort, i + 1);
            EvaluationFrameBuilder.Item(problems, "people", i + 1, problem);
            position[p.Index] = problem is null ? builder.PersonCount - 1 : Refused;
        }

        // Contacts and responses touch different parts of the builder, so they are added on two cores at once; their problems
        // are listed contacts first, as FromDataset lists them.
        builder.ClosePeople();
        var contactProblems = new EvaluationProblems();
        var responseProblems = new EvaluationProblems();
        Parallel.Invoke(
            () => Gather(snapshot.Contacts, c => c.PersonIndex, contactProblems, "contacts",
                (person, c) => builder.AddContact(person, ModeCode(c.Mode), c.StaffMinutes, c.Role)),
            () => Gather(snapshot.Scores, s => s.PersonIndex, responseProblems, "responses",
                (person, s) => builder.AddResponse(person, s.Instrument, s.Timepoint, s.Score)));

        // Adds the rows of members to the frame, numbering them as the dataset would (a refused person's rows count but are not added).
        void Gather<T>(List<T> rows, Func<T, int> personIndex, EvaluationProblems found, string list, Func<int, T, string?> add)
        {
            var item = 0;
            foreach (var row in rows)
            {
                var person = position[personIndex(row)];
                if (person == NotMember)
                {
                    continue;
                }

                item++;
                if (person != Refused)
                {
                    EvaluationFrameBuilder.Item(found, list, item, add(person, row));
                }
            }
        }

        problems.AddRange(contactProblems);
        problems.AddRange(responseProblems);

        return problems.Count > 0 ? throw new EvaluationDataException(problems) : builder.Build();
    }

    /// <summary>Sorts people by pseudonym, ordinally. Pseudonyms are short ASCII strings of one length, so each is packed into a
    /// number, 7 bits a character, that sorts in the same order: a million numbers sort several times faster than a million
    /// strings. Keys of any other shape are sorted as strings.</summary>
    internal static void SortByKey(LivePerson[] people)
    {
        const int MaxPacked = 128 / 7;
        var length = people.Length > 0 ? people[0].Key.Length : 0;
        if (length > MaxPacked || people.Any(p => p.Key.Length != length || !Ascii.IsValid(p.Key)))
        {
            Array.Sort(Array.ConvertAll(people, p => p.Key), people, StringComparer.Ordinal);
            return;
        }

        var packed = Array.ConvertAll(people, p =>
        {
            UInt128 value = 0;
            foreach (var c in p.Key)
            {
                value = (value << 7) | c;
            }

            return value;
        });
        Array.Sort(packed, people);
    }

    /// <summary>Cost per contact hour: the hourly cost scaled by 1 + the non-contact ratio, so each contact carries its share of
    /// the notes, liaison and travel time around it.</summary>
    private static Dictionary<string, double> ContactHourCosts(LiveSnapshot snapshot) =>
        snapshot.UnitCosts.ToDictionary(u => u.Key, u => u.Value * (1 + snapshot.NonContactToContactRatio), StringComparer.Ordinal);

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
internal sealed class LiveDatasetSource(LiveEvaluationReader reader) : IEvaluationDatasetSource, IEvaluationFrameSource
{
    public async Task<EvaluationDataset> LoadAsync(EvaluationFilter filter, CancellationToken ct) =>
        LiveDataset.From(await reader.ReadAsync(filter, Comparator.Default, ct));

    public async Task<EvaluationFrame> LoadFrameAsync(EvaluationFilter filter, CancellationToken ct) =>
        LiveDataset.Frame(await reader.ReadAsync(filter, Comparator.Default, ct));
}
