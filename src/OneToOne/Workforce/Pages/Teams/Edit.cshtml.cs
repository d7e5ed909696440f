using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Admin;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Workforce.Pages.Teams;

/// <summary>Adds or changes a team of the administrator's organisation; another organisation's team is a 404.</summary>
[Authorize(Policy = Policies.Admin)]
internal sealed class EditModel(OneToOneDb db, AuditTrail audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public TeamInput Input { get; set; } = new();

    public bool IsNew => Id is null;

    public sealed class TeamInput
    {
        [Required(ErrorMessage = "Enter the team's name")]
        [StringLength(200, ErrorMessage = "Name must be 200 characters or fewer")]
        [Display(Name = "Name")]
        public string? Name { get; set; }

        [StringLength(1000, ErrorMessage = "Description must be 1000 characters or fewer")]
        [Display(Name = "Description (optional)")]
        public string? Description { get; set; }

        [Display(Name = "Active")]
        public bool Active { get; set; } = true;

        public Guid Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var t = await db.Teams.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (t is null)
            {
                return NotFound();
            }

            Input = new TeamInput { Name = t.Name, Description = t.Description, Active = t.Active, Version = t.Version };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Team? team = null;
        if (Id is { } id)
        {
            team = await db.Teams.FirstOrDefaultAsync(x => x.Id == id, ct);
            if (team is null)
            {
                return NotFound();
            }
        }

        var name = Input.Name?.Trim() ?? "";
        if (ModelState.IsValid && (await db.Teams.Where(t => t.Id != Id).Select(t => t.Name).ToListAsync(ct)).Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            ModelState.AddModelError("Input.Name", "Your organisation already has a team called " + name);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var action = "team.update";
        if (team is null)
        {
            team = new Team { Name = "" };
            db.Teams.Add(team);
            action = "team.create";
        }
        else
        {
            db.Entry(team).Property(x => x.Version).OriginalValue = Input.Version;
        }

        team.Name = name;
        team.Description = string.IsNullOrWhiteSpace(Input.Description) ? null : Input.Description.Trim();
        team.Active = Input.Active;
        audit.Record(action, "Team", team.Id, detail: team.Active ? "active" : "inactive");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", AdminText.Conflict);
            return Page();
        }

        TempData["Success"] = action == "team.create" ? "Team added" : "Team updated";
        return Redirect("/admin/teams");
    }
}
