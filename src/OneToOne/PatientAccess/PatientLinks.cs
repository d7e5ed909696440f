using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using OneToOne.Assessments;
using OneToOne.Notifications;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.PatientAccess;

internal sealed class PatientAccessOptions
{
    public const string Section = "PatientAccess";
    public int LinkValidHours { get; set; } = 72;
    public int LinksPerPersonPerDay { get; set; } = 5;
    public int DateOfBirthAttempts { get; set; } = 5;
    /// <summary>Date-of-birth attempts per minute from one IP address, across all links.</summary>
    public int AttemptsPerMinutePerIp { get; set; } = 10;
    /// <summary>How long a verified date of birth lasts before the person is asked again.</summary>
    public int SessionMinutes { get; set; } = 60;
    /// <summary>The public address links point at (e.g. https://onetoone.example.nhs.uk); the request's own when unset.</summary>
    public string? BaseUrl { get; set; }
}

internal enum LinkState
{
    Invalid,
    Expired,
    Used,
    Locked,
    Open,
}

/// <summary>A link found from its token, with a context acting for the link's organisation.</summary>
internal sealed record ResolvedLink(LinkState State, AssessmentLink? Link, OneToOneDb? Db, AuditTrail? Audit, AssessmentEngine? Engine);

/// <summary>Creates, finds and verifies single-use assessment links. The token carries the organisation id so an
/// anonymous request can be answered from inside that organisation's data (the tenancy filter stays on), plus 32
/// random bytes; only the SHA-256 of the whole token is stored.</summary>
internal sealed class PatientLinks(
    DbContextOptions<OneToOneDb> dbOptions, TimeProvider clock, PatientAccessOptions options, AssessmentOptions assessmentOptions,
    IDataProtectionProvider protection, AuditBatcher auditBatcher)
{
    public const string TooManyLinksMessage = "This person has been sent 5 links in the last 24 hours. Complete the assessment with them or try again tomorrow.";
    public const string NoContactMessage = "Add an email address or mobile phone number to the person's record before sending a link";
    public const string CookieName = "o2o-link";

    private IDataProtector Protector => protection.CreateProtector("OneToOne.PatientAccess.Link");

    public static string NewToken(Guid organisationId, out byte[] hash)
    {
        var bytes = new byte[48];
        organisationId.TryWriteBytes(bytes.AsSpan(0, 16));
        RandomNumberGenerator.Fill(bytes.AsSpan(16));
        hash = SHA256.HashData(bytes);
        return Base64Url(bytes);
    }

    public static (Guid Organisation, byte[] Hash)? ParseToken(string? token)
    {
        if (token is not { Length: 64 })
        {
            return null;
        }

        try
        {
            var bytes = Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/'));
            return bytes.Length == 48 ? (new Guid(bytes.AsSpan(0, 16)), SHA256.HashData(bytes)) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');

    /// <summary>Starts an online response and queues the link to the person (staff context). Returns the masked address or an error.</summary>
    public async Task<(string? SentTo, string? Error)> SendAsync(OneToOneDb db, AuditTrail audit, AssessmentEngine engine, Guid personId, Guid? staffId, string baseUrl, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new { p.Email, p.Phone }).FirstOrDefaultAsync(ct);
        if (person is null)
        {
            return (null, null);
        }

        var now = clock.GetUtcNow();
        var since = now.AddDays(-1);
        if (await db.Set<AssessmentLink>().CountAsync(l => l.PersonId == personId && l.CreatedAt > since, ct) >= options.LinksPerPersonPerDay)
        {
            return (null, TooManyLinksMessage.Replace("5", options.LinksPerPersonPerDay.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        var (to, channel) = !string.IsNullOrWhiteSpace(person.Email) ? (person.Email, "email")
            : !string.IsNullOrWhiteSpace(person.Phone) ? (person.Phone, "sms") : (null, null);
        if (to is null || channel is null)
        {
            return (null, NoContactMessage);
        }

        var instrument = await engine.ActiveInstrumentAsync(AssessmentDefaults.HnaCode, ct);
        if (instrument is null)
        {
            return (null, "No holistic needs assessment is published. Ask an administrator to publish one.");
        }

        var response = engine.Start(personId, instrument, Timepoint.Adhoc, CompletionMode.PersonOnline, staffId, null);
        var token = NewToken(db.TenantId, out var hash);
        var link = new AssessmentLink
        {
            PersonId = personId,
            ResponseId = response.Id,
            TokenHash = hash,
            CreatedAt = now,
            ExpiresAt = now.AddHours(options.LinkValidHours),
            CreatedByStaffId = staffId,
        };
        db.Set<AssessmentLink>().Add(link);
        var url = baseUrl.TrimEnd('/') + "/a/" + token;
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            PersonId = personId,
            To = to,
            Channel = channel,
            Subject = "Your holistic needs assessment",
            Body = $"Your support team has asked you to complete a short questionnaire about how you are and what concerns you. "
                + $"It takes about 10 minutes. Open this link and enter your date of birth: {url} "
                + $"The link works once and expires in {options.LinkValidHours} hours.",
            CreatedAt = now,
        });
        audit.Record("assessment.link.send", "AssessmentLink", link.Id, personId, channel);
        await db.SaveChangesAsync(ct);
        return (Mask(to, channel), null);
    }

    public static string Mask(string to, string channel)
    {
        if (channel == "email")
        {
            var at = to.IndexOf('@', StringComparison.Ordinal);
            return at <= 0 ? "***" : to[0] + "***" + to[at..];
        }

        var digits = to.Replace(" ", "", StringComparison.Ordinal);
        return new string('*', Math.Max(0, digits.Length - 3)) + digits[^Math.Min(3, digits.Length)..];
    }

    /// <summary>Finds the link for an anonymous request, acting for the organisation named in the token.</summary>
    public async Task<ResolvedLink> ResolveAsync(string? token, CancellationToken ct)
    {
        if (ParseToken(token) is not { } parsed)
        {
            return new ResolvedLink(LinkState.Invalid, null, null, null, null);
        }

        var user = CurrentUser.System(parsed.Organisation);
        var db = new OneToOneDb(dbOptions, user, clock, auditBatcher);
        var hash = parsed.Hash;
        var link = await db.Set<AssessmentLink>().FirstOrDefaultAsync(l => l.TokenHash == hash, ct);
        if (link is null)
        {
            await db.DisposeAsync();
            return new ResolvedLink(LinkState.Invalid, null, null, null, null);
        }

        var audit = new AuditTrail(db, user, clock);
        var state = link.UsedAt is not null ? LinkState.Used
            : link.LockedAt is not null ? LinkState.Locked
            : link.ExpiresAt <= clock.GetUtcNow() ? LinkState.Expired
            : LinkState.Open;
        return new ResolvedLink(state, link, db, audit, new AssessmentEngine(db, audit, assessmentOptions));
    }

    /// <summary>Checks the date of birth. A wrong one counts; enough wrong ones lock the link.</summary>
    public async Task<bool> VerifyAsync(ResolvedLink resolved, DateOnly dateOfBirth, CancellationToken ct)
    {
        var link = resolved.Link!;
        var db = resolved.Db!;
        var actual = await db.People.Where(p => p.Id == link.PersonId).Select(p => p.DateOfBirth).FirstAsync(ct);
        if (actual == dateOfBirth)
        {
            resolved.Audit!.Record("assessment.link.verified", "AssessmentLink", link.Id, link.PersonId);
            await db.SaveChangesAsync(ct);
            return true;
        }

        link.FailedAttempts++;
        if (link.FailedAttempts >= options.DateOfBirthAttempts)
        {
            link.LockedAt = clock.GetUtcNow();
        }

        resolved.Audit!.Record(link.LockedAt is null ? "assessment.link.wrong-dob" : "assessment.link.locked", "AssessmentLink", link.Id, link.PersonId);
        await db.SaveChangesAsync(ct);
        return false;
    }

    public void SetSession(HttpContext http, string token, Guid linkId)
    {
        var expires = clock.GetUtcNow().AddMinutes(options.SessionMinutes);
        var value = Protector.Protect(linkId.ToString("N") + "|" + expires.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        http.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            Path = "/a/" + token,
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            IsEssential = true,
        });
    }

    /// <summary>Whether this browser verified the date of birth for this link, recently.</summary>
    public bool HasSession(HttpContext http, Guid linkId)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var raw) || string.IsNullOrEmpty(raw))
        {
            return false;
        }

        try
        {
            var parts = Protector.Unprotect(raw).Split('|');
            return parts.Length == 2 && parts[0] == linkId.ToString("N")
                && long.TryParse(parts[1], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var exp)
                && DateTimeOffset.FromUnixTimeSeconds(exp) > clock.GetUtcNow();
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    public string BaseUrl(HttpRequest request) => options.BaseUrl ?? $"{request.Scheme}://{request.Host}";
}
