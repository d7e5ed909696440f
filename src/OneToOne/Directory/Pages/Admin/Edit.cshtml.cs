using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.ServiceDirectory.Pages.Admin;

[Authorize(Policy = Policies.Admin)]
internal sealed class EditModel(OneToOneDb db, AuditTrail audit, CurrentUser user, TimeProvider clock) : PageModel
{
    public const string ConflictMessage = "This record was changed by someone else while you were editing. Reload the page to see their changes.";

    [BindProperty]
    public ServiceInput Input { get; set; } = new();

    public bool IsNew { get; private set; }

    public sealed class ServiceInput
    {
        [Display(Name = "Service name")]
        [Required(ErrorMessage = "Enter the service name")]
        [StringLength(DirectoryService.NameMax, ErrorMessage = "Service name must be 200 characters or fewer")]
        public string? Name { get; set; }

        [Display(Name = "Provider organisation")]
        [Required(ErrorMessage = "Enter the organisation that runs the service")]
        [StringLength(DirectoryService.NameMax, ErrorMessage = "Provider organisation must be 200 characters or fewer")]
        public string? ProviderOrganisationName { get; set; }

        [Display(Name = "Description")]
        [StringLength(DirectoryService.DescriptionMax, ErrorMessage = "Description must be 4000 characters or fewer")]
        public string? Description { get; set; }

        [Display(Name = "Eligibility")]
        [StringLength(DirectoryService.EligibilityMax, ErrorMessage = "Eligibility must be 2000 characters or fewer")]
        public string? Eligibility { get; set; }

        [Display(Name = "How to use it")]
        [Required(ErrorMessage = "Select how to use the service")]
        public HowToUse? HowToUse { get; set; }

        [Display(Name = "Concerns it helps with")]
        public List<string> Categories { get; set; } = [];

        [Display(Name = "Area served")]
        public string? Areas { get; set; }

        [Display(Name = "Phone")]
        [StringLength(50, ErrorMessage = "Phone must be 50 characters or fewer")]
        public string? Phone { get; set; }

        [Display(Name = "Email")]
        [StringLength(254, ErrorMessage = "Email must be 254 characters or fewer")]
        public string? Email { get; set; }

        [Display(Name = "Website")]
        [StringLength(500, ErrorMessage = "Website must be 500 characters or fewer")]
        public string? Website { get; set; }

        [Display(Name = "Address")]
        [StringLength(500, ErrorMessage = "Address must be 500 characters or fewer")]
        public string? Address { get; set; }

        [Display(Name = "Show in searches")]
        public bool Active { get; set; } = true;

        public Guid Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        IsNew = id is null;
        if (id is null)
        {
            Input = new ServiceInput { HowToUse = ServiceDirectory.HowToUse.SignpostOnly };
            return Page();
        }

        var s = await LoadAsync(id.Value, ct);
        if (s is null)
        {
            return NotFound();
        }

        Input = new ServiceInput
        {
            Name = s.Name, ProviderOrganisationName = s.ProviderOrganisationName, Description = s.Description, Eligibility = s.Eligibility,
            HowToUse = s.HowToUse, Categories = [.. s.Categories.Select(c => c.Code)], Areas = DirectoryRules.FormatAreas(s.Nationwide, s.Areas.Select(a => a.District)),
            Phone = s.Phone, Email = s.Email, Website = s.Website, Address = s.Address, Active = s.Active, Version = s.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        IsNew = id is null;
        DirectoryService? service = null;
        if (id is not null)
        {
            service = await LoadAsync(id.Value, ct);
            if (service is null)
            {
                return NotFound();
            }
        }

        var categories = Input.Categories.Where(DirectoryRules.IsConcernCode).Distinct(StringComparer.Ordinal).ToList();
        if (categories.Count == 0)
        {
            ModelState.AddModelError("Input.Categories", "Select at least one concern the service helps with");
        }

        var areas = DirectoryRules.ParseAreas(Input.Areas);
        if (areas.Invalid.Count > 0)
        {
            ModelState.AddModelError("Input.Areas", areas.Nationwide
                ? "Enter either nationwide or postcode districts, not both"
                : $"These are not postcode districts or areas: {string.Join(", ", areas.Invalid)}. Use districts such as LS6, or areas such as LS");
        }
        else if (!areas.Nationwide && areas.Districts.Count == 0)
        {
            ModelState.AddModelError("Input.Areas", "Enter the postcode districts the service covers, or nationwide");
        }

        if (!string.IsNullOrWhiteSpace(Input.Email) && !DirectoryRules.IsEmail(Input.Email.Trim()))
        {
            ModelState.AddModelError("Input.Email", "Enter an email address in the correct format, like name@example.org");
        }

        if (!string.IsNullOrWhiteSpace(Input.Website) && !DirectoryRules.IsWebsite(Input.Website.Trim()))
        {
            ModelState.AddModelError("Input.Website", "Enter a web address starting https://");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var isNew = service is null;
        service ??= new DirectoryService { Name = "", ProviderOrganisationName = "", AddedByOrganisationId = user.OrganisationId };
        service.Name = Input.Name!.Trim();
        service.ProviderOrganisationName = Input.ProviderOrganisationName!.Trim();
        service.Description = Blank(Input.Description);
        service.Eligibility = Blank(Input.Eligibility);
        service.HowToUse = Input.HowToUse!.Value;
        service.Nationwide = areas.Nationwide;
        service.Phone = Blank(Input.Phone);
        service.Email = Blank(Input.Email);
        service.Website = Blank(Input.Website);
        service.Address = Blank(Input.Address);
        service.Active = Input.Active;
        service.UpdatedAt = clock.GetUtcNow();
        service.Categories.RemoveAll(c => !categories.Contains(c.Code, StringComparer.Ordinal));
        service.Categories.AddRange(categories.Where(c => !service.Categories.Any(x => x.Code == c)).Select(c => new DirectoryServiceCategory { ServiceId = service.Id, Code = c }));
        var areaRows = DirectoryRules.AreaRows(areas.Nationwide, areas.Districts);
        service.Areas.RemoveAll(a => !areaRows.Contains(a.District, StringComparer.Ordinal));
        service.Areas.AddRange(areaRows.Where(d => !service.Areas.Any(x => x.District == d)).Select(d => new DirectoryServiceArea { ServiceId = service.Id, District = d }));
        if (isNew)
        {
            db.Add(service);
        }
        else
        {
            db.Entry(service).Property(x => x.Version).OriginalValue = Input.Version;
            // Child-only changes must still renew the Version (and check it).
            db.Entry(service).State = EntityState.Modified;
        }

        audit.Record(isNew ? "directory.service.add" : "directory.service.change", "DirectoryService", service.Id);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", ConflictMessage);
            return Page();
        }

        TempData["Success"] = isNew ? $"{service.Name} added to the directory" : $"{service.Name} saved";
        return Redirect("/admin/directory");
    }

    private Task<DirectoryService?> LoadAsync(Guid id, CancellationToken ct) =>
        db.Set<DirectoryService>().Include(s => s.Categories).Include(s => s.Areas).AsSplitQuery().FirstOrDefaultAsync(s => s.Id == id, ct);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
