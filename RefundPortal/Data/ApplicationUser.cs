using Microsoft.AspNetCore.Identity;

namespace RefundPortal.Data;

public sealed class ApplicationUser : IdentityUser
{
    /// <summary>The name shown to the other party and used in emails.</summary>
    [PersonalData]
    public string DisplayName { get; set; } = "";
}
