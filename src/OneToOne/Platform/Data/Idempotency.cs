using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace OneToOne.Platform.Data;

/// <summary>A stored answer given again: the first 201 for the same request, or a 422 problem when the key was used
/// with a different request. Endpoints return whichever is set.</summary>
internal sealed record IdempotentReplay<T>(Created<T>? Created, ProblemHttpResult? Refused);

/// <summary>The Idempotency-Key of one creating POST (DESIGN.md: creating POSTs accept one). The first answer is stored
/// as an <see cref="IdempotencyRecord"/> in the same transaction as what it created, with a hash of the request, so a
/// retry with the same key and request gets that answer again and nothing is created twice, and the same key with a
/// different request is refused. Keys are unique per organisation and route (the record's unique index), which also
/// settles two retries racing each other: the loser answers as the winner did.</summary>
internal sealed class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const int KeyMax = 100;
    public const string BadKeyMessage = "The Idempotency-Key header must be 1 to 100 characters";
    public const string ReusedTitle = "This Idempotency-Key was already used with a different request";
    public const string ReusedDetail = "Use a new Idempotency-Key for a different request, or resend exactly the same request to get its original answer.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private Idempotency(string route, string key, string requestHash) => (Route, Key, RequestHash) = (route, key, requestHash);

    public string Route { get; }

    public string Key { get; }

    public string RequestHash { get; }

    /// <summary>Null when the request carries no key (nothing to remember); a ValidationProblem in
    /// <paramref name="invalid"/> for a key that is empty or too long. <paramref name="request"/> is what makes two
    /// requests the same: the body, plus any route values the body leaves out (e.g. the person id).</summary>
    public static Idempotency? For(string route, string? key, object? request, out ValidationProblem? invalid)
    {
        invalid = null;
        if (key is null)
        {
            return null;
        }

        if (key.Length is 0 or > KeyMax)
        {
            invalid = TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { [Header] = [BadKeyMessage] });
            return null;
        }

        return new Idempotency(route, key, Hash(request));
    }

    public static string Hash(object? request) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, Json))));

    /// <summary>The answer already given for this key, or null when the key is new.</summary>
    public async Task<IdempotentReplay<T>?> ReplayAsync<T>(OneToOneDb db, CancellationToken ct)
    {
        var stored = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(k => k.Route == Route && k.Key == Key, ct);
        if (stored is null)
        {
            return null;
        }

        if (!string.Equals(stored.RequestHash, RequestHash, StringComparison.Ordinal))
        {
            return new IdempotentReplay<T>(null, TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                title: ReusedTitle, detail: ReusedDetail));
        }

        return new IdempotentReplay<T>(TypedResults.Created(stored.Location, JsonSerializer.Deserialize<T>(stored.ResponseBody, Json)), null);
    }

    /// <summary>Adds the record of the created answer to the unit of work, so it is saved with what was created.</summary>
    public void Remember<T>(OneToOneDb db, string location, T body, DateTimeOffset now) =>
        db.IdempotencyRecords.Add(new IdempotencyRecord
        {
            Key = Key, Route = Route, RequestHash = RequestHash, StatusCode = StatusCodes.Status201Created,
            ResponseBody = JsonSerializer.Serialize(body, Json), Location = location, CreatedAt = now,
        });

    /// <summary>Saves the change (with its record when there is a key). Null when saved; the winner's answer when another
    /// request with the same key saved first (the unique index refused this one, so nothing was created twice).</summary>
    public static async Task<IdempotentReplay<T>?> SaveAsync<T>(Idempotency? idempotency, OneToOneDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException) when (idempotency is not null)
        {
            db.ChangeTracker.Clear();
            if (await idempotency.ReplayAsync<T>(db, ct) is { } replay)
            {
                return replay;
            }

            throw;
        }
    }
}
