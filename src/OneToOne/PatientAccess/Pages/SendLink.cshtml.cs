using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Assessments;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.PatientAccess.Pages;

[Authorize(Policy = Policies.PersonRecords)]
internal sealed class SendLinkModel(OneToOneDb db, AuditTrail audit, AssessmentEngine engine, PatientLinks links, CurrentUser user) : PageModel
{
    public Guid PersonId { get; private set; }
    public string Name { get; private set; } = "";
    public string? Destination { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid personId, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new { p.GivenName, p.FamilyName, p.Email, p.Phone }).FirstOrDefaultAsync(ct);
        if (person is null)
        {
            return NotFound();
        }

        PersonId = personId;
        Name = person.GivenName + " " + person.FamilyName;
        Destination = !string.IsNullOrWhiteSpace(person.Email) ? PatientLinks.Mask(person.Email, "email")
            : !string.IsNullOrWhiteSpace(person.Phone) ? PatientLinks.Mask(person.Phone, "sms") : null;
        await audit.ViewedAsync("Person", personId, personId, ct, "send assessment link");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid personId, CancellationToken ct)
    {
        var (sentTo, error) = await links.SendAsync(db, audit, engine, personId, user.StaffMemberId, links.BaseUrl(Request), ct);
        if (sentTo is null && error is null)
        {
            return NotFound();
        }

        if (error is not null)
        {
            ModelState.AddModelError("", error);
            return await OnGetAsync(personId, ct) is NotFoundResult nf ? nf : Page();
        }

        TempData["Success"] = "Link sent to " + sentTo;
        return Redirect($"/people/{personId}/assessments");
    }
}
