using System.Globalization;
using System.Resources;

namespace RefundPortal.Features.Admin;

/// <summary>Marker for AdminText.resx (and its translations): "Users and Roles", "API Clients", "Webhooks".</summary>
public sealed class AdminText;

/// <summary>AdminText's words for code without a localizer (<see cref="UserAdmin"/>'s refusals), for the current UI culture.</summary>
internal static class AdminWords
{
    private static readonly ResourceManager Resources = new(typeof(AdminText));

    public static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    public static string Format(string key, params object?[] arguments) => string.Format(CultureInfo.CurrentCulture, Get(key), arguments);

    /// <summary>A role's name as the admin pages show it ("Seller", "卖家"); an unknown role as it is stored.</summary>
    public static string Role(string role) => Resources.GetString("Role_" + role, CultureInfo.CurrentUICulture) ?? role;
}
