namespace RefundPortal.Components.Account;

/// <summary>Marker for AccountText.resx (and its translations): the account pages.</summary>
public sealed class AccountText;

/// <summary>
/// AccountText's validation words as static properties, the shape DataAnnotations asks for (ErrorMessageResourceType):
/// Blazor has no localizer for validation attributes, so they read the resources for the current UI culture here.
/// </summary>
public static class AccountValidation
{
    private static readonly System.Resources.ResourceManager Resources = new(typeof(AccountText));

    public static string Required => Get(nameof(Required));
    public static string InvalidEmail => Get(nameof(InvalidEmail));
    public static string Email => Get(nameof(Email));
    public static string Password => Get(nameof(Password));

    private static string Get(string key) => Resources.GetString(key, System.Globalization.CultureInfo.CurrentUICulture) ?? key;
}
