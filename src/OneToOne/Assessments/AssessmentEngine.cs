using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Data;

namespace OneToOne.Assessments;

internal sealed class AssessmentOptions
{
    public const string Section = "Assessments";

    /// <summary>Overrides every instrument's distress threshold for this deployment when set (DOMAIN.md: configurable).</summary>
    public int? DistressThreshold { get; set; }
}

/// <summary>A response with its instrument and answers, loaded for a page or an API call.</summary>
internal sealed record LoadedResponse(AssessmentResponse Response, Instrument Instrument, Dictionary<string, AssessmentAnswer> Answers)
{
    public InstrumentDefinition Definition => Instrument.Definition;

    public Dictionary<string, AnswerValue> Values =>
        Answers.ToDictionary(a => a.Key, a => new AnswerValue(a.Value.Score, a.Value.Text), StringComparer.Ordinal);
}

/// <summary>Why an answer or submission was refused; keys are item codes (or "topConcerns").</summary>
internal sealed record AnswerErrors(Dictionary<string, string> Errors)
{
    public const string TopConcernsKey = "topConcerns";
}

/// <summary>Starts, saves, submits and compares responses. Used by the worker's pages, the API and the
/// person's link pages (which pass a context acting for the link's organisation).</summary>
internal sealed class AssessmentEngine(OneToOneDb db, AuditTrail audit, AssessmentOptions options)
{
    public const string SubmittedMessage = "This assessment has already been submitted";

    // Published versions never change, so their parsed definitions can be shared by every request.
    private static readonly ConcurrentDictionary<Guid, Instrument> InstrumentCache = new();

    public Task<Instrument?> ActiveInstrumentAsync(string code, CancellationToken ct) =>
        db.Set<Instrument>().AsNoTracking().FirstOrDefaultAsync(i => i.Code == code && i.Active, ct);

    public async Task<Instrument?> InstrumentAsync(Guid id, CancellationToken ct)
    {
        if (InstrumentCache.TryGetValue(id, out var cached))
        {
            return cached;
        }

        var instrument = await db.Set<Instrument>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (instrument is not null)
        {
            _ = instrument.Definition;
            InstrumentCache[id] = instrument;
        }

        return instrument;
    }

    /// <summary>Adds a new in-progress response (the caller saves, with its own audit row).</summary>
    public AssessmentResponse Start(Guid personId, Instrument instrument, Timepoint timepoint, CompletionMode mode, Guid? staffMemberId, Guid? referralId)
    {
        var response = new AssessmentResponse
        {
            PersonId = personId,
            ReferralId = referralId,
            InstrumentId = instrument.Id,
            InstrumentCode = instrument.Code,
            InstrumentVersion = instrument.Version,
            Timepoint = timepoint,
            Mode = mode,
            Status = ResponseStatus.InProgress,
            StartedAt = db.Clock.GetUtcNow(),
            StaffMemberId = staffMemberId,
        };
        db.Set<AssessmentResponse>().Add(response);
        return response;
    }

    public async Task<LoadedResponse?> LoadAsync(Guid responseId, CancellationToken ct, bool track = true)
    {
        var query = db.Set<AssessmentResponse>().AsQueryable();
        var response = await (track ? query : query.AsNoTracking()).FirstOrDefaultAsync(r => r.Id == responseId, ct);
        if (response is null)
        {
            return null;
        }

        var instrument = await InstrumentAsync(response.InstrumentId, ct);
        var answerQuery = db.Set<AssessmentAnswer>().Where(a => a.ResponseId == responseId);
        var answers = await (track ? answerQuery : answerQuery.AsNoTracking()).ToDictionaryAsync(a => a.ItemCode, StringComparer.Ordinal, ct);
        return new LoadedResponse(response, instrument!, answers);
    }

