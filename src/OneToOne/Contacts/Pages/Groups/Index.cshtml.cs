using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneToOne.Platform.Auth;

namespace OneToOne.Contacts.Pages.Groups;

/// <summary>Group sessions, upcoming then past. Lists no people, so it needs no audit event.</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class IndexModel(ContactQueries queries, TimeProvider clock) : PageModel
{
    public IReadOnlyList<GroupRow> Upcoming { get; private set; } = [];

    public IReadOnlyList<GroupRow> Past { get; private set; } = [];

    public IActionResult OnPost() => NotFound();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        Upcoming = await queries.SessionsAsync(now, upcoming: true, ContactsApi.GroupListSize, ct);
        Past = await queries.SessionsAsync(now, upcoming: false, ContactsApi.GroupListSize, ct);
    }
}
