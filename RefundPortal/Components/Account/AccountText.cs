using System.Globalization;
using System.Resources;
using Microsoft.Extensions.Localization;
using RefundPortal.Features.Languages;

namespace RefundPortal.Components.Account;

/// <summary>Marker for AccountText.resx (and its translations): the account pages.</summary>
public sealed class AccountText
{
    private static readonly ResourceManager Resources = new(typeof(AccountText));

    /// <summary>
    /// The "Error: " that starts the account pages' error messages, in each language (a status message left in a cookie
    /// was written in the language of the page that set it).
    /// </summary>
    public static IEnumerable<string> ErrorPrefixes =>
        Languages.Cultures.Select(c => string.Format(c, Resources.GetString("Error", c) ?? "Error: {0}", "")).Distinct();

    internal static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}

/// <summary>
/// AccountText's validation words as static properties, the shape DataAnnotations asks for (ErrorMessageResourceType):
/// Blazor has no localizer for validation attributes, so they read the resources for the current UI culture here.
/// </summary>
public static class AccountValidation
{
    public static string Required => AccountText.Get(nameof(Required));
    public static string InvalidEmail => AccountText.Get(nameof(InvalidEmail));
    public static string PasswordLength => AccountText.Get(nameof(PasswordLength));
    public static string PasswordsDiffer => AccountText.Get(nameof(PasswordsDiffer));
    public static string AuthenticatorDigits => AccountText.Get(nameof(AuthenticatorDigits));
    public static string DisplayNameRequired => AccountText.Get(nameof(DisplayNameRequired));
    public static string DisplayNameLength => AccountText.Get(nameof(DisplayNameLength));
    public static string MaxLength => AccountText.Get(nameof(MaxLength));

    // Field names, for the messages that name their field ("The Email field is required.").
    public static string Email => AccountText.Get(nameof(Email));
    public static string Password => AccountText.Get(nameof(Password));
    public static string ConfirmPassword => AccountText.Get(nameof(ConfirmPassword));
    public static string CurrentPassword => AccountText.Get(nameof(CurrentPassword));
    public static string NewPassword => AccountText.Get(nameof(NewPassword));
    public static string ConfirmNewPassword => AccountText.Get(nameof(ConfirmNewPassword));
    public static string NewEmail => AccountText.Get(nameof(NewEmail));
    public static string Code => AccountText.Get(nameof(Code));
    public static string Name => AccountText.Get(nameof(Name));
    public static string AuthenticatorCode => AccountText.Get(nameof(AuthenticatorCode));
    public static string RememberThisMachine => AccountText.Get(nameof(RememberThisMachine));
    public static string RecoveryCode => AccountText.Get(nameof(RecoveryCode));
    public static string VerificationCode => AccountText.Get(nameof(VerificationCode));
    public static string DisplayName => AccountText.Get(nameof(DisplayName));
    public static string PhoneNumber => AccountText.Get(nameof(PhoneNumber));
}

/// <summary>Sentences of the account pages with a link or an emphasis inside.</summary>
public static class AccountSentences
{
    /// <summary>The text before and after a sentence's <c>{0}</c>, where the page puts a link or a bold name.</summary>
    public static (string Before, string After) Around(this LocalizedString sentence)
    {
        var at = sentence.Value.IndexOf("{0}", StringComparison.Ordinal);
        return at < 0 ? (sentence.Value, "") : (sentence.Value[..at], sentence.Value[(at + 3)..]);
    }
}
