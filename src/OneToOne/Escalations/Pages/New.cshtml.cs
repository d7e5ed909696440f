using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using OneToOne.Assessments;
using OneToOne.Contacts;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;

namespace OneToOne.Escalations.Pages;

/// <summary>Raise an escalation from the person's record, an assessment (its red flags fill the form in) or a contact.</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class NewModel(OneToOneDb db, EscalationActions actions, AuditTrail audit, TimeProvider clock) : PageModel
{
    private const string StaffPrefix = "staff:";
    private const string TeamPrefix = "team:";

    [BindProperty(SupportsGet = true)]
    public Guid? PersonId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? ResponseId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? ContactId { get; set; }

    [BindProperty]
    public RaiseForm Input { get; set; } = new();

    public Person Person { get; private set; } = null!;

    public EscalationSource Source { get; private set; }

    public AssessmentResponse? Assessment { get; private set; }

    public Contact? Contact { get; private set; }

    /// <summary>The escalation the assessment's red flags already raised by themselves, if any.</summary>
    public Escalation? Automatic { get; private set; }

    public IReadOnlyList<SelectListItem> SendToItems { get; private set; } = [];

    public sealed class RaiseForm
    {
        [Display(Name = "Reason for escalating")]
        public string? Reason { get; set; }

        [Display(Name = "Other reason")]
        public string? ReasonDetail { get; set; }

        [Display(Name = "What have you seen or heard?")]
        public string? Description { get; set; }

        [Display(Name = "How urgent is it?")]
        public string? Urgency { get; set; }

        [Display(Name = "Send it to")]
        public string? SendTo { get; set; }
    }

    public static IEnumerable<SelectListItem> ReasonItems() =>
        EscalationRules.Reasons.Select(r => new SelectListItem(r.Text, r.Value.ToString()));

    public IEnumerable<SelectListItem> UrgencyItems()
    {
        var now = clock.GetUtcNow();
        return Enum.GetValues<EscalationUrgency>().Select(u => new SelectListItem(
            $"{EscalationRules.Text(u, actions.Options)} (by {UkTime.Format(EscalationRules.DueAt(u, now, actions.Calendar, actions.Options))})", u.ToString()));
    }

    public string BackLink => Source switch
    {
        EscalationSource.Assessment => $"/assessments/{ResponseId}/summary",
        EscalationSource.Contact => $"/people/{Person.Id}/contacts",
        _ => $"/people/{Person.Id}",
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (Assessment is { Status: ResponseStatus.Submitted } r && (r.HasRedFlags || r.Flags.Count > 0))
        {
            var items = (r.HasRedFlags ? r.RedFlags : r.Flags).Select(c => c == AssessmentScorer.DistressFlag ? "distress" : ConcernCatalogue.ItemText(c));
            Input.Reason = (r.HasRedFlags ? EscalationReason.RedFlagSymptom : EscalationReason.HighDistress).ToString();
            Input.Urgency = r.HasRedFlags ? nameof(EscalationUrgency.SameDay) : null;
            Input.Description = $"The assessment submitted {UkTime.Format(r.SubmittedAt)} {(r.HasRedFlags ? "reported red flags" : "flagged")}: {string.Join("; ", items)}.";
        }

        await audit.ViewedAsync("Person", Person.Id, Person.Id, ct, "raise escalation");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Guid? practitioner = null;
        Guid? team = null;
        var sendTo = Input.SendTo?.Trim() ?? "";
        if (sendTo.StartsWith(StaffPrefix, StringComparison.Ordinal) && Guid.TryParse(sendTo[StaffPrefix.Length..], out var s))
        {
            practitioner = s;
        }
        else if (sendTo.StartsWith(TeamPrefix, StringComparison.Ordinal) && Guid.TryParse(sendTo[TeamPrefix.Length..], out var t))
        {
            team = t;
        }

        var input = new RaiseInput(Input.Reason, Input.ReasonDetail, Input.Description, Input.Urgency, practitioner, team);
        var sourceId = Source switch
        {
            EscalationSource.Assessment => ResponseId,
            EscalationSource.Contact => ContactId,
            _ => null,
        };
        var (escalation, errors) = await actions.RaiseAsync(Person, Source, sourceId, input, ct);
        if (escalation is null)
        {
            // The owner is one field on this form: a practitioner or a team's queue.
            PeopleChoices.AddTo(ModelState, errors.Select(e => e.Field is nameof(RaiseInput.PractitionerId) or nameof(RaiseInput.TeamId)
                ? e with { Field = nameof(RaiseForm.SendTo) }
                : e), "Input.");
            return Page();
        }

        var view = await actions.ViewAsync(escalation.Id, ct);
        TempData["Success"] = $"Escalation sent to {view!.SentTo}, to be answered by {UkTime.Format(escalation.DueAt)}";
        return Redirect(EscalationStaging.Link(escalation.Id));
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Guid personId;
        if (ResponseId is { } responseId)
        {
            Assessment = await db.Set<AssessmentResponse>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == responseId, ct);
            if (Assessment is null || (PersonId is { } p && p != Assessment.PersonId))
            {
                return false;
            }

            Source = EscalationSource.Assessment;
            personId = Assessment.PersonId;
            Automatic = await db.Set<Escalation>().AsNoTracking().FirstOrDefaultAsync(e => e.AutomaticForResponseId == responseId, ct);
        }
        else if (ContactId is { } contactId)
        {
            Contact = await db.Set<Contact>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == contactId, ct);
            if (Contact is null || (PersonId is { } p && p != Contact.PersonId))
            {
                return false;
            }

            Source = EscalationSource.Contact;
            personId = Contact.PersonId;
        }
        else if (PersonId is { } p)
        {
            Source = EscalationSource.Record;
            personId = p;
        }
        else
        {
            return false;
        }

        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(x => x.Id == personId, ct);
        if (person is null)
        {
            return false;
        }

        Person = person;
        PersonId = person.Id;
        var teams = await actions.TeamsAsync(ct);
        var practitioners = await actions.PractitionersAsync(ct);
        SendToItems =
        [
            .. teams.Select(t => new SelectListItem($"{t.Name}: the team's queue (any registered practitioner)", TeamPrefix + t.Id)),
            .. practitioners.Select(p => new SelectListItem($"{p.Name} ({p.RoleName})", StaffPrefix + p.Id)),
        ];
        return true;
    }
}
