using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using OneToOne.Notifications;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.PatientAccess;

public enum CodeCheck
{
    SignedIn,
    Wrong,
    Locked,
    Expired,
    Used,
    /// <summary>No challenge in this browser (never asked, or the cookie expired): start again.</summary>
    Missing,
}

/// <summary>Sign-in with a one-time code: the person gives an email address or mobile number and their date of birth;
/// if exactly one record matches, a 6-digit code goes to the contact details on that record. Whatever happens, the
/// person sees the same thing (a page asking for the code), so the sign-in never tells anyone whether an address is
/// known. Each organisation's people are searched from inside that organisation (the tenancy filter stays on).</summary>
internal sealed class PersonSignIn(
    OneToOneDb db, DbContextOptions<OneToOneDb> dbOptions, TimeProvider clock, AuditBatcher auditBatcher, PersonAccessOptions options,
    IEnumerable<NotificationTemplate> templates, IDataProtectionProvider protection, ILogger<PersonSignIn> logger)
{
    public const string CodeTemplate = "person-sign-in-code";
    public const string AmbiguousTemplate = "person-sign-in-ambiguous";
    public const string ChallengeCookie = "o2o-person-challenge";
    public const string ChallengePath = "/my/sign-in";

    private IDataProtector Protector => protection.CreateProtector("OneToOne.PersonAccess.Challenge");

    private OneToOneDb ActingFor(Guid organisationId) => new(dbOptions, CurrentUser.System(organisationId), clock, auditBatcher);

    /// <summary>Records a challenge and, when exactly one record matches and the person is under their hourly limit,
    /// queues a code to them. Returns the challenge id for the browser's cookie.</summary>
    public async Task<Guid> RequestCodeAsync((string Channel, string Value) contact, DateOnly dateOfBirth, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var challenge = new PersonSignInChallenge
        {
            Channel = contact.Channel,
            CreatedAt = now,
            ExpiresAt = now.AddMinutes(options.CodeValidMinutes),
        };

        var matches = await FindAsync(contact, dateOfBirth, ct);
        if (matches.Count == 1)
        {
            var (organisationId, personId) = matches[0];
            var since = now.AddHours(-1);
            var sent = await db.Set<PersonSignInChallenge>().CountAsync(c => c.PersonId == personId && c.CreatedAt > since && c.CodeHash != null, ct);
            await using var orgDb = ActingFor(organisationId);
            challenge.OrganisationId = organisationId;
            challenge.PersonId = personId;
            if (sent < options.CodesPerPersonPerHour)
            {
                var code = PersonAccessRules.NewCode();
                challenge.Salt = RandomNumberGenerator.GetBytes(16);
                challenge.CodeHash = PersonAccessRules.HashCode(challenge.Salt, code);
                new Notifier(orgDb, clock, templates).Queue(new NotificationRequest(CodeTemplate, contact.Channel, contact.Value,
                    new Dictionary<string, string>
                    {
                        ["code"] = code,
                        ["minutes"] = options.CodeValidMinutes.ToString(CultureInfo.InvariantCulture),
                    }, personId));
                PersonAudit.Record(orgDb, organisationId, personId, "person.sign-in.code-sent", "PersonSignInChallenge", challenge.Id, contact.Channel);
            }
            else
            {
                // Over the limit: nothing is sent, but the page is the same, so the limit does not reveal the address either.
                PersonAudit.Record(orgDb, organisationId, personId, "person.sign-in.code-limit", "PersonSignInChallenge", challenge.Id, contact.Channel);
            }

            orgDb.Add(challenge);
            await orgDb.SaveChangesAsync(ct);
            return challenge.Id;
        }

        if (matches.Count > 1)
        {
            // Two records with the same contact details and date of birth (twins sharing an email address; a person known to two
            // services): a code could open the wrong person's record, so none is sent. The owner of the address is told why.
            var first = true;
            foreach (var group in matches.GroupBy(m => m.Organisation))
            {
                await using var orgDb = ActingFor(group.Key);
                if (first)
                {
                    new Notifier(orgDb, clock, templates).Queue(new NotificationRequest(AmbiguousTemplate, contact.Channel, contact.Value,
                        new Dictionary<string, string>(), group.First().Person));
                    first = false;
                }

                foreach (var (_, personId) in group)
                {
                    PersonAudit.Record(orgDb, group.Key, personId, "person.sign-in.ambiguous", "PersonSignInChallenge", challenge.Id, contact.Channel);
                }

                await orgDb.SaveChangesAsync(ct);
            }
        }
        else
        {
            logger.LogInformation("A sign-in code was asked for details that match no record");
        }

        db.Add(challenge);
        await db.SaveChangesAsync(ct);
        return challenge.Id;
    }

    /// <summary>People in active organisations whose date of birth and contact details match.</summary>
    private async Task<List<(Guid Organisation, Guid Person)>> FindAsync((string Channel, string Value) contact, DateOnly dateOfBirth, CancellationToken ct)
    {
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.Active).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(ct);
        var matches = new List<(Guid, Guid)>();
        foreach (var organisationId in organisations)
        {
            await using var orgDb = ActingFor(organisationId);
            var candidates = await orgDb.People.AsNoTracking().Where(p => p.DateOfBirth == dateOfBirth)
                .Select(p => new { p.Id, p.Email, p.Phone }).ToListAsync(ct);
            matches.AddRange(candidates.Where(p => PersonAccessRules.Matches(contact, p.Email, p.Phone)).Select(p => (organisationId, p.Id)));
        }

        return matches;
    }

    /// <summary>Checks a typed code against the challenge. A right code is used up at once (a conditional update, so two
    /// tabs cannot both use it); a wrong one counts towards the limit.</summary>
    public async Task<(CodeCheck Result, Guid Organisation, Guid Person)> VerifyAsync(Guid challengeId, string code, CancellationToken ct)
    {
        var challenge = await db.Set<PersonSignInChallenge>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == challengeId, ct);
        if (challenge is null)
        {
            return (CodeCheck.Missing, default, default);
        }

        var now = clock.GetUtcNow();
        if (challenge.UsedAt is not null)
        {
            return (CodeCheck.Used, default, default);
        }

        if (challenge.FailedAttempts >= options.CodeAttempts)
        {
            return (CodeCheck.Locked, default, default);
        }

        if (challenge.ExpiresAt <= now)
        {
            return (CodeCheck.Expired, default, default);
        }

        var max = options.CodeAttempts;
        if (!PersonAccessRules.CodeMatches(challenge.Salt, challenge.CodeHash, code))
        {
            await db.Set<PersonSignInChallenge>().Where(c => c.Id == challengeId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.FailedAttempts, c => c.FailedAttempts + 1), ct);
            var attempts = await db.Set<PersonSignInChallenge>().Where(c => c.Id == challengeId).Select(c => c.FailedAttempts).FirstAsync(ct);
            if (challenge.OrganisationId is { } org && challenge.PersonId is { } person)
            {
                await using var orgDb = ActingFor(org);
                PersonAudit.Record(orgDb, org, person, attempts >= max ? "person.sign-in.locked" : "person.sign-in.wrong-code", "PersonSignInChallenge", challengeId);
                await orgDb.SaveChangesAsync(ct);
            }

            return (attempts >= max ? CodeCheck.Locked : CodeCheck.Wrong, default, default);
        }

        var used = await db.Set<PersonSignInChallenge>()
            .Where(c => c.Id == challengeId && c.UsedAt == null && c.FailedAttempts < max)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), ct);
        if (used != 1)
        {
            return (CodeCheck.Used, default, default);
        }

        var organisationId = challenge.OrganisationId!.Value;
        var personId = challenge.PersonId!.Value;
        await using (var orgDb = ActingFor(organisationId))
        {
            // The record may have gone (merged or removed) in the 10 minutes since the code was sent.
            if (!await orgDb.People.AnyAsync(p => p.Id == personId, ct))
            {
                return (CodeCheck.Wrong, default, default);
            }

            PersonAudit.Record(orgDb, organisationId, personId, "person.sign-in", "PersonSignInChallenge", challengeId);
            await orgDb.SaveChangesAsync(ct);
        }

        return (CodeCheck.SignedIn, organisationId, personId);
    }

    public void SetChallengeCookie(HttpContext http, Guid challengeId)
    {
        var expires = clock.GetUtcNow().AddMinutes(options.CodeValidMinutes + 5);
        var value = Protector.Protect(challengeId.ToString("N") + "|" + expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        http.Response.Cookies.Append(ChallengeCookie, value, new CookieOptions
        {
            Path = ChallengePath,
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            IsEssential = true,
        });
    }

    public Guid? ChallengeFromCookie(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(ChallengeCookie, out var raw) || string.IsNullOrEmpty(raw))
        {
            return null;
        }

        try
        {
            var parts = Protector.Unprotect(raw).Split('|');
            return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var id)
                && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var exp)
                && DateTimeOffset.FromUnixTimeSeconds(exp) > clock.GetUtcNow()
                ? id
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public static void ClearChallengeCookie(HttpContext http) =>
        http.Response.Cookies.Delete(ChallengeCookie, new CookieOptions { Path = ChallengePath });
}
