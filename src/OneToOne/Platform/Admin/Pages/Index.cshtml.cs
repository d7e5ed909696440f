using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Platform.Admin.Pages;

[Authorize(Policy = Policies.Admin)]
internal sealed class IndexModel(OneToOneDb db) : PageModel
{
    public sealed record Section(string Title, string Href, int Count, string Description);

    public IReadOnlyList<Section> Sections { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Sections =
        [
            new("Staff", "/admin/staff", await db.Staff.CountAsync(ct), "members of staff in your organisation, their skills, capacity and sign-in accounts"),
            new("Teams", "/admin/teams", await db.Teams.CountAsync(ct), "teams in your organisation"),
            new("Sign-in accounts", "/admin/accounts", await db.InOrganisation().CountAsync(ct), "accounts in your organisation: roles and two-factor authentication"),
            new("API clients", "/admin/api-clients", await db.ApiClients.CountAsync(c => c.RevokedAt == null, ct), "systems with a current token to call the API for your organisation"),
            new("Staff roles", "/admin/roles", await db.StaffRoles.CountAsync(ct), "roles shared by every partner: bands, pathway levels and supervision"),
            new("Partner organisations", "/admin/organisations", await db.Organisations.CountAsync(ct), "partner organisations in the programme"),
            new("Unit costs", "/admin/unit-costs", await db.Set<Evaluation.Costs.UnitCost>().CountAsync(u => u.EffectiveTo == null, ct), "staff roles with a cost per hour, for the evaluation's costs (PSSRU-style tables)"),
            new("Supervision", "/supervision/links", 0, "who supervises whom: support workers and their registered practitioners"),
            new("Questionnaires", "/admin/instruments", 0, "the holistic needs assessment and the outcome and experience questionnaires: publish new versions"),
            new("Service directory", "/admin/directory", 0, "local and national services to signpost and refer to, and Open Referral UK imports"),
            new("Messages", "/admin/outbox", 0, "emails and text messages to people and staff: delivery status and failures"),
            new("Background jobs", "/admin/jobs", 0, "scheduled work such as breach checks and reminders: when each last ran and its outcome"),
            new("Audit trail", "/admin/audit", 0, "search who saw or changed what in your organisation, and check the trail is intact"),
        ];
}
