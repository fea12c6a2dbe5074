using System.Globalization;
using System.Resources;

namespace RefundPortal.Features.Security;

/// <summary>
/// What the rate limits tell a person (SecurityText.resx and its translations), read for the current UI culture through
/// .NET's ResourceManager: the rejection page is written by middleware, the refusal thrown by a singleton.
/// </summary>
public static class SecurityText
{
    private static readonly ResourceManager Resources = new("RefundPortal.Features.Security.SecurityText", typeof(SecurityText).Assembly);

    public static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
