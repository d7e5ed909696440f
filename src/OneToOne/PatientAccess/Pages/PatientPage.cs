using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OneToOne.PatientAccess.Pages;

/// <summary>A page the person reaches from their link, without an account. Nothing personal is shown until the
/// date of birth is verified in this browser.</summary>
[AllowAnonymous]
internal abstract class PatientPage(PatientLinks links) : PageModel
{
    public ResolvedLink Resolved { get; private set; } = null!;
    public string Token { get; private set; } = "";
    protected PatientLinks Links => links;

    protected async Task<ResolvedLink> ResolveAsync(string token, CancellationToken ct)
    {
        Token = token;
        Resolved = await links.ResolveAsync(token, ct);
        if (Resolved.Db is { } db)
        {
            HttpContext.Response.RegisterForDisposeAsync(db);
        }

        return Resolved;
    }

    /// <summary>Null when the link is open and verified here; otherwise where to send the person.</summary>
    protected async Task<IActionResult?> RequireSessionAsync(string token, CancellationToken ct)
    {
        var resolved = await ResolveAsync(token, ct);
        if (resolved.State == LinkState.Invalid)
        {
            return NotFound();
        }

        // A real link that is closed, or not yet verified in this browser, goes to its start page, which says which.
        return resolved.State == LinkState.Open && links.HasSession(HttpContext, resolved.Link!.Id)
            ? null
            : Redirect("/a/" + token);
    }
}
