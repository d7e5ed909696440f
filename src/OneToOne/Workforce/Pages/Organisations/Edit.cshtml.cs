using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Admin;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Workforce.Pages.Organisations;

/// <summary>Adds (/admin/organisations/new) or changes a partner organisation. Organisations are programme
/// reference data: the change is recorded in the acting administrator's own organisation's trail.</summary>
[Authorize(Policy = Policies.Admin)]
internal sealed class EditModel(OneToOneDb db, AuditTrail audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public OrganisationInput Input { get; set; } = new();

    public bool IsNew => Id is null;

    public static IEnumerable<SelectListItem> Nations =>
        Enum.GetValues<Nation>().Select(n => new SelectListItem(Organisation.NationName(n), n.ToString()));

    public sealed class OrganisationInput
    {
        [Required(ErrorMessage = "Enter the organisation's name")]
        [StringLength(200, ErrorMessage = "Name must be 200 characters or fewer")]
        [Display(Name = "Name")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Enter the ODS code")]
        [StringLength(10, ErrorMessage = "ODS code must be 3 to 5 letters or numbers, like RR8 or 8HV48")]
        [Display(Name = "ODS code")]
        public string? OdsCode { get; set; }

        [Required(ErrorMessage = "Select the nation")]
        [Display(Name = "Nation")]
        public Nation? Nation { get; set; }

        [Display(Name = "Active")]
        public bool Active { get; set; } = true;

        public Guid Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var o = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (o is null)
            {
                return NotFound();
            }

            Input = new OrganisationInput { Name = o.Name, OdsCode = o.OdsCode, Nation = o.Nation, Active = o.Active, Version = o.Version };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Organisation? organisation = null;
        if (Id is { } id)
        {
            organisation = await db.Organisations.FirstOrDefaultAsync(x => x.Id == id, ct);
            if (organisation is null)
            {
                return NotFound();
            }
        }

        var ods = WorkforceRules.Normalise(Input.OdsCode);
        if (ModelState.IsValid && !WorkforceRules.IsOdsCode(ods))
        {
            ModelState.AddModelError("Input.OdsCode", "ODS code must be 3 to 5 letters or numbers, like RR8 or 8HV48");
        }

        if (ModelState.IsValid && await db.Organisations.AnyAsync(o => o.OdsCode == ods && o.Id != Id, ct))
        {
            ModelState.AddModelError("Input.OdsCode", "Another organisation already has the ODS code " + ods);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var action = "organisation.update";
        if (organisation is null)
        {
            organisation = new Organisation { Name = "", OdsCode = "" };
            db.Organisations.Add(organisation);
            action = "organisation.create";
        }
        else
        {
            db.Entry(organisation).Property(x => x.Version).OriginalValue = Input.Version;
        }

        organisation.Name = Input.Name!.Trim();
        organisation.OdsCode = ods;
        organisation.Nation = Input.Nation!.Value;
        organisation.Active = Input.Active;
        audit.Record(action, "Organisation", organisation.Id, detail: $"ODS {ods}, {organisation.Nation}, {(organisation.Active ? "active" : "inactive")}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", AdminText.Conflict);
            return Page();
        }

        TempData["Success"] = action == "organisation.create" ? "Organisation added" : "Organisation updated";
        return Redirect("/admin/organisations");
    }
}
