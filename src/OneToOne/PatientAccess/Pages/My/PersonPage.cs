using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Data;

namespace OneToOne.PatientAccess.Pages.My;

/// <summary>A page of the person's own: reached only with a person session (never a staff cookie). Every query is
/// about the signed-in person (their id from the session) inside their organisation (the tenancy filter from the
/// session's organisation claim), and every view is audited with the person as the actor.</summary>
[Authorize(Policy = PersonSessions.Policy)]
internal abstract class PersonPage(OneToOneDb db) : PageModel
{
    public Person Me { get; private set; } = null!;

    protected OneToOneDb Db => db;

    /// <summary>Null when the person is loaded; otherwise where to go (their record is gone: the session ends).</summary>
    protected async Task<IActionResult?> LoadMeAsync(CancellationToken ct)
    {
        var id = PersonSessions.PersonId(User);
        var me = id is null ? null : await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (me is null)
        {
            await HttpContext.SignOutAsync(PersonSessions.Scheme);
            return Redirect("/my/sign-in");
        }

        Me = me;
        return null;
    }

    protected async Task AuditViewAsync(string page, CancellationToken ct)
    {
        PersonAudit.Record(db, db.TenantId, Me.Id, "view", "Person", Me.Id, "own pages: " + page);
        await db.SaveChangesAsync(ct);
    }
}
