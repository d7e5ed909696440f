using OneToOne.People;
using OneToOne.Platform.Audit;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Referrals;

/// <summary>Changes to a referral after intake: triage, level changes, first contact (discharge: see Discharges). Shared by
/// the pages and the API; each writes its audit event and saves with the caller's Version (a conflict throws
/// DbUpdateConcurrencyException: a form error on pages, 409 from the API).</summary>
internal sealed class ReferralActions(OneToOneDb db, AuditTrail audit, CurrentUser user, TimeProvider clock)
{
    public async Task<IReadOnlyList<FieldError>> TriageAsync(Referral referral, TriageRequest request, Guid? version, CancellationToken ct)
    {
        var suggestion = ReferralRules.Suggest(referral);
        var errors = TriageRules.Check(referral.Status, referral.Level, suggestion.Level, request);
        if (errors.Count > 0)
        {
            return errors;
        }

        UseVersion(referral, version);
        var now = clock.GetUtcNow();
        var reason = request.Reason!.Trim();
        var decision = new TriageDecision
        {
            ReferralId = referral.Id,
            SuggestedLevel = suggestion.Level,
            SuggestionReasons = [.. suggestion.Reasons],
            Reason = reason,
            DecidedById = user.StaffMemberId ?? user.UserId ?? Guid.Empty,
            DecidedByName = user.Name,
            DecidedAt = now,
        };
        string action;
        if (TriageRules.IsDecision(referral.Status))
        {
            referral.TriagedAt = now;
            referral.OutcomeReason = reason;
            switch (request.Decision)
            {
                case TriageChoice.Accept:
                    referral.Status = ReferralStatus.Accepted;
                    referral.Level = request.Level;
                    break;
                case TriageChoice.Decline:
                    referral.Status = ReferralStatus.Declined;
                    referral.Level = null;
                    break;
                default:
                    referral.Status = ReferralStatus.Redirected;
                    referral.Level = null;
                    referral.RedirectedTo = request.RedirectedTo!.Trim();
                    break;
            }

            action = "referral.triage";
        }
        else
        {
            referral.Level = request.Level;
            action = "referral.level-change";
        }

        decision.Outcome = referral.Status;
        decision.Level = referral.Level;
        db.TriageDecisions.Add(decision);
        audit.Record(action, "Referral", referral.Id, referral.PersonId,
            $"{referral.Status}; level {referral.Level?.ToString() ?? "none"}; suggested {suggestion.Level}");
        await db.SaveChangesAsync(ct);
        return [];
    }

    public static bool CanRecordFirstContact(Referral r, CurrentUser u) =>
        r.Status == ReferralStatus.Allocated && IsKeyWorkerOrClinicalLead(r, u);

    public static bool CanDischarge(Referral r, CurrentUser u) =>
        r.Status is ReferralStatus.Allocated or ReferralStatus.Active && IsKeyWorkerOrClinicalLead(r, u);

    private static bool IsKeyWorkerOrClinicalLead(Referral r, CurrentUser u) =>
        u.IsAnyRole(Roles.RegisteredPractitioner, Roles.TeamLead)
        || (u.StaffMemberId is { } staff && staff == r.KeyWorkerId);

    public async Task<string?> RecordFirstContactAsync(Referral referral, Guid? version, CancellationToken ct)
    {
        if (!CanRecordFirstContact(referral, user))
        {
            return "First contact can only be recorded for an allocated referral, by its key worker, a registered practitioner or a team lead";
        }

        UseVersion(referral, version);
        referral.Status = ReferralStatus.Active;
        referral.ActivatedAt = clock.GetUtcNow();
        audit.Record("referral.first-contact", "Referral", referral.Id, referral.PersonId);
        await db.SaveChangesAsync(ct);
        return null;
    }

    private void UseVersion(Referral referral, Guid? version)
    {
        if (version is { } v)
        {
            db.Entry(referral).Property(x => x.Version).OriginalValue = v;
        }
    }
}
