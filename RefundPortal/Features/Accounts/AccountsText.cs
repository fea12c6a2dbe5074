using System.Globalization;
using System.Resources;

namespace RefundPortal.Features.Accounts;

/// <summary>
/// The refusals of the accounts' services (AccountsText.resx and its translations), read for the current UI culture
/// through .NET's ResourceManager: they are thrown from records and attributes that have no localizer to inject.
/// </summary>
public static class AccountsText
{
    private static readonly ResourceManager Resources = new("RefundPortal.Features.Accounts.AccountsText", typeof(AccountsText).Assembly);

    public static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    public static string Format(string key, params object?[] arguments) => string.Format(CultureInfo.CurrentCulture, Get(key), arguments);
}