    /// <summary>Checks every answer first and changes nothing if any is refused; otherwise upserts them.
    /// A null score or blank text clears an answer. Top concerns, when given, replace the choice.</summary>
    public AnswerErrors? Apply(LoadedResponse loaded, IReadOnlyDictionary<string, AnswerValue> changes, IReadOnlyList<string>? topConcerns)
    {
        if (loaded.Response.Status == ResponseStatus.Submitted)
        {
            return new AnswerErrors(new(StringComparer.Ordinal) { [""] = SubmittedMessage });
        }

        var definition = loaded.Definition;
        var errors = AssessmentScorer.CheckAnswers(definition, changes);
        if (topConcerns is not null && errors.Count == 0)
        {
            var merged = loaded.Values;
            foreach (var (k, v) in changes)
            {
                merged[k] = v;
            }

            if (AssessmentScorer.CheckTopConcerns(definition, merged, topConcerns) is { } topError)
            {
                errors[AnswerErrors.TopConcernsKey] = topError;
            }
        }

        if (errors.Count > 0)
        {
            return new AnswerErrors(errors);
        }

        foreach (var (code, value) in changes)
        {
            var item = definition.FindItem(code)!;
            var text = string.IsNullOrWhiteSpace(value.Text) ? null : value.Text.Trim();
            var score = item.IsScored ? value.Score : null;
            var empty = score is null && text is null;
            if (loaded.Answers.TryGetValue(code, out var existing))
            {
                if (empty)
                {
                    db.Set<AssessmentAnswer>().Remove(existing);
                    loaded.Answers.Remove(code);
                }
                else
                {
                    existing.Score = score;
                    existing.Text = item.IsScored ? null : text;
                }
            }
            else if (!empty)
            {
                var answer = new AssessmentAnswer
                {
                    ResponseId = loaded.Response.Id,
                    ItemCode = code,
                    DomainCode = item.DomainCode,
                    Score = score,
                    Text = item.IsScored ? null : text,
                };
                db.Set<AssessmentAnswer>().Add(answer);
                loaded.Answers[code] = answer;
            }
        }

        if (topConcerns is not null)
        {
            loaded.Response.TopConcerns = [.. topConcerns];
        }
        else
        {
            // A concern cleared or scored 0 can no longer be a top concern.
            var values = loaded.Values;
            loaded.Response.TopConcerns = loaded.Response.TopConcerns
                .Where(c => values.TryGetValue(c, out var v) && v.Score > 0).ToList();
        }

        // Touch the aggregate so that concurrent saves of the same response conflict rather than interleave.
        db.Entry(loaded.Response).State = EntityState.Modified;
        return null;
    }

    /// <summary>Scores the response and marks it submitted (the caller audits and saves).</summary>
    public AnswerErrors? Submit(LoadedResponse loaded)
    {
        var response = loaded.Response;
        if (response.Status == ResponseStatus.Submitted)
        {
            return new AnswerErrors(new(StringComparer.Ordinal) { [""] = SubmittedMessage });
        }

        var values = loaded.Values;
        var missing = AssessmentScorer.Missing(loaded.Definition, values);
        if (missing.Count > 0)
        {
            return new AnswerErrors(missing.ToDictionary(m => m.Code, m => $"Answer \"{m.Text}\"", StringComparer.Ordinal));
        }

        var score = AssessmentScorer.Score(loaded.Definition, values, options.DistressThreshold,
            countConcerns: loaded.Instrument.Kind == InstrumentKind.Assessment);
        response.Status = ResponseStatus.Submitted;
        response.SubmittedAt = db.Clock.GetUtcNow();
        response.DistressScore = score.Distress;
        response.ConcernCount = score.ConcernCount;
        response.MeanSeverity = score.MeanSeverity;
        response.Flags = score.Flags;
        response.RedFlags = score.RedFlags;
        response.HasRedFlags = score.RedFlags.Count > 0;
        audit.Record("assessment.submit", "AssessmentResponse", response.Id, response.PersonId,
            $"{response.InstrumentCode} v{response.InstrumentVersion}; {score.Flags.Count} flags; {score.RedFlags.Count} red flags");
        return null;
    }

    /// <summary>The last submitted response of the same instrument before this one, compared item by item.</summary>
    public async Task<(AssessmentResponse? Previous, List<ConcernChange> Changes)> ChangesSinceLastAsync(LoadedResponse current, CancellationToken ct)
    {
        var r = current.Response;
        var before = r.SubmittedAt ?? DateTimeOffset.MaxValue;
        var previous = await db.Set<AssessmentResponse>().AsNoTracking()
            .Where(p => p.PersonId == r.PersonId && p.InstrumentCode == r.InstrumentCode && p.Status == ResponseStatus.Submitted
                && p.Id != r.Id && p.SubmittedAt < before)
            .OrderByDescending(p => p.SubmittedAt)
            .FirstOrDefaultAsync(ct);
        if (previous is null)
        {
            return (null, []);
        }

        var old = await db.Set<AssessmentAnswer>().AsNoTracking().Where(a => a.ResponseId == previous.Id)
            .ToDictionaryAsync(a => a.ItemCode, a => a.Score, StringComparer.Ordinal, ct);
        var now = current.Answers.ToDictionary(a => a.Key, a => a.Value.Score, StringComparer.Ordinal);
        return (previous, AssessmentScorer.Changes(current.Definition, old, now));
    }

    /// <summary>Parses a form's posted score ("" is no answer).</summary>
    public static bool TryParseScore(string? raw, out int? score)
    {
        score = null;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return true;
        }

        if (int.TryParse(raw.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var s))
        {
            score = s;
            return true;
        }

        return false;
    }
}
