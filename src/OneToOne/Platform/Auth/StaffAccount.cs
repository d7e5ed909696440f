using Microsoft.AspNetCore.Identity;

namespace OneToOne.Platform.Auth;

/// <summary>A sign-in account (ASP.NET Core Identity). Belongs to one organisation.</summary>
public sealed class StaffAccount : IdentityUser<Guid>
{
    public StaffAccount()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public Guid OrganisationId { get; set; }
    public string DisplayName { get; set; } = "";
}
