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
using OneToOne.Referrals;

namespace OneToOne.Workforce.Pages.Roles;

/// <summary>Adds or changes a staff role. Roles are programme-wide; the change is recorded in the acting
/// administrator's organisation's trail.</summary>
[Authorize(Policy = Policies.Admin)]
internal sealed class EditModel(OneToOneDb db, AuditTrail audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public RoleInput Input { get; set; } = new();

    public bool IsNew => Id is null;

    public static IEnumerable<SelectListItem> Levels =>
        Enum.GetValues<PathwayLevel>().Select(l => new SelectListItem(l.DisplayName(), l.ToString()));

    public static IEnumerable<SelectListItem> SignInRoles =>
        WorkforceRules.SignInRoles.Select(r => new SelectListItem(Platform.Auth.Roles.DisplayName(r), r));

    public sealed class RoleInput
    {
        [Required(ErrorMessage = "Enter the role's name")]
        [StringLength(100, ErrorMessage = "Name must be 100 characters or fewer")]
        [Display(Name = "Name")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Enter the Agenda for Change band")]
        [Range(1, 9, ErrorMessage = "Band must be a number from 1 to 9")]
        [Display(Name = "Agenda for Change band")]
        public int? Band { get; set; }

        [Required(ErrorMessage = "Select whether the role is registered")]
        [Display(Name = "Registered")]
        public bool? Registered { get; set; }

        [Display(Name = "Pathway levels a holder may carry as key worker")]
        public List<PathwayLevel> Levels { get; set; } = [];

        [Required(ErrorMessage = "Select whether a holder may supervise")]
        [Display(Name = "May supervise")]
        public bool? MaySupervise { get; set; }

        [Required(ErrorMessage = "Select what the holder signs in as")]
        [Display(Name = "Signs in as")]
        public string? SignInRole { get; set; }

        public Guid Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var r = await db.StaffRoles.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (r is null)
            {
                return NotFound();
            }

            Input = new RoleInput
            {
                Name = r.Name, Band = r.Band, Registered = r.Registered, Levels = [.. r.LevelsMayCarry().Order()],
                MaySupervise = r.MaySupervise, SignInRole = r.SignInRole, Version = r.Version,
            };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        StaffRole? role = null;
        if (Id is { } id)
        {
            role = await db.StaffRoles.FirstOrDefaultAsync(x => x.Id == id, ct);
            if (role is null)
            {
                return NotFound();
            }
        }

        var name = Input.Name?.Trim() ?? "";
        if (Input.SignInRole is not null && !WorkforceRules.SignInRoles.Contains(Input.SignInRole))
        {
            ModelState.AddModelError("Input.SignInRole", "Select what the holder signs in as");
        }

        if (Input.Registered is { } registered && Input.MaySupervise is { } maySupervise)
        {
            foreach (var (field, message) in WorkforceRules.RoleProblems(registered, Input.Levels, maySupervise))
            {
                ModelState.AddModelError("Input." + field, message);
            }
        }

        if (ModelState.IsValid && (await db.StaffRoles.Where(r => r.Id != Id).Select(r => r.Name).ToListAsync(ct)).Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            ModelState.AddModelError("Input.Name", "There is already a role called " + name);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var action = "role.update";
        if (role is null)
        {
            role = new StaffRole { Name = "", SignInRole = "" };
            db.StaffRoles.Add(role);
            action = "role.create";
        }
        else
        {
            db.Entry(role).Property(x => x.Version).OriginalValue = Input.Version;
        }

        role.Name = name;
        role.Band = Input.Band!.Value;
        role.Registered = Input.Registered!.Value;
        role.MayCarrySelfManagement = Input.Levels.Contains(PathwayLevel.SupportedSelfManagement);
        role.MayCarrySharedCare = Input.Levels.Contains(PathwayLevel.SharedCare);
        role.MayCarryComplex = Input.Levels.Contains(PathwayLevel.ComplexCaseManagement);
        role.MaySupervise = Input.MaySupervise!.Value;
        role.SignInRole = Input.SignInRole!;
        audit.Record(action, "StaffRole", role.Id, detail:
            $"band {role.Band}, registered {role.Registered}, levels [{string.Join(",", role.LevelsMayCarry().Order())}], supervise {role.MaySupervise}, sign-in {role.SignInRole}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", AdminText.Conflict);
            return Page();
        }

        TempData["Success"] = action == "role.create" ? "Role added" : "Role updated";
        return Redirect("/admin/roles");
    }
}
