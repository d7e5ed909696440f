using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Platform.Admin.Pages.ApiClients;

/// <summary>Creates an API client. The token is shown once, on the response to the POST; only its hash is kept.</summary>
[Authorize(Policy = Policies.Admin)]
internal sealed class NewModel(OneToOneDb db, AuditTrail audit, TimeProvider clock, CurrentUser user) : PageModel
{
    /// <summary>Enough of the token to tell clients apart, far too little to guess the rest.</summary>
    public const int PrefixLength = 10;

    [BindProperty]
    public ClientInput Input { get; set; } = new();

    public string? Token { get; private set; }

    public sealed class ClientInput
    {
        [Required(ErrorMessage = "Enter a name for the system that will use the token")]
        [StringLength(200, ErrorMessage = "Name must be 200 characters or fewer")]
        [Display(Name = "Name")]
        public string? Name { get; set; }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var token = ApiClient.NewToken();
        var client = new ApiClient
        {
            Name = Input.Name!.Trim(),
            TokenPrefix = token[..PrefixLength],
            TokenHash = ApiClient.Hash(token),
            CreatedAt = clock.GetUtcNow(),
            CreatedById = user.UserId,
        };
        db.ApiClients.Add(client);
        audit.Record("apiclient.create", "ApiClient", client.Id, detail: "token " + client.TokenPrefix);
        await db.SaveChangesAsync(ct);
        Token = token;
        return Page();
    }
}
