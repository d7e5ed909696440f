using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneToOne.Platform.Data;

namespace OneToOne.Platform.Auth;

/// <summary>Puts the organisation and staff record on the sign-in cookie, so tenancy needs no lookup per request.</summary>
internal sealed class StaffClaimsFactory(
    UserManager<StaffAccount> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options, OneToOneDb db)
    : UserClaimsPrincipalFactory<StaffAccount, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffAccount user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CurrentUser.OrganisationClaim, user.OrganisationId.ToString()));
        identity.AddClaim(new Claim(CurrentUser.DisplayNameClaim, user.DisplayName));
        var staffId = await db.Staff.IgnoreQueryFilters()
            .Where(s => s.AccountId == user.Id && s.OrganisationId == user.OrganisationId)
            .Select(s => (Guid?)s.Id).FirstOrDefaultAsync();
        if (staffId is not null)
        {
            identity.AddClaim(new Claim(CurrentUser.StaffClaim, staffId.Value.ToString()));
        }

        return identity;
    }
}
