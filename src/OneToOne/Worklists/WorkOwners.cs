using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Worklists;

/// <summary>A team lead: a staff member whose account signs in as a team lead (or whose staff role does).</summary>
public sealed record TeamLead(Guid StaffId, Guid? TeamId, string DisplayName, string Email);

/// <summary>Who owns work that has no named owner, and who a breach goes up to. Each is one small query over the
/// organisation's staff and teams (the tenancy filter applies), so callers look them up once per save or pass.</summary>
public static class WorkOwners
{
    /// <summary>The organisation's triage queue: the active team with the most active registered practitioners
    /// (ties: by name). Null when the organisation has no active team.</summary>
    public static async Task<Guid?> TriageTeamAsync(OneToOneDb db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var teams = await db.Teams.Where(t => t.Active)
            .Select(t => new { t.Id, t.Name, Registered = db.Staff.Count(s => s.TeamId == t.Id && s.Active && s.Role!.Registered) })
            .AsNoTracking()
            .ToListAsync(ct);
        return teams.OrderByDescending(t => t.Registered).ThenBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Id)
            .Select(t => (Guid?)t.Id).FirstOrDefault();
    }

    /// <summary>Every active team lead of the organisation, by name. Leads come from the sign-in role (an account
    /// made a team lead by an administrator) or the staff role's sign-in role.</summary>
    public static async Task<IReadOnlyList<TeamLead>> TeamLeadsAsync(OneToOneDb db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var leadRole = Roles.TeamLead.ToUpperInvariant();
        var leadRoleIds = db.Roles.Where(r => r.NormalizedName == leadRole).Select(r => r.Id);
        return await db.Staff
            .Where(s => s.Active && (s.Role!.SignInRole == Roles.TeamLead
                || db.UserRoles.Any(ur => ur.UserId == s.AccountId && leadRoleIds.Contains(ur.RoleId))))
            .OrderBy(s => s.DisplayName).ThenBy(s => s.Id)
            .Select(s => new TeamLead(s.Id, s.TeamId, s.DisplayName, s.Email))
            .AsNoTracking()
            .ToListAsync(ct);
    }

    /// <summary>Who a breach of work held by <paramref name="ownerStaffId"/> (or queued for <paramref name="ownerTeamId"/>)
    /// goes up to: a lead of the owner's team other than the owner, else the owner if they lead it, else any lead in the
    /// organisation; null only when the organisation has no team lead at all.</summary>
    public static TeamLead? LeadFor(Guid? ownerTeamId, Guid? ownerStaffId, IReadOnlyList<TeamLead> leads)
    {
        ArgumentNullException.ThrowIfNull(leads);
        var ofTeam = ownerTeamId is { } team ? leads.Where(l => l.TeamId == team).ToList() : [];
        return ofTeam.FirstOrDefault(l => l.StaffId != ownerStaffId)
            ?? ofTeam.FirstOrDefault()
            ?? leads.FirstOrDefault(l => l.StaffId != ownerStaffId)
            ?? (leads.Count > 0 ? leads[0] : null);
    }
}
