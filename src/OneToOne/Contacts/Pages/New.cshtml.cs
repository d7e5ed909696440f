using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;
using OneToOne.Platform.Time;

namespace OneToOne.Contacts.Pages;

/// <summary>Log a contact in seconds: date, time, mode and duration are filled in (now, the worker's usual mode,
/// 30 minutes), so most contacts need only what it addressed and the outcome.</summary>
[Authorize(Policy = Policies.PersonRecords)]
internal sealed class NewModel(OneToOneDb db, ContactLog log, AuditTrail audit, TimeProvider clock) : PageModel
{
    public const int DefaultDuration = 30;

    [BindProperty(SupportsGet = true)]
    public Guid PersonId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public ContactForm Input { get; set; } = new();

    public Person Person { get; private set; } = null!;

    public bool HasStaffRecord { get; private set; }

    public string Back => ContactChoices.SafeReturnUrl(ReturnUrl, Url.IsLocalUrl);

    public sealed class ContactForm
    {
        [Display(Name = "Date of contact")]
        public DateOnly? Date { get; set; }

        [Display(Name = "Time")]
        public string? Time { get; set; }

        [Display(Name = "How did the contact happen?")]
        public string? Mode { get; set; }

        [Display(Name = "Duration in minutes")]
        public string? DurationMinutes { get; set; }

        [Display(Name = "What did it address?")]
        public List<string> Addressed { get; set; } = [];

        [Display(Name = "Outcome")]
        public string? Outcome { get; set; }

        [Display(Name = "Next contact date (optional)")]
        public DateOnly? NextContactOn { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var now = clock.GetUtcNow();
        Input.Date = UkTime.Today(clock);
        Input.Time = ContactRules.UkTimeOfDay(now);
        Input.DurationMinutes = DefaultDuration.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (await log.ActingStaffIdAsync(ct) is { } staffId)
        {
            Input.Mode = (await log.UsualModeAsync(staffId, ct)).ToString();
        }

        await audit.ViewedAsync("Person", Person.Id, Person.Id, ct, "log contact");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var input = new ContactInput
        {
            Date = Input.Date,
            Time = Input.Time,
            Mode = Input.Mode,
            DurationMinutes = Input.DurationMinutes,
            Addressed = Input.Addressed,
            Outcome = Input.Outcome,
            NextContactOn = Input.NextContactOn,
        };
        if (!ModelState.IsValid)
        {
            // A date that could not be read: report it with every other problem, and store nothing.
            PeopleChoices.AddTo(ModelState, ContactRules.Check(input, clock.GetUtcNow()).Errors, "Input.");
            return Page();
        }

        var (contact, errors) = await log.LogAsync(Person, input, ct);
        if (contact is null)
        {
            PeopleChoices.AddTo(ModelState, errors, "Input.");
            return Page();
        }

        TempData["Success"] = "Contact logged";
        return Redirect(Back);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == PersonId, ct);
        if (person is null)
        {
            return false;
        }

        Person = person;
        HasStaffRecord = await log.ActingStaffIdAsync(ct) is not null;
        return true;
    }
}
