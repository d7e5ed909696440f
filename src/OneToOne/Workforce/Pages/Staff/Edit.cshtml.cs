using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Admin;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Workforce.Pages.Staff;

/// <summary>Adds or changes a member of the administrator's organisation's staff; another organisation's is a 404.</summary>
[Authorize(Policy = Policies.Admin)]
internal sealed class EditModel(OneToOneDb db, AuditTrail audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public StaffInput Input { get; set; } = new();

    public bool IsNew => Id is null;

    public IReadOnlyList<SelectListItem> StaffRoles { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Teams { get; private set; } = [];

    public static IEnumerable<SelectListItem> Skills => WorkforceRules.Skills.Select(s => new SelectListItem(s.Name, s.Code));

    public static IEnumerable<SelectListItem> Sites => TumourSites.All.Select(s => new SelectListItem(s.Name, s.Code));

    public sealed class StaffInput
    {
        [Required(ErrorMessage = "Enter the name to show for this member of staff")]
        [StringLength(200, ErrorMessage = "Display name must be 200 characters or fewer")]
        [Display(Name = "Display name")]
        public string? DisplayName { get; set; }

        [Required(ErrorMessage = "Enter their work email address")]
        [StringLength(256, ErrorMessage = "Email address must be 256 characters or fewer")]
        [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.com")]
        [Display(Name = "Work email address")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Select a role")]
        [Display(Name = "Role")]
        public Guid? StaffRoleId { get; set; }

        [Display(Name = "Team")]
        public Guid? TeamId { get; set; }

        [Display(Name = "Skills")]
        public List<string> Skills { get; set; } = [];

        [Display(Name = "Tumour sites")]
        public List<string> TumourSites { get; set; } = [];

        [StringLength(500, ErrorMessage = "Languages must be 500 characters or fewer")]
        [Display(Name = "Languages")]
        public string? Languages { get; set; } = "english";

        [StringLength(8, ErrorMessage = "Base locality must be a postcode district, like LS6 or SW1A")]
        [Display(Name = "Base locality (optional)")]
        public string? BaseLocality { get; set; }

        [Required(ErrorMessage = "Enter the hours worked each week")]
        [Range(typeof(decimal), "0.5", "48", ParseLimitsInInvariantCulture = true, ErrorMessage = "Hours per week must be between 0.5 and 48")]
        [Display(Name = "Hours per week")]
        public decimal? HoursPerWeek { get; set; } = 37.5m;

        [Required(ErrorMessage = "Enter the caseload capacity")]
        [Range(typeof(decimal), "0", "200", ParseLimitsInInvariantCulture = true, ErrorMessage = "Caseload capacity must be between 0 and 200")]
        [Display(Name = "Caseload capacity")]
        public decimal? CaseloadCapacity { get; set; } = 40;

        [Display(Name = "Active")]
        public bool Active { get; set; } = true;

        public Guid Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var s = await db.Staff.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (s is null)
            {
                return NotFound();
            }

            Input = new StaffInput
            {
                DisplayName = s.DisplayName, Email = s.Email, StaffRoleId = s.StaffRoleId, TeamId = s.TeamId,
                Skills = s.Skills, TumourSites = s.TumourSites, Languages = WorkforceRules.FormatLanguages(s.Languages),
                BaseLocality = s.BaseLocality, HoursPerWeek = s.HoursPerWeek, CaseloadCapacity = s.CaseloadCapacity,
                Active = s.Active, Version = s.Version,
            };
        }

        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        StaffMember? staff = null;
        if (Id is { } id)
        {
            staff = await db.Staff.FirstOrDefaultAsync(x => x.Id == id, ct);
            if (staff is null)
            {
                return NotFound();
            }
        }

        var email = (Input.Email ?? "").Trim().ToLowerInvariant();
        if (Input.StaffRoleId is { } roleId && !await db.StaffRoles.AnyAsync(r => r.Id == roleId, ct))
        {
            ModelState.AddModelError("Input.StaffRoleId", "Select a role");
        }

        // The tenancy filter hides other organisations' teams, so a forged id fails here.
        if (Input.TeamId is { } teamId && !await db.Teams.AnyAsync(t => t.Id == teamId, ct))
        {
            ModelState.AddModelError("Input.TeamId", "Select a team");
        }

        if (Input.Skills.Any(s => !WorkforceRules.Skills.Any(k => k.Code == s)))
        {
            ModelState.AddModelError("Input.Skills", "Select skills from the list");
        }

        if (Input.TumourSites.Any(s => !TumourSites.IsKnown(s)))
        {
            ModelState.AddModelError("Input.TumourSites", "Select tumour sites from the list");
        }

        var languages = WorkforceRules.ParseLanguages(Input.Languages);
        if (languages is null)
        {
            ModelState.AddModelError("Input.Languages",
                $"Enter languages as names separated by commas, like english, polish (up to {WorkforceRules.MaxLanguages.ToString(CultureInfo.InvariantCulture)})");
        }

        var locality = WorkforceRules.Normalise(Input.BaseLocality);
        if (locality.Length > 0 && !WorkforceRules.IsPostcodeDistrict(locality)
            && ModelState.GetFieldValidationState("Input.BaseLocality") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            ModelState.AddModelError("Input.BaseLocality", "Base locality must be a postcode district, like LS6 or SW1A");
        }

        // Compared in memory: case-insensitively on every provider, and an organisation's staff list is small.
        if (ModelState.IsValid && (await db.Staff.Where(s => s.Id != Id).Select(s => s.Email).ToListAsync(ct)).Contains(email, StringComparer.OrdinalIgnoreCase))
        {
            ModelState.AddModelError("Input.Email", "Another member of your organisation's staff already has this email address");
        }

        if (!ModelState.IsValid)
        {
            await LoadChoicesAsync(ct);
            return Page();
        }

        var action = "staff.update";
        if (staff is null)
        {
            staff = new StaffMember { DisplayName = "", Email = "" };
            db.Staff.Add(staff);
            action = "staff.create";
        }
        else
        {
            db.Entry(staff).Property(x => x.Version).OriginalValue = Input.Version;
        }

        staff.DisplayName = Input.DisplayName!.Trim();
        staff.Email = email;
        staff.StaffRoleId = Input.StaffRoleId!.Value;
        staff.TeamId = Input.TeamId;
        staff.Skills = [.. Input.Skills.Distinct(StringComparer.Ordinal)];
        staff.TumourSites = [.. Input.TumourSites.Distinct(StringComparer.Ordinal)];
        staff.Languages = languages!;
        staff.BaseLocality = locality.Length == 0 ? null : locality;
        staff.HoursPerWeek = Input.HoursPerWeek!.Value;
        staff.CaseloadCapacity = Input.CaseloadCapacity!.Value;
        staff.Active = Input.Active;
        audit.Record(action, "StaffMember", staff.Id, detail: string.Create(CultureInfo.InvariantCulture,
            $"role {staff.StaffRoleId}, team {staff.TeamId}, hours {staff.HoursPerWeek}, capacity {staff.CaseloadCapacity}, {(staff.Active ? "active" : "inactive")}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", AdminText.Conflict);
            await LoadChoicesAsync(ct);
            return Page();
        }

        TempData["Success"] = action == "staff.create" ? "Member of staff added" : "Member of staff updated";
        return Redirect("/admin/staff");
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        StaffRoles = (await db.StaffRoles.AsNoTracking().OrderBy(r => r.Name).Select(r => new { r.Id, r.Name }).ToListAsync(ct))
            .Select(r => new SelectListItem(r.Name, r.Id.ToString())).ToList();
        Teams = (await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
            .Select(t => new SelectListItem(t.Name, t.Id.ToString())).ToList();
    }
}
