using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;
using OneToOne.ServiceDirectory;
using OneToOne.Supervision;

namespace OneToOne.CarePlans.Pages;

/// <summary>The person's care and support plan: build it from the latest assessment, then edit goals, action
/// statuses, self-management information and how to get back to the team. The form carries the plan's Version.
/// An action done by a directory service offers a referral to it (or, for a signpost-only service, its contact
/// details), then shows where that referral is in its closed loop.</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class PlanModel(OneToOneDb db, CarePlanner planner, AuditTrail audit, TimeProvider clock, SignOffs signOffs) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid PersonId { get; set; }

    [BindProperty]
    public Guid Version { get; set; }

    [BindProperty]
    public PlanForm Input { get; set; } = new();

    public Person Person { get; private set; } = null!;

    public PlanView? View { get; private set; }

    public bool HasSubmittedAssessment { get; private set; }

    /// <summary>The request for sign-off of this plan (it has a clinical action), while it waits.</summary>
    public SignOffRequest? PendingSignOff { get; private set; }

    /// <summary>The directory service of each action a service does, with the action's latest referral.</summary>
    public IReadOnlyDictionary<Guid, ServiceAction> ServiceActions { get; private set; } = new Dictionary<Guid, ServiceAction>();

    public sealed record ServiceAction(DirectoryService Service, ServiceReferral? Latest, bool Overdue)
    {
        /// <summary>A referral can be sent when the service takes them and none from this action is open.</summary>
        public bool CanRefer => Service is { Active: true, HowToUse: HowToUse.Referral }
            && Latest?.Status is null or ServiceReferralStatus.Declined or ServiceReferralStatus.Withdrawn;
    }

    public sealed class ConcernEdit
    {
        public Guid Id { get; set; }
        public string? Goal { get; set; }
    }

    public sealed class ActionEdit
    {
        public Guid Id { get; set; }
        public ActionStatus Status { get; set; }
    }

    public sealed class PlanForm
    {
        // Lists of id + value rather than dictionaries keyed by id: names such as Input.Concerns[0].Goal bind without
        // relying on ids in field names.
        public List<ConcernEdit> Concerns { get; set; } = [];
        public List<ActionEdit> Actions { get; set; } = [];
        public string? SelfManagementInfo { get; set; }
        public string? ContactInHours { get; set; }
        public string? ContactOutOfHours { get; set; }
        public DateOnly? ReviewDueOn { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (View is { } v)
        {
            Version = v.Plan.Version;
            Input = new PlanForm
            {
                Concerns = [.. v.Concerns.Select(c => new ConcernEdit { Id = c.Id, Goal = c.Goal })],
                Actions = [.. v.Actions.Select(a => new ActionEdit { Id = a.Id, Status = a.Status })],
                SelfManagementInfo = v.Plan.SelfManagementInfo,
                ContactInHours = v.Plan.ContactInHours,
                ContactOutOfHours = v.Plan.ContactOutOfHours,
                ReviewDueOn = v.Plan.ReviewDueOn,
            };
        }

        await audit.ViewedAsync("Person", Person.Id, Person.Id, ct, "care plan");
        return Page();
    }

    /// <summary>Creates the plan from the latest submitted assessment.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        ModelState.Clear();
        var (plan, error) = await planner.CreateFromAssessmentAsync(Person, ct);
        if (plan is null)
        {
            ModelState.AddModelError("", error!);
            return Page();
        }

        TempData["Success"] = "Care plan started from the assessment";
        return RedirectToPage(new { PersonId });
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || View is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var change = await planner.EditAsync(View.Plan, Version, new CarePlanner.PlanEdit(
                Input.Concerns.DistinctBy(c => c.Id).ToDictionary(c => c.Id, c => c.Goal), Input.SelfManagementInfo, Input.ContactInHours,
                Input.ContactOutOfHours, Input.ReviewDueOn, Input.Actions.DistinctBy(a => a.Id).ToDictionary(a => a.Id, a => a.Status)), ct);
            if (!change.Done)
            {
                // The planner names a goal by concern id; the form names it by position.
                PlanPages.AddErrors(ModelState, change.Errors.Select(e => e.Field.StartsWith("Goals[", StringComparison.Ordinal)
                    ? e with { Field = $"Concerns[{Input.Concerns.FindIndex(c => $"Goals[{c.Id}]" == e.Field)}].Goal" } : e), "Input.");
                await LoadAsync(ct);
                return Page();
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", Concurrency.ConflictMessage);
            db.ChangeTracker.Clear();
            await LoadAsync(ct);
            return Page();
        }

        TempData["Success"] = "Care plan saved";
        return RedirectToPage(new { PersonId });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == PersonId, ct);
        if (person is null)
        {
            return false;
        }

        Person = person;
        var plan = await planner.CurrentPlanAsync(person.Id, ct);
        View = plan is null ? null : await planner.ViewAsync(plan, ct);
        HasSubmittedAssessment = plan is null && await db.Set<Assessments.AssessmentResponse>()
            .AnyAsync(r => r.PersonId == person.Id && r.Status == Assessments.ResponseStatus.Submitted
                && r.InstrumentCode == Assessments.AssessmentDefaults.HnaCode, ct);
        ServiceActions = View is null ? new Dictionary<Guid, ServiceAction>() : await ServiceActionsAsync(person.Id, View, ct);
        PendingSignOff = plan is null ? null : await signOffs.PendingAsync(SignOffKinds.ClinicalPlanAction, plan.Id, ct);
        return true;
    }

    private async Task<Dictionary<Guid, ServiceAction>> ServiceActionsAsync(Guid personId, PlanView view, CancellationToken ct)
    {
        var byService = view.Actions.Where(a => a is { OwnerKind: ActionOwnerKind.Service, ServiceId: not null }).ToList();
        if (byService.Count == 0)
        {
            return [];
        }

        var serviceIds = byService.Select(a => a.ServiceId!.Value).Distinct().ToList();
        var services = await db.Set<DirectoryService>().AsNoTracking().Where(s => serviceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        // A person has a handful of referrals to services: read them all by the (OrganisationId, PersonId, SentAt) index.
        var latest = (await db.Set<ServiceReferral>().AsNoTracking().Where(r => r.PersonId == personId && r.CarePlanActionId != null)
                .OrderByDescending(r => r.SentAt).ToListAsync(ct))
            .GroupBy(r => r.CarePlanActionId!.Value).ToDictionary(g => g.Key, g => g.First());
        var today = UkTime.Today(clock);
        var result = new Dictionary<Guid, ServiceAction>();
        foreach (var a in byService)
        {
            if (services.TryGetValue(a.ServiceId!.Value, out var service))
            {
                var referral = latest.GetValueOrDefault(a.Id);
                result[a.Id] = new ServiceAction(service, referral,
                    referral is not null && DirectoryRules.IsOverdue(referral.Status, referral.ResponseDueOn, today));
            }
        }

        return result;
    }
}
