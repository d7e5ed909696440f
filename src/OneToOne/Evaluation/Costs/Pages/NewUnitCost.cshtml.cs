using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Time;

namespace OneToOne.Evaluation.Costs.Pages;

/// <summary>Adds one rate for a role from a date; the role's previous rate ends the day before.</summary>
[Authorize(Policy = Policies.Admin)]
internal sealed class NewUnitCostModel(UnitCosts costs) : PageModel
{
    private static readonly Dictionary<string, string> FieldOf = new(StringComparer.Ordinal)
    {
        [UnitCostRules.RoleColumn] = "Input.StaffRole",
        [UnitCostRules.BandColumn] = "Input.Band",
        [UnitCostRules.CostColumn] = "Input.CostPerHour",
        [UnitCostRules.FromColumn] = "Input.EffectiveFrom",
        [UnitCostRules.SourceColumn] = "Input.Source",
    };

    [BindProperty]
    public RateForm Input { get; set; } = new();

    public List<SelectListItem> Roles { get; private set; } = [];

    public sealed class RateForm
    {
        [Display(Name = "Staff role")]
        public string? StaffRole { get; set; }

        [Display(Name = "Band (optional)")]
        public string? Band { get; set; }

        [Display(Name = "Cost per hour, in pounds")]
        public string? CostPerHour { get; set; }

        [Display(Name = "Takes effect from")]
        public DateOnly? EffectiveFrom { get; set; }

        [Display(Name = "Source (optional)")]
        public string? Source { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var roles = await LoadAsync(ct);
        var dateBound = ModelState.GetFieldValidationState("Input.EffectiveFrom") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid;
        var (rate, errors) = UnitCostRules.Check(Input.StaffRole, Input.Band, Input.CostPerHour,
            Input.EffectiveFrom is { } d ? UkTime.Iso(d) : null, Input.Source, roles);
        foreach (var e in errors.Where(e => dateBound || e.Field != UnitCostRules.FromColumn))
        {
            ModelState.AddModelError(FieldOf[e.Field], e.Message);
        }

        if (!ModelState.IsValid || rate is null)
        {
            return Page();
        }

        var result = await costs.AddAsync([(1, rate)], "unit-costs.add", ct);
        if (!result.Saved)
        {
            foreach (var e in result.Errors)
            {
                ModelState.AddModelError(FieldOf[e.Column], e.Message);
            }

            if (result.FileError is { } message)
            {
                ModelState.AddModelError("", message);
            }

            return Page();
        }

        TempData["Success"] = result.Closed > 0
            ? $"Rate for {rate.StaffRole} added; the previous rate now ends on {UkTime.Format(rate.EffectiveFrom.AddDays(-1))}"
            : $"Rate for {rate.StaffRole} added";
        return Redirect("/admin/unit-costs");
    }

    private async Task<List<string>> LoadAsync(CancellationToken ct)
    {
        var roles = await costs.RolesAsync(ct);
        Roles = [.. roles.Select(r => new SelectListItem(r, r))];
        return roles;
    }
}
