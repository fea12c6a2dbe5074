using Microsoft.AspNetCore.Identity;

namespace RefundPortal.Data;

public sealed class ApplicationUser : IdentityUser
{
    public const int MaxExternalIdLength = 100;

    /// <summary>The name shown to the other party and used in emails.</summary>
    [PersonalData]
    public string DisplayName { get; set; } = "";

    /// <summary>The marketplace's own id of this person, for accounts the integration API created or linked; null otherwise.</summary>
    public string? ExternalId { get; set; }

    /// <summary>The time zone the person chose to read times in (an IANA id such as "Europe/Berlin"); null: the browser's.</summary>
    [PersonalData]
    public string? TimeZoneId { get; set; }

    /// <summary>The language the person chose in the app bar ("en", "zh-CN"); null: their browser's, until they choose.</summary>
    [PersonalData]
    public string? Language { get; set; }
}
