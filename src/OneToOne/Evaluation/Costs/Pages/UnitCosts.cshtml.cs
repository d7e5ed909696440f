using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Time;

namespace OneToOne.Evaluation.Costs.Pages;

/// <summary>The unit costs every partner's staff time is costed at: current and past rates, and the configured ratio of
/// non-contact to contact time (read-only here: it is configuration).</summary>
[Authorize(Policy = Policies.Admin)]
internal sealed class UnitCostsModel(UnitCosts costs, EvaluationOptions options, TimeProvider clock) : PageModel
{
    public List<UnitCost> Current { get; private set; } = [];
    public List<UnitCost> Past { get; private set; } = [];
    public List<UnitCost> Future { get; private set; } = [];
    public List<string> RolesWithoutRate { get; private set; } = [];
    public double Ratio => options.NonContactToContactRatio;
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = UkTime.Today(clock);
        var all = await costs.AllAsync(ct);
        var today = Today;
        Current = [.. all.Where(u => UnitCostRules.AppliesOn(u.EffectiveFrom, u.EffectiveTo, today)).OrderBy(u => u.StaffRole, StringComparer.Ordinal)];
        Future = [.. all.Where(u => u.EffectiveFrom > today).OrderBy(u => u.StaffRole, StringComparer.Ordinal).ThenBy(u => u.EffectiveFrom)];
        Past = [.. all.Where(u => u.EffectiveTo < today).OrderBy(u => u.StaffRole, StringComparer.Ordinal).ThenByDescending(u => u.EffectiveFrom)];
        var roles = await costs.RolesAsync(ct);
        RolesWithoutRate = [.. roles.Where(r => !Current.Any(c => c.StaffRole == r))];
    }
}
